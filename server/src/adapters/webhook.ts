/**
 * Outgoing webhooks: a signed JSON POST to another system, with a time limit, no redirects, and a guard
 * against reaching addresses the server must not call (link-local and cloud metadata always; private networks
 * and loopback unless SIEVERT_WEBHOOK_ALLOW_PRIVATE is on). The guard applies to the address actually
 * connected to (checked in the DNS lookup), so a name that later resolves elsewhere gains nothing.
 */
import { createHmac } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { VERSION } from '../version.js';

export type AddressClass = 'public' | 'private' | 'forbidden';

function ipv4ToInt(address: string): number {
  return address.split('.').reduce((acc, part) => (acc << 8) + Number(part), 0) >>> 0;
}

const inV4 = (ip: number, base: string, bits: number) => {
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (ip & mask) >>> 0 === (ipv4ToInt(base) & mask) >>> 0;
};

function classifyV4(address: string): AddressClass {
  const ip = ipv4ToInt(address);
  // Never: "this network", link-local (cloud metadata lives at 169.254.169.254), multicast, reserved, broadcast.
  if (
    inV4(ip, '0.0.0.0', 8) ||
    inV4(ip, '169.254.0.0', 16) ||
    inV4(ip, '224.0.0.0', 4) ||
    inV4(ip, '240.0.0.0', 4)
  )
    return 'forbidden';
  if (
    inV4(ip, '127.0.0.0', 8) ||
    inV4(ip, '10.0.0.0', 8) ||
    inV4(ip, '172.16.0.0', 12) ||
    inV4(ip, '192.168.0.0', 16) ||
    inV4(ip, '100.64.0.0', 10) ||
    inV4(ip, '192.0.0.0', 24) ||
    inV4(ip, '198.18.0.0', 15)
  )
    return 'private';
  return 'public';
}

/** Expands an IPv6 address to its eight 16-bit groups. */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase();
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    if (!net.isIPv4(last)) return null;
    const v4 = ipv4ToInt(last);
    tail = [v4 >>> 16, v4 & 0xffff];
    text = `${text.slice(0, lastColon)}:0:0`;
  }
  const [head, rest] = text.split('::');
  const parse = (s: string | undefined) => (s ? s.split(':').map((g) => Number.parseInt(g, 16)) : []);
  const a = parse(head);
  const b = parse(rest);
  const fill = text.includes('::') ? new Array<number>(8 - a.length - b.length).fill(0) : [];
  const groups = [...a, ...fill, ...b];
  if (tail.length) groups.splice(6, 2, ...tail);
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff)
    ? groups
    : null;
}

function classifyV6(address: string): AddressClass {
  const g = ipv6Groups(address);
  if (!g) return 'forbidden';
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible addresses: judge the IPv4 inside.
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && (g5 === 0xffff || g5 === 0)) {
    if (g5 === 0 && g6 === 0 && g7 <= 1) return g7 === 1 ? 'private' : 'forbidden'; // ::1, ::
    return classifyV4(`${g6 >>> 8}.${g6 & 0xff}.${g7 >>> 8}.${g7 & 0xff}`);
  }
  // NAT64 (64:ff9b::/96) embeds an IPv4 address too.
  if (g0 === 0x64 && g1 === 0xff9b) return classifyV4(`${g6 >>> 8}.${g6 & 0xff}.${g7 >>> 8}.${g7 & 0xff}`);
  if ((g0 & 0xffc0) === 0xfe80) return 'forbidden'; // link-local
  if ((g0 & 0xff00) === 0xff00) return 'forbidden'; // multicast
  // fd00:ec2::254 is the AWS metadata service over IPv6.
  if (g0 === 0xfd00 && g1 === 0x0ec2) return 'forbidden';
  if ((g0 & 0xfe00) === 0xfc00) return 'private'; // unique local
  if ((g0 & 0xffc0) === 0xfec0) return 'private'; // site-local (deprecated)
  return 'public';
}

export function classifyAddress(address: string): AddressClass {
  if (net.isIPv4(address)) return classifyV4(address);
  if (net.isIPv6(address)) return classifyV6(address);
  return 'forbidden';
}

export function addressAllowed(address: string, allowPrivate: boolean): boolean {
  const kind = classifyAddress(address);
  return kind === 'public' || (kind === 'private' && allowPrivate);
}

export type UrlProblem = 'url_scheme' | 'url_credentials' | 'private_address' | 'invalid';

/** Checks the form of a webhook address and, for a literal IP host, the address itself. */
export function checkWebhookUrl(raw: string, allowPrivate: boolean): UrlProblem | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'invalid';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'url_scheme';
  if (url.username || url.password) return 'url_credentials';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!host) return 'invalid';
  if (net.isIP(host)) return addressAllowed(host, allowPrivate) ? null : 'private_address';
  const lower = host.toLowerCase().replace(/\.$/, '');
  if (lower === 'localhost' || lower.endsWith('.localhost')) return allowPrivate ? null : 'private_address';
  if (lower === 'metadata.google.internal' || lower === 'metadata') return 'private_address';
  return null;
}

