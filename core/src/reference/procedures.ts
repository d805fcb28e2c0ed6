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

/** One part of a dossier (thành phần hồ sơ): the files an applicant attaches under it. */
export interface DossierDocument {
  code: string;
  name: { vi: string; en: string };
  /** Expected in a complete dossier; the officer still judges completeness. */
  required: boolean;
}

export interface Procedure {
  code: ProcedureCode;
  name: { vi: string; en: string };
  processingWorkingDays: number;
  source: string;
  status: 'verified' | 'to_verify';
  issues: LicenceKind;
  validityYears: number | null;
  competentAuthority: CompetentAuthority;
  documents: readonly DossierDocument[];
}

export const PROCEDURE_EDITION: string = data.edition;
export const PROCEDURES: readonly Procedure[] = data.procedures as Procedure[];
/** Where the dossier lists come from and whether they were checked against the current procedure decision. */
export const DOSSIER_DOCUMENTS_SOURCE: { source: string; status: 'verified' | 'to_verify' } = {
  source: data.documentsSource,
  status: data.documentsStatus as 'verified' | 'to_verify',
};
export const REMINDER_DAYS_BEFORE_EXPIRY: readonly number[] = data.reminderDaysBeforeExpiry;

export function procedure(code: ProcedureCode): Procedure {
  const p = PROCEDURES.find((x) => x.code === code);
  if (!p) throw new Error(`unknown procedure ${code}`);
  return p;
}
