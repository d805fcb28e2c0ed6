import { useCallback } from 'react';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NoticeState } from '@sievert/core';
import { delayParts } from './delay';

/** "1 giờ", "30 phút", "1 giờ 30 phút"; "Không trễ" for none. */
export function useDelayText(): (seconds: number) => string {
  const { t } = useTranslation();
  return useCallback(
    (seconds: number) => {
      const parts = delayParts(seconds);
      if (parts.length === 0) return t('publication.delay.none');
      return parts.map(({ unit, count }) => t(`publication.delay.${unit}`, { count })).join(' ');
    },
    [t],
  );
}

const NOTICE_STATE_COLOURS: Record<NoticeState, string> = {
  draft: 'default',
  submitted: 'gold',
  approved: 'green',
  withdrawn: 'red',
};

export function NoticeStateTag({ state }: { state: NoticeState }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={NOTICE_STATE_COLOURS[state]}
      style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
      data-state={state}
      data-testid="notice-state"
    >
      {t(`incidents.notices.states.${state}`)}
    </Tag>
  );
}
