/** Pure helpers of the notices pages: order and excerpts (tested in notices.test.ts). */
import type { PublicNotice } from '@sievert/core';

/** Newest first; equal times keep the higher id (the later one) first. */
export function sortNotices(notices: readonly PublicNotice[]): PublicNotice[] {
  return [...notices].sort((a, b) => {
    const order = Date.parse(b.publishedAt) - Date.parse(a.publishedAt);
    return order !== 0 && Number.isFinite(order) ? order : b.id - a.id;
  });
}

/** The start of a notice's body, cut at a word boundary near `maxChars` and ended with "…". */
export function excerpt(body: string, maxChars = 240): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxChars) return flat;
  const cut = flat.slice(0, maxChars);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxChars * 0.6 ? cut.slice(0, space) : cut).replace(/[\s.,;:]+$/, '')}…`;
}

/** A body as paragraphs: blank lines separate them; single line breaks stay inside a paragraph. */
export function paragraphs(body: string): string[] {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
}
