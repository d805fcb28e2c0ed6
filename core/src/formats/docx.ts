/**
 * A small clean-room writer of Word documents (Office Open XML, ISO/IEC 29500): paragraphs with runs, tables and
 * page breaks, on A4 with the margins and font of Vietnamese administrative documents (Decree 30/2020/NĐ-CP,
 * Appendix I: Times New Roman 13–14 pt; top and bottom margins 20–25 mm, left 30–35 mm, right 15–20 mm).
 * Enough for records and reports that officials open and edit in Word or LibreOffice.
 */
import { strToU8, zipSync } from 'fflate';

export interface DocxRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** Points. */
  size?: number;
}

export type DocxAlign = 'left' | 'center' | 'right' | 'both';

export interface DocxParagraph {
  type: 'paragraph';
  runs: readonly (DocxRun | string)[];
  align?: DocxAlign;
  /** Points after the paragraph (6 by default). */
  spacingAfter?: number;
  /** First-line indent in millimetres. */
  indentFirst?: number;
  /** Keep with the next paragraph (a heading with its text). */
  keepNext?: boolean;
}

export interface DocxTableCell {
  blocks: readonly DocxParagraph[];
  /** Columns this cell spans. */
  span?: number;
  shade?: boolean;
}

export interface DocxTable {
  type: 'table';
  /** Column widths in millimetres; their sum is the table's width. */
  widths: readonly number[];
  rows: readonly (readonly (DocxTableCell | string)[])[];
  /** The first row repeats on every page and is shaded. */
  header?: boolean;
  /** Grid lines (default true); false for layout tables such as the heading and signature blocks. */
  borders?: boolean;
}

export interface DocxPageBreak {
  type: 'pageBreak';
}

export type DocxBlock = DocxParagraph | DocxTable | DocxPageBreak;

export interface DocxDocument {
  title?: string;
  /** Points; 13 by default (Decree 30 allows 13–14). */
  fontSize?: number;
  blocks: readonly DocxBlock[];
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
/** Twentieths of a point per millimetre. */
const TWIPS_PER_MM = 1440 / 25.4;
const twips = (mm: number) => Math.round(mm * TWIPS_PER_MM);

/** XML 1.0 cannot carry most control characters; they are dropped, and markup characters escaped. */
export function xmlText(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- removing what XML 1.0 forbids is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

function run(r: DocxRun | string): string {
  const value = typeof r === 'string' ? { text: r } : r;
  const props = [
    value.bold ? '<w:b/>' : '',
    value.italic ? '<w:i/>' : '',
    value.underline ? '<w:u w:val="single"/>' : '',
    value.size
      ? `<w:sz w:val="${Math.round(value.size * 2)}"/><w:szCs w:val="${Math.round(value.size * 2)}"/>`
      : '',
  ].join('');
  // Line breaks inside a run become <w:br/>; tabs <w:tab/>.
  const parts = value.text.split('\n').map((line) =>
    line
      .split('\t')
      .map((piece) => `<w:t xml:space="preserve">${xmlText(piece)}</w:t>`)
      .join('<w:tab/>'),
  );
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}${parts.join('<w:br/>')}</w:r>`;
}

function paragraph(p: DocxParagraph): string {
  const props = [
    p.keepNext ? '<w:keepNext/>' : '',
    `<w:spacing w:before="0" w:after="${Math.round((p.spacingAfter ?? 6) * 20)}"/>`,
    p.indentFirst ? `<w:ind w:firstLine="${twips(p.indentFirst)}"/>` : '',
    p.align ? `<w:jc w:val="${p.align}"/>` : '',
  ].join('');
  return `<w:p><w:pPr>${props}</w:pPr>${p.runs.map(run).join('')}</w:p>`;
}

function table(t: DocxTable): string {
  const borders = t.borders ?? true;
  const border = (side: string) =>
    `<w:${side} w:val="${borders ? 'single' : 'nil'}" w:sz="4" w:space="0" w:color="444444"/>`;
  const grid = t.widths.map((w) => `<w:gridCol w:w="${twips(w)}"/>`).join('');
  const rows = t.rows
    .map((cells, rowIndex) => {
      let column = 0;
      const header = t.header && rowIndex === 0;
      const xml = cells
        .map((c) => {
          const cell: DocxTableCell =
            typeof c === 'string' ? { blocks: [{ type: 'paragraph', runs: [c], spacingAfter: 0 }] } : c;
          const span = Math.max(1, cell.span ?? 1);
          const width = t.widths.slice(column, column + span).reduce((a, b) => a + b, 0);
          column += span;
          const shade = cell.shade || header ? '<w:shd w:val="clear" w:color="auto" w:fill="EEEEEE"/>' : '';
          const blocks = cell.blocks.length
            ? cell.blocks.map((b) => paragraph(header ? { ...b, runs: b.runs.map(bold) } : b)).join('')
            : '<w:p/>';
          return `<w:tc><w:tcPr><w:tcW w:w="${twips(width)}" w:type="dxa"/>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}${shade}</w:tcPr>${blocks}</w:tc>`;
        })
        .join('');
      return `<w:tr>${header ? '<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>' : '<w:trPr><w:cantSplit/></w:trPr>'}${xml}</w:tr>`;
    })
    .join('');
  const width = t.widths.reduce((a, b) => a + b, 0);
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="${twips(width)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>` +
    `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders>` +
    `<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>` +
    `</w:tblPr><w:tblGrid>${grid}</w:tblGrid>${rows}</w:tbl>` +
    // Word needs a paragraph between two tables and after the last one.
    '<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr></w:p>'
  );
}

