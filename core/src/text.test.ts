import { describe, expect, it } from 'vitest';
import { likePattern, searchKey } from './text.js';

describe('searchKey', () => {
  it('folds Vietnamese diacritics, đ and case', () => {
    expect(searchKey('Phường Phố Hiến')).toBe('phuong pho hien');
    expect(searchKey('ĐÔNG HƯNG', null, 'Đà')).toBe('dong hung da');
  });
  it('folds decomposed input the same as composed', () => {
    expect(searchKey('Hu\u031bng Yên'.normalize('NFD'))).toBe(searchKey('Hưng Yên'));
  });
});

describe('likePattern', () => {
  it('escapes wildcards', () => {
    expect(likePattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});
