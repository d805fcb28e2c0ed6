import { Tag, Tooltip } from 'antd';
import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  ExperimentOutlined,
  FireOutlined,
  SyncOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Clock, IncidentSeverity, IncidentState, TaskStatus } from '@sievert/core';
import { useFormat } from '../../app/i18n/format';
import { useNow } from '../../ui/useNow';
import { formatCountdown, liveClockState, secondsUntil } from './model';

const STATE_COLOURS: Record<IncidentState, string> = {
  reported: 'volcano',
  assessed: 'gold',
  response: 'red',
  recovery: 'blue',
  closed: 'green',
};

export function IncidentStateTag({ state, testId }: { state: IncidentState; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={STATE_COLOURS[state]}
      icon={
        state === 'response' ? <FireOutlined /> : state === 'closed' ? <CheckCircleOutlined /> : undefined
      }
      style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
      data-testid={testId}
      data-state={state}
    >
      {t(`incidents.states.${state}`)}
    </Tag>
  );
}

const SEVERITY_COLOURS: Record<IncidentSeverity, string> = {
  low: 'green',
  moderate: 'gold',
  high: 'volcano',
  critical: 'red',
};

export function IncidentSeverityTag({ severity }: { severity: IncidentSeverity }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={SEVERITY_COLOURS[severity]}
      style={{
        marginInlineEnd: 0,
        whiteSpace: 'nowrap',
        fontWeight: severity === 'critical' ? 600 : undefined,
      }}
      data-testid="incident-severity"
      data-severity={severity}
    >
      {t(`incidents.severities.${severity}`)}
    </Tag>
  );
}

/** INES levels as keys of the translations (`l0` … `l7`). */
const INES_KEYS = ['l0', 'l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'l7'] as const;

export function useInesName(): (level: number) => string {
  const { t } = useTranslation();
  return (level) => {
    const key = INES_KEYS[level];
    return key ? t(`incidents.inesLevels.${key}`) : String(level);
  };
}

/** "INES 2", with the level's name on hover. */
export function InesTag({ level }: { level: number }) {
  const { t } = useTranslation();
  const name = useInesName();
  return (
    <Tooltip title={name(level)}>
      <Tag style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }} data-testid="incident-ines" data-ines={level}>
        {t('incidents.ines', { level })}
      </Tag>
    </Tooltip>
  );
}

/** The small label every row and title of an exercise carries. */
export function ExerciseTag() {
  const { t } = useTranslation();
  return (
    <Tag
      color="purple"
      variant="solid"
      icon={<ExperimentOutlined />}
      style={{ marginInlineEnd: 0, whiteSpace: 'nowrap', fontWeight: 600 }}
      data-testid="incident-exercise-tag"
    >
      {t('incidents.exercise.tag')}
    </Tag>
  );
}

/** The band across the top of every page of an exercise: nobody may take it for a real incident. */
export function ExerciseBanner() {
  const { t } = useTranslation();
  return (
    <div className="incident-exercise-banner" role="note" data-testid="incident-exercise-banner">
      <ExperimentOutlined aria-hidden />
      <div>
        <div className="incident-exercise-banner-title">{t('incidents.exercise.banner')}</div>
        <div className="incident-exercise-banner-text">{t('incidents.exercise.bannerText')}</div>
      </div>
    </div>
  );
}

const TASK_COLOURS: Record<TaskStatus, string> = {
  assigned: 'orange',
  acknowledged: 'blue',
  in_progress: 'geekblue',
  done: 'green',
  cancelled: 'default',
};

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={TASK_COLOURS[status]}
      icon={
        status === 'in_progress' ? <SyncOutlined /> : status === 'assigned' ? <WarningOutlined /> : undefined
      }
      style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
      data-status={status}
    >
      {t(`incidents.tasks.statuses.${status}`)}
    </Tag>
  );
}

/**
 * A live countdown to a deadline, ticking each second in the browser: "còn 07:59:59", red "quá hạn 00:00:12"
 * once passed, green "đã thực hiện" when met.
 */
export function Countdown({
  dueAt,
  state,
  metAt,
  compact,
}: {
  dueAt: string;
  state: Clock['state'];
  metAt?: string | null;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow(1000);
  const live = liveClockState({ state, dueAt }, now);
  if (live === 'met')
    return (
      <span className="incident-countdown incident-countdown-met" data-state="met">
        <CheckCircleOutlined />{' '}
        {metAt ? t('incidents.clocks.metAt', { time: format.dateTime(metAt) }) : t('incidents.clocks.met')}
      </span>
    );
  const remaining = secondsUntil(dueAt, now);
  const text = formatCountdown(remaining, (days) => t('incidents.clocks.days', { count: days }));
  return (
    <Tooltip title={t('incidents.clocks.dueAt', { time: format.dateTime(dueAt) })}>
      <span className={`incident-countdown incident-countdown-${live}`} data-state={live}>
        {live === 'overdue' ? <WarningOutlined /> : <ClockCircleOutlined />}{' '}
        {compact
          ? live === 'overdue'
            ? `−${text}`
            : text
          : live === 'overdue'
            ? t('incidents.clocks.overdueBy', { time: text })
            : t('incidents.clocks.left', { time: text })}
      </span>
    </Tooltip>
  );
}
