/**
 * `sievert simulate` and the demo start's simulator: pick the gamma stations, give each a fresh ingest token named
 * "simulator" (revoking the previous ones), and run the simulator against the server's real ingest paths.
 */
import type { Station } from '@sievert/core';
import { systemClock, type Clock } from '../adapters/clock.js';
import type { Sievert } from '../app.js';
import { loadSecretKey } from '../bootstrap.js';
import type { Config } from '../config.js';
import { openDatabase } from '../db/database.js';
import { SYSTEM_ACTOR } from '../modules/auth/actor.js';
import { loadProvinceData } from '../modules/geo/province-loader.js';
import type { StationService } from '../modules/monitoring/station.service.js';
import { createServices } from '../services.js';
import type { LiveMessage } from '../modules/notifications/live-hub.js';
import { createExerciseOverlay } from './exercise-overlay.js';
import {
  startSimulator,
  type SimulatorHandle,
  type SimulatorLog,
  type SimulatorOptions,
  type SimulatorStation,
} from './simulator.js';

export const SIMULATOR_TOKEN_NAME = 'simulator';
/** Same seed at every start: a restart resends identical values, which the server counts as duplicates. */
export const DEMO_SIMULATOR_SEED = 'sievert-demo';
export const DEFAULT_BACKFILL_HOURS = 72;
/** A month: what a simulator keeps in memory until the server has it. */
export const MAX_BACKFILL_HOURS = 31 * 24;

export class SimulateUsageError extends Error {}

export interface SimulateArgs {
  url: string | null;
  stations: string[] | null;
  backfillHours: number;
  intervalS: number | null;
  speed: number;
  /** A broker URL, `off`, or null to ask the server (`GET /api/v1/meta`). */
  mqtt: string | null;
  seed: string;
}

export const SIMULATE_USAGE = `Usage: sievert simulate [options]
  --url <http://host:port>   the Sievert server (default http://localhost:$PORT)
  --stations <A,B,…>         station codes (default: every gamma dose-rate station not marked defective)
  --backfill-hours <n>       hours of past data sent at start (default ${DEFAULT_BACKFILL_HOURS}, at most ${MAX_BACKFILL_HOURS})
  --interval <s>             measuring period in seconds (default: each station's own)
  --speed <n>                replay the backfill live at n× real speed (default 1: send it at once)
  --mqtt <url|off>           MQTT broker (default: the server's, from /api/v1/meta); off = HTTP only
  --seed <text>              seed of the simulated network (default ${DEMO_SIMULATOR_SEED})`;

function numberArg(name: string, raw: string, min: number, max: number, integer: boolean): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max)
    throw new SimulateUsageError(
      `${name}: "${raw}" is not ${integer ? 'an integer' : 'a number'} in ${min}…${max}`,
    );
  return value;
}

export function parseSimulateArgs(args: readonly string[]): SimulateArgs {
  const out: SimulateArgs = {
    url: null,
    stations: null,
    backfillHours: DEFAULT_BACKFILL_HOURS,
    intervalS: null,
    speed: 1,
    mqtt: null,
    seed: DEMO_SIMULATOR_SEED,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      const v = eq > 0 ? arg.slice(eq + 1) : args[++i];
      if (v === undefined || v === '') throw new SimulateUsageError(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--url': {
        const url = value();
        if (!/^https?:\/\/[^\s/]+/.test(url))
          throw new SimulateUsageError(`--url: "${url}" is not an http(s) URL`);
        out.url = url;
        break;
      }
      case '--stations': {
        const codes = value()
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean);
        const bad = codes.find((c) => !/^[A-Z]{2}[A-Z0-9]{1,18}$/.test(c));
        if (bad !== undefined || codes.length === 0)
          throw new SimulateUsageError(`--stations: "${bad ?? ''}" is not a station code (e.g. VN33001)`);
        out.stations = [...new Set(codes)];
        break;
      }
      case '--backfill-hours':
        out.backfillHours = numberArg(name, value(), 0, MAX_BACKFILL_HOURS, false);
        break;
      case '--interval':
        out.intervalS = numberArg(name, value(), 10, 86_400, true);
        break;
      case '--speed':
        out.speed = numberArg(name, value(), 1, 1_000_000, false);
        break;
      case '--mqtt': {
        const v = value();
        if (v !== 'off' && !/^mqtts?:\/\/\S+$/.test(v))
          throw new SimulateUsageError(`--mqtt: "${v}" is neither off nor an mqtt:// URL`);
        out.mqtt = v;
        break;
      }
      case '--seed':
        out.seed = value().slice(0, 100);
        break;
      default:
        throw new SimulateUsageError(`unknown option "${arg}"`);
    }
  }
  return out;
}

