import { strFromU8, unzipSync } from 'fflate';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { para, writeDocx, xmlText } from './docx.js';
import { sniffAttachmentType } from './file-type.js';

const documentXml = (bytes: Uint8Array) => strFromU8(unzipSync(bytes)['word/document.xml']!);
/** The visible text of a document, paragraph by paragraph. */
function texts(xml: string): string[] {
  return [...xml.matchAll(/<w:p>(.*?)<\/w:p>/g)]
    .map((m) =>
      [...m[1]!.matchAll(/<w:t xml:space="preserve">(.*?)<\/w:t>|<w:br\/>/g)]
        .map((t) => (t[0] === '<w:br/>' ? '\n' : t[1]))
        .join(''),
    )
    .filter((t) => t !== '');
}

describe('writeDocx', () => {
  it('writes a Word package with the parts Word needs, well-formed and recognised as DOCX', () => {
    const bytes = writeDocx({
      title: 'Biên bản kiểm tra',
      blocks: [
        para({ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true }, { align: 'center' }),
        para('Độc lập - Tự do - Hạnh phúc', { align: 'center' }),
        {
          type: 'table',
          widths: [10, 80, 30],
          header: true,
          rows: [
            ['#', 'Nội dung', 'Kết quả'],
            ['1', 'Biển cảnh báo', 'Đạt'],
          ],
        },
        { type: 'pageBreak' },
        para(['Dòng một\nDòng hai']),
      ],
    });
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/core.xml',
      'word/_rels/document.xml.rels',
      'word/document.xml',
      'word/styles.xml',
    ]);
    for (const [name, content] of Object.entries(files))
      expect(XMLValidator.validate(strFromU8(content)), name).toBe(true);
    expect(sniffAttachmentType(bytes)).toBe('docx');
    const xml = documentXml(bytes);
    expect(texts(xml)).toEqual([
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      '#',
      'Nội dung',
      'Kết quả',
      '1',
      'Biển cảnh báo',
      'Đạt',
      'Dòng một\nDòng hai',
    ]);
    // A4 with the margins of Decree 30/2020/NĐ-CP Appendix I (left 30 mm = 1701 twips, right 15 mm = 850).
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"/>');
    expect(xml).toContain('w:left="1701"');
    expect(xml).toContain('w:right="850"');
    expect(strFromU8(files['word/styles.xml']!)).toContain('w:ascii="Times New Roman"');
    const core = new XMLParser().parse(strFromU8(files['docProps/core.xml']!));
    expect(core['cp:coreProperties']['dc:title']).toBe('Biên bản kiểm tra');
  });

  it('keeps hostile text as text: markup escaped, characters XML forbids dropped', () => {
    const hostile = '</w:t></w:r><w:r><w:t>injected & "quoted" \u0000\u0007\uFFFF\uD800 end';
    const xml = documentXml(writeDocx({ blocks: [para(hostile)] }));
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(texts(xml)).toEqual([xmlText('</w:t></w:r><w:r><w:t>injected & "quoted"  end')]);
    expect(xml).not.toContain('<w:t>injected');
  });

  it('writes a large document in one piece', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [
      String(i + 1),
      `Phát hiện số ${i + 1}`,
      'Trung bình',
    ]);
    const bytes = writeDocx({ blocks: [{ type: 'table', widths: [15, 120, 30], header: true, rows }] });
    const xml = documentXml(bytes);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect((xml.match(/<w:tr>/g) ?? []).length).toBe(5000);
  });
});
