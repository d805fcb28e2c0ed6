import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { safeFileName, sniffAttachmentType } from './file-type.js';
import { writeXlsx } from './xlsx.js';

const bytes = (text: string) => strToU8(text);

describe('sniffAttachmentType', () => {
  it('recognises the dossier formats by their first bytes', () => {
    expect(sniffAttachmentType(bytes('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toBe('pdf');
    // Junk before the header is allowed by ISO 32000 within the first 1024 bytes.
    expect(sniffAttachmentType(bytes(`${' '.repeat(100)}%PDF-1.4`))).toBe('pdf');
    expect(sniffAttachmentType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(
      'png',
    );
    expect(sniffAttachmentType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('jpeg');
    expect(sniffAttachmentType(writeXlsx([{ name: 'a', rows: [['x']] }]))).toBe('xlsx');
    const docx = zipSync({ '[Content_Types].xml': bytes('<Types/>'), 'word/document.xml': bytes('<w/>') });
    expect(sniffAttachmentType(docx)).toBe('docx');
  });

  it('refuses what it does not know, whatever the name says', () => {
    for (const hostile of [
      new Uint8Array(),
      bytes('MZ\x90\x00 an executable'),
      bytes('<html><script>alert(1)</script></html>'),
      bytes('%PD'),
      bytes(`${' '.repeat(1100)}%PDF-1.4`),
      // A ZIP that is not an Office file, and a truncated ZIP.
      zipSync({ 'evil.exe': bytes('MZ') }),
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]),
      // An Office container with neither a document nor a workbook.
      zipSync({ '[Content_Types].xml': bytes('<Types/>'), 'ppt/slide1.xml': bytes('<p/>') }),
    ]) {
      expect(sniffAttachmentType(hostile)).toBeNull();
    }
  });

  it('does not inflate a ZIP bomb to look inside', () => {
    // 200 MB of zeros compress to ~200 kB; reading the directory must not decompress them.
    const bomb = zipSync(
      { '[Content_Types].xml': bytes('<Types/>'), 'word/document.xml': new Uint8Array(200 * 1024 * 1024) },
      { level: 9 },
    );
    const before = process.memoryUsage().rss;
    expect(sniffAttachmentType(bomb)).toBe('docx');
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });
});

describe('safeFileName', () => {
  it('keeps Vietnamese names and forces the real extension', () => {
    expect(safeFileName('Báo cáo đánh giá an toàn.pdf', 'pdf')).toBe('Báo cáo đánh giá an toàn.pdf');
    expect(safeFileName('anh chup.PNG', 'jpeg')).toBe('anh chup.jpg');
    expect(safeFileName('hop-dong.exe', 'pdf')).toBe('hop-dong.pdf');
  });

  it('removes folders, control and direction-override characters, quotes and leading dots', () => {
    expect(safeFileName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(safeFileName('C:\\Users\\x\\giay-phep.pdf', 'pdf')).toBe('giay-phep.pdf');
    expect(safeFileName('bao\u202Egnp.exe.pdf', 'pdf')).toBe('baognp.exe.pdf');
    expect(safeFileName('a"b\r\nc.pdf', 'pdf')).toBe('abc.pdf');
    expect(safeFileName('.htaccess', 'pdf')).toBe('htaccess.pdf');
    expect(safeFileName('', 'png')).toBe('tep-dinh-kem.png');
    expect(safeFileName('x'.repeat(5000), 'pdf')).toHaveLength(174);
  });
});