/** Resolves a host name and checks every address it has; null when fine, else the problem. */
export async function checkWebhookHost(raw: string, allowPrivate: boolean): Promise<UrlProblem | null> {
  const problem = checkWebhookUrl(raw, allowPrivate);
  if (problem) return problem;
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host)) return null;
  const addresses = await new Promise<LookupAddress[]>((resolve) => {
    dnsLookup(host, { all: true }, (error, result) => resolve(error ? [] : result));
  });
  // A name that does not resolve now may later; its deliveries will say why they fail.
  return addresses.every((a) => addressAllowed(a.address, allowPrivate)) ? null : 'private_address';
}

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`, the value of X-Sievert-Signature. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/**
 * Waits after failed attempt n (1-based): 1 min, 5 min, 30 min, 2 h, 12 h, then the delivery has failed.
 * Each wait is spread by ±10 % so that many deliveries failing together do not come back together.
 */
export const WEBHOOK_RETRY_SECONDS: readonly number[] = [60, 300, 1800, 7200, 43_200];
export const MAX_ATTEMPTS = WEBHOOK_RETRY_SECONDS.length + 1;

export function retryDelayMs(attempt: number, random: () => number = Math.random): number | null {
  const base = WEBHOOK_RETRY_SECONDS[attempt - 1];
  if (base === undefined) return null;
  const jitter = 1 + (random() * 2 - 1) * 0.1;
  return Math.round(base * 1000 * jitter);
}

export interface WebhookRequest {
  url: string;
  secret: string;
  event: string;
  deliveryId: number;
  /** Unix seconds, signed with the body. */
  timestamp: number;
  body: string;
}

export interface WebhookResult {
  ok: boolean;
  status: number | null;
  error: string | null;
}

export interface WebhookSender {
  send(request: WebhookRequest): Promise<WebhookResult>;
}

export function createWebhookSender(options: { allowPrivate: boolean; timeoutMs: number }): WebhookSender {
  const guardedLookup: net.LookupFunction = (hostname, lookupOptions, callback) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const allowed = addresses.filter((a) => addressAllowed(a.address, options.allowPrivate));
      if (allowed.length === 0) {
        const refused: NodeJS.ErrnoException = new Error(`the address of ${hostname} is not allowed`);
        refused.code = 'EADDRNOTALLOWED';
        return callback(refused, '', 4);
      }
      if (lookupOptions.all) return callback(null, allowed);
      const first = allowed[0]!;
      return callback(null, first.address, first.family);
    });
  };

  return {
    send(request) {
      const problem = checkWebhookUrl(request.url, options.allowPrivate);
      if (problem) return Promise.resolve({ ok: false, status: null, error: `address refused (${problem})` });
      const url = new URL(request.url);
      const client = url.protocol === 'https:' ? https : http;
      const body = Buffer.from(request.body, 'utf8');
      return new Promise<WebhookResult>((resolve) => {
        let settled = false;
        let responded = false;
        const finish = (result: WebhookResult) => {
          if (settled) return;
          settled = true;
          resolve(result);
        };
        const req = client.request(
          url,
          {
            method: 'POST',
            lookup: guardedLookup,
            // One connection per attempt: nothing lingers between deliveries to a receiver.
            agent: false,
            timeout: options.timeoutMs,
            headers: {
              'content-type': 'application/json; charset=utf-8',
              'content-length': String(body.length),
              'user-agent': `Sievert-Webhook/${VERSION}`,
              'x-sievert-event': request.event,
              'x-sievert-delivery': String(request.deliveryId),
              'x-sievert-timestamp': String(request.timestamp),
              'x-sievert-signature': signWebhook(request.secret, request.timestamp, request.body),
            },
          },
          (res) => {
            responded = true;
            const status = res.statusCode ?? 0;
            const result: WebhookResult =
              status >= 200 && status < 300
                ? { ok: true, status, error: null }
                : { ok: false, status, error: `HTTP ${status}` };
            // The answer's body is not kept (nor shown): a webhook must not become a way to read other servers.
            res.resume();
            res.on('end', () => finish(result));
            res.on('close', () => finish(result));
            res.on('error', () => finish(result));
          },
        );
        const deadline = setTimeout(() => {
          req.destroy(new Error(`no answer within ${options.timeoutMs} ms`));
        }, options.timeoutMs);
        req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
        req.on('error', (error: NodeJS.ErrnoException) =>
          finish({ ok: false, status: null, error: (error.code ? `${error.code}: ` : '') + error.message }),
        );
        req.on('response', () => clearTimeout(deadline));
        req.on('close', () => {
          clearTimeout(deadline);
          if (!responded) finish({ ok: false, status: null, error: 'connection closed' });
        });
        req.end(body);
      });
    },
  };
}
