import { useQuery } from '@tanstack/react-query';
import type { MetaResponse } from '@sievert/core';
import { api } from './api/client';
import { useLanguage } from './i18n';

/** Public facts about this installation (version, province, map tiles, MQTT broker, demo flag). */
export function useMeta() {
  return useQuery({
    queryKey: ['meta'],
    queryFn: ({ signal }) => api.get<MetaResponse>('/meta', undefined, signal),
    staleTime: 10 * 60_000,
  });
}

/** The province's name in the user's language, once meta is known. */
export function useProvinceName(): string | null {
  const language = useLanguage();
  const meta = useMeta().data;
  if (!meta) return null;
  return language === 'en' ? meta.province.nameEn : meta.province.name;
}
