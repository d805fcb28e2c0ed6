/**
 * What a file really is, from its first bytes and (for Office files) the names inside its ZIP container, never
 * from the name or the type the browser claims. Only the kinds a licensing dossier needs are recognised.
 */
import { unzipSync } from 'fflate';

export const ATTACHMENT_TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

const starts = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);

/** The recognised type of a file, or null (unknown, executable, HTML, an archive of something else…). */
export function sniffAttachmentType(bytes: Uint8Array): AttachmentType | null {
  // "%PDF-" may follow a little junk per the PDF specification; accept it within the first 1024 bytes.
  const head = bytes.subarray(0, 1024);
  const pdf = [0x25, 0x50, 0x44, 0x46, 0x2d];
  for (let i = 0; i + pdf.length <= head.length; i++) if (starts(head, pdf, i)) return 'pdf';
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const names: string[] = [];
    try {
      // Only the directory is read: the filter refuses every entry, so nothing is decompressed (no ZIP bomb).
      unzipSync(bytes, {
        filter: (file) => {
          if (names.length < 10_000) names.push(file.name);
          return false;
        },
      });
    } catch {
      return null;
    }
    if (!names.includes('[Content_Types].xml')) return null;
    if (names.some((n) => n.startsWith('word/'))) return 'docx';
    if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
  }
  return null;
}

/**
 * A file name safe to store and to send back in Content-Disposition: no folders, no control or bidirectional
 * override characters, at most 180 characters, and the extension of what the file really is.
 */
export function safeFileName(name: string, type: AttachmentType): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069"<>|:*?]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const stem = base.replace(/\.[^.]{1,8}$/, '').slice(0, 170) || 'tep-dinh-kem';
  return `${stem}.${type === 'jpeg' ? 'jpg' : type}`;
}
