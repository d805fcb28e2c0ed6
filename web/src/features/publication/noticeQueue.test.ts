import { describe, expect, it } from 'vitest';
import { isNoticeFilter, mergeNewestFirst, noticeMoves } from './noticeQueue';

describe('notice queue', () => {
  it('merges the answers for several states newest first, each notice once', () => {
    const draft = { id: 1, createdAt: '2026-03-01T08:00:00Z' };
    const submitted = { id: 2, createdAt: '2026-03-02T08:00:00Z' };
    const sameTime = { id: 3, createdAt: '2026-03-02T08:00:00Z' };
    expect(mergeNewestFirst([[draft], [submitted, sameTime, draft]]).map((n) => n.id)).toEqual([3, 2, 1]);
    expect(mergeNewestFirst([])).toEqual([]);
  });

  it('offers only the moves the state allows and the user may make', () => {
    const commander = { submit: true, approve: false };
    const leader = { submit: false, approve: true };
    expect(noticeMoves('draft', commander)).toEqual({ submit: true, approve: false, withdraw: false });
    expect(noticeMoves('submitted', commander)).toEqual({ submit: false, approve: false, withdraw: false });
    expect(noticeMoves('draft', leader)).toEqual({ submit: false, approve: true, withdraw: true });
    expect(noticeMoves('submitted', leader)).toEqual({ submit: false, approve: true, withdraw: true });
    expect(noticeMoves('approved', leader)).toEqual({ submit: false, approve: false, withdraw: true });
    expect(noticeMoves('withdrawn', { submit: true, approve: true })).toEqual({
      submit: false,
      approve: false,
      withdraw: false,
    });
  });

  it('reads the view from the address only when it is one of the views', () => {
    expect(isNoticeFilter('approved')).toBe(true);
    expect(isNoticeFilter('draft')).toBe(false);
    expect(isNoticeFilter(null)).toBe(false);
  });
});
