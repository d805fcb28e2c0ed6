import data from './procedures.json' with { type: 'json' };

export const PROCEDURE_CODES = [
  'declaration',
  'licence_new',
  'licence_renewal',
  'licence_amendment',
  'rso_certificate',
] as const;
export type ProcedureCode = (typeof PROCEDURE_CODES)[number];
export const LICENCE_KINDS = [
  'declaration_certificate',
  'licence',
  'rso_certificate',
  'national_licence',
] as const;
export type LicenceKind = (typeof LICENCE_KINDS)[number];
export const COMPETENT_AUTHORITIES = ['ubnd_tinh', 'varans'] as const;
export type CompetentAuthority = (typeof COMPETENT_AUTHORITIES)[number];

export interface Procedure {
  code: ProcedureCode;
  name: { vi: string; en: string };
  processingWorkingDays: number;
  source: string;
  status: 'verified' | 'to_verify';
  issues: LicenceKind;
  validityYears: number | null;
  competentAuthority: CompetentAuthority;
}

export const PROCEDURE_EDITION: string = data.edition;
export const PROCEDURES: readonly Procedure[] = data.procedures as Procedure[];
export const REMINDER_DAYS_BEFORE_EXPIRY: readonly number[] = data.reminderDaysBeforeExpiry;

export function procedure(code: ProcedureCode): Procedure {
  const p = PROCEDURES.find((x) => x.code === code);
  if (!p) throw new Error(`unknown procedure ${code}`);
  return p;
}
