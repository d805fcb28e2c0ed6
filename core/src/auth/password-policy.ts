/**
 * The password policy, shared by the server (enforced) and the web app (live hints).
 * Length first (NIST SP 800-63B §3.1.1.2: at least 8, we ask 10 for officials), character variety as a
 * second guard, and never the username or a well-known weak password.
 */

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordRule =
  'min_length' | 'max_length' | 'variety' | 'contains_username' | 'common' | 'reused';

const COMMON = new Set([
  'password',
  'password1',
  'password123',
  'matkhau',
  'matkhau123',
  '123456789',
  '1234567890',
  'qwertyuiop',
  'abc123456',
  'admin12345',
  'iloveyou',
  'sievert123',
]);

export const PASSWORD_RULE_TEXT: Record<PasswordRule, { vi: string; en: string }> = {
  min_length: {
    vi: `ít nhất ${PASSWORD_MIN_LENGTH} ký tự`,
    en: `at least ${PASSWORD_MIN_LENGTH} characters`,
  },
  max_length: {
    vi: `nhiều nhất ${PASSWORD_MAX_LENGTH} ký tự`,
    en: `at most ${PASSWORD_MAX_LENGTH} characters`,
  },
  variety: {
    vi: 'có ít nhất 3 trong 4 loại: chữ thường, chữ hoa, chữ số, ký hiệu',
    en: 'use at least 3 of: lower case, upper case, digits, symbols',
  },
  contains_username: { vi: 'không chứa tên đăng nhập', en: 'must not contain the username' },
  common: { vi: 'không dùng mật khẩu quá phổ biến', en: 'must not be a common password' },
  reused: { vi: 'khác mật khẩu hiện tại', en: 'must differ from the current password' },
};

export function checkPassword(password: string, username = ''): PasswordRule[] {
  const failed: PasswordRule[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) failed.push('min_length');
  if (length > PASSWORD_MAX_LENGTH) failed.push('max_length');
  const classes = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}]/u].filter((re) =>
    re.test(password),
  ).length;
  if (classes < 3) failed.push('variety');
  const lower = password.toLowerCase();
  if (username.length >= 3 && lower.includes(username.toLowerCase())) failed.push('contains_username');
  if (COMMON.has(lower.replace(/[^a-z0-9]/g, ''))) failed.push('common');
  return failed;
}
