import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat, type Formatters } from '../../app/i18n/format';

/** One problem of a spreadsheet, as the import endpoints report it. */
export interface ImportIssue {
  /** Spreadsheet row (the header is row 1 unless title rows stand above it). */
  row: number;
  /** Column letter and header, `D (Mã xã)`, or null for a problem of the whole row or file. */
  column: string | null;
  reason: string;
  /** Already in the language the request was made in. */
  message: string;
}

/** What every import endpoint answers, dry run or not; a page may have more counts. */
export interface ImportReportBase {
  rows: number;
  valid: number;
  created: number;
  issues: ImportIssue[];
}

export interface PickedFile {
  file: File;
  /** A new number for every pick: the same file chosen again is checked again. */
  pick: number;
}

/** The written report and the name of the file it came from. */
export interface ImportDone<R> {
  report: R;
  name: string;
}

const SPREADSHEET_NAME = /\.(xlsx|csv)$/i;
export const SPREADSHEET_ACCEPT =
  '.xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A file size in the units of the limits the pages state (1 MB = 1024 × 1024 bytes, as the server counts):
 * `317 B`, `12 KB`, `20,5 MB`.
 */
export function fileSize(bytes: number, format: Formatters): string {
  if (bytes >= 1024 * 1024) return `${format.number(bytes / 1024 / 1024, 1)} MB`;
  if (bytes >= 1024) return `${format.number(Math.round(bytes / 1024))} KB`;
  return `${format.number(bytes)} B`;
}

/** The picked spreadsheet: refused at once when it is not .xlsx/.csv or larger than `maxBytes`. */
export function useImportFile(maxBytes: number) {
  const { t } = useTranslation();
  const format = useFormat();
  const picks = useRef(0);
  const [picked, setPicked] = useState<PickedFile | null>(null);
  const [error, setError] = useState<string | null>(null);
  return {
    maxBytes,
    picked,
    /** Why the last file picked was refused (the one picked before, if any, stays). */
    error,
    dismissError: () => setError(null),
    pick: (file: File) => {
      if (!SPREADSHEET_NAME.test(file.name)) {
        setError(t('fileImport.wrongType', { name: file.name }));
        return;
      }
      if (file.size > maxBytes) {
        setError(
          t('fileImport.tooLarge', {
            name: file.name,
            size: fileSize(file.size, format),
            limit: fileSize(maxBytes, format),
          }),
        );
        return;
      }
      setError(null);
      picks.current += 1;
      setPicked({ file, pick: picks.current });
    },
    clear: () => {
      setPicked(null);
      setError(null);
    },
  };
}

export type ImportFile = ReturnType<typeof useImportFile>;

/** The parts of the dry-run query the flow reads (a react-query result). */
export interface ImportDryRun<R> {
  data: R | undefined;
  isFetching: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => Promise<unknown>;
}

/** The parts of the writing mutation the flow uses (a react-query mutation). */
export interface ImportCommit<R> {
  mutateAsync: (file: File) => Promise<R>;
  reset: () => void;
  isPending: boolean;
  isError: boolean;
  error: unknown;
}

export interface ImportFlowOptions<R extends ImportReportBase> {
  file: ImportFile;
  dryRun: ImportDryRun<R>;
  commit: ImportCommit<R>;
  /** Whether the rows of this report may be written (all or nothing, or the good rows only). */
  writable: (report: R) => boolean;
  /** Whether a refused write should run the dry run again (to show what changed since); every failure if left out. */
  rerunAfter?: (error: unknown) => boolean;
}

/**
 * Upload → dry run → confirm → written: the state both import pages share. The page owns the dry-run query and the
 * mutation (their endpoints differ) and gives them here with the file they were built on.
 */
export function useImportFlow<R extends ImportReportBase>({
  file,
  dryRun,
  commit,
  writable,
  rerunAfter = () => true,
}: ImportFlowOptions<R>) {
  const [done, setDone] = useState<ImportDone<R> | null>(null);
  const report = dryRun.data;
  const canCommit = !!report && writable(report) && !dryRun.isFetching;
  return {
    file,
    dryRun,
    commit,
    report,
    done,
    canCommit,
    /** 0 pick and dry run, 1 write, 2 written. */
    step: done ? 2 : canCommit ? 1 : 0,
    /** The dry run found problems and nothing may be written. */
    blocked: !done && !!report && report.issues.length > 0 && !writable(report),
    pick: (next: File) => {
      commit.reset();
      setDone(null);
      file.pick(next);
    },
    restart: () => {
      commit.reset();
      setDone(null);
      file.clear();
    },
    /** Writes the picked file; a refusal shows as `commit.error` (and usually a fresh dry run). */
    write: async (): Promise<void> => {
      const picked = file.picked;
      if (!picked) return;
      try {
        const result = await commit.mutateAsync(picked.file);
        setDone({ report: result, name: picked.file.name });
      } catch (error) {
        if (rerunAfter(error)) void dryRun.refetch();
      }
    },
  };
}

export type ImportFlow<R extends ImportReportBase> = ReturnType<typeof useImportFlow<R>>;
