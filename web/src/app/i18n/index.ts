import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import 'dayjs/locale/en-gb';
import type { Locale } from '@sievert/core';
import { setApiLanguage } from '../api/client';
import { vi } from './vi';
import { en } from './en';

export type Language = Locale;
export const LANGUAGES: readonly Language[] = ['vi', 'en'];
const STORAGE_KEY = 'sievert.language';

function readStoredLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === 'vi' || stored === 'en') return stored;
  } catch {
    // Storage can be blocked (private mode, policies): Vietnamese stays the default.
  }
  return 'vi';
}

function applyLanguage(language: Language): void {
  document.documentElement.lang = language;
  dayjs.locale(language === 'vi' ? 'vi' : 'en-gb');
  setApiLanguage(language);
}

const initial = readStoredLanguage();
applyLanguage(initial);

void i18next.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'vi',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export function setLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not persisted; the switch still applies to this tab.
  }
  applyLanguage(language);
  void i18next.changeLanguage(language);
}

export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'vi';
}

export { i18next };

const untypedT = i18next.t.bind(i18next) as unknown as (
  key: string,
  options?: Record<string, unknown>,
) => string;

/** For keys built from server data (audit actions, entity types): the translation when one exists, else the fallback. */
export function translateOptional(key: string, fallback: string, options?: Record<string, unknown>): string {
  return i18next.exists(key) ? untypedT(key, options) : fallback;
}
