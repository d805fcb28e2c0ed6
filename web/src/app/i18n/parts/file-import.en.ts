import type { fileImport as vi } from './file-import.vi';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** English messages shared by the spreadsheet import pages: the same keys as file-import.vi.ts. */
export const fileImport: Widen<typeof vi> = {
  fileTitle: 'Choose the file and dry run',
  template: 'Download the template',
  changeFile: 'Choose another file',
  rerun: 'Dry run again',
  wrongType: 'The file “{{name}}” is not an .xlsx or .csv file.',
  tooLarge: 'The file “{{name}}” is {{size}}, more than the {{limit}} limit.',
  running: 'Dry run in progress…',
  rows: 'Data rows',
  issues: 'Problems',
  row: 'Row',
  headerRow: '{{row}} (header)',
  column: 'Column',
  message: 'Problem',
  another: 'Import another file',
};
