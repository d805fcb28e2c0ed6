import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv, parseCsvObjects, writeCsv } from './csv.js';

describe('parseCsv', () => {
  it('reads RFC 4180 examples (§2: quotes, doubled quotes, line breaks in fields)', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","line1\nline2"\r\n';
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'line1\nline2'],
    ]);
  });
  it('accepts LF, a BOM, a missing final newline and empty fields; skips blank lines', () => {
    expect(parseCsv('\uFEFFcode,name\n11953,Phố Hiến\n\n12004,\n,')).toEqual([
      ['code', 'name'],
      ['11953', 'Phố Hiến'],
      ['12004', ''],
      ['', ''],
    ]);
  });
  it('keeps an explicitly quoted empty field', () => {
    expect(parseCsv('""')).toEqual([['']]);
  });
  it('reports broken input with its line', () => {
    expect(() => parseCsv('a,b\n"open,field\n')).toThrow(CsvError);
    try {
      parseCsv('a\nb"c\n');
    } catch (error) {
      expect((error as CsvError).reason).toBe('quote_in_field');
      expect((error as CsvError).line).toBe(2);
    }
    expect(() => parseCsv('"a"b')).toThrow(/quote in field/);
  });
  it('stops hostile sizes at the limits instead of exhausting memory', () => {
    expect(() => parseCsv('a\n'.repeat(11), { maxRows: 10 })).toThrow(/too many rows/);
    expect(() => parseCsv(','.repeat(50), { maxColumns: 20 })).toThrow(/too many columns/);
    expect(() => parseCsv(`"${'x'.repeat(2000)}"`, { maxFieldLength: 1000 })).toThrow(/field too long/);
    expect(() => parseCsv('y'.repeat(2000), { maxFieldLength: 1000 })).toThrow(/field too long/);
  });
  it('parses a large file', () => {
    const big = 'id,value\n' + Array.from({ length: 100_000 }, (_, i) => `${i},"v ${i}"`).join('\n');
    const rows = parseCsv(big);
    expect(rows).toHaveLength(100_001);
    expect(rows[100_000]).toEqual(['99999', 'v 99999']);
  });
});

describe('parseCsvObjects', () => {
  it('keys rows by a trimmed header and fills missing cells with empty strings', () => {
    expect(parseCsvObjects(' code , name\n1\n2,b,extra')).toEqual([
      { code: '1', name: '' },
      { code: '2', name: 'b' },
    ]);
  });
});

describe('writeCsv', () => {
  it('round-trips through parseCsv', () => {
    const rows = [
      ['mã', 'tên'],
      ['1', 'Bệnh viện "A", tỉnh'],
      ['2', 'line\nbreak'],
    ];
    expect(parseCsv(writeCsv(rows))).toEqual(rows);
  });
  it('neutralises spreadsheet formulas (CSV injection)', () => {
    expect(writeCsv([['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', 'ok']])).toBe(
      `"'=HYPERLINK(""x"")",'+1,'-2,'@SUM(A1),ok\r\n`,
    );
  });
  it('writes numbers, booleans and nulls', () => {
    expect(writeCsv([[1.5, true, null, undefined]])).toBe('1.5,true,,\r\n');
  });
});
