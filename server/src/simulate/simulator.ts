/**
 * Runs simulated stations against a Sievert server through the real ingest paths: HTTP
 * (`POST /api/v1/ingest/measurements` with the station's token) and MQTT (`<prefix>/<code>/measurements`, QoS 1,
 * PUBACK only after commit). The values come from the pure model in core (`@sievert/core` simulator), so a
 * backfill and live stepping give the same data and a restart resends identical values (duplicates, not
 * revisions).
 *
 * Delivery: each station keeps what it generated in memory until the server has acknowledged it (HTTP 200 or
 * PUBACK); while the server is down it retries with backoff and sends the backlog later. Nothing generated is
 * dropped silently: a refused batch, an overflow or values still waiting at stop are logged. One line per
 * problem (and one when it clears), never a token.
 */
import mqtt, { type MqttClient } from 'mqtt';
import {
  alignToInterval,
  createStationModel,
  createWeather,
  sampleStation,
  type ExtraDose,
  type IngestResult,
  type SimulatedMeasurement,
  type StationModel,
  type StationModelParams,
} from '@sievert/core';
import { systemClock, type Clock } from '../adapters/clock.js';

/** At most this many values per HTTP request (the ingest accepts more; small requests keep latency low). */
export const SIMULATOR_HTTP_BATCH = 2000;
/** At most this many values per MQTT message (well under the broker's 4 MiB payload limit). */
export const SIMULATOR_MQTT_BATCH = 500;
/** Values kept per station and path while the server is unreachable (two months of 10-min values). */
export const SIMULATOR_MAX_PENDING = 100_000;

export interface SimulatorLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface SimulatorStation extends Omit<StationModelParams, 'weather' | 'extraDose'> {
  /** The station's ingest token (never logged). */
  token: string;
  /** How live values travel; the backfill always goes over HTTP. */
  transport: 'http' | 'mqtt';
}

export interface SimulatorOptions {
  /** e.g. `http://localhost:8080` */
  baseUrl: string;
  /** e.g. `mqtt://localhost:1883` (`GET /api/v1/meta` → `mqtt.url`); null sends everything over HTTP. */
  mqttUrl: string | null;
  /** Stations publish to `<topicPrefix>/<code>/measurements` (SIEVERT_MQTT_TOPIC_PREFIX, default `sievert`). */
  topicPrefix?: string;
  stations: SimulatorStation[];
  /** Measuring period of stations that do not set their own (s); 600 by default. */
  intervalS?: number;
  /** Hours of past data sent at start (over HTTP, in batches); 0 for none. */
  backfillHours: number;
  /**
   * > 1: instead of sending the backfill at once, replay it live at this many times real speed (rain showers
   * pass in minutes), then continue in real time. Values are never dated after the clock's now.
   */
  speed?: number;
  /** Seed of the simulated network (weather and stations): the same seed gives the same data. */
  seed?: number | string;
  log: SimulatorLog;
  clock?: Clock;
  /** Added to every station's dose rate (nSv/h), e.g. an exercise's release; see `setExtraDose`. */
  extraDose?: ExtraDose | null;
  /** Backoff between retries (ms): doubles from initialMs up to maxMs. */
  retry?: { initialMs?: number; maxMs?: number };
  /** Delay after a period closes before its values are sent (ms), like a station's transmission; 1000. */
  sendDelayMs?: number;
  /** The clock is re-read at least this often (ms), so a clock that jumps (tests, a laptop waking) is noticed; 30 000. */
  pollMs?: number;
  /** For tests. */
  fetch?: typeof fetch;
}

export interface SimulatorStationStats {
  code: string;
  transport: 'http' | 'mqtt';
  /** Values generated and not yet acknowledged. */
  pending: number;
  /** Values acknowledged by the server (HTTP 200 or PUBACK). */
  delivered: number;
  /** Of the delivered, those the server refused one by one (its `rejected` list). */
  rejected: number;
  /** Of the delivered, values the server already had (a restart resends identical values). */
  duplicates: number;
  /** Of the delivered, values that replaced a different earlier value. */
  revised: number;
  /** End of the last period generated (ISO); at start, the beginning of the backfill. */
  generatedUntil: string;
  /** The current delivery problem (`http:network`, `http:auth`, `http:503`, `mqtt:down`, `mqtt:auth`…), or null. */
  problem: string | null;
}

