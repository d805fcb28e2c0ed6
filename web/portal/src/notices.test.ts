import { describe, expect, it } from 'vitest';
import type { PublicNotice } from '@sievert/core';
import { excerpt, paragraphs, sortNotices } from './notices';

const notice = (id: number, publishedAt: string): PublicNotice => ({
  id,
  title: `T${id}`,
  body: '',
  exercise: false,
  publishedAt,
});

describe('notices', () => {
  it('are sorted newest first, the later id first at the same time', () => {
    const sorted = sortNotices([
      notice(1, '2026-11-01T00:00:00Z'),
      notice(3, '2026-11-20T00:00:00Z'),
      notice(2, '2026-11-20T00:00:00Z'),
    ]);
    expect(sorted.map((entry) => entry.id)).toEqual([3, 2, 1]);
  });

  it('are cut to an excerpt at a word boundary', () => {
    expect(excerpt('Ngắn gọn.')).toBe('Ngắn gọn.');
    const long = 'Sở Khoa học và Công nghệ thông báo '.repeat(20);
    const cut = excerpt(long, 60);
    expect(cut.length).toBeLessThanOrEqual(61);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut).not.toMatch(/\s…$/);
  });

  it('keep paragraphs apart by blank lines', () => {
    expect(paragraphs('Một\ndòng\r\n\r\nHai\n\n\n  \nBa  ')).toEqual(['Một\ndòng', 'Hai', 'Ba']);
  });
});
