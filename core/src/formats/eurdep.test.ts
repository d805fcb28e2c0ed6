/**
 * Tests for the EURDEP 2.x codec. Format rules are from /work/shared/reference/monitoring.md §1.3 ("EURDEP data
 * format (2.0 / 2.1) — exact structure"); the fixtures are constructed from its field lists, not copied messages.
 */
import { describe, expect, it } from 'vitest';
import type { EurdepIssue, EurdepParseResult } from './eurdep.js';
import {
  EurdepError,
  parseEurdep,
  parseEurdepCoordinate,
  parseEurdepNumber,
  parseEurdepTime,
  writeEurdep,
} from './eurdep.js';

const HEADER = [
  '\\BEGIN_HEADER;',
  '\\IMPORTANCE ROUTINE;',
  '\\ORIGINATOR Provincial DoST radiation network / ops@example.vn;',
  '\\COUNTRY_CODE VN;',
  '\\FORMAT_VERSION 2.1;',
  '\\CARRIER HTTP;',
  '\\MESSAGE_ID VN_XX_20250101T0100Z;',
  '\\SENT 2025-01-01T01:05Z;',
  '\\END_HEADER;',
];

/** A message with a header, a locality block and a radiological block with a DEFAULT block. */
function message(records: string[], opts: { fieldList?: string; localities?: string[] } = {}): string {
  return [
    '\\BEGIN_EURDEP;',
    ...HEADER,
    '\\BEGIN_LOCALITY;',
    '\\FIELD_LIST LOCALITY_CODE,LOCALITY_NAME,LATITUDE,LONGITUDE;',
    ...(opts.localities ?? ['\\VN0001,"Trạm Hà Nội",21.0285,105.8542;']),
    '\\END_LOCALITY;',
    '\\BEGIN_RADIOLOGICAL;',
    `\\FIELD_LIST ${opts.fieldList ?? 'LOCALITY_CODE,BEGIN,END,VALUE'};`,
    '\\BEGIN_DEFAULT;',
    '\\SAMPLE_TYPE A5;',
    '\\NUCLIDE T-GAMMA;',
    '\\UNIT nSv/h;',
    '\\END_DEFAULT;',
    ...records,
    '\\END_RADIOLOGICAL;',
    '\\END_EURDEP;',
  ].join('\n');
}

const reasons = (issues: EurdepIssue[]) => issues.map((i) => i.reason);
const withoutLines = (r: EurdepParseResult) => ({
  header: r.header,
  localities: r.localities.map(({ line: _l, ...rest }) => rest),
  records: r.records.map(({ line: _l, ...rest }) => rest),
});

// Both coordinate styles of §1.3: hemisphere prefix (Icelandic feed) and plain decimals (Belgian writer).
const REALISTIC = `\\BEGIN_EURDEP;
\\BEGIN_HEADER;
\\IMPORTANCE NORMAL;
\\SOFTWARE_VERSION V1.1;
\\ORIGINATOR Radiation Safety Authority / gr@example.is / +354-000-0000;
\\MESSAGE_ID IS_GR_20131215001000;
\\SENT 2013-12-15T00:10Z;
\\END_HEADER;
\\BEGIN_COMMENT;
\\anything, even "quoted, text";
\\END_COMMENT;
\\BEGIN_LOCALITY;
\\FIELD_LIST LOCALITY_CODE,LOCALITY_NAME,LONGITUDE,LATITUDE,HEIGHT_ABOVE_SEA;
\\IS0002, Reykjavik, W021.9019, N64.1276, 54;
\\IS0003, "Akureyri, North", W018.0878, N65.6885, 12;
\\VN0001,"Trạm Phố Hiến",106.0517,20.6464,4;
\\VN0002,"Trạm Nam",E105.8,S10.5,;
\\END_LOCALITY;
\\BEGIN_RADIOLOGICAL;
\\FIELD_LIST  LOCALITY_CODE,VALUE,BEGIN,END,BACKGROUND;
\\BEGIN_DEFAULT;
\\UNCERTAINTY 5;
\\UNCERTAINTY_TYPE H;
\\SAMPLE_TYPE A5;
\\NUCLIDE T-GAMMA;
\\UNIT nSv/h;
\\END_DEFAULT;
\\IS0002,4.90E+01,2013-12-15T00:00Z,2013-12-15T00:10Z,5.00E+01;
\\IS0003,5.9E+01,2013-12-15T00:00Z,2013-12-15T00:10Z,5.00E+01;
\\END_RADIOLOGICAL;
\\BEGIN_RADIOLOGICAL;
\\FIELD_LIST LOCALITY_CODE,BEGIN,END,VALUE,VALIDATED,APPARATUS,PRECIPITATION,NUCLIDE,SAMPLE_TYPE,UNIT;
\\VN0001,2025-01-01T00:00Z,2025-01-01T01:00Z,8.70E+01,0,1,0.0,T-GAMMA,A5,nSv/h;
\\VN0002,2025-01-01T00:00Z,2025-01-01T01:00Z,0.087,,P,,T-GAMMA,A5,USV/H;
\\END_RADIOLOGICAL;
\\END_EURDEP;
`;

