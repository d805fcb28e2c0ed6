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
  /** File sizes: "850 B", "12,5 kB", "3,2 MB" (decimal units, as file managers show them). */
  bytes: (value: number) => string;
}

export function createFormatters(language: Language): Formatters {
  const locale = intlLocale(language);
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const decimals = new Map<number, Intl.NumberFormat>();
  const date = new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
  // Date first, then the time, in both languages ("28/11/2026 15:09"): vi-VN alone would put the time first.
  const time = new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const timeSeconds = new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const joined = (timeFormat: Intl.DateTimeFormat) => ({
    format: (value: Date) => `${date.format(value)} ${timeFormat.format(value)}`,
  });
  const dateTime = joined(time);
  const dateTimeSeconds = joined(timeSeconds);
  const safe = (formatter: { format: (value: Date) => string }) => (iso: string | null | undefined) => {
    if (!iso) return '—';
    const value = new Date(iso);
    return Number.isNaN(value.getTime()) ? iso : formatter.format(value);
  };
  return {
    number: (value, digits = 0) => {
      if (digits === 0) return integer.format(value);
      let formatter = decimals.get(digits);
      if (!formatter) {
        formatter = new Intl.NumberFormat(locale, {
          minimumFractionDigits: 0,
          maximumFractionDigits: digits,
        });
        decimals.set(digits, formatter);
      }
      return formatter.format(value);
    },
    date: safe(date),
    bytes: (value) => {
      const units = ['B', 'kB', 'MB', 'GB'];
      let scaled = value;
      let unit = 0;
      while (scaled >= 1000 && unit < units.length - 1) {
        scaled /= 1000;
        unit += 1;
      }
      const text = new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(
        scaled,
      );
      return `${text} ${units[unit]}`;
    },
    dateTime: safe(dateTime),
    dateTimeSeconds: safe(dateTimeSeconds),
  };
}

export function useFormat(): Formatters {
  const language = useLanguage();
  return useMemo(() => createFormatters(language), [language]);
}
