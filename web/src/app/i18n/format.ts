import { useMemo } from 'react';
import { useLanguage, type Language } from './index';

/** Every date the UI shows is in the province's time, whatever the browser's zone. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

export function intlLocale(language: Language): string {
  return language === 'vi' ? 'vi-VN' : 'en-GB';
}

export interface Formatters {
  number: (value: number, digits?: number) => string;
  date: (iso: string | null | undefined) => string;
  dateTime: (iso: string | null | undefined) => string;
  dateTimeSeconds: (iso: string | null | undefined) => string;
}

export function createFormatters(language: Language): Formatters {
  const locale = intlLocale(language);
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const decimals = new Map<number, Intl.NumberFormat>();
  const date = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
  const dateTime = new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const dateTimeSeconds = new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const safe = (formatter: Intl.DateTimeFormat) => (iso: string | null | undefined) => {
    if (!iso) return '—';
    const value = new Date(iso);
    return Number.isNaN(value.getTime()) ? iso : formatter.format(value);
  };
  return {
    number: (value, digits = 0) => {
      if (digits === 0) return integer.format(value);
      let formatter = decimals.get(digits);
      if (!formatter) {
        formatter = new Intl.NumberFormat(locale, { minimumFractionDigits: 0, maximumFractionDigits: digits });
        decimals.set(digits, formatter);
      }
      return formatter.format(value);
    },
    date: safe(date),
    dateTime: safe(dateTime),
    dateTimeSeconds: safe(dateTimeSeconds),
  };
}

export function useFormat(): Formatters {
  const language = useLanguage();
  return useMemo(() => createFormatters(language), [language]);
}