const bold = (r: DocxRun | string): DocxRun =>
  typeof r === 'string' ? { text: r, bold: true } : { ...r, bold: true };

function block(b: DocxBlock): string {
  if (b.type === 'paragraph') return paragraph(b);
  if (b.type === 'table') return table(b);
  return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>';
}

/** The document as the bytes of a .docx file. */
export function writeDocx(doc: DocxDocument): Uint8Array {
  const size = Math.round((doc.fontSize ?? 13) * 2);
  const body =
    doc.blocks.map(block).join('') +
    // A4 portrait; margins of Decree 30 (top 20, bottom 20, left 30, right 15 mm).
    `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="${twips(20)}" w:right="${twips(15)}" ` +
    `w:bottom="${twips(20)}" w:left="${twips(30)}" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>`;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        '</Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
        '</Relationships>',
    ),
    'word/_rels/document.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
        '</Relationships>',
    ),
    'word/styles.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="${W}">` +
        '<w:docDefaults><w:rPrDefault><w:rPr>' +
        '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman"/>' +
        `<w:sz w:val="${size}"/><w:szCs w:val="${size}"/><w:lang w:val="vi-VN"/>` +
        '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault>' +
        '</w:docDefaults></w:styles>',
    ),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`,
    ),
    'docProps/core.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
        'xmlns:dc="http://purl.org/dc/elements/1.1/">' +
        `<dc:title>${xmlText(doc.title ?? '')}</dc:title><dc:language>vi-VN</dc:language>` +
        '</cp:coreProperties>',
    ),
  };
  return zipSync(files, { level: 6 });
}

/** Shorthand for a paragraph. */
export function para(
  runs: string | DocxRun | readonly (DocxRun | string)[],
  options: Omit<DocxParagraph, 'type' | 'runs'> = {},
): DocxParagraph {
  return { type: 'paragraph', runs: Array.isArray(runs) ? runs : [runs as DocxRun | string], ...options };
}

export interface AdministrativeHeading {
  /** The body above the issuer (e.g. `UBND TỈNH …`), printed upright. */
  superior?: string;
  /** The issuing body (e.g. `Sở Khoa học và Công nghệ`), printed in capitals and bold. */
  issuer: string;
  /** The document's number and symbol, e.g. `12/BC-SKHCN`; printed as `Số: …`. */
  number?: string;
  /** Place and date, e.g. `<place>, ngày 29 tháng 11 năm 2026`, printed in italics under the motto. */
  placeAndDate?: string;
}

/**
 * The heading of an administrative document (Decree 30/2020/NĐ-CP, Appendix I, items 1–4): the issuing body with
 * its number on the left, the national motto with the place and date on the right, as a borderless table.
 */
export function administrativeHeading(h: AdministrativeHeading): DocxTable {
  const centred = { align: 'center' as const, spacingAfter: 0 };
  const left: DocxParagraph[] = [
    ...(h.superior ? [para(h.superior.toUpperCase(), centred)] : []),
    para({ text: h.issuer.toUpperCase(), bold: true }, centred),
    ...(h.number ? [para(`Số: ${h.number}`, { ...centred, spacingAfter: 0 })] : []),
  ];
  const right: DocxParagraph[] = [
    para({ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true }, centred),
    para({ text: 'Độc lập - Tự do - Hạnh phúc', bold: true }, centred),
    ...(h.placeAndDate ? [para({ text: h.placeAndDate, italic: true }, { align: 'center' })] : []),
  ];
  return { type: 'table', borders: false, widths: [65, 100], rows: [[{ blocks: left }, { blocks: right }]] };
}
