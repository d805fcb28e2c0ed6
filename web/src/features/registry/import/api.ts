import { useMutation, useQuery } from '@tanstack/react-query';
import { Permission, type ImportKind } from '@sievert/core';
import { api, API_BASE } from '../../../app/api/client';
import { useAuth } from '../../../app/auth/AuthContext';
import { useLanguage } from '../../../app/i18n';
import type { PickedFile } from '../../../ui/import/useImportFlow';
import { useInvalidateRegistry } from '../api';

/** The server's answer to POST /registry/import/:kind (dry run or the real thing). */
export interface ImportReport {
  kind: ImportKind;
  dryRun: boolean;
  rows: number;
  valid: number;
  created: number;
  issues: ImportReportIssue[];
}

export interface ImportReportIssue {
  /** Spreadsheet row (the header is row 1). */
  row: number;
  /** Column letter and header, `D (Mã xã)`, or null for a problem of the whole row or file. */
  column: string | null;
  field: string;
  reason: string;
  /** Already in the language the request was made in. */
  message: string;
}

/** The server refuses larger bodies (IMPORT_BODY_LIMIT). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `.csv` is sent as text/csv, anything else (only .xlsx is offered) as a workbook. */
export function contentTypeOf(file: File): string {
  return /\.csv$/i.test(file.name) || file.type === 'text/csv' ? 'text/csv' : XLSX_TYPE;
}

export function templateUrl(kind: ImportKind): string {
  return `${API_BASE}/registry/import/${kind}/template.xlsx`;
}

/** Which kinds the user may import: the same permissions the server checks. */
export function useImportKinds(): ImportKind[] {
  const { can } = useAuth();
  const kinds: ImportKind[] = [];
  if (can(Permission.FacilityManage)) kinds.push('facilities');
  if (can(Permission.DeviceManage) || can(Permission.DeviceManageOwn)) kinds.push('devices');
  if (can(Permission.SourceManage) || can(Permission.SourceManageOwn)) kinds.push('sources');
  return kinds;
}

/**
 * The dry run of a picked file: run as soon as a file is picked, again when the file or the language changes
 * (the server writes its messages in the language of the request). Nothing is written. Kept out of the
 * `registry` keys so that the invalidation after an import does not run it again.
 */
export function useImportDryRun(kind: ImportKind, picked: PickedFile | null) {
  const language = useLanguage();
  return useQuery({
    queryKey: ['registry-import', 'dry-run', kind, picked?.pick ?? 0, language],
    queryFn: ({ signal }) =>
      api.upload<ImportReport>(`/registry/import/${kind}`, picked!.file, {
        contentType: contentTypeOf(picked!.file),
        query: { dryRun: true },
        signal,
      }),
    enabled: picked !== null,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
  });
}

/** Writes every row in one transaction, or nothing (the server refuses a file with any problem). */
export function useImportCommit(kind: ImportKind) {
  const invalidate = useInvalidateRegistry();
  return useMutation({
    mutationFn: (file: File) =>
      api.upload<ImportReport>(`/registry/import/${kind}`, file, {
        contentType: contentTypeOf(file),
        query: { dryRun: false },
      }),
    onSuccess: () => invalidate(),
  });
}
