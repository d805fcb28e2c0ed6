import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, totpAt, verifyTotp } from './totp.js';

// RFC 4226 Appendix D: secret "12345678901234567890", HOTP values for counters 0..9.
const RFC4226_SECRET = Buffer.from('12345678901234567890', 'ascii');
const RFC4226_CODES = [
  '755224',
  '287082',
  '359152',
  '969429',
  '338314',
  '254676',
  '287922',
  '162583',
  '399871',
  '520489',
];

describe('HOTP (RFC 4226 Appendix D test values)', () => {
  it.each(RFC4226_CODES.map((code, counter) => [counter, code] as const))(
    'counter %i → %s',
    (counter, code) => {
      expect(hotp(RFC4226_SECRET, counter)).toBe(code);
    },
  );
});

describe('TOTP (RFC 6238 Appendix B test vectors, SHA-1, 8 digits)', () => {
  // The RFC's table lists 8-digit codes for the same ASCII secret.
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('at T=%i → %s', (t, code) => {
    expect(totpAt(RFC4226_SECRET, t, 8)).toBe(code);
  });
});

describe('verifyTotp', () => {
  const secret = RFC4226_SECRET;
  it('accepts the current and adjacent steps once, and refuses replays', () => {
    const now = 1_800_000_000;
    const code = totpAt(secret, now);
    const step = verifyTotp(secret, code, now, null);
    expect(step).toBe(Math.floor(now / 30));
    expect(verifyTotp(secret, code, now, step)).toBeNull();
    expect(verifyTotp(secret, totpAt(secret, now - 30), now, null)).toBe(Math.floor(now / 30) - 1);
    expect(verifyTotp(secret, totpAt(secret, now - 90), now, null)).toBeNull();
  });
  it('refuses malformed codes', () => {
    for (const bad of ['', '12345', '1234567', 'abcdef', '12 456', '１２３４５６']) {
      expect(verifyTotp(secret, bad, 1_800_000_000, null)).toBeNull();
    }
  });
});

describe('base32 (RFC 4648 §10 test vectors)', () => {
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('%s ↔ %s', (plain, encoded) => {
    expect(base32Encode(Buffer.from(plain))).toBe(encoded);
    expect(base32Decode(encoded).toString()).toBe(plain);
  });
  it('rejects characters outside the alphabet', () => {
    expect(() => base32Decode('MZ1W')).toThrow();
  });
});
