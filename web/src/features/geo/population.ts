/** Commune populations: where they are kept in the app, and the file officers fill in to import them. */
import type { Commune } from '@sievert/core';

export const COMMUNES_PATH = '/communes';

/**
 * The columns of a population file, the template's header first (the server also reads the English names and a
 * few other spellings: server/src/modules/geo/population-import.ts).
 */
export const POPULATION_COLUMNS = [
  { field: 'code', headers: ['Mã xã', 'code'], required: true },
  { field: 'population', headers: ['Dân số', 'population'], required: true },
  { field: 'year', headers: ['Năm số liệu', 'year'] },
  { field: 'source', headers: ['Nguồn số liệu', 'source'] },
] as const;
/** The name column of the template: for reading, the import ignores it. */
const NAME_HEADER = 'Tên xã/phường';

/** A CSV cell: quoted when it holds a separator, a quote or a line break. */
function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The template: every commune of the province with its current figure, so that the officer fills in or corrects
 * the numbers (the name column is there to read; the import ignores it). UTF-8 with a BOM for spreadsheet programs.
 */
export function populationTemplateCsv(communes: readonly Commune[]): string {
  const lines = [
    [
      POPULATION_COLUMNS[0].headers[0],
      NAME_HEADER,
      ...POPULATION_COLUMNS.slice(1).map((c) => c.headers[0]),
    ].join(','),
    ...communes.map((c) =>
      [c.code, c.fullName, c.population, c.populationYear, c.populationSource].map(csvCell).join(','),
    ),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
