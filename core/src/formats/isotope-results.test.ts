import { describe, expect, it } from 'vitest';
import { CsvError, writeCsv } from './csv.js';
import {
  ISOTOPE_RESULT_COLUMNS,
  isotopeHeaderKey,
  isotopeResultTemplateHeaders,
  parseIsotopeResults,
  parseSamplingTime,
  readIsotopeResultFile,
  type IsotopeResultIssue,
} from './isotope-results.js';
import { writeXlsx, XlsxError, type Cell } from './xlsx.js';

const TZ = 'Asia/Ho_Chi_Minh';
const enc = (text: string) => new TextEncoder().encode(text);
const reasons = (issues: IsotopeResultIssue[], row: number) =>
  issues
    .filter((i) => i.row === row)
    .map((i) => `${i.field}:${i.reason}`)
    .sort();

describe('header names', () => {
  it('match Vietnamese, English and GNIP headers, with or without δ, superscripts and units', () => {
    const field = (h: string) =>
      ISOTOPE_RESULT_COLUMNS.find((c) =>
        [...c.headers, c.field].some((x) => isotopeHeaderKey(x) === isotopeHeaderKey(h)),
      )?.field;
    expect(field('Mã điểm')).toBe('station');
    expect(field('MA DIEM')).toBe('station');
    expect(field('point')).toBe('station');
    expect(field('Ngày lấy mẫu')).toBe('sampledAt');
    expect(field('sampled_at')).toBe('sampledAt');
    expect(field('δ¹⁸O (‰ VSMOW)')).toBe('d18o');
    expect(field('delta18O')).toBe('d18o');
    expect(field('O18')).toBe('d18o');
    expect(field('δ²H (‰)')).toBe('d2h');
    expect(field('dD')).toBe('d2h');
    expect(field('ΔD [‰ V-SMOW]')).toBeUndefined(); // "V-SMOW" with a hyphen is not a unit we know
    expect(field('δD [‰ VSMOW]')).toBe('d2h');
    expect(field('Sai số δ²H')).toBe('d2hUnc');
    expect(field('δ18O ±')).toBe('d18oUnc');
    expect(field('u(δ18O)')).toBe('d18oUnc');
    expect(field('Tritium (TU)')).toBe('tritiumTu');
    expect(field('H3 Error')).toBe('tritiumUnc');
    expect(field('Phòng thí nghiệm')).toBe('lab');
    expect(field('Phương pháp')).toBe('method');
    expect(field('Mã mẫu')).toBe('sampleCode');
    // A different unit or scale is not silently taken for ‰ VSMOW or TU.
    expect(field('Tritium (Bq/L)')).toBeUndefined();
    expect(field('δ18O (‰ VPDB)')).toBeUndefined();
  });

  it('never maps one header to two columns', () => {
    const owner = new Map<string, string>();
    for (const c of ISOTOPE_RESULT_COLUMNS)
      for (const h of [...c.headers, c.field]) {
        const key = isotopeHeaderKey(h);
        expect(owner.get(key) ?? c.field, h).toBe(c.field);
        owner.set(key, c.field);
      }
    expect(isotopeResultTemplateHeaders().slice(0, 3)).toEqual(['Mã điểm', 'Mã mẫu', 'Ngày lấy mẫu']);
  });
});

describe('sampling dates', () => {
  it('read dates without a zone in the province time zone (UTC+7, no daylight saving)', () => {
    expect(parseSamplingTime('15/03/2025', TZ)).toEqual({ value: '2025-03-14T17:00:00.000Z' });
    expect(parseSamplingTime('2025-03-15', TZ)).toEqual({ value: '2025-03-14T17:00:00.000Z' });
    expect(parseSamplingTime('15.03.2025 09:30', TZ)).toEqual({ value: '2025-03-15T02:30:00.000Z' });
    expect(parseSamplingTime('2025-03-15T09:30:00+07:00', 'UTC')).toEqual({
      value: '2025-03-15T02:30:00.000Z',
    });
    // Excel serial day 45731 = 2025-03-15 (1900 date system).
    expect(parseSamplingTime(45731, TZ)).toEqual({ value: '2025-03-14T17:00:00.000Z' });
    // Daylight saving elsewhere is followed: Berlin is UTC+1 in March, UTC+2 in July.
    expect(parseSamplingTime('2025-03-15', 'Europe/Berlin')).toEqual({ value: '2025-03-14T23:00:00.000Z' });
    expect(parseSamplingTime('2025-07-15', 'Europe/Berlin')).toEqual({ value: '2025-07-14T22:00:00.000Z' });
  });

  it('refuse impossible or absurd dates', () => {
    for (const bad of ['31/02/2025', '2025-13-01', '15/03/25', 'tháng 3', '2025-03-15 25:00', 12, '1.5e9'])
      expect(parseSamplingTime(bad as Cell, TZ), String(bad)).toMatchObject({ reason: 'format' });
    expect(parseSamplingTime('01/01/1900', TZ)).toMatchObject({ reason: 'too_small' });
    expect(parseSamplingTime('01/01/2100', TZ)).toMatchObject({ reason: 'too_large' });
    expect(parseSamplingTime('x'.repeat(10_000), TZ)).toMatchObject({ reason: 'format' });
  });
});