export interface SimulatorHandle {
  /** Stops generating and sending; logs what was not delivered. */
  stop(): Promise<void>;
  /** Sets (or clears) the extra dose added from now on (exercises, issue 6). */
  setExtraDose(hook: ExtraDose | null): void;
  /** Resolves once everything generated so far is acknowledged (never, while the server is down). */
  idle(): Promise<void>;
  stats(): SimulatorStationStats[];
}

type Path = 'http' | 'mqtt';

class Signal {
  private waiters: Array<() => void> = [];
  wait(ms?: number): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | null = null;
      const done = () => {
        if (timer) clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== done);
        resolve();
      };
      this.waiters.push(done);
      if (ms !== undefined) timer = setTimeout(done, ms);
    });
  }
  fire(): void {
    for (const w of [...this.waiters]) w();
  }
}

interface Outbox {
  path: Path;
  items: SimulatedMeasurement[];
  wake: Signal;
  failures: number;
  batch: number;
}

interface RunningStation {
  code: string;
  token: string;
  transport: Path;
  model: StationModel;
  /** End of the last period generated (ms). */
  cursor: number;
  outboxes: Record<Path, Outbox>;
  delivered: number;
  rejected: number;
  duplicates: number;
  revised: number;
  problems: Record<Path, string | null>;
  mqtt: MqttClient | null;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Strips credentials from a URL before it is logged. */
function safeUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//');
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message;
  return detail && !error.message.includes(detail) ? `${error.message} (${detail})` : error.message;
}

function rejectionSummary(result: IngestResult): string {
  const byCode = new Map<string, number>();
  for (const r of result.rejected) byCode.set(r.code, (byCode.get(r.code) ?? 0) + 1);
  const codes = [...byCode].map(([c, n]) => `${c} ×${n}`).join(', ');
  const first = result.rejected[0]?.message.slice(0, 200) ?? '';
  return `${codes}; first: ${first}`;
}

