import { Tag, Tooltip } from 'antd';
import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  ExclamationCircleOutlined,
  FieldTimeOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  PROCEDURES,
  type ApplicationStatus,
  type Licence,
  type Procedure,
  type ProcedureCode,
} from '@sievert/core';
import type { Language } from '../../app/i18n';
import { useFormat } from '../../app/i18n/format';

export function procedureOf(code: ProcedureCode): Procedure | undefined {
  return PROCEDURES.find((procedure) => procedure.code === code);
}

/** The procedure's official name (procedures.json) in the user's language. */
export function procedureName(code: ProcedureCode, language: Language): string {
  return procedureOf(code)?.name[language] ?? code;
}

const STATUS_COLOURS: Record<ApplicationStatus, string> = {
  draft: 'default',
  submitted: 'blue',
  returned: 'orange',
  in_appraisal: 'geekblue',
  awaiting_decision: 'purple',
  approved: 'green',
  refused: 'red',
  withdrawn: 'default',
};

export function ApplicationStatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={STATUS_COLOURS[status]}
      style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
      data-testid="application-status"
      data-status={status}
    >
      {t(`licensing.statuses.${status}`)}
    </Tag>
  );
}

/**
 * The statutory clock in working days while the dossier is with the Department: green with time to spare,
 * orange from three days left, red once late. Nothing when the clock is not running.
 */
export function WorkingDaysBadge({ days, dueOn }: { days: number | null; dueOn?: string | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (days === null) return null;
  const colour = days < 0 ? 'red' : days <= 3 ? 'orange' : 'green';
  const text =
    days < 0
      ? t('licensing.clock.late', { days: -days })
      : days === 0
        ? t('licensing.clock.today')
        : t('licensing.clock.left', { days });
  return (
    <Tooltip title={dueOn ? t('licensing.clock.dueOn', { date: format.date(dueOn) }) : undefined}>
      <Tag
        color={colour}
        variant={days <= 3 ? 'solid' : 'filled'}
        icon={days < 0 ? <ExclamationCircleOutlined /> : <FieldTimeOutlined />}
        style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
        data-testid="application-countdown"
        data-days={days}
      >
        {text}
      </Tag>
    </Tooltip>
  );
}

export function LicenceStatusTag({ status }: { status: Licence['status'] }) {
  const { t } = useTranslation();
  const colour = status === 'valid' ? 'green' : status === 'expired' ? 'red' : 'default';
  const icon =
    status === 'valid' ? (
      <CheckCircleOutlined />
    ) : status === 'expired' ? (
      <ClockCircleOutlined />
    ) : (
      <CloseCircleOutlined />
    );
  return (
    <Tag
      color={colour}
      icon={icon}
      style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
      data-testid="licence-status"
      data-status={status}
    >
      {t(`licensing.licenceStatuses.${status}`)}
    </Tag>
  );
}

/** The 90/30-day reminders before expiry, and expiry itself. */
export function ReminderTag({ licence }: { licence: Pick<Licence, 'reminder' | 'daysToExpiry'> }) {
  const { t } = useTranslation();
  if (!licence.reminder) return null;
  if (licence.reminder === 'expired')
    return (
      <Tag
        color="red"
        variant="solid"
        style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
        data-testid="licence-reminder"
      >
        {t('licensing.reminders.expired', { days: -(licence.daysToExpiry ?? 0) })}
      </Tag>
    );
  return (
    <Tag
      color={licence.reminder === 'due_30' ? 'orange' : 'gold'}
      variant={licence.reminder === 'due_30' ? 'solid' : 'filled'}
      icon={<ClockCircleOutlined />}
      style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
      data-testid="licence-reminder"
    >
      {t('licensing.reminders.due', { days: licence.daysToExpiry ?? 0 })}
    </Tag>
  );
}
