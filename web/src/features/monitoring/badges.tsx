import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StationStatus } from '@sievert/core';

const STATUS_COLOURS: Record<StationStatus, string> = {
  operating: 'green',
  maintenance: 'orange',
  defective: 'red',
  test: 'blue',
};

export function StationStatusTag({ status }: { status: StationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={STATUS_COLOURS[status]}
      style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
      data-testid="station-status"
      data-status={status}
    >
      {t(`monitoring.statuses.${status}`)}
    </Tag>
  );
}

/** "10 phút" when the interval is whole minutes, else "30 giây". */
export function useIntervalText(): (seconds: number) => string {
  const { t } = useTranslation();
  return (seconds) =>
    seconds % 60 === 0
      ? t('monitoring.interval.minutes', { count: seconds / 60 })
      : t('monitoring.interval.seconds', { count: seconds });
}
