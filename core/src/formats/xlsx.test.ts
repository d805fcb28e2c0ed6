import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { XlsxError } from './xlsx.js';
import { columnIndex, columnName, excelSerialToIso, readXlsx, writeXlsx } from './xlsx.js';

function workbook(sheetXml: string, extra: Record<string, string> = {}): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<Types/>'),
    'xl/workbook.xml': strToU8(
      '<workbook xmlns:r="r"><sheets><sheet name="Cơ sở" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(`<worksheet><sheetData>${sheetXml}</sheetData></worksheet>`),
  };
  for (const [k, v] of Object.entries(extra)) files[k] = strToU8(v);
  return zipSync(files);
}

describe('XLSX', () => {
  it('round-trips Vietnamese text, numbers, booleans and empty cells', () => {
    const rows = [
      ['Tên cơ sở', 'Hoạt độ (Bq)', 'Đang dùng', null, 'Ghi chú'],
      ['Bệnh viện Đa khoa "A" & <B>', 3.7e12, true, null, '=SUM(A1)'],
      [null, -0.5, false],
    ];
    const out = readXlsx(writeXlsx([{ name: 'Nguồn', rows, header: true }]));
    expect(out.sheetName).toBe('Nguồn');
    expect(out.rows[0]).toEqual(['Tên cơ sở', 'Hoạt độ (Bq)', 'Đang dùng', null, 'Ghi chú']);
    // A formula-looking string stays a string: nothing is evaluated.
    expect(out.rows[1]).toEqual(['Bệnh viện Đa khoa "A" & <B>', 3.7e12, true, null, '=SUM(A1)']);
    expect(out.rows[2]).toEqual([null, -0.5, false]);
  });

  it('reads shared strings with rich-text runs, sparse cells and dates by style (ECMA-376 §18.8.30 built-in formats)', () => {
    const data = workbook(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row><row r="3"><c r="B3" s="1"><v>46354</v></c><c r="C3" s="2"><v>46354.5</v></c><c r="D3"><v>42</v></c></row>',
      {
        'xl/sharedStrings.xml':
          '<sst><si><t xml:space="preserve"> Mã xã </t></si><si><r><t>Vĩ</t></r><r><t> độ</t></r></si></sst>',
        'xl/styles.xml':
          '<styleSheet><numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>',
      },
    );
    const { rows } = readXlsx(data);
    expect(rows[0]).toEqual([' Mã xã ', null, 'Vĩ độ']);
    expect(rows[1]).toEqual([]);
    // Serial 46354 is 2026-11-28 in the 1900 date system.
    expect(rows[2]).toEqual([null, '2026-11-28', '2026-11-28T12:00:00Z', 42]);
  });

  it('converts serial dates in both date systems', () => {
    expect(excelSerialToIso(1)).toBe('1899-12-31');
    expect(excelSerialToIso(45658)).toBe('2025-01-01');
    expect(excelSerialToIso(0, true)).toBe('1904-01-01');
  });

  it('names and numbers columns', () => {
    expect(columnName(0)).toBe('A');
    expect(columnName(27)).toBe('AB');
    expect(columnIndex('AB12')).toBe(27);
    expect(columnIndex('XFD1')).toBe(16383);
  });

  it('refuses what is not a spreadsheet', () => {
    const reason = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as XlsxError).reason;
      }
      return 'none';
    };
    expect(reason(() => readXlsx(new Uint8Array([1, 2, 3])))).toBe('not_xlsx');
    expect(reason(() => readXlsx(strToU8('a,b,c\n1,2,3')))).toBe('not_xlsx');
    expect(reason(() => readXlsx(zipSync({ 'hello.txt': strToU8('hi') })))).toBe('not_xlsx');
    expect(reason(() => readXlsx(workbook('<row><c><v>1</v></c>')))).toBe('bad_xml');
    expect(
      reason(() =>
        readXlsx(
          zipSync({
            'xl/workbook.xml': strToU8('<workbook><sheets/></workbook>'),
            'xl/_rels/workbook.xml.rels': strToU8('<Relationships/>'),
          }),
        ),
      ),
    ).toBe('no_sheet');
  });

  it('stops zip bombs, huge sheets and too many columns at the limits', () => {
    const bomb = zipSync(
      {
        ...Object.fromEntries([['xl/workbook.xml', strToU8('<workbook/>')]]),
        'xl/worksheets/sheet1.xml': new Uint8Array(50 * 1024 * 1024),
      },
      { level: 9 },
    );
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(() => readXlsx(bomb, { limits: { maxUncompressedBytes: 10 * 1024 * 1024 } })).toThrow(/too large/);
    expect(() => readXlsx(new Uint8Array(30), { limits: { maxBytes: 10 } })).toThrow(/too large/);
    const many = workbook(
      Array.from({ length: 20 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join(
        '',
      ),
    );
    expect(() => readXlsx(many, { limits: { maxRows: 10 } })).toThrow(/too many rows/);
    expect(() =>
      readXlsx(workbook('<row r="1"><c r="ZZ1"><v>1</v></c></row>'), { limits: { maxColumns: 100 } }),
    ).toThrow(/too many columns/);
  });

  it('ignores XML entities it does not know (no external entities, no expansion bombs)', () => {
    const evil = workbook('<row r="1"><c r="A1" t="inlineStr"><is><t>&lt;ok&gt; &amp;</t></is></c></row>');
    expect(readXlsx(evil).rows[0]).toEqual(['<ok> &']);
    const doctype = workbook('<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>').slice();
    expect(readXlsx(doctype).rows[0]).toEqual(['x']);
  });

  it('writes and reads 5,000 rows', () => {
    const rows = [['id', 'name'], ...Array.from({ length: 5000 }, (_, i) => [i, `Hàng ${i}`])];
    const out = readXlsx(writeXlsx([{ name: 'Big', rows }]));
    expect(out.rows).toHaveLength(5001);
    expect(out.rows[5000]).toEqual([4999, 'Hàng 4999']);
  });
});