async function allStations(stations: StationService): Promise<Station[]> {
  const out: Station[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await stations.list(SYSTEM_ACTOR, { limit: 500, offset, sort: 'code' });
    out.push(...page.items);
    if (page.items.length < 500) return out;
  }
}

/**
 * The stations to simulate, each with a fresh "simulator" token (earlier ones revoked). By default every gamma
 * dose-rate station except defective ones; half of them (every second by code) send live values over MQTT, and
 * every second non-counter station reports in µSv/h so both unit paths are exercised.
 */
export async function prepareSimulatorStations(
  stations: StationService,
  options: { codes?: string[] | null; intervalS?: number | null } = {},
): Promise<SimulatorStation[]> {
  const all = await allStations(stations);
  let chosen: Station[];
  if (options.codes) {
    const byCode = new Map(all.map((s) => [s.code, s]));
    const missing = options.codes.filter((c) => !byCode.has(c));
    if (missing.length > 0) throw new SimulateUsageError(`unknown station(s): ${missing.join(', ')}`);
    chosen = options.codes.map((c) => byCode.get(c)!);
  } else {
    chosen = all.filter((s) => s.kind === 'gamma_dose_rate' && s.status !== 'defective');
  }
  const out: SimulatorStation[] = [];
  for (const [i, station] of chosen.entries()) {
    for (const t of await stations.tokens(SYSTEM_ACTOR, station.code))
      if (t.name === SIMULATOR_TOKEN_NAME && !t.revokedAt)
        await stations.revokeToken(SYSTEM_ACTOR, station.code, t.id);
    const { token } = await stations.issueToken(SYSTEM_ACTOR, station.code, SIMULATOR_TOKEN_NAME);
    const factor = station.conversionFactors[0];
    out.push({
      code: station.code,
      lat: station.lat,
      lon: station.lon,
      intervalS: options.intervalS ?? station.intervalS,
      token,
      transport: i % 2 === 1 ? 'mqtt' : 'http',
      ...(factor
        ? {
            counter: {
              sensor: factor.sensor,
              nSvPerHourPerCps: factor.nSvPerHourPerCps,
              backgroundCps: factor.backgroundCps ?? 0,
            },
          }
        : { unit: i % 2 === 1 ? 'uSv/h' : 'nSv/h' }),
    });
  }
  return out;
}

const noop: SimulatorHandle = {
  stop: async () => {},
  setExtraDose: () => {},
  idle: async () => {},
  stats: () => [],
};

/**
 * The demo start's simulator (config.demo and SIEVERT_SIMULATOR not 0): called by server.ts after listen, so the
 * dashboard is alive for a newcomer. Stop it before closing the app.
 *
 * Open exercises with a scenario add their simulated release to the readings (exercise-overlay.ts): loaded before
 * the first values are generated, again on every incident change in this process and every `exercisePollMs`.
 */
