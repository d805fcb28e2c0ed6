import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { composeMail, describeSmtpUrl } from './mail.js';
import {
  checkWebhookUrl,
  classifyAddress,
  createWebhookSender,
  retryDelayMs,
  signWebhook,
  WEBHOOK_RETRY_SECONDS,
} from './webhook.js';

describe('webhook address guard', () => {
  it('classifies addresses: metadata and link-local never, private and loopback only when allowed', () => {
    const cases: Array<[string, 'public' | 'private' | 'forbidden']> = [
      ['8.8.8.8', 'public'],
      ['203.162.4.190', 'public'],
      ['169.254.169.254', 'forbidden'],
      ['169.254.0.1', 'forbidden'],
      ['0.0.0.0', 'forbidden'],
      ['224.0.0.1', 'forbidden'],
      ['255.255.255.255', 'forbidden'],
      ['127.0.0.1', 'private'],
      ['127.8.9.10', 'private'],
      ['10.0.0.1', 'private'],
      ['172.16.0.1', 'private'],
      ['172.31.255.255', 'private'],
      ['172.32.0.1', 'public'],
      ['192.168.1.1', 'private'],
      ['100.64.0.1', 'private'],
      ['::1', 'private'],
      ['::', 'forbidden'],
      ['fe80::1', 'forbidden'],
      ['fe80::1%eth0', 'forbidden'],
      ['ff02::1', 'forbidden'],
      ['fd00:ec2::254', 'forbidden'],
      ['fc00::1', 'private'],
      ['fd12:3456::1', 'private'],
      ['::ffff:169.254.169.254', 'forbidden'],
      ['::ffff:127.0.0.1', 'private'],
      ['::ffff:8.8.8.8', 'public'],
      ['::ffff:a9fe:a9fe', 'forbidden'],
      ['64:ff9b::a9fe:a9fe', 'forbidden'],
      ['2001:4860:4860::8888', 'public'],
      ['not-an-address', 'forbidden'],
      ['', 'forbidden'],
    ];
    for (const [address, expected] of cases) expect(classifyAddress(address), address).toBe(expected);
  });

  it('checks webhook addresses: scheme, credentials, literal and special hosts', () => {
    const cases: Array<[string, boolean, string | null]> = [
      ['https://hooks.example.gov.vn/sievert', false, null],
      ['http://hooks.example.gov.vn:8080/x?y=1', false, null],
      ['ftp://example.com/', false, 'url_scheme'],
      ['file:///etc/passwd', false, 'url_scheme'],
      ['javascript:alert(1)', false, 'url_scheme'],
      ['gopher://127.0.0.1:25/', true, 'url_scheme'],
      ['http://user:pass@example.com/', false, 'url_credentials'],
      ['http://user@example.com/', false, 'url_credentials'],
      ['http://169.254.169.254/latest/meta-data/', true, 'private_address'],
      ['http://[::ffff:169.254.169.254]/', true, 'private_address'],
      ['http://2852039166/', true, 'private_address'], // 169.254.169.254 as one number
      ['http://0x7f.1/', false, 'private_address'], // 127.0.0.1 in hex shorthand
      ['http://127.0.0.1:9000/', false, 'private_address'],
      ['http://127.0.0.1:9000/', true, null],
      ['http://localhost/', false, 'private_address'],
      ['http://api.localhost./', false, 'private_address'],
      ['http://localhost/', true, null],
      ['http://metadata.google.internal/', true, 'private_address'],
      ['not a url', false, 'invalid'],
      ['http://', false, 'invalid'],
      [`http://example.com/${'%00'.repeat(10)}`, false, null],
    ];
    for (const [url, allowPrivate, expected] of cases)
      expect(checkWebhookUrl(url, allowPrivate), `${url} (${allowPrivate})`).toBe(expected);
  });

  it('refuses at connection time an address that is not allowed', async () => {
    const sender = createWebhookSender({ allowPrivate: false, timeoutMs: 2000 });
    const result = await sender.send({
      url: 'http://127.0.0.1:9/x',
      secret: 's',
      event: 'e',
      deliveryId: 1,
      timestamp: 1,
      body: '{}',
    });
    expect(result).toMatchObject({ ok: false, status: null });
    expect(result.error).toMatch(/refused/);
  });
});

describe('webhook signature and retries', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256 (RFC 2104) as hex', () => {
    const body = '{"type":"alarm.raised","title":{"vi":"Cảnh báo","en":"Alert"}}';
    const expected = createHmac('sha256', 'whsec_test').update(`1795852800.${body}`, 'utf8').digest('hex');
    expect(signWebhook('whsec_test', 1795852800, body)).toBe(`sha256=${expected}`);
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    expect(createHmac('sha256', 'Jefe').update('what do ya want for nothing?').digest('hex')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    expect(signWebhook('k', 1, 'a')).not.toBe(signWebhook('k', 2, 'a'));
    expect(signWebhook('k', 1, 'a')).not.toBe(signWebhook('K', 1, 'a'));
  });

  it('waits 1 min, 5 min, 30 min, 2 h, 12 h (±10 %), then gives up', () => {
    expect(WEBHOOK_RETRY_SECONDS).toEqual([60, 300, 1800, 7200, 43_200]);
    for (const [i, base] of WEBHOOK_RETRY_SECONDS.entries()) {
      expect(retryDelayMs(i + 1, () => 0)).toBe(base * 900);
      expect(retryDelayMs(i + 1, () => 0.5)).toBe(base * 1000);
      expect(retryDelayMs(i + 1, () => 0.9999999)).toBeLessThanOrEqual(base * 1100);
    }
    expect(retryDelayMs(6)).toBeNull();
    expect(retryDelayMs(0)).toBeNull();
  });
});

describe('e-mail', () => {
  it('is bilingual, Vietnamese first, and escapes what it is given', () => {
    const mail = composeMail({
      severity: { vi: 'Khẩn cấp', en: 'Emergency' },
      title: { vi: 'Tiêu đề <b>đậm</b>\r\nBcc: x@y', en: 'Title' },
      body: { vi: 'Nội dung "trích"', en: "It's <script>alert(1)</script>" },
      url: 'https://sievert.example.gov.vn/a?b=1&c=2',
      settingsUrl: 'https://sievert.example.gov.vn/notifications',
    });
    expect(mail.subject).toBe('[Sievert] Khẩn cấp: Tiêu đề <b>đậm</b> Bcc: x@y / Title');
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.text.indexOf('Nội dung')).toBeLessThan(mail.text.indexOf("It's"));
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.html).toContain('href="https://sievert.example.gov.vn/a?b=1&amp;c=2"');
  });

  it('never shows the SMTP password', () => {
    expect(describeSmtpUrl('smtp://mailer:S3cr%40t@mail.example.gov.vn:587')).toBe(
      'smtp://mailer:***@mail.example.gov.vn:587',
    );
    expect(describeSmtpUrl('smtps://u:p@h:465?tls.rejectUnauthorized=false')).not.toContain(':p@');
    expect(describeSmtpUrl('::::')).toBe('smtp://(invalid)');
  });
});
