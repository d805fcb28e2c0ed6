/**
 * The hot path of the monitoring network: a batch from a station (HTTP JSON, CSV, EURDEP, MQTT) is normalised at
 * the edge (core), checked against the stations, flagged by the quality checks with the stored values around it
 * as context, and written in one transaction with its revisions, rollups and latest values. The caller
 * acknowledges only after this returns: nothing acknowledged is lost, and each rejected item says why.
 */
import {
  csvToItems,
  errorMessage,
  eurdepToItems,
  flagBit,
  flagsToBits,
  IngestFormatError,
  MONITORING_QUANTITY_REFERENCE,
  normaliseItems,
  qualityFlags,
  QUANTITY_CODES,
  SOURCE_CODES,
  type CanonicalMeasurement,
  type ConversionFactorLike,
  type IngestResult,
  type ItemRejection,
  type MonitoringPoint,
  type Quantity,
  type SourceName,
  Permission,
} from '@sievert/core';
import type { Clock } from '../../adapters/clock.js';
import {
  measurementsOfPayload,
  MAX_MQTT_PAYLOAD,
  type StationMqttHandler,
} from '../../adapters/mqtt-broker.js';
import type { Db, Executor } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { hasPermission, type Actor } from '../auth/actor.js';
import type { StationService } from './station.service.js';
import type { MeasurementRepository } from './measurement.repository.js';
import { type NewRow, type RollupIncrements, type StoredRow } from './measurement.repository.js';

/** Who sends: a station with its token (only its own data), or an official allowed to manage stations (any). */
export type IngestSender = { kind: 'station'; code: string } | { kind: 'actor'; actor: Actor };

export interface CommittedBatch {
  /** Station codes whose data changed, with the latest end time written per quantity. */
  stations: Map<string, { stationId: number; quantities: Set<Quantity>; lastT: number }>;
}

export const MAX_BATCH_ITEMS = 50_000;
/** Series checks (spike, flatline) look this many values each side of new ones. */
const SERIES_FLAG_MASK = flagBit('spike') | flagBit('flatline');
const FUTURE_FLAG = flagBit('future_time');
const CONTEXT_VALUES = (() => {
  let n = 2;
  for (const ref of Object.values(MONITORING_QUANTITY_REFERENCE)) {
    n = Math.max(n, (ref.spike?.halfWindow.value ?? 0) + 1, (ref.flatline?.minRun.value ?? 0) + 1);
  }
  return n;
})();

interface StationInfo {
  id: number;
  code: string;
  intervalS: number;
  conversionFactors: ConversionFactorLike[];
}

type Item = CanonicalMeasurement & { stationId: number; q: number };