describe('result files', () => {
  it('reads a Vietnamese lab sheet with title rows, decimal commas and typographic minus signs', () => {
    const table: Cell[][] = [
      ['KẾT QUẢ PHÂN TÍCH ĐỒNG VỊ BỀN MẪU NƯỚC SÔNG'],
      ['Đợt lấy mẫu tháng 3/2025', null, null],
      [],
      [
        'STT',
        'Mã điểm',
        'Mã mẫu',
        'Ngày lấy mẫu',
        'δ¹⁸O (‰ VSMOW)',
        'Sai số δ18O',
        'δ²H (‰ VSMOW)',
        'Sai số δ2H',
        'Tritium (TU)',
        'Sai số tritium (TU)',
        'Phòng thí nghiệm',
        'Phương pháp',
        'Ghi chú',
      ],
      [
        1,
        'vn33r01',
        'HY-2503-01',
        '15/03/2025',
        '−8,42',
        '0,1',
        '−57,9',
        1,
        '3,1',
        '0,4',
        'Viện KH&KT Hạt nhân',
        'CRDS',
        '',
      ],
      [
        2,
        'VN33R02',
        'HY-2503-02',
        '2025-03-15 10:15',
        -8.1,
        0.08,
        -55.2,
        0.9,
        'n/a',
        '',
        'VINATOM',
        'IRMS',
        '-',
      ],
      [null, null, null, null, null],
    ];
    const parsed = parseIsotopeResults(table, { timeZone: TZ });
    expect(parsed.headerRow).toBe(4);
    expect(parsed.issues.map((i) => [i.row, i.column, i.reason])).toEqual([[4, 'A (STT)', 'unknown_column']]);
    expect(parsed.dataRows).toBe(2);
    expect(parsed.rows.map((r) => r.row)).toEqual([5, 6]);
    expect(parsed.rows[0]!.value).toEqual({
      station: 'VN33R01',
      sampleCode: 'HY-2503-01',
      sampledAt: '2025-03-14T17:00:00.000Z',
      d18o: -8.42,
      d18oUnc: 0.1,
      d2h: -57.9,
      d2hUnc: 1,
      tritiumTu: 3.1,
      tritiumUnc: 0.4,
      lab: 'Viện KH&KT Hạt nhân',
      method: 'CRDS',
      note: null,
    });
    expect(parsed.rows[1]!.value).toMatchObject({
      sampledAt: '2025-03-15T03:15:00.000Z',
      tritiumTu: null,
      tritiumUnc: null,
      note: null,
    });
    expect(parsed.columnOf.d18o).toBe('E (δ¹⁸O (‰ VSMOW))');
  });

  it('reads an English or GNIP-style CSV with zoned date-times', () => {
    const csv = [
      'Station,sample_id,sampled_at,d18O,d18O_unc,dD,dD_unc,H3,H3 Error,lab,method,note',
      'VN33R05,BL-1,2025-04-02T08:00:00+07:00,-3.95,0.1,-30.2,1,,,"IAEA, Vienna",IRMS,"tidal mouth, ""high"" tide"',
      'VN33R05,BL-2,2025-04-03T01:00:00Z,,,,,2.4,0.3,IAEA,LSC after electrolytic enrichment,',
    ].join('\r\n');
    const parsed = readIsotopeResultFile(enc(`\uFEFF${csv}`), 'csv', { timeZone: TZ });
    expect(parsed.issues).toEqual([]);
    expect(parsed.rows.map((r) => r.value)).toMatchObject([
      {
        station: 'VN33R05',
        sampleCode: 'BL-1',
        sampledAt: '2025-04-02T01:00:00.000Z',
        d18o: -3.95,
        d2h: -30.2,
        lab: 'IAEA, Vienna',
        note: 'tidal mouth, "high" tide',
      },
      { sampleCode: 'BL-2', d18o: null, d2h: null, tritiumTu: 2.4, tritiumUnc: 0.3 },
    ]);
  });

  it('names every broken row by row, column and reason, and keeps the good rows', () => {
    const now = new Date('2026-01-10T00:00:00Z');
    const header: Cell[] = [
      'Mã điểm',
      'Mã mẫu',
      'Ngày lấy mẫu',
      'δ18O',
      'Sai số δ18O',
      'δ2H',
      'Tritium (TU)',
      'Ghi chú',
    ];
    const table: Cell[][] = [
      header,
      ['VN33R01', 'A-1', '15/03/2025', -8.4, 0.1, -57, null, null], // 2: good
      ['', 'A-2', '15/03/2025', -8.4, null, -57], // 3: station required
      ['VN33R01', '', '15/03/2025', -8.4, null, -57], // 4: sample code required
      ['VN33R01', 'A-4', '', -8.4, null, -57], // 5: date required
      ['VN33R01', 'A-5', '31/02/2025', -8.4, null, -57], // 6: impossible date
      ['VN33R01', 'A-6', '15/03/2025', 'abc', null, -57], // 7: δ18O not a number
      ['VN33R01', 'A-7', '15/03/2025', -180, null, -57], // 8: δ18O below any natural water
      ['VN33R01', 'A-8', '15/03/2025', -8.4, -0.1, -57], // 9: negative uncertainty
      ['VN33R01', 'A-9', '15/03/2025', null, 0.1, -57], // 10: uncertainty without value
      ['VN33R01', 'A-10', '15/03/2025', null, null, null, null, 'chưa phân tích'], // 11: no measurement
      ['VN33R01', 'A-1', '16/03/2025', -8.3, null, -56], // 12: duplicate of row 2
      ['HY 01', 'A-12', '15/03/2025', -8.4, null, -57], // 13: station code pattern
      ['VN33R01', 'A/13?', '15/03/2025', -8.4, null, -57], // 14: sample code pattern
      ['VN33R01', 'A-14', '10/02/2026', -8.4, null, -57], // 15: in the future
      ['VN33R01', 'A-15', '15/03/2025', -8.4, null, 900], // 16: δ2H too large
      ['VN33R01', 'A-16', '15/03/2025', null, null, null, -1], // 17: negative tritium
      ['VN33R02', 'A-1', '15/03/2025', '-7.9', '', '-52.5'], // 18: good (same code, other point)
    ];
    const parsed = parseIsotopeResults(table, { timeZone: TZ, now });
    expect(parsed.rows.map((r) => r.row)).toEqual([2, 18]);
    const expected: Record<number, string[]> = {
      3: ['station:required'],
      4: ['sampleCode:required'],
      5: ['sampledAt:required'],
      6: ['sampledAt:format'],
      7: ['d18o:type'],
      8: ['d18o:too_small'],
      9: ['d18oUnc:too_small'],
      10: ['d18oUnc:uncertainty_without_value'],
      11: ['measurements:no_measurement'],
      12: ['sampleCode:duplicate_in_file'],
      13: ['station:pattern'],
      14: ['sampleCode:pattern'],
      15: ['sampledAt:in_future'],
      16: ['d2h:too_large'],
      17: ['tritiumTu:too_small'],
    };
    for (const [row, list] of Object.entries(expected))
      expect(reasons(parsed.issues, +row), row).toEqual(list);
    const dup = parsed.issues.find((i) => i.row === 12)!;
    expect(dup).toMatchObject({ column: 'B (Mã mẫu)', params: { row: 2 } });
    expect(parsed.issues.find((i) => i.row === 8)).toMatchObject({
      column: 'D (δ18O)',
      params: { limit: -80 },
    });
    expect(parsed.issues.find((i) => i.row === 11)).toMatchObject({ column: null });
  });

  it('refuses a file without the required columns, or without data', () => {
    const missing = parseIsotopeResults(
      [
        ['Mã điểm', 'Ngày lấy mẫu', 'Ghi chú'],
        ['VN33R01', '15/03/2025', 'x'],
      ],
      { timeZone: TZ },
    );
    expect(missing.rows).toEqual([]);
    expect(missing.issues.map((i) => `${i.field}:${i.reason}`)).toEqual([
      'sampleCode:missing_column',
      'measurements:missing_column',
    ]);
    expect(missing.issues[0]!.params).toEqual({ header: 'Mã mẫu' });
    const empty = parseIsotopeResults(
      [
        ['Mã điểm', 'Mã mẫu', 'Ngày lấy mẫu', 'δ18O'],
        [null, ''],
      ],
      {
        timeZone: TZ,
      },
    );
    expect(empty.issues.map((i) => i.reason)).toEqual(['empty_file']);
    expect(parseIsotopeResults([], { timeZone: TZ }).issues.map((i) => i.reason)).toContain('missing_column');
    const dupHeader = parseIsotopeResults(
      [
        ['Mã điểm', 'Mã mẫu', 'Ngày lấy mẫu', 'δ18O', 'd18O'],
        ['VN33R01', 'A', '15/03/2025', -8, -9],
      ],
      { timeZone: TZ },
    );
    expect(dupHeader.issues).toMatchObject([{ row: 1, column: 'E (d18O)', reason: 'duplicate_in_file' }]);
    expect(dupHeader.rows[0]!.value.d18o).toBe(-8);
  });
});

