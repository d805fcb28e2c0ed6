import { describe, expect, it } from 'vitest';
import { asciiText, likePattern, searchKey } from './text.js';

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

describe('asciiText', () => {
  it('folds Vietnamese to ASCII keeping case, and drops what is not printable', () => {
    expect(asciiText('Trạm Phố Hiến – Đông')).toBe('Tram Pho Hien Dong');
    expect(asciiText('Đường\u0000\nA\u2028B')).toBe('Duong A B');
  });
});
