import { useCallback } from 'react';
import { useLanguage } from '../../app/i18n';
import { intlLocale } from '../../app/i18n/format';
import { DOSE_RATE_DISPLAY_UNIT, formatDoseRate } from './display';

/** nSv/h → "0,075 µSv/h" (or "0,075" without the unit) in the user's language; null when not convertible. */
export function useDoseRateText(): (nSvPerHour: number, withUnit?: boolean) => string | null {
  const locale = intlLocale(useLanguage());
  return useCallback(
    (nSvPerHour, withUnit = true) => {
      const text = formatDoseRate(nSvPerHour, locale);
      return text === null ? null : withUnit ? `${text} ${DOSE_RATE_DISPLAY_UNIT}` : text;
    },
    [locale],
  );
}
