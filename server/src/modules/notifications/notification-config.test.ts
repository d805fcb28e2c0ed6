import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';

describe('notification settings in the configuration', () => {
  it('has e-mail off, private webhook targets refused and a local public URL by default', () => {
    const c = loadConfig({}, '/srv/sievert');
    expect(c.mail).toEqual({ url: null, from: 'Sievert <no-reply@localhost>' });
    expect(c.webhooks).toEqual({ allowPrivate: false, timeoutMs: 10_000 });
    expect(c.publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ PORT: '9000' }).publicUrl).toBe('http://localhost:9000');
  });

  it('reads the SMTP server, sender, public URL and webhook settings', () => {
    const c = loadConfig({
      SIEVERT_SMTP_URL: 'smtps://mailer:p%40ss@mail.example.gov.vn:465',
      SIEVERT_MAIL_FROM: 'Sở KH&CN <canh-bao@example.gov.vn>',
      SIEVERT_PUBLIC_URL: 'https://sievert.example.gov.vn/',
      SIEVERT_WEBHOOK_ALLOW_PRIVATE: 'true',
      SIEVERT_WEBHOOK_TIMEOUT_MS: '5000',
    });
    expect(c.mail).toEqual({
      url: 'smtps://mailer:p%40ss@mail.example.gov.vn:465',
      from: 'Sở KH&CN <canh-bao@example.gov.vn>',
    });
    expect(c.publicUrl).toBe('https://sievert.example.gov.vn');
    expect(c.webhooks).toEqual({ allowPrivate: true, timeoutMs: 5000 });
  });

  it.each([
    ['SIEVERT_SMTP_URL', 'http://mail.example.gov.vn'],
    ['SIEVERT_SMTP_URL', 'smtp://'],
    ['SIEVERT_SMTP_URL', 'not a url'],
    ['SIEVERT_MAIL_FROM', 'no address here'],
    ['SIEVERT_MAIL_FROM', 'a@b\r\nBcc: c@d'],
    ['SIEVERT_PUBLIC_URL', 'sievert.example.gov.vn'],
    ['SIEVERT_WEBHOOK_ALLOW_PRIVATE', 'perhaps'],
    ['SIEVERT_WEBHOOK_TIMEOUT_MS', '5'],
  ])('names the variable when %s=%j is wrong, without echoing secrets', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
    const withPassword = () => loadConfig({ SIEVERT_SMTP_URL: 'ftp://user:topsecret@host' });
    expect(withPassword).toThrow(/^(?!.*topsecret)/s);
  });
});