describe('hostile input', () => {
  it('refuses spreadsheet formulas and control characters in text cells', () => {
    const header: Cell[] = [
      'Mã điểm',
      'Mã mẫu',
      'Ngày lấy mẫu',
      'δ18O',
      'Phòng thí nghiệm',
      'Phương pháp',
      'Ghi chú',
    ];
    const table: Cell[][] = [
      header,
      ['VN33R01', 'B-1', '15/03/2025', -8, '=HYPERLINK("http://evil.example","x")', null, null],
      ['VN33R01', 'B-2', '15/03/2025', -8, null, "+cmd|' /C calc'!A0", null],
      ['VN33R01', 'B-3', '15/03/2025', -8, null, null, "@SUM(1+1)*cmd|' /C calc'!A0"],
      ['VN33R01', 'B-4', '15/03/2025', -8, null, null, "-2+3+cmd|' /C calc'!A0"],
      ['VN33R01', '=1+1', '15/03/2025', -8],
      ['=VN33R01', 'B-6', '15/03/2025', -8],
      ['VN33R01', 'B-7', '15/03/2025', -8, 'Lab\u0000\u0007', null, null],
      ['VN33R01', 'B-8', '15/03/2025', '=1-9', null, null, null],
      [
        'VN33R01',
        'B-9',
        '15/03/2025',
        -8,
        'Viện Năng lượng nguyên tử',
        'CRDS',
        'mẫu lặp, -2 ‰ so với lần trước',
      ],
    ];
    const parsed = parseIsotopeResults(table, { timeZone: TZ });
    expect(reasons(parsed.issues, 2)).toEqual(['lab:formula_like']);
    expect(reasons(parsed.issues, 3)).toEqual(['method:formula_like']);
    expect(reasons(parsed.issues, 4)).toEqual(['note:formula_like']);
    expect(reasons(parsed.issues, 5)).toEqual(['note:formula_like']);
    expect(reasons(parsed.issues, 6)).toEqual(['sampleCode:formula_like']);
    expect(reasons(parsed.issues, 7)).toEqual(['station:formula_like']);
    expect(reasons(parsed.issues, 8)).toEqual(['lab:pattern']);
    expect(reasons(parsed.issues, 9)).toEqual(['d18o:type']);
    expect(parsed.rows.map((r) => r.row)).toEqual([10]);
  });

  it('caps huge cells and huge headers', () => {
    const huge = 'x'.repeat(1_000_000);
    const table: Cell[][] = [
      ['Mã điểm', 'Mã mẫu', 'Ngày lấy mẫu', 'δ18O', 'Ghi chú', huge],
      ['VN33R01', 'C-1', '15/03/2025', -8, huge],
      ['VN33R01', huge, '15/03/2025', -8],
      ['VN33R01', 'C-3', huge, -8],
      ['VN33R01', 'C-4', '15/03/2025', `-${'9'.repeat(100_000)}`],
      ['VN33R01', 'C-5', '15/03/2025', '1e999'],
      ['VN33R01', 'C-6', '15/03/2025', Number.NaN],
      [`VN${'3'.repeat(500)}`, 'C-7', '15/03/2025', -8],
    ];
    const parsed = parseIsotopeResults(table, { timeZone: TZ });
    const unknown = parsed.issues.find((i) => i.reason === 'unknown_column')!;
    expect(unknown.column!.length).toBeLessThan(80);
    expect(reasons(parsed.issues, 2)).toEqual(['note:too_long']);
    expect(parsed.issues.find((i) => i.row === 2)!.params).toEqual({ limit: 2000 });
    expect(reasons(parsed.issues, 3)).toEqual(['sampleCode:too_long']);
    expect(reasons(parsed.issues, 4)).toEqual(['sampledAt:format']);
    expect(reasons(parsed.issues, 5)).toEqual(['d18o:type']);
    expect(reasons(parsed.issues, 6)).toEqual(['d18o:type']);
    expect(reasons(parsed.issues, 7)).toEqual(['d18o:type']);
    expect(reasons(parsed.issues, 8)).toEqual(['station:pattern']);
    expect(JSON.stringify(parsed.issues).length).toBeLessThan(5000);
  });

  it('reports files that cannot be read at all', () => {
    expect(() => readIsotopeResultFile(enc('not a zip'), 'xlsx', { timeZone: TZ })).toThrow(XlsxError);
    expect(() => readIsotopeResultFile(enc('Mã điểm,"unterminated\n'), 'csv', { timeZone: TZ })).toThrow(
      CsvError,
    );
    expect(() =>
      readIsotopeResultFile(enc(`Mã điểm,${'a'.repeat(20_000)}`), 'csv', { timeZone: TZ }),
    ).toThrow(CsvError);
    // Binary garbage read as CSV: no crash, only problems.
    const garbage = new Uint8Array(4096).map((_, i) => (i * 37) % 256);
    const parsed = readIsotopeResultFile(
      garbage.filter((b) => b !== 34),
      'csv',
      { timeZone: TZ },
    );
    expect(parsed.rows).toEqual([]);
    expect(parsed.issues.length).toBeGreaterThan(0);
  });
});

