import type { TFunction } from 'i18next';
import type { Device, Source } from '@sievert/core';
import { translateOptional } from '../../app/i18n';

/** Practices the registry knows by name; a facility may list others, shown as typed. */
export const KNOWN_PRACTICES = [
  'x_ray_diagnostic',
  'ct',
  'dental_x_ray',
  'mammography',
  'interventional',
  'radiotherapy',
  'nuclear_medicine',
  'industrial_radiography',
  'gauge',
  'well_logging',
  'irradiation',
  'security_screening',
  'research',
  'education',
] as const;

export function practiceLabel(practice: string): string {
  return translateOptional(`registry.practices.${practice}`, practice);
}

/** "Máy chụp cắt lớp vi tính (CT) · Siemens SOMATOM go.Up". */
export function deviceTitle(
  device: Pick<Device, 'type' | 'maker' | 'model'>,
  t: TFunction,
): { type: string; model: string | null } {
  const model = [device.maker, device.model].filter(Boolean).join(' ');
  return { type: t(`registry.deviceTypes.${device.type}`), model: model || null };
}

/** "Cs-137 · DEMO-CS-0002", or "Ir-192 · #2" when the serial is withheld. */
export function sourceTitle(source: Pick<Source, 'id' | 'nuclide' | 'serial'>): string {
  return `${source.nuclide} · ${source.serial ?? `#${source.id}`}`;
}
