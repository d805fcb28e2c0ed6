/**
 * Outgoing e-mail over SMTP (nodemailer), configured by SIEVERT_SMTP_URL. Without a URL the sender is off:
 * deliveries are not queued and the subscription page says that this server sends no e-mail.
 */
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface MailResult {
  ok: boolean;
  /** SMTP reply code when the server refused (550…), for telling permanent from temporary failures. */
  responseCode?: number | undefined;
  error?: string | undefined;
  /** A 5xx reply: the message will never be accepted as it is; no point retrying. */
  permanent?: boolean;
}

export interface MailSender {
  readonly enabled: boolean;
  /** The server, without the password, for logs and the system page. */
  readonly description: string;
  send(message: MailMessage): Promise<MailResult>;
  close(): void;
}

/** `smtp://user:***@host:587`: the URL with its password hidden. */
export function describeSmtpUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    // Query parameters may carry secrets too (e.g. tls options); show only their names.
    const names = [...parsed.searchParams.keys()];
    parsed.search = names.length ? `?${names.map((n) => `${n}=…`).join('&')}` : '';
    return parsed.toString();
  } catch {
    return 'smtp://(invalid)';
  }
}

const disabled: MailSender = {
  enabled: false,
  description: 'off',
  send: async () => ({ ok: false, error: 'e-mail is not configured', permanent: true }),
  close: () => undefined,
};

export function createMailSender(config: { url: string | null; from: string }): MailSender {
  if (!config.url) return disabled;
  const transport = nodemailer.createTransport(
    {
      url: config.url,
      // A slow or silent server must not hold a delivery run for minutes.
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    },
    { from: config.from },
  );
  return {
    enabled: true,
    description: describeSmtpUrl(config.url),
    async send(message) {
      try {
        await transport.sendMail({
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
        return { ok: true };
      } catch (error) {
        const responseCode = (error as { responseCode?: unknown }).responseCode;
        const code = typeof responseCode === 'number' ? responseCode : undefined;
        return {
          ok: false,
          responseCode: code,
          // The message of a nodemailer error names the server's reply, never the password.
          error: String((error as Error).message ?? error).slice(0, 500),
          permanent: code !== undefined && code >= 500 && code < 600,
        };
      }
    },
    close: () => transport.close(),
  };
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export interface MailContent {
  severity: { vi: string; en: string };
  title: { vi: string; en: string };
  body: { vi: string; en: string };
  /** Absolute address in the web app. */
  url: string | null;
  settingsUrl: string;
}

/** A bilingual message, Vietnamese first, in plain text and simple HTML. */
export function composeMail(content: MailContent): { subject: string; text: string; html: string } {
  const clean = (s: string) => s.replace(/[\r\n]+/g, ' ').trim();
  const subject = `[Sievert] ${clean(content.severity.vi)}: ${clean(content.title.vi)} / ${clean(content.title.en)}`;
  const section = (lang: 'vi' | 'en') => {
    const labels =
      lang === 'vi'
        ? { severity: 'Mức độ', open: 'Xem trong Sievert' }
        : { severity: 'Severity', open: 'Open in Sievert' };
    return {
      text: [
        `${labels.severity}: ${content.severity[lang]}`,
        content.title[lang],
        '',
        content.body[lang],
        ...(content.url ? ['', `${labels.open}: ${content.url}`] : []),
      ].join('\n'),
      html:
        `<p style="margin:0 0 4px;color:#555">${labels.severity}: <b>${escapeHtml(content.severity[lang])}</b></p>` +
        `<h2 style="margin:0 0 8px;font-size:18px">${escapeHtml(content.title[lang])}</h2>` +
        `<p style="white-space:pre-line;margin:0 0 8px">${escapeHtml(content.body[lang])}</p>` +
        (content.url ? `<p><a href="${escapeHtml(content.url)}">${labels.open}</a></p>` : ''),
    };
  };
  const vi = section('vi');
  const en = section('en');
  const footer = {
    vi: 'Bạn nhận thư này theo đăng ký nhận thông báo của tài khoản Sievert. Thay đổi tại',
    en: 'You receive this message because of your Sievert notification settings. Change them at',
  };
  const text =
    `${vi.text}\n\n— — —\n\n${en.text}\n\n--\n` +
    `${footer.vi} ${content.settingsUrl}\n${footer.en} ${content.settingsUrl}\n`;
  const html =
    `<!doctype html><html><body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#111">` +
    `<div lang="vi">${vi.html}</div><hr style="border:none;border-top:1px solid #ddd;margin:16px 0">` +
    `<div lang="en">${en.html}</div>` +
    `<p style="margin-top:24px;font-size:12px;color:#777">${escapeHtml(footer.vi)} ` +
    `<a href="${escapeHtml(content.settingsUrl)}">${escapeHtml(content.settingsUrl)}</a><br>` +
    `${escapeHtml(footer.en)} <a href="${escapeHtml(content.settingsUrl)}">${escapeHtml(content.settingsUrl)}</a></p>` +
    `</body></html>`;
  return { subject, text, html };
}