describe('XLSX', () => {
  it('reads a workbook with typed cells and Excel date serials', () => {
    const bytes = writeXlsx([
      {
        name: 'Kết quả',
        header: true,
        rows: [
          ['Mã điểm', 'Mã mẫu', 'Ngày lấy mẫu', 'δ18O', 'δ2H', 'Tritium (TU)'],
          ['VN33R03', 'X-1', 45731, -8.6, -59.1, 2.9],
          ['VN33R03', 'X-2', '15/04/2025', -8.2, -56, null],
          ['VN33R03', 'X-3', 'hôm qua', -8.2, -56, null],
        ],
      },
    ]);
    const parsed = readIsotopeResultFile(bytes, 'xlsx', { timeZone: TZ });
    expect(parsed.rows.map((r) => r.value)).toMatchObject([
      {
        station: 'VN33R03',
        sampleCode: 'X-1',
        sampledAt: '2025-03-14T17:00:00.000Z',
        d18o: -8.6,
        tritiumTu: 2.9,
      },
      { sampleCode: 'X-2', sampledAt: '2025-04-14T17:00:00.000Z', tritiumTu: null },
    ]);
    expect(parsed.issues).toMatchObject([{ row: 4, column: 'C (Ngày lấy mẫu)', reason: 'format' }]);
  });
});

