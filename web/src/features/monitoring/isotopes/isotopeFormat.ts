import { useMemo } from 'react';
import { useLanguage } from '../../../app/i18n';
import { intlLocale } from '../../../app/i18n/format';
import { createFixed, type FixedFormat } from './isotopeChartData';

/** Lab results with a fixed number of decimals in the reader's language (see createFixed). */
export function useFixed(): FixedFormat {
  const language = useLanguage();
  return useMemo(() => createFixed(intlLocale(language)), [language]);
}