describe('parseEurdep: a realistic message', () => {
  const out = parseEurdep(REALISTIC);

  it('reads the header (§1.3 HEADER fields), SENT as ISO 8601 UTC', () => {
    expect(out.header).toEqual({
      importance: 'NORMAL',
      softwareVersion: 'V1.1',
      originator: 'Radiation Safety Authority / gr@example.is / +354-000-0000',
      messageId: 'IS_GR_20131215001000',
      sent: '2013-12-15T00:10:00.000Z',
      other: {},
    });
    expect(out.headers).toHaveLength(1);
    expect(out.issues).toEqual([]);
  });

  it('reads localities in FIELD_LIST order, both coordinate styles, as decimal degrees', () => {
    expect(out.localities).toEqual([
      {
        line: 14,
        code: 'IS0002',
        name: 'Reykjavik',
        latitude: 64.1276,
        longitude: -21.9019,
        heightAboveSea: 54,
        fields: {},
      },
      {
        line: 15,
        code: 'IS0003',
        name: 'Akureyri, North', // quoted text may hold commas
        latitude: 65.6885,
        longitude: -18.0878,
        heightAboveSea: 12,
        fields: {},
      },
      {
        line: 16,
        code: 'VN0001',
        name: 'Trạm Phố Hiến',
        latitude: 20.6464,
        longitude: 106.0517,
        heightAboveSea: 4,
        fields: {},
      },
      { line: 17, code: 'VN0002', name: 'Trạm Nam', latitude: -10.5, longitude: 105.8, fields: {} },
    ]);
  });

  it('applies DEFAULT values to every record of their block only, and keeps line numbers', () => {
    expect(out.records).toEqual([
      {
        line: 28,
        message: 0,
        localityCode: 'IS0002',
        begin: '2013-12-15T00:00:00.000Z',
        end: '2013-12-15T00:10:00.000Z',
        nuclide: 'T-GAMMA',
        sampleType: 'A5',
        unit: 'nSv/h',
        value: 49,
        uncertainty: 5,
        uncertaintyType: 'H',
        background: 50,
        fields: {},
      },
      expect.objectContaining({ line: 29, localityCode: 'IS0003', value: 59 }),
      {
        line: 33,
        message: 0,
        localityCode: 'VN0001',
        begin: '2025-01-01T00:00:00.000Z',
        end: '2025-01-01T01:00:00.000Z',
        nuclide: 'T-GAMMA',
        sampleType: 'A5',
        unit: 'nSv/h',
        value: 87,
        validated: '0',
        apparatus: '1',
        fields: { PRECIPITATION: '0.0' },
      },
      // The unit is kept as given: conversion happens elsewhere. Empty fields are absent.
      {
        line: 34,
        message: 0,
        localityCode: 'VN0002',
        begin: '2025-01-01T00:00:00.000Z',
        end: '2025-01-01T01:00:00.000Z',
        nuclide: 'T-GAMMA',
        sampleType: 'A5',
        unit: 'USV/H',
        value: 0.087,
        apparatus: 'P',
        fields: {},
      },
    ]);
  });

  it('accepts CRLF, CR-less LF and a byte-order mark alike', () => {
    const crlf = parseEurdep('\uFEFF' + REALISTIC.replace(/\n/g, '\r\n'));
    expect(crlf.records).toEqual(out.records);
    expect(crlf.localities).toEqual(out.localities);
    expect(crlf.issues).toEqual([]);
  });

  it('reads several messages in one file (§1.3: one or more messages); repeated identical localities are silent', () => {
    const two = parseEurdep(REALISTIC + REALISTIC.replace('IS_GR_20131215001000', 'IS_GR_2'));
    expect(two.headers.map((h) => h.messageId)).toEqual(['IS_GR_20131215001000', 'IS_GR_2']);
    expect(two.localities).toHaveLength(4);
    expect(two.records).toHaveLength(8);
    expect(two.records[7]).toMatchObject({ message: 1, line: 34 + 36 });
    expect(two.issues).toEqual([]);
  });
});