export class IngestService {
  readonly repository: MeasurementRepository;
  private readonly listeners: Array<(batch: CommittedBatch) => void> = [];

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly stations: StationService,
    repository: MeasurementRepository,
  ) {
    this.repository = repository;
  }

  /** Called after each commit that changed data (alarms, live views); errors in listeners never reach senders. */
  onCommitted(listener: (batch: CommittedBatch) => void): void {
    this.listeners.push(listener);
  }

  /** Resolves a station token to the sender, or throws 401. */
  async senderForToken(token: string): Promise<IngestSender> {
    const station = await this.stations.stationForToken(this.db, token);
    if (!station) throw new AppError('auth.token_invalid');
    return { kind: 'station', code: station.code };
  }

  senderForActor(actor: Actor | null): IngestSender {
    if (!actor) throw new AppError('auth.unauthenticated');
    if (!hasPermission(actor, Permission.StationManage)) throw new AppError('auth.forbidden');
    return { kind: 'actor', actor };
  }

  async ingestJson(
    sender: IngestSender,
    items: readonly unknown[],
    source: SourceName,
  ): Promise<IngestResult> {
    if (items.length > MAX_BATCH_ITEMS)
      throw new AppError('ingest.too_many', { count: items.length, max: MAX_BATCH_ITEMS });
    return this.ingestItems(sender, items, source);
  }

  /** The MQTT side: stations sign in with their code and token; each message is one batch. */
  mqttHandler(): StationMqttHandler {
    return {
      authenticate: async (username, token) => {
        const station = await this.stations.stationForToken(this.db, token);
        return station && (username === '' || username === station.code) ? station.code : null;
      },
      ingest: async (code, payload) => {
        const items = measurementsOfPayload(payload);
        if (!items) {
          const reason =
            payload.length > MAX_MQTT_PAYLOAD
              ? `larger than ${MAX_MQTT_PAYLOAD} bytes`
              : 'not a JSON object or array';
          const message = errorMessage('ingest.unreadable', 'en', { format: 'MQTT JSON', reason });
          return {
            accepted: 0,
            duplicates: 0,
            revised: 0,
            flagged: 0,
            rejected: [{ index: 0, code: 'ingest.unreadable', message }],
          };
        }
        if (items.length > MAX_BATCH_ITEMS) {
          const message = errorMessage('ingest.too_many', 'en', {
            count: items.length,
            max: MAX_BATCH_ITEMS,
          });
          return {
            accepted: 0,
            duplicates: 0,
            revised: 0,
            flagged: 0,
            rejected: [{ index: 0, code: 'ingest.too_many', message }],
          };
        }
        return this.ingestItems({ kind: 'station', code }, items, 'mqtt');
      },
    };
  }

  async ingestCsv(sender: IngestSender, text: string): Promise<IngestResult> {
    const parsed = this.parseText('csv', () => csvToItems(text, MAX_BATCH_ITEMS));
    return this.ingestItems(sender, parsed.items, 'csv', parsed.lines, parsed.indices, parsed.rejected);
  }

  async ingestEurdep(sender: IngestSender, text: string): Promise<IngestResult> {
    const parsed = this.parseText('eurdep', () => eurdepToItems(text, MAX_BATCH_ITEMS));
    return this.ingestItems(sender, parsed.items, 'eurdep', parsed.lines, parsed.indices, parsed.rejected);
  }

  private parseText<T>(format: 'csv' | 'eurdep', parse: () => T): T {
    try {
      return parse();
    } catch (error) {
      if (error instanceof IngestFormatError)
        throw new AppError('ingest.unreadable', { format: format.toUpperCase(), reason: error.reason });
      throw error;
    }
  }

  private async ingestItems(
    sender: IngestSender,
    raw: readonly unknown[],
    source: SourceName,
    lines?: readonly number[],
    indices?: readonly number[],
    earlier: ItemRejection[] = [],
  ): Promise<IngestResult> {
    const own = sender.kind === 'station' ? sender.code : null;
    const infos = new Map<string, StationInfo | null>();
    // Conversion factors are looked up lazily through a cache filled before normalising (see below).
    const normalised = normaliseItems(
      raw,
      { station: own, conversionFactors: (code) => infos.get(code)?.conversionFactors },
      lines,
      indices,
    );
    await this.loadStations(this.codesOf(raw, own, normalised.items), infos);
    // Second pass only when a counter needs its conversion factor (the cache was empty on the first pass).
    const needsFactors = normalised.rejected.some((r) => r.code === 'ingest.no_conversion');
    const batch = needsFactors
      ? normaliseItems(
          raw,
          { station: own, conversionFactors: (code) => infos.get(code)?.conversionFactors },
          lines,
          indices,
        )
      : normalised;
    const rejected = [...earlier, ...batch.rejected];
    const items: Item[] = [];
    for (const m of batch.items) {
      const info = infos.get(m.station);
      if (!info) {
        rejected.push({
          index: m.index,
          ...(m.line !== undefined ? { line: m.line } : {}),
          code: 'ingest.unknown_station',
          message: errorMessage('ingest.unknown_station', 'en', { station: m.station }),
          field: 'station',
        });
        continue;
      }
      items.push({ ...m, stationId: info.id, q: QUANTITY_CODES[m.quantity] });
    }
    const result = await this.store(items, SOURCE_CODES[source], infos);
    rejected.sort((a, b) => a.index - b.index);
    return { ...result, rejected };
  }

  private codesOf(raw: readonly unknown[], own: string | null, items: CanonicalMeasurement[]): Set<string> {
    const codes = new Set<string>(items.map((m) => m.station));
    if (own) codes.add(own);
    // Counters rejected for want of a factor still name their station: load it too.
    for (const r of raw) {
      const s = typeof r === 'object' && r !== null ? (r as Record<string, unknown>)['station'] : undefined;
      if (typeof s === 'string' && s.length <= 40 && codes.size < 10_000) codes.add(s.trim().toUpperCase());
    }
    return codes;
  }

  private async loadStations(codes: Set<string>, into: Map<string, StationInfo | null>): Promise<void> {
    const list = [...codes];
    for (let i = 0; i < list.length; i += 500) {
      const rows = await this.db
        .selectFrom('stations')
        .select(['id', 'code', 'interval_s', 'conversion_factors'])
        .where('code', 'in', list.slice(i, i + 500))
        .execute();
      for (const r of rows)
        into.set(r.code, {
          id: r.id,
          code: r.code,
          intervalS: r.interval_s,
          conversionFactors: JSON.parse(r.conversion_factors) as ConversionFactorLike[],
        });
    }
  }

  /** Writes canonical items in one transaction; the counts say what happened to each. */
  private async store(
    items: Item[],
    src: number,
    infos: Map<string, StationInfo | null>,
  ): Promise<Omit<IngestResult, 'rejected'>> {
    const counts = { accepted: 0, duplicates: 0, revised: 0, flagged: 0 };
    if (items.length === 0) return counts;
    const groups = new Map<string, Item[]>();
    for (const it of items) {
      const key = `${it.stationId}:${it.q}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = []));
      g.push(it);
    }
    const nowMs = this.clock.now().getTime();
    const nowIso = new Date(nowMs).toISOString();
    const committed: CommittedBatch = { stations: new Map() };
    const repo = this.repository;
    await this.db.transaction().execute(async (trx) => {
      const locked = new Set<number>();
      const hour: RollupIncrements = new Map();
      const day: RollupIncrements = new Map();
      for (const group of groups.values()) {
        const first = group[0]!;
        if (!locked.has(first.stationId)) {
          await repo.lockStation(trx, first.stationId);
          locked.add(first.stationId);
        }
        const info = infos.get(first.station)!;
        // Items with the same key in one batch: the later one wins; each is handled in its own layer so that an
        // earlier different value is kept as a revision like a value sent in an earlier batch.
        const layers: Item[][] = [];
        const seen = new Map<number, number>();
        for (const it of group) {
          const layer = seen.get(it.t) ?? 0;
          seen.set(it.t, layer + 1);
          (layers[layer] ??= []).push(it);
        }
        for (const layer of layers) {
          const r = await this.storeLayer(
            trx,
            info,
            first.quantity,
            first.q,
            layer,
            src,
            nowMs,
            nowIso,
            hour,
            day,
          );
          counts.accepted += r.accepted;
          counts.duplicates += r.duplicates;
          counts.revised += r.revised;
          counts.flagged += r.flagged;
          if (r.accepted > 0) {
            const entry = committed.stations.get(info.code) ?? {
              stationId: info.id,
              quantities: new Set<Quantity>(),
              lastT: 0,
            };
            entry.quantities.add(first.quantity);
            entry.lastT = Math.max(entry.lastT, r.lastT);
            committed.stations.set(info.code, entry);
          }
        }
      }
      if (hour.size) await repo.addToRollups(trx, 'rollups_hour', hour);
      if (day.size) await repo.addToRollups(trx, 'rollups_day', day);
    });
    if (committed.stations.size > 0)
      for (const listener of this.listeners) {
        try {
          listener(committed);
        } catch {
          // a listener's failure must not turn a committed batch into an error for the station
        }
      }
    return counts;
  }

  private async storeLayer(
    trx: Executor,
    info: StationInfo,
    quantity: Quantity,
    q: number,
    layer: Item[],
    src: number,
    nowMs: number,
    nowIso: string,
    hour: RollupIncrements,
    day: RollupIncrements,
  ) {
    const repo = this.repository;
    layer.sort((a, b) => a.t - b.t);
    const minT = layer[0]!.t;
    const maxT = layer[layer.length - 1]!.t;
    const margin = CONTEXT_VALUES * info.intervalS;
    // One range scan gives both the stored values with the same keys and the context for the series checks.
    const stored = await repo.rowsBetween(trx, info.id, q, minT - margin - 1, maxT + margin, undefined, true);
    const storedByT = new Map<number, StoredRow>();
    for (const r of stored) storedByT.set(r.t, r);

    // The series as it will be: stored values, with the new ones in place of the stored at the same time.
    const merged = new Map<number, { value: number; unc: number | null; item?: Item; row?: StoredRow }>();
    for (const r of stored) merged.set(r.t, { value: r.value, unc: r.unc, row: r });
    for (const it of layer)
      merged.set(it.t, { value: it.value, unc: it.unc, item: it, ...rowOf(storedByT, it.t) });
    const times = [...merged.keys()].sort((a, b) => a - b);
    const points: MonitoringPoint[] = times.map((t) => {
      const m = merged.get(t)!;
      return { time: '', timeMs: t * 1000, value: m.value, uncertainty: m.unc };
    });
    const flagLists = qualityFlags(quantity, points, { now: nowMs });

    const inserts: NewRow[] = [];
    let accepted = 0;
    let duplicates = 0;
    let revised = 0;
    let flagged = 0;
    let lastT = 0;
    let latest: { t: number; value: number; flags: number } | null = null;
    const recompute = new Set<number>();
    for (let j = 0; j < times.length; j++) {
      const t = times[j]!;
      const m = merged.get(t)!;
      const computed = flagsToBits(flagLists[j]!);
      if (!m.item) {
        // A stored neighbour: its spike/flatline verdict may change now that the values after it are known.
        const row = m.row!;
        const next = (row.flags & ~SERIES_FLAG_MASK) | (computed & SERIES_FLAG_MASK);
        if (next !== row.flags) await repo.setFlags(trx, info.id, q, t, next);
        continue;
      }
      const it = m.item;
      const flags = computed | it.flags;
      const old = m.row;
      if (old && old.value === it.value && old.dur === it.dur && old.unc === it.unc) {
        duplicates++;
        if (old.flags !== flags) await repo.setFlags(trx, info.id, q, t, flags);
        continue;
      }
      accepted++;
      if (flags !== 0) flagged++;
      lastT = Math.max(lastT, t);
      if (!(flags & FUTURE_FLAG) && (!latest || t >= latest.t)) latest = { t, value: it.value, flags };
      if (old) {
        revised++;
        // A changed value keeps the earlier one as a revision; an official's decision does not carry over.
        await repo.revise(
          trx,
          info.id,
          q,
          old,
          { dur: it.dur, value: it.value, unc: it.unc, flags, state: 0, src },
          nowIso,
        );
        recompute.add(t);
        continue;
      }
      inserts.push({
        station_id: info.id,
        quantity: q,
        t,
        dur: it.dur,
        value: it.value,
        unc: it.unc,
        flags,
        state: 0,
        src,
        rev: 0,
      });
      addTo(hour, info.id, q, repo.hourBucket(t), it.value);
      addTo(day, info.id, q, repo.dayBucket(t), it.value);
    }
    if (inserts.length) await repo.insertRows(trx, inserts);
    if (recompute.size) {
      // Recomputed from the stored values, which already include this batch's inserts: drop their increments.
      const hours = new Set([...recompute].map((t) => repo.hourBucket(t)));
      const days = new Set([...recompute].map((t) => repo.dayBucket(t)));
      for (const b of hours) hour.delete(`${info.id}:${q}:${b}`);
      for (const b of days) day.delete(`${info.id}:${q}:${b}`);
      await repo.recomputeBuckets(trx, 'rollups_hour', info.id, q, hours);
      await repo.recomputeBuckets(trx, 'rollups_day', info.id, q, days);
    }
    if (latest) await repo.updateLatest(trx, info.id, q, latest);
    return { accepted, duplicates, revised, flagged, lastT };
  }
}

function rowOf(stored: Map<number, StoredRow>, t: number): { row?: StoredRow } {
  const row = stored.get(t);
  return row ? { row } : {};
}

function addTo(
  target: RollupIncrements,
  stationId: number,
  quantity: number,
  t: number,
  value: number,
): void {
  const key = `${stationId}:${quantity}:${t}`;
  const agg = target.get(key);
  if (!agg) target.set(key, { stationId, quantity, t, n: 1, sum: value, min: value, max: value });
  else {
    agg.n++;
    agg.sum += value;
    if (value < agg.min) agg.min = value;
    if (value > agg.max) agg.max = value;
  }
}
