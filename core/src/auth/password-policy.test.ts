import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy.js';

describe('checkPassword', () => {
  it('accepts a long varied password', () => {
    expect(checkPassword('Bức-xạ-An-toàn-2026', 'lan')).toEqual([]);
  });
  it('names every failed rule', () => {
    expect(checkPassword('short', 'x')).toEqual(['min_length', 'variety']);
    expect(checkPassword('nguyenvanan2026', 'nguyenvanan')).toEqual(['variety', 'contains_username']);
    expect(checkPassword('Password123!', '')).toContain('common');
  });
  it('counts Vietnamese letters as letters, not symbols', () => {
    expect(checkPassword('đườngđườngđường', '')).toContain('variety');
  });
  it('rejects a huge password', () => {
    expect(checkPassword('Aa1!'.repeat(1000))).toContain('max_length');
  });
});