describe('field parsers', () => {
  it('numbers: decimal and E notation only', () => {
    expect(parseEurdepNumber('4.90E+01')).toBe(49);
    expect(parseEurdepNumber(' -0 ')).toBe(0);
    expect(Object.is(parseEurdepNumber('-0'), 0)).toBe(true);
    for (const bad of ['', 'NaN', 'Infinity', '0x10', '1,5', '1e999', '4.9 E1', '--1'])
      expect(parseEurdepNumber(bad)).toBeUndefined();
  });
  it('times: ISO 8601 UTC to the minute (§1.3), seconds tolerated, impossible dates refused', () => {
    expect(parseEurdepTime('2013-12-15T00:10Z')).toBe('2013-12-15T00:10:00.000Z');
    expect(parseEurdepTime('2024-02-29T23:59:30Z')).toBe('2024-02-29T23:59:30.000Z');
    expect(parseEurdepTime('0050-01-01T00:00Z')).toBe('0050-01-01T00:00:00.000Z');
    for (const bad of [
      '2013-02-29T00:00Z',
      '2013-12-15T24:00Z',
      '2013-12-15T00:60Z',
      '2013-12-15T00:10',
      '2013-12-15 00:10Z',
      '2013-12-15T00:10+07:00',
      '15.12.2013',
    ])
      expect(parseEurdepTime(bad)).toBeUndefined();
  });
  it('coordinates: signed decimals and hemisphere prefixes (§1.3), checked per axis and range', () => {
    expect(parseEurdepCoordinate('W021.5035', 'longitude')).toBe(-21.5035);
    expect(parseEurdepCoordinate('n64.0508', 'latitude')).toBe(64.0508);
    expect(parseEurdepCoordinate('S 10', 'latitude')).toBe(-10);
    expect(parseEurdepCoordinate('-33.5', 'latitude')).toBe(-33.5);
    expect(parseEurdepCoordinate('+179.9', 'longitude')).toBe(179.9);
    for (const [bad, axis] of [
      ['N21', 'longitude'],
      ['E105', 'latitude'],
      ['W-21', 'longitude'],
      ['91', 'latitude'],
      ['-180.1', 'longitude'],
      ['21°01\'42"N', 'latitude'], // degrees/minutes/seconds is not a style the reference describes
      ['21,5', 'latitude'],
      ['', 'latitude'],
    ] as const)
      expect(parseEurdepCoordinate(bad, axis)).toBeUndefined();
  });
});