describe('huge files', () => {
  it('reads 100 000 rows of CSV', () => {
    const lines = ['Mã điểm,Mã mẫu,Ngày lấy mẫu,δ18O,δ2H,Tritium (TU)'];
    for (let i = 0; i < 100_000; i += 1)
      lines.push(
        `VN33R${String((i % 13) + 1).padStart(2, '0')},S-${i},2024-${String((i % 12) + 1).padStart(2, '0')}-15,-8.${i % 10},-5${i % 10}.5,`,
      );
    const parsed = readIsotopeResultFile(enc(lines.join('\n')), 'csv', { timeZone: TZ });
    expect(parsed.issues).toEqual([]);
    expect(parsed.rows.length).toBe(100_000);
    expect(parsed.rows[99_999]!.row).toBe(100_001);
    expect(parsed.rows[99_999]!.value).toMatchObject({
      station: 'VN33R04',
      sampleCode: 'S-99999',
      d18o: -8.9,
    });
  });

  it('refuses more rows than the limit with one problem, not one per row', () => {
    const table: Cell[][] = [['Mã điểm', 'Mã mẫu', 'Ngày lấy mẫu', 'δ18O']];
    for (let i = 0; i < 100_001; i += 1) table.push(['VN33R01', `S-${i}`, '2024-01-15', -8]);
    const parsed = parseIsotopeResults(table, { timeZone: TZ });
    expect(parsed.rows).toEqual([]);
    expect(parsed.issues).toEqual([
      { row: 1, column: null, field: '', reason: 'too_many_items', params: { limit: 100_000 } },
    ]);
    expect(parseIsotopeResults(table.slice(0, 12), { timeZone: TZ, maxRows: 10 }).issues[0]!.reason).toBe(
      'too_many_items',
    );
    // Far beyond: the CSV reader stops before building the table.
    const csv = writeCsv(table.slice(0, 200));
    expect(() => readIsotopeResultFile(enc(csv), 'csv', { timeZone: TZ, maxRows: 100 })).toThrow(CsvError);
  });
});