export async function startDemoSimulator(
  sievert: Pick<Sievert, 'services'>,
  options: {
    baseUrl: string;
    mqttUrl: string | null;
    log: SimulatorLog;
    topicPrefix?: string;
    backfillHours?: number;
    clock?: Clock;
    /** How often the exercise scenarios are read again besides on changes (ms); 30 000. */
    exercisePollMs?: number;
    /** Timing knobs of the simulator (tests). */
    timing?: Pick<SimulatorOptions, 'pollMs' | 'sendDelayMs'>;
  },
): Promise<SimulatorHandle> {
  const stations = await prepareSimulatorStations(sievert.services.stations);
  if (stations.length === 0) {
    options.log.info('simulator: no gamma dose-rate stations yet; nothing to simulate');
    return noop;
  }
  const { live, exercises } = sievert.services;
  const overlay = createExerciseOverlay({
    source: exercises,
    stations,
    log: options.log,
    ...(options.exercisePollMs !== undefined ? { pollMs: options.exercisePollMs } : {}),
    subscribe: (changed) => {
      const listener = (message: LiveMessage) => {
        if (message.type === 'incident.updated') changed();
      };
      live.on('message', listener);
      return () => void live.off('message', listener);
    },
  });
  await overlay.refresh();
  overlay.start();
  const simulator = startSimulator({
    baseUrl: options.baseUrl,
    mqttUrl: options.mqttUrl,
    ...(options.topicPrefix ? { topicPrefix: options.topicPrefix } : {}),
    stations,
    backfillHours: options.backfillHours ?? DEFAULT_BACKFILL_HOURS,
    seed: DEMO_SIMULATOR_SEED,
    log: options.log,
    clock: options.clock ?? systemClock,
    extraDose: overlay.hook,
    ...options.timing,
  });
  return {
    ...simulator,
    async stop() {
      overlay.stop();
      await simulator.stop();
    },
  };
}

const consoleLog: SimulatorLog = {
  info: (m) => process.stdout.write(`${new Date().toISOString()} ${m}\n`),
  warn: (m) => process.stderr.write(`${new Date().toISOString()} WARN ${m}\n`),
  error: (m) => process.stderr.write(`${new Date().toISOString()} ERROR ${m}\n`),
};

/** Asks the server where its MQTT broker is, waiting (with backoff) until the server answers. */
async function discoverMqtt(baseUrl: string, log: SimulatorLog): Promise<string | null> {
  let delay = 1000;
  let told = false;
  for (;;) {
    try {
      const res = await fetch(`${baseUrl}/api/v1/meta`, { signal: AbortSignal.timeout(10_000) });
      if (res.ok) {
        const meta = (await res.json()) as { mqtt?: { url?: string | null } };
        return meta.mqtt?.url ?? null;
      }
      if (!told) log.warn(`simulator: ${baseUrl}/api/v1/meta answered HTTP ${res.status}; retrying`);
    } catch (error) {
      if (!told)
        log.warn(
          `simulator: waiting for the server at ${baseUrl} (${error instanceof Error ? error.message : String(error)})`,
        );
    }
    told = true;
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(30_000, delay * 2);
  }
}

/** `sievert simulate [options]`: runs until SIGINT/SIGTERM. Returns the exit code. */
export async function runSimulateCommand(config: Config, argv: readonly string[]): Promise<number> {
  let args: SimulateArgs;
  try {
    args = parseSimulateArgs(argv);
  } catch (error) {
    if (!(error instanceof SimulateUsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${SIMULATE_USAGE}\n`);
    return 2;
  }
  const log = consoleLog;
  let stations: SimulatorStation[];
  const handle = await openDatabase(config.database);
  try {
    const province = loadProvinceData(config.provinceDir);
    const services = createServices(handle.db, systemClock, config, loadSecretKey(config), province);
    stations = await prepareSimulatorStations(services.stations, {
      codes: args.stations,
      intervalS: args.intervalS,
    });
  } catch (error) {
    if (!(error instanceof SimulateUsageError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  } finally {
    await handle.close();
  }
  if (stations.length === 0) {
    process.stderr.write('no gamma dose-rate stations to simulate: add stations first (web or API)\n');
    return 1;
  }
  const baseUrl = (args.url ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
  const mqttUrl = args.mqtt === 'off' ? null : (args.mqtt ?? (await discoverMqtt(baseUrl, log)));
  const simulator = startSimulator({
    baseUrl,
    mqttUrl,
    ...(config.mqtt.mode !== 'off' ? { topicPrefix: config.mqtt.topicPrefix } : {}),
    stations,
    backfillHours: args.backfillHours,
    speed: args.speed,
    seed: args.seed,
    log,
  });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await simulator.stop();
  return 0;
}