export function startSimulator(options: SimulatorOptions): SimulatorHandle {
  const clock = options.clock ?? systemClock;
  const log = options.log;
  const doFetch = options.fetch ?? fetch;
  const speed = options.speed ?? 1;
  if (!(Number.isFinite(speed) && speed >= 1)) throw new RangeError('simulator: speed must be ≥ 1');
  if (!(Number.isFinite(options.backfillHours) && options.backfillHours >= 0))
    throw new RangeError('simulator: backfillHours must be ≥ 0');
  const retryInitial = options.retry?.initialMs ?? 1000;
  const retryMax = options.retry?.maxMs ?? 60_000;
  const sendDelay = options.sendDelayMs ?? 1000;
  const pollMs = options.pollMs ?? 30_000;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const prefix = options.topicPrefix ?? 'sievert';
  const weather = createWeather({ seed: options.seed ?? 'sievert' });
  let extraDose: ExtraDose | null = options.extraDose ?? null;
  // The models read the hook through this indirection so setExtraDose applies to every station at once.
  const hook: ExtraDose = (code, t) => (extraDose ? extraDose(code, t) : 0);

  const startedAt = clock.now().getTime();
  const backfillMs = options.backfillHours * 3_600_000;
  /** Called by stop(): wake sleeping retries and waiting publishes. */
  const stopHooks = new Set<() => void>();
  /** HTTP requests under way, aborted by stop. */
  const inFlight = new Set<AbortController>();
  let stopped = false;
  let firstTick = true;
  const idleWaiters: Array<() => void> = [];

  const stations: RunningStation[] = options.stations.map((s) => {
    const { token, transport, ...params } = s;
    const model = createStationModel({
      seed: options.seed ?? 'sievert',
      intervalS: options.intervalS ?? 600,
      ...params,
      weather,
      extraDose: hook,
    });
    const outbox = (path: Path, batch: number): Outbox => ({
      path,
      items: [],
      wake: new Signal(),
      failures: 0,
      batch,
    });
    return {
      code: model.code,
      token,
      transport: transport === 'mqtt' && options.mqttUrl ? 'mqtt' : 'http',
      model,
      cursor: alignToInterval(model, startedAt - backfillMs),
      outboxes: { http: outbox('http', SIMULATOR_HTTP_BATCH), mqtt: outbox('mqtt', SIMULATOR_MQTT_BATCH) },
      delivered: 0,
      rejected: 0,
      duplicates: 0,
      revised: 0,
      problems: { http: null, mqtt: null },
      mqtt: null,
    };
  });
  const wantedMqtt = options.stations.filter((s) => s.transport === 'mqtt').length;
  if (wantedMqtt > 0 && !options.mqttUrl)
    log.warn(`simulator: no MQTT broker known; ${wantedMqtt} MQTT station(s) send over HTTP instead`);

  /** `key` is `<path>:<what>`; each path (HTTP, MQTT) logs a problem once, until it clears or changes. */
  const problem = (st: RunningStation, key: string, message: string): void => {
    const path = key.slice(0, 4) as Path;
    if (st.problems[path] === key) return;
    st.problems[path] = key;
    log.warn(`simulator ${st.code}: ${message}`);
  };
  const recovered = (st: RunningStation, path: Path): void => {
    if (st.problems[path] === null) return;
    st.problems[path] = null;
    log.info(`simulator ${st.code}: ${path.toUpperCase()} delivery works again`);
  };
  const count = (st: RunningStation, result: IngestResult): void => {
    st.rejected += result.rejected.length;
    st.duplicates += Number(result.duplicates) || 0;
    st.revised += Number(result.revised) || 0;
  };
  const pendingOf = (st: RunningStation) => st.outboxes.http.items.length + st.outboxes.mqtt.items.length;
  const checkIdle = (): void => {
    if (stations.some((st) => pendingOf(st) > 0)) return;
    for (const w of idleWaiters.splice(0)) w();
  };
  const backoff = (box: Outbox): number =>
    Math.min(retryMax, retryInitial * 2 ** Math.min(20, box.failures)) * (0.75 + Math.random() * 0.5);

  const enqueue = (st: RunningStation, path: Path, items: SimulatedMeasurement[]): void => {
    if (items.length === 0) return;
    const box = st.outboxes[path];
    for (const item of items) box.items.push(item);
    const over = box.items.length - SIMULATOR_MAX_PENDING;
    if (over > 0) {
      box.items.splice(0, over);
      log.error(
        `simulator ${st.code}: ${over} oldest values dropped, more than ${SIMULATOR_MAX_PENDING} were waiting for the server`,
      );
    }
    box.wake.fire();
  };

  // ---------- generation ----------

  /** Simulated now: the clock, or during a replay (speed > 1) a time running faster from the backfill start. */
  const simNow = (): number => {
    const now = clock.now().getTime();
    if (speed === 1) return now;
    return Math.min(now, startedAt - backfillMs + (now - startedAt) * speed);
  };

  let timer: NodeJS.Timeout | null = null;
  const tick = (): void => {
    timer = null;
    if (stopped) return;
    const now = simNow();
    const backfill = firstTick && speed === 1;
    let generated = 0;
    for (const st of stations) {
      const step = st.model.intervalS * 1000;
      const items: SimulatedMeasurement[] = [];
      while (st.cursor + step <= now) {
        st.cursor += step;
        for (const item of sampleStation(st.model, st.cursor)) items.push(item);
      }
      generated += items.length;
      enqueue(st, backfill ? 'http' : st.transport, items);
    }
    if (backfill && generated > 0)
      log.info(
        `simulator: backfill of ${options.backfillHours} h queued (${generated} values from ${stations.length} stations)`,
      );
    firstTick = false;
    checkIdle();
    schedule();
  };
  const schedule = (): void => {
    if (stopped || stations.length === 0) return;
    const due = Math.min(...stations.map((st) => st.cursor + st.model.intervalS * 1000));
    const now = clock.now().getTime();
    const sim = simNow();
    const wait = sim < now ? (due - sim) / speed : due + sendDelay - now;
    timer = setTimeout(tick, Math.max(10, Math.min(pollMs, wait)));
  };

  // ---------- delivery ----------

  const sleep = (ms: number): Promise<void> =>
    new Promise<void>((resolve) => {
      if (stopped) return resolve();
      const done = () => {
        clearTimeout(t);
        stopHooks.delete(done);
        resolve();
      };
      const t = setTimeout(done, ms);
      stopHooks.add(done);
    });
  /** `promise`, or 'stopped' as soon as stop() is called (without leaving anything behind either way). */
  const untilStopped = <T>(promise: Promise<T>): Promise<T | 'stopped'> =>
    new Promise((resolve, reject) => {
      if (stopped) return resolve('stopped');
      const hook = () => resolve('stopped');
      stopHooks.add(hook);
      promise.then(
        (value) => {
          stopHooks.delete(hook);
          resolve(value);
        },
        (error: unknown) => {
          stopHooks.delete(hook);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });

  type Outcome = 'sent' | 'retry' | 'smaller' | 'drop';

  const postHttp = async (st: RunningStation, batch: SimulatedMeasurement[]): Promise<Outcome> => {
    let response: Response;
    let text: string;
    const request = new AbortController();
    const timeout = setTimeout(() => request.abort(new Error('no answer within 60 s')), 60_000);
    inFlight.add(request);
    try {
      response = await doFetch(`${baseUrl}/api/v1/ingest/measurements`, {
        method: 'POST',
        headers: { authorization: `Bearer ${st.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ measurements: batch }),
        signal: request.signal,
      });
      text = await response.text();
    } catch (error) {
      if (stopped) return 'retry';
      problem(
        st,
        'http:network',
        `cannot reach ${safeUrl(baseUrl)} (${describeError(error)}); values wait and are resent`,
      );
      return 'retry';
    } finally {
      clearTimeout(timeout);
      inFlight.delete(request);
    }
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    const errorCode =
      (body as { error?: { code?: string } } | null)?.error?.code ?? `HTTP ${response.status}`;
    if (response.status === 200 && body && Array.isArray((body as IngestResult).rejected)) {
      const result = body as IngestResult;
      st.delivered += batch.length;
      count(st, result);
      if (result.rejected.length > 0)
        log.warn(
          `simulator ${st.code}: the server refused ${result.rejected.length} of ${batch.length} values (${rejectionSummary(result)})`,
        );
      return 'sent';
    }
    if (response.status === 413) {
      if (batch.length > 1) return 'smaller';
      log.error(
        `simulator ${st.code}: the server refused a single value as too large (${errorCode}); it is dropped`,
      );
      return 'drop';
    }
    if (response.status === 400) {
      log.error(
        `simulator ${st.code}: the server refused a whole batch of ${batch.length} values (${errorCode}); they are dropped`,
      );
      return 'drop';
    }
    if (response.status === 401 || response.status === 403)
      problem(
        st,
        'http:auth',
        `the server refuses the station token (${errorCode}); values wait and are resent — was the token revoked?`,
      );
    else
      problem(st, `http:${response.status}`, `the server answered ${errorCode}; values wait and are resent`);
    return 'retry';
  };

  const publishMqtt = async (st: RunningStation, batch: SimulatedMeasurement[]): Promise<Outcome> => {
    const client = st.mqtt;
    if (!client) return 'retry';
    const topic = `${prefix}/${st.code}/measurements`;
    const payload = JSON.stringify({ measurements: batch });
    try {
      // Resolves on PUBACK, which the server sends only after commit; mqtt.js keeps the message and resends it
      // after a reconnect (clean: false), so a lost connection just makes this wait.
      const outcome = await untilStopped(client.publishAsync(topic, payload, { qos: 1 }));
      if (outcome === 'stopped') return 'retry';
    } catch (error) {
      if (stopped) return 'retry';
      problem(
        st,
        'mqtt:publish',
        `MQTT publish failed (${describeError(error)}); values wait and are resent`,
      );
      return 'retry';
    }
    st.delivered += batch.length;
    return 'sent';
  };

  const pump = async (st: RunningStation, box: Outbox): Promise<void> => {
    while (!stopped) {
      if (box.items.length === 0) {
        await box.wake.wait();
        continue;
      }
      const batch = box.items.slice(0, box.batch);
      const outcome = box.path === 'http' ? await postHttp(st, batch) : await publishMqtt(st, batch);
      if (stopped) break;
      if (outcome === 'sent' || outcome === 'drop') {
        box.items.splice(0, batch.length);
        if (box.failures > 0 || outcome === 'sent') recovered(st, box.path);
        box.failures = 0;
        checkIdle();
      } else if (outcome === 'smaller') {
        box.batch = Math.max(1, Math.floor(box.batch / 2));
      } else {
        await sleep(backoff(box));
        box.failures++;
      }
    }
  };

  const connectMqtt = (st: RunningStation, url: string): void => {
    const client = mqtt.connect(url, {
      protocolVersion: 4, // aedes speaks MQTT 3.1.1
      clean: false,
      clientId: `sievert-sim-${st.code}`,
      username: st.code,
      password: st.token,
      reconnectPeriod: Math.max(1000, Math.min(retryMax, 5000)),
      connectTimeout: 10_000,
    });
    st.mqtt = client;
    client.on('connect', () => {
      recovered(st, 'mqtt');
      client.subscribe(`${prefix}/${st.code}/results`, { qos: 0 }, () => {});
    });
    // A broker that is down shows as 'offline' and as connect errors: one problem, one line.
    client.on('error', (error) => {
      const code = (error as Error & { code?: unknown }).code;
      const refused = code === 4 || code === 5;
      problem(
        st,
        refused ? 'mqtt:auth' : 'mqtt:down',
        refused
          ? `MQTT ${safeUrl(url)} refuses the station token (${describeError(error)}); values wait and are resent — was the token revoked?`
          : `MQTT ${safeUrl(url)} unreachable (${describeError(error)}); values wait and are resent`,
      );
    });
    client.on('offline', () =>
      problem(st, 'mqtt:down', `MQTT ${safeUrl(url)} unreachable; values wait and are resent`),
    );
    client.on('message', (_topic, payload) => {
      try {
        const result = JSON.parse(payload.toString('utf8')) as IngestResult;
        if (!Array.isArray(result.rejected)) return;
        count(st, result);
        if (result.rejected.length > 0) {
          log.warn(
            `simulator ${st.code}: the server refused ${result.rejected.length} values sent over MQTT (${rejectionSummary(result)})`,
          );
        }
      } catch {
        // A results message we cannot read changes nothing about delivery.
      }
    });
  };

  // ---------- start ----------

  const pumps: Promise<void>[] = [];
  for (const st of stations) {
    if (st.transport === 'mqtt' && options.mqttUrl) connectMqtt(st, options.mqttUrl);
    pumps.push(pump(st, st.outboxes.http));
    if (st.transport === 'mqtt') pumps.push(pump(st, st.outboxes.mqtt));
  }
  const viaMqtt = stations.filter((s) => s.transport === 'mqtt').length;
  log.info(
    `simulator: ${stations.length} stations (${stations.length - viaMqtt} over HTTP, ${viaMqtt} over MQTT) → ${safeUrl(baseUrl)}` +
      `, backfill ${options.backfillHours} h${speed > 1 ? ` replayed at ×${speed}` : ''}`,
  );
  tick();

  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const hook of [...stopHooks]) hook();
      for (const request of inFlight) request.abort(new Error('simulator stopped'));
      for (const st of stations) for (const box of Object.values(st.outboxes)) box.wake.fire();
      await Promise.all(pumps);
      await Promise.all(
        stations.map(
          (st) =>
            new Promise<void>((resolve) => (st.mqtt ? st.mqtt.end(true, {}, () => resolve()) : resolve())),
        ),
      );
      const waiting = stations.filter((st) => pendingOf(st) > 0);
      if (waiting.length > 0)
        log.warn(
          `simulator stopped with ${sum(waiting.map(pendingOf))} values not delivered (${waiting
            .map((st) => `${st.code}: ${pendingOf(st)}`)
            .join(', ')}); a restart with a backfill resends them`,
        );
      else log.info('simulator stopped; everything generated was delivered');
      for (const w of idleWaiters.splice(0)) w();
    },
    setExtraDose(next) {
      extraDose = next;
    },
    idle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        checkIdle();
      });
    },
    stats() {
      return stations.map((st) => ({
        code: st.code,
        transport: st.transport,
        pending: pendingOf(st),
        delivered: st.delivered,
        rejected: st.rejected,
        duplicates: st.duplicates,
        revised: st.revised,
        generatedUntil: new Date(st.cursor).toISOString(),
        problem: st.problems.http ?? st.problems.mqtt,
      }));
    },
  };
}
