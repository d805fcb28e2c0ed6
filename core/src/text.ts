/**
 * Search keys that ignore case and Vietnamese diacritics, so "ha noi", "Hà Nội" and "HÀ NỘI" match alike.
 * Computed in the application so that SQLite and PostgreSQL search the same way.
 */
export function searchKey(...parts: ReadonlyArray<string | null | undefined>): string {
  return parts
    .filter((p): p is string => typeof p === 'string' && p.length > 0)
    .join(' ')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Escapes LIKE wildcards so user text matches literally (use with `escape '\'`). */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Text folded to printable ASCII (Vietnamese diacritics dropped, đ → d, anything else unprintable → space), case
 * kept: for formats read by software that expects ASCII, such as EURDEP locality names.
 */
export function asciiText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