describe('parseEurdep: broken input', () => {
  it('drops a record missing a mandatory field (§1.3 RADIOLOGICAL mandatory list) and keeps the rest', () => {
    const out = parseEurdep(
      message([
        '\\VN0001,2025-01-01T00:00Z,2025-01-01T01:00Z,87;',
        '\\VN0001,,2025-01-01T02:00Z,88;',
        '\\,2025-01-01T00:00Z,2025-01-01T01:00Z,;',
      ]),
    );
    expect(out.records.map((r) => r.value)).toEqual([87]);
    expect(out.issues).toEqual([
      { line: 23, field: 'BEGIN', reason: 'missing_field' },
      { line: 24, field: 'LOCALITY_CODE', reason: 'missing_field' },
      { line: 24, field: 'VALUE', reason: 'missing_field' },
    ]);
  });

  it('drops a record with a bad VALUE number or a bad time', () => {
    const out = parseEurdep(
      message([
        '\\VN0001,2025-01-01T00:00Z,2025-01-01T01:00Z,8,7;', // the comma splits: wrong field count
        '\\VN0001,2025-01-01T00:00Z,2025-01-01T01:00Z,abc;',
        '\\VN0001,2025-13-01T00:00Z,2025-01-01T01:00Z,87;',
        '\\VN0001,2025-01-01T00:00Z,01/01/2025 02:00,87;',
        '\\VN0001,2025-01-01T01:00Z,2025-01-01T02:00Z,4.2E+01;',
      ]),
    );
    expect(out.records.map((r) => [r.line, r.value])).toEqual([[26, 42]]);
    expect(out.issues.map((i) => [i.line, i.reason, i.field])).toEqual([
      [22, 'field_count', undefined],
      [23, 'bad_number', 'VALUE'],
      [24, 'bad_time', 'BEGIN'],
      [25, 'bad_time', 'END'],
    ]);
  });

  it('drops a record whose BEGIN is not before END (§1.3 QA lesson 1: Icelandic date-rollover bug)', () => {
    const out = parseEurdep(
      message([
        '\\VN0001,2013-12-15T23:50Z,2013-12-15T00:00Z,49;',
        '\\VN0001,2013-12-15T00:00Z,2013-12-15T00:00Z,49;',
        '\\VN0001,2013-12-15T00:00Z,2013-12-15T00:10Z,49;',
      ]),
    );
    // Dropped: the true period is unknown, so the value cannot be placed in time.
    expect(out.records).toHaveLength(1);
    expect(reasons(out.issues)).toEqual(['begin_after_end', 'begin_after_end']);
    expect(out.issues[0]).toMatchObject({ line: 22, field: 'BEGIN' });
  });

  it('flags absurd uncertainty (§1.3 QA lesson 2: 1.50E+10 with type H) and keeps the value without it', () => {
    const out = parseEurdep(
      message(
        [
          '\\VN0001,2013-12-15T00:00Z,2013-12-15T00:10Z,49,1.50E+10,H,nSv/h;', // percentage 1.5e10 %
          '\\VN0001,2013-12-15T00:10Z,2013-12-15T00:20Z,49,4.9,G,nSv/h;', // absolute ±4.9 nSv/h: fine
          '\\VN0001,2013-12-15T00:20Z,2013-12-15T00:30Z,49,1E+6,A,nSv/h;', // SD 20,000 × the value
          '\\VN0001,2013-12-15T00:30Z,2013-12-15T00:40Z,49,-3,A,nSv/h;', // negative
          '\\VN0001,2013-12-15T00:40Z,2013-12-15T00:50Z,49,x,A,nSv/h;', // not a number
          '\\VN0001,2013-12-15T00:50Z,2013-12-15T01:00Z,49,3,Q,nSv/h;', // not in the UNCERTAINTY_TYPE list
        ],
        { fieldList: 'LOCALITY_CODE,BEGIN,END,VALUE,UNCERTAINTY,UNCERTAINTY_TYPE,UNCERTAINTY_UNIT' },
      ),
    );
    // Kept: the measured dose rate is sound, only the uncertainty is not to be trusted.
    expect(out.records).toHaveLength(6);
    expect(out.records.map((r) => r.uncertainty)).toEqual([
      undefined,
      4.9,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(out.records[0]).not.toHaveProperty('uncertaintyType');
    expect(out.records[1]).toMatchObject({ uncertaintyType: 'G', uncertaintyUnit: 'nSv/h' });
    expect(out.issues.map((i) => [i.line, i.reason, i.field])).toEqual([
      [22, 'implausible_uncertainty', 'UNCERTAINTY'],
      [24, 'implausible_uncertainty', 'UNCERTAINTY'],
      [25, 'implausible_uncertainty', 'UNCERTAINTY'],
      [26, 'bad_number', 'UNCERTAINTY'],
      [27, 'bad_code', 'UNCERTAINTY_TYPE'],
    ]);
  });

  it('drops localities with bad or missing coordinates; a record of an unknown locality is kept and reported', () => {
    const out = parseEurdep(
      message(
        [
          '\\VN0009,2025-01-01T00:00Z,2025-01-01T01:00Z,87;',
          '\\VN0001,2025-01-01T00:00Z,2025-01-01T01:00Z,88;',
        ],
        {
          localities: [
            '\\VN0001,"A",21.0285,105.8542;',
            '\\VN0002,"B",N21,N105;',
            '\\VN0003,"C",,105;',
            '\\VN0004,,21,105;',
          ],
        },
      ),
    );
    expect(out.localities.map((l) => l.code)).toEqual(['VN0001', 'VN0004']);
    expect(out.records.map((r) => r.localityCode)).toEqual(['VN0009', 'VN0001']);
    expect(out.issues.map((i) => [i.line, i.reason, i.field])).toEqual([
      [14, 'bad_coordinate', 'LONGITUDE'],
      [15, 'missing_field', 'LATITUDE'],
      [16, 'missing_field', 'LOCALITY_NAME'],
      [25, 'unknown_locality', 'LOCALITY_CODE'],
    ]);
  });

  it('reports, skips and survives unknown blocks, unknown fields and bad codes', () => {
    const text = message(['\\VN0001,2025-01-01T00:00Z,2025-01-01T01:00Z,87,x;'], {
      fieldList: 'LOCALITY_CODE,BEGIN,END,VALUE,FOO_BAR',
    })
      .replace('\\IMPORTANCE ROUTINE;', '\\IMPORTANCE WHATEVER;')
      .replace(
        '\\BEGIN_LOCALITY;',
        '\\BEGIN_FUTURE;\n\\X,Y;\n\\BEGIN_INNER;\n\\END_INNER;\n\\END_FUTURE;\n\\BEGIN_LOCALITY;',
      );
    const out = parseEurdep(text);
    expect(out.header.importance).toBe('WHATEVER');
    expect(out.records[0]!.fields).toEqual({ FOO_BAR: 'x' });
    expect(out.issues.map((i) => [i.reason, i.field])).toEqual([
      ['bad_code', 'IMPORTANCE'],
      ['unknown_block', 'FUTURE'],
      ['unknown_field', 'FOO_BAR'],
    ]);
  });

  it('reports statements without `;`, junk lines and records before any FIELD_LIST', () => {
    const text = [
      '\\BEGIN_EURDEP;',
      ...HEADER,
      '\\BEGIN_RADIOLOGICAL;',
      '\\VN0001,2025-01-01T00:00Z,2025-01-01T01:00Z,87,T-GAMMA,A5,nSv/h;',
      '\\FIELD_LIST LOCALITY_CODE,BEGIN,END,VALUE,NUCLIDE,SAMPLE_TYPE,UNIT,LATITUDE,LONGITUDE;',
      'hello there',
      '\\VN0001,2025-01-01T00:00Z,2025-01-01T01:00Z,87,T-GAMMA,A5,nSv/h,21,105;',
      '\\VN0001,2025-01-01T01:00Z,2025-01-01T02:00Z,8', // cut-off transmission
      '\\VN0001,"unterminated,2025-01-01T00:00Z;',
      '\\END_RADIOLOGICAL;',
      '\\END_EURDEP;',
    ].join('\n');
    const out = parseEurdep(text);
    expect(out.records).toHaveLength(1);
    expect(out.records[0]).toMatchObject({ latitude: 21, longitude: 105 });
    expect(out.issues.map((i) => [i.line, i.reason])).toEqual([
      [12, 'no_field_list'],
      [14, 'bad_syntax'],
      [16, 'unterminated'],
      [17, 'bad_syntax'],
    ]);
  });

  it('reports trailing garbage after \\END_EURDEP; once, and a missing \\END_…; at the end of the text', () => {
    const trailing = parseEurdep(
      message(['\\VN0001,2025-01-01T00:00Z,2025-01-01T01:00Z,87;']) + '\n\n--\nsent from my phone\n\\X;\n',
    );
    expect(trailing.records).toHaveLength(1);
    expect(trailing.issues).toEqual([{ line: 26, reason: 'trailing_garbage' }]);

    const truncated = parseEurdep(
      message(['\\VN0001,2025-01-01T00:00Z,2025-01-01T01:00Z,87;']).split('\n').slice(0, -2).join('\n'),
    );
    expect(truncated.records).toHaveLength(1); // the records read so far are kept
    expect(truncated.issues.map((i) => [i.reason, i.field])).toEqual([
      ['unclosed_block', 'EURDEP'],
      ['unclosed_block', 'RADIOLOGICAL'],
    ]);
  });

  it('refuses a text that is not EURDEP at all with a typed error', () => {
    for (const text of [
      '',
      '   \n\n',
      'LOCALITY_CODE,VALUE\nVN0001,87\n',
      '<?xml version="1.0"?><irix:Report/>',
      '\\BEGIN_HEADER;\n',
    ]) {
      expect(() => parseEurdep(text)).toThrow(EurdepError);
      try {
        parseEurdep(text);
      } catch (error) {
        expect((error as EurdepError).code).toBe('not_eurdep');
      }
    }
  });
});

describe('parseEurdep: hostile input', () => {
  it('skips a huge single line without scanning it', () => {
    const huge = '\\VN0001,' + 'x'.repeat(5_000_000) + ';';
    const out = parseEurdep(message([huge, '\\VN0001,2025-01-01T00:00Z,2025-01-01T01:00Z,87;']));
    expect(out.records).toHaveLength(1);
    expect(out.issues).toEqual([{ line: 22, reason: 'line_too_long', detail: '5000009 characters' }]);
    // The same line as the very first line is simply not EURDEP.
    expect(() => parseEurdep('\\BEGIN_EURDEP' + ' '.repeat(100_000) + ';')).toThrow(/not eurdep/);
  });

  it('handles 10 MB of junk: refused outright, or inside a message with a capped issue list', () => {
    const junk = ('\u0000\u00ff\\;"",,junk' + 'z'.repeat(80) + '\n').repeat(110_000);
    expect(junk.length).toBeGreaterThan(10_000_000);
    expect(() => parseEurdep(junk)).toThrow(EurdepError);
    const out = parseEurdep('\\BEGIN_EURDEP;\n' + junk, { maxIssues: 100 });
    expect(out.records).toEqual([]);
    expect(out.issues).toHaveLength(101);
    expect(out.issues[100]!.reason).toBe('too_many_issues');
    // Over the byte limit: refused before any parsing, counting UTF-8 bytes (Vietnamese letters are 2–3 bytes).
    expect(() => parseEurdep(junk, { maxBytes: 1_000_000 })).toThrow(
      expect.objectContaining({ code: 'too_large' }),
    );
    expect(() => parseEurdep('\\BEGIN_EURDEP;' + 'ệ'.repeat(400), { maxBytes: 1000 })).toThrow(/too large/);
    expect(() =>
      parseEurdep('\\BEGIN_EURDEP;\\END_EURDEP;' + 'ệ'.repeat(300), { maxBytes: 1000 }),
    ).not.toThrow();
  });

  it('deals with nested and duplicated headers: the first header wins', () => {
    const text = message(['\\VN0001,2025-01-01T00:00Z,2025-01-01T01:00Z,87;'])
      .replace('\\COUNTRY_CODE VN;', '\\COUNTRY_CODE VN;\n\\BEGIN_HEADER;\n\\COUNTRY_CODE LA;')
      .replace('\\BEGIN_LOCALITY;', '\\BEGIN_HEADER;\n\\MESSAGE_ID OTHER;\n\\END_HEADER;\n\\BEGIN_LOCALITY;');
    const out = parseEurdep(text);
    expect(out.header.countryCode).toBe('VN');
    expect(out.header.messageId).toBe('VN_XX_20250101T0100Z');
    expect(out.records).toHaveLength(1);
    expect(out.issues.map((i) => [i.line, i.reason, i.field])).toEqual([
      [6, 'nested_block', 'HEADER'],
      [7, 'duplicate_field', 'COUNTRY_CODE'],
      [13, 'duplicate_block', 'HEADER'],
    ]);
  });

  it('recovers when a block lost its END, and ignores stray ENDs', () => {
    const text = message(['\\VN0001,2025-01-01T00:00Z,2025-01-01T01:00Z,87;'])
      .replace('\\END_LOCALITY;\n', '')
      .replace('\\END_HEADER;', '\\END_HEADER;\n\\END_DEFAULT;');
    const out = parseEurdep(text);
    expect(out.localities).toHaveLength(1);
    expect(out.records).toHaveLength(1);
    expect(out.issues.map((i) => [i.reason, i.field])).toEqual([
      ['unexpected_end', 'DEFAULT'],
      ['unclosed_block', 'LOCALITY'],
    ]);
  });

  it('refuses more records than the limit with a typed error', () => {
    const rows = Array.from({ length: 101 }, (_, i) => `\\VN0001,2025-01-01T00:00Z,2025-01-01T01:00Z,${i};`);
    expect(() => parseEurdep(message(rows), { maxRecords: 100 })).toThrow(
      expect.objectContaining({ name: 'EurdepError', code: 'too_many_records' }),
    );
    expect(parseEurdep(message(rows.slice(0, 99)), { maxRecords: 100 }).records).toHaveLength(99); // + 1 locality
  });

  it('does not let field names reach the object prototype', () => {
    const out = parseEurdep(
      message(['\\VN0001,2025-01-01T00:00Z,2025-01-01T01:00Z,87,x;'], {
        fieldList: 'LOCALITY_CODE,BEGIN,END,VALUE,__proto__',
      }),
    );
    expect(out.records).toEqual([]);
    expect(out.issues.map((i) => i.reason)).toEqual(['bad_syntax', 'no_field_list']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('parses 100,000 records in one go', () => {
    const rows: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const t = new Date(Date.UTC(2025, 0, 1) + i * 600_000).toISOString().slice(0, 16);
      const t2 = new Date(Date.UTC(2025, 0, 1) + (i + 1) * 600_000).toISOString().slice(0, 16);
      rows.push(`\\VN0001,${t}Z,${t2}Z,${(80 + (i % 20)).toFixed(1)};`);
    }
    const out = parseEurdep(message(rows));
    expect(out.records).toHaveLength(100_000);
    expect(out.issues).toEqual([]);
    expect(out.records[99_999]!.end).toBe('2026-11-26T10:40:00.000Z');
  });
});

describe('writeEurdep', () => {
  it('round-trips a parsed message: write → parse gives the same data', () => {
    const first = parseEurdep(REALISTIC);
    const text = writeEurdep(first);
    const again = parseEurdep(text);
    expect(again.issues).toEqual([]);
    expect(withoutLines(again)).toEqual(withoutLines(first));
    // And writing again is stable.
    expect(writeEurdep(again)).toBe(text);
  });

  it('writes a valid EURDEP 2.x message (§1.3 structure) with a DEFAULT block for shared values', () => {
    const text = writeEurdep({
      header: {
        importance: 'ROUTINE',
        originator: 'Sở KH&CN / ops@example.vn',
        messageId: 'VN_XX_1',
        sent: '2025-01-01T01:05:00.000Z',
        countryCode: 'VN',
        formatVersion: '2.1',
      },
      localities: [
        { code: 'VN0001', name: 'Trạm Hưng Yên', latitude: 20.6464, longitude: 106.0517, heightAboveLand: 1 },
      ],
      records: [
        {
          localityCode: 'VN0001',
          begin: '2025-01-01T07:00:00+07:00',
          end: '2025-01-01T01:00:00Z',
          nuclide: 'T-GAMMA',
          sampleType: 'A5',
          unit: 'nSv/h',
          value: 87,
          uncertainty: 1.5e-7,
        },
      ],
    });
    expect(text).toBe(
      [
        '\\BEGIN_EURDEP;',
        '\\BEGIN_HEADER;',
        '\\IMPORTANCE ROUTINE;',
        '\\ORIGINATOR Sở KH&CN / ops@example.vn;',
        '\\MESSAGE_ID VN_XX_1;',
        '\\SENT 2025-01-01T01:05Z;',
        '\\COUNTRY_CODE VN;',
        '\\FORMAT_VERSION 2.1;',
        '\\END_HEADER;',
        '\\BEGIN_LOCALITY;',
        '\\FIELD_LIST LOCALITY_CODE,LOCALITY_NAME,LATITUDE,LONGITUDE,HEIGHT_ABOVE_LAND;',
        '\\VN0001,"Trạm Hưng Yên",20.6464,106.0517,1;',
        '\\END_LOCALITY;',
        '\\BEGIN_RADIOLOGICAL;',
        '\\FIELD_LIST LOCALITY_CODE,BEGIN,END,VALUE,UNCERTAINTY;',
        '\\BEGIN_DEFAULT;',
        '\\NUCLIDE T-GAMMA;',
        '\\SAMPLE_TYPE A5;',
        '\\UNIT nSv/h;',
        '\\END_DEFAULT;',
        '\\VN0001,2025-01-01T00:00Z,2025-01-01T01:00Z,87,1.5E-7;',
        '\\END_RADIOLOGICAL;',
        '\\END_EURDEP;',
        '',
      ].join('\r\n'),
    );
  });

  it('keeps Vietnamese names, commas, extra fields and odd numbers through a round trip', () => {
    const data = {
      header: {
        importance: 'EMERGENCY',
        originator: 'Trung tâm, Quan trắc',
        messageId: 'VN;1',
        sent: '2025-06-30T23:59:30.000Z',
        carrier: 'FILE',
        other: { X_NOTE: 'ghi chú: đã kiểm tra' },
      },
      localities: [
        {
          code: 'VN0001',
          name: 'Nhà máy Đường, Phú Thọ',
          latitude: -0.000001,
          longitude: 179.999999,
          nuts: 'VN-68',
          fields: { REMARKS: 'mái nhà' },
        },
        { code: 'VN0002', name: 'Ấp Bàu Bàng ', latitude: 11.25, longitude: 106.6 },
      ],
      records: [
        {
          localityCode: 'VN0001',
          begin: '2025-06-30T23:00:00.000Z',
          end: '2025-06-30T23:59:30.000Z',
          nuclide: 'CS-137',
          sampleType: 'A211',
          unit: 'BQ/L',
          value: 1e-12,
          valueConstraint: '<' as const,
          validated: '1',
          fields: { REMARKS: 'mẫu nước sông Hồng, lọc', PRECIPITATION: '0.2' },
        },
        {
          localityCode: 'VN0002',
          begin: '2025-06-30T23:00:00.000Z',
          end: '2025-07-01T00:00:00.000Z',
          nuclide: 'T-GAMMA',
          sampleType: 'A5',
          unit: 'nSv/h',
          value: -1.25e21,
          background: 0,
          latitude: 11.25,
          longitude: 106.6,
          uncertainty: 3,
          uncertaintyType: 'H',
        },
      ],
    };
    const out = parseEurdep(writeEurdep(data));
    expect(out.issues).toEqual([]);
    expect(out.header).toEqual(data.header);
    expect(withoutLines(out).localities).toEqual([
      { ...data.localities[0], fields: { REMARKS: 'mái nhà' } },
      { ...data.localities[1], fields: {} },
    ]);
    expect(withoutLines(out).records).toEqual(data.records.map((r) => ({ fields: {}, ...r, message: 0 })));
  });

  it('refuses what the format cannot carry instead of writing a broken message', () => {
    const base = parseEurdep(REALISTIC);
    const bad = (patch: (d: EurdepParseResult) => void) => {
      const d = structuredClone(base);
      patch(d);
      return () => writeEurdep(d);
    };
    const err = expect.objectContaining({ code: 'unwritable_value' });
    expect(bad((d) => (d.localities[0]!.name = 'Trạm "A"'))).toThrow(err);
    expect(bad((d) => (d.localities[0]!.name = 'line\nbreak'))).toThrow(err);
    expect(bad((d) => (d.records[0]!.value = Number.NaN))).toThrow(err);
    expect(bad((d) => (d.records[0]!.begin = '2025-01-01T00:00'))).toThrow(err); // no zone: ambiguous
    expect(bad((d) => (d.records[0]!.begin = d.records[0]!.end))).toThrow(err);
    expect(bad((d) => delete d.header.messageId)).toThrow(err);
    expect(bad((d) => (d.header.importance = 'URGENT'))).toThrow(err);
    expect(bad((d) => (d.records[0]!.fields['bad name'] = 'x'))).toThrow(err);
    expect(bad((d) => (d.records[0]!.fields.VALUE = 'x'))).toThrow(err);
    expect(bad((d) => (d.localities[0]!.latitude = 95))).toThrow(err);
    expect(bad(() => undefined)).not.toThrow();
  });
});
