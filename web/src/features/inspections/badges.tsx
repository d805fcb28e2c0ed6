import { Tag, Tooltip } from 'antd';
import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  ExclamationCircleOutlined,
  FieldTimeOutlined,
  SyncOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Finding, FindingStatus, Inspection, InspectionStatus } from '@sievert/core';
import { useFormat } from '../../app/i18n/format';
import { useUser } from '../auth/users/api';
import { daysBetween, provinceToday } from '../registry/format';

type Severity = Finding['severity'];
export type ChecklistEntry = Inspection['checklist'][number];

const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

/** The most serious finding not yet verified as corrected, or null when none is left. */
export function highestOpenSeverity(findings: readonly Finding[]): Severity | null {
  let best: Severity | null = null;
  for (const finding of findings) {
    if (finding.status === 'verified') continue;
    if (best === null || SEVERITY_RANK[finding.severity] > SEVERITY_RANK[best]) best = finding.severity;
  }
  return best;
}

const STATUS_COLOURS: Record<InspectionStatus, string> = {
  planned: 'blue',
  in_progress: 'geekblue',
  completed: 'gold',
  closed: 'green',
  cancelled: 'default',
};

export function InspectionStatusTag({ status }: { status: InspectionStatus }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={STATUS_COLOURS[status]}
      icon={
        status === 'in_progress' ? (
          <SyncOutlined />
        ) : status === 'closed' ? (
          <CheckCircleOutlined />
        ) : status === 'planned' ? (
          <ClockCircleOutlined />
        ) : undefined
      }
      style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
      data-testid="inspection-status"
      data-status={status}
    >
      {t(`inspections.statuses.${status}`)}
    </Tag>
  );
}

const SEVERITY_COLOURS: Record<Severity, string> = {
  low: 'green',
  medium: 'gold',
  high: 'orange',
  critical: 'red',
};

export function SeverityTag({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`inspections.severityHints.${severity}`)}>
      <Tag
        color={SEVERITY_COLOURS[severity]}
        variant={severity === 'critical' || severity === 'high' ? 'solid' : 'filled'}
        icon={severity === 'critical' ? <WarningOutlined /> : undefined}
        style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
        data-testid="finding-severity"
        data-severity={severity}
      >
        {t(`inspections.severities.${severity}`)}
      </Tag>
    </Tooltip>
  );
}

const FINDING_STATUS_COLOURS: Record<FindingStatus, string> = {
  open: 'orange',
  done: 'blue',
  verified: 'green',
};

export function FindingStatusTag({ status }: { status: FindingStatus }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={FINDING_STATUS_COLOURS[status]}
      icon={status === 'verified' ? <CheckCircleOutlined /> : undefined}
      style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
      data-testid="finding-status"
      data-status={status}
    >
      {t(`inspections.findingStatuses.${status}`)}
    </Tag>
  );
}

/**
 * The time left to correct a finding that is still open: "còn N ngày", orange in the last week, red once the
 * due date has passed (the server's `overdue` flag decides). Nothing once the facility has reported.
 */
export function DueBadge({ finding }: { finding: Pick<Finding, 'dueOn' | 'status' | 'overdue'> }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (finding.status !== 'open' || !finding.dueOn) return null;
  const days = daysBetween(provinceToday(), finding.dueOn);
  const overdue = finding.overdue || days < 0;
  const text = overdue
    ? t('inspections.due.overdue', { days: Math.max(1, -days) })
    : days === 0
      ? t('inspections.due.today')
      : t('inspections.due.left', { days });
  return (
    <Tooltip title={t('inspections.due.dueOn', { date: format.date(finding.dueOn) })}>
      <Tag
        color={overdue ? 'red' : days <= 7 ? 'orange' : 'green'}
        variant={overdue || days <= 7 ? 'solid' : 'filled'}
        icon={overdue ? <ExclamationCircleOutlined /> : <FieldTimeOutlined />}
        style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
        data-testid="finding-due"
        data-days={overdue ? -Math.max(1, -days) : days}
      >
        {text}
      </Tag>
    </Tooltip>
  );
}

const RESULT_COLOURS: Record<ChecklistEntry['result'], string> = {
  ok: 'green',
  finding: 'red',
  na: 'default',
};

export function ChecklistResultTag({ result }: { result: ChecklistEntry['result'] }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={RESULT_COLOURS[result]}
      style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
      data-testid="checklist-result"
      data-result={result}
    >
      {t(`inspections.checklist.results.${result}`)}
    </Tag>
  );
}

/** An inspector's name; only asked for when the user may read the Department's accounts. */
export function PersonName({ id }: { id: number }) {
  const { t } = useTranslation();
  const user = useUser(id);
  if (user.data) return <span data-testid={`person-${id}`}>{user.data.displayName}</span>;
  if (user.isError) return <span className="muted">{t('inspections.team.unknownPerson', { id })}</span>;
  return <span className="muted">…</span>;
}
