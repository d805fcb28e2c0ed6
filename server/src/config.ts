/**
 * The only reader of environment variables. Every setting has a default that works on a fresh machine:
 * SQLite under ./data, the embedded MQTT broker, the demo province.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type DatabaseConfig =
  { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string; schema?: string | undefined };

/** `topicPrefix`: stations publish to `<prefix>/<station code>/measurements` (default `sievert`). */
export type MqttConfig =
  | { mode: 'embedded'; port: number; host: string; topicPrefix: string }
  | { mode: 'external'; url: string; clientId: string; topicPrefix: string }
  | { mode: 'off' };

export interface Config {
  port: number;
  /** When false, a taken port makes start fail instead of moving to a free one (tests use port 0 anyway). */
  portFallback: boolean;
  host: string;
  dataDir: string;
  database: DatabaseConfig;
  provinceDir: string;
  webDir: string;
  adminUsername: string;
  adminPassword: string | undefined;
  demo: boolean;
  /** Run the station simulator after start (SIEVERT_SIMULATOR, default: on in demo mode). */
  simulator: boolean;
  /** History the demo simulator writes at start (SIEVERT_SIMULATOR_BACKFILL_HOURS, default 35 days). */
  simulatorBackfillHours: number;
  secretKey: string | undefined;
  sessionTtlMinutes: number;
  sessionIdleMinutes: number;
  bodyLimitBytes: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  cookieSecure: boolean;
  trustProxy: boolean;
  shutdownTimeoutMs: number;
  mqtt: MqttConfig;
  map: { tileUrl: string | null; tileAttribution: string | null };
  loginLock: { freeFailures: number; baseSeconds: number; maxSeconds: number };
  /** Where people reach the web app (links in e-mails and webhook payloads). */
  publicUrl: string;
  /** Outgoing e-mail; `url` null: no e-mail is sent. */
  mail: { url: string | null; from: string };
  /** Outgoing webhooks: may they reach private networks and loopback; how long one attempt may take. */
  webhooks: { allowPrivate: boolean; timeoutMs: number };
  /**
   * The open data's licence (SIEVERT_OPEN_DATA_LICENCE, _LICENCE_URL; default CC BY 4.0) and who publishes it
   * (SIEVERT_OPEN_DATA_PUBLISHER; default: the Department of Science and Technology of the loaded province).
   */
  openData: {
    licence: string;
    licenceUrl: string | null;
    publisher: string | null;
    /**
     * Requests each client address may make to the public API at once (SIEVERT_PUBLIC_RATE_BURST, default 120)
     * and per second after that (SIEVERT_PUBLIC_RATE_PER_SECOND, default 2).
     */
    rateLimit: { burst: number; perSecond: number };
  };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Invalid configuration ${variable}: ${reason}`);
  }
}

/** The repository root, found from this file's location (works from src/ under tsx and from dist/). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw new ConfigError(name, `"${raw}" is not an integer`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `${value} is outside ${min}…${max}`);
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `"${raw}" is not a boolean (use 1/0, true/false)`);
}

function str(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const dataDir = path.resolve(cwd, str(env, 'SIEVERT_DATA_DIR') ?? 'data');
  const databaseUrl = str(env, 'DATABASE_URL');
  let database: DatabaseConfig;
  if (!databaseUrl) {
    database = { dialect: 'sqlite', file: path.join(dataDir, 'sievert.db') };
  } else if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const schema = str(env, 'SIEVERT_DB_SCHEMA');
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
      throw new ConfigError('SIEVERT_DB_SCHEMA', 'use lower-case letters, digits and _');
    database = { dialect: 'postgres', url: databaseUrl, schema };
  } else if (databaseUrl.startsWith('sqlite:')) {
    const file = databaseUrl.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!file) throw new ConfigError('DATABASE_URL', 'sqlite: needs a file path');
    database = { dialect: 'sqlite', file: file === ':memory:' ? file : path.resolve(cwd, file) };
  } else {
    throw new ConfigError('DATABASE_URL', 'use postgres://… or sqlite:<file>');
  }

  const provinceDir = path.resolve(
    cwd,
    str(env, 'SIEVERT_PROVINCE_DIR') ?? path.join(REPO_ROOT, 'provinces', 'hung-yen'),
  );
  if (!existsSync(path.join(provinceDir, 'province.json'))) {
    throw new ConfigError('SIEVERT_PROVINCE_DIR', `no province.json in ${provinceDir}`);
  }

  // MQTT_URL (the name most brokers' docs use) is the same as SIEVERT_MQTT=mqtt://…
  const mqttSetting = str(env, 'SIEVERT_MQTT') ?? str(env, 'MQTT_URL') ?? 'embedded';
  const topicPrefix = str(env, 'SIEVERT_MQTT_TOPIC_PREFIX') ?? 'sievert';
  if (!/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/.test(topicPrefix))
    throw new ConfigError('SIEVERT_MQTT_TOPIC_PREFIX', 'use letters, digits, _ and - separated by /');
  let mqtt: MqttConfig;
  if (mqttSetting === 'embedded') {
    mqtt = {
      mode: 'embedded',
      port: int(env, 'SIEVERT_MQTT_PORT', 1883, 0, 65535),
      host: str(env, 'SIEVERT_MQTT_HOST') ?? '0.0.0.0',
      topicPrefix,
    };
  } else if (mqttSetting === 'off') {
    mqtt = { mode: 'off' };
  } else if (/^mqtts?:\/\//.test(mqttSetting)) {
    const clientId = str(env, 'SIEVERT_MQTT_CLIENT_ID') ?? 'sievert-ingest';
    if (!/^[A-Za-z0-9_-]{1,23}$/.test(clientId))
      throw new ConfigError('SIEVERT_MQTT_CLIENT_ID', 'use 1–23 letters, digits, _ or -');
    mqtt = { mode: 'external', url: mqttSetting, clientId, topicPrefix };
  } else {
    throw new ConfigError('SIEVERT_MQTT', 'use embedded, off, or mqtt://host:port');
  }

  const logLevel = (str(env, 'SIEVERT_LOG_LEVEL') ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel))
    throw new ConfigError('SIEVERT_LOG_LEVEL', `use one of ${LOG_LEVELS.join(', ')}`);

  const smtpUrl = str(env, 'SIEVERT_SMTP_URL') ?? null;
  if (smtpUrl !== null) {
    // The message never repeats the URL: it may hold the password.
    const parsed = URL.canParse(smtpUrl) ? new URL(smtpUrl) : null;
    if (!parsed || !['smtp:', 'smtps:'].includes(parsed.protocol) || !parsed.hostname)
      throw new ConfigError('SIEVERT_SMTP_URL', 'use smtp://user:password@host:port or smtps://…');
  }
  const mailFrom = str(env, 'SIEVERT_MAIL_FROM') ?? 'Sievert <no-reply@localhost>';
  if (/[\r\n]/.test(mailFrom) || !/@/.test(mailFrom))
    throw new ConfigError('SIEVERT_MAIL_FROM', 'use an address such as "Sievert <no-reply@example.gov.vn>"');
  const port = int(env, 'PORT', 8080, 0, 65535);
  const publicUrl = (str(env, 'SIEVERT_PUBLIC_URL') ?? `http://localhost:${port || 8080}`).replace(
    /\/+$/,
    '',
  );
  if (!/^https?:\/\/[^/\s]+/.test(publicUrl))
    throw new ConfigError('SIEVERT_PUBLIC_URL', 'use http(s)://host[:port][/path]');

  const secretKey = str(env, 'SIEVERT_SECRET_KEY');
  if (secretKey !== undefined && Buffer.from(secretKey, 'base64').length < 32) {
    throw new ConfigError('SIEVERT_SECRET_KEY', 'must be at least 32 bytes, base64-encoded');
  }

  const licence = str(env, 'SIEVERT_OPEN_DATA_LICENCE') ?? 'CC BY 4.0';
  const licenceUrl =
    str(env, 'SIEVERT_OPEN_DATA_LICENCE_URL') ??
    (licence === 'CC BY 4.0' ? 'https://creativecommons.org/licenses/by/4.0/' : null);
  if (licenceUrl !== null && !/^https?:\/\/[^/\s]+/.test(licenceUrl))
    throw new ConfigError('SIEVERT_OPEN_DATA_LICENCE_URL', 'use an http(s):// address');
  const publisher = str(env, 'SIEVERT_OPEN_DATA_PUBLISHER') ?? null;
  for (const [name, value] of [
    ['SIEVERT_OPEN_DATA_LICENCE', licence],
    ['SIEVERT_OPEN_DATA_PUBLISHER', publisher],
  ] as const)
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
    if (value !== null && (value.length > 200 || /[\u0000-\u001f]/.test(value)))
      throw new ConfigError(name, 'at most 200 characters on one line');

  return {
    port,
    portFallback: bool(env, 'SIEVERT_PORT_FALLBACK', true),
    host: str(env, 'HOST') ?? '0.0.0.0',
    dataDir,
    database,
    provinceDir,
    webDir: path.resolve(cwd, str(env, 'SIEVERT_WEB_DIR') ?? path.join(REPO_ROOT, 'web', 'dist')),
    adminUsername: str(env, 'SIEVERT_ADMIN_USERNAME') ?? 'admin',
    adminPassword: str(env, 'SIEVERT_ADMIN_PASSWORD'),
    demo: bool(env, 'SIEVERT_DEMO', true),
    simulator: bool(env, 'SIEVERT_SIMULATOR', bool(env, 'SIEVERT_DEMO', true)),
    simulatorBackfillHours: int(env, 'SIEVERT_SIMULATOR_BACKFILL_HOURS', 35 * 24, 0, 400 * 24),
    secretKey,
    sessionTtlMinutes: int(env, 'SIEVERT_SESSION_TTL_MINUTES', 12 * 60, 5, 30 * 24 * 60),
    sessionIdleMinutes: int(env, 'SIEVERT_SESSION_IDLE_MINUTES', 60, 5, 30 * 24 * 60),
    bodyLimitBytes: int(env, 'SIEVERT_BODY_LIMIT', 1024 * 1024, 1024, 512 * 1024 * 1024),
    logLevel,
    cookieSecure: bool(env, 'SIEVERT_COOKIE_SECURE', false),
    trustProxy: bool(env, 'SIEVERT_TRUST_PROXY', false),
    shutdownTimeoutMs: int(env, 'SIEVERT_SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    mqtt,
    map: {
      tileUrl: str(env, 'SIEVERT_MAP_TILE_URL') ?? null,
      tileAttribution: str(env, 'SIEVERT_MAP_TILE_ATTRIBUTION') ?? null,
    },
    loginLock: {
      freeFailures: int(env, 'SIEVERT_LOGIN_FREE_FAILURES', 5, 1, 100),
      baseSeconds: int(env, 'SIEVERT_LOGIN_LOCK_SECONDS', 30, 1, 86_400),
      maxSeconds: int(env, 'SIEVERT_LOGIN_LOCK_MAX_SECONDS', 3600, 1, 7 * 86_400),
    },
    publicUrl,
    mail: { url: smtpUrl, from: mailFrom },
    webhooks: {
      allowPrivate: bool(env, 'SIEVERT_WEBHOOK_ALLOW_PRIVATE', false),
      timeoutMs: int(env, 'SIEVERT_WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
    },
    openData: {
      licence,
      licenceUrl,
      publisher,
      rateLimit: {
        burst: int(env, 'SIEVERT_PUBLIC_RATE_BURST', 120, 1, 1_000_000_000),
        perSecond: int(env, 'SIEVERT_PUBLIC_RATE_PER_SECOND', 2, 1, 1_000_000),
      },
    },
  };
}
