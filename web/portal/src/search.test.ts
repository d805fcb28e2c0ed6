import { describe, expect, it } from 'vitest';
import { foldForSearch, matchesSearch } from './search';

describe('search', () => {
  it('ignores diacritics, đ and case', () => {
    expect(foldForSearch('Phường Đông Hưng  Yên')).toBe('phuong dong hung yen');
    expect(matchesSearch('Xã Đức Hợp', 'duc hop')).toBe(true);
    expect(matchesSearch('Xã Đức Hợp', 'Đức')).toBe(true);
    expect(matchesSearch('Xã Đức Hợp', 'phố')).toBe(false);
    expect(matchesSearch('Xã Đức Hợp', '  ')).toBe(true);
  });
});
