/**
 * Reading the measurement store: chart series at the right resolution, pages of values for review, officials'
 * validation decisions, and the network view that the dashboard map paints from one request.
 */
import {
  bitsToFlags,
  CANONICAL_UNIT,
  flagBit,
  isOffline,
  OFFLINE_MISSED_INTERVALS,
  Permission,
  QUANTITY_CODES,
  quantityOfCode,
  sourceOfCode,
  VALIDATION_CODES,
  validationOfCode,
  type MeasurementListQuery,
  type MeasurementPage,
  type NetworkStation,
  type NetworkView,
  type Quantity,
  type Series,
  type SeriesPoint,
  type SeriesQuery,
  type ValidateMeasurementsBody,
} from '@sievert/core';
import type { Clock } from '../../adapters/clock.js';
import type { Db } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import type { AuditService } from '../auth/audit.service.js';
import { DAY_S, HOUR_S, type MeasurementRepository, type RollupRow } from './measurement.repository.js';

const DEFAULT_SPAN_S = 24 * HOUR_S;
const DEFAULT_MAX_POINTS = 1000;
const FUTURE_FLAG = flagBit('future_time');

export interface OpenAlarmSummary {
  id: number;
  severity: NonNullable<NetworkStation['alarm']>['severity'];
  state: NonNullable<NetworkStation['alarm']>['state'];
  rule: NonNullable<NetworkStation['alarm']>['rule'];
  cause: NonNullable<NetworkStation['alarm']>['cause'];
}

export class MeasurementService {
  /** Set by the alarm service: the most severe open alarm per station id, for the network view. */
  openAlarms: () => Promise<{ byStation: Map<number, OpenAlarmSummary>; total: number }> = async () => ({
    byStation: new Map(),
    total: 0,
  });

  /**
   * Set by the wiring: when a station counts as offline, from the alarm rules in force (missed intervals and a
   * minimum silence), so that the map and the offline alarm agree.
   */
  offlineRule: () => Promise<(stationId: number) => { missedIntervals: number; minMinutes: number }> =
    async () => () => ({ missedIntervals: OFFLINE_MISSED_INTERVALS, minMinutes: 0 });

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    readonly repository: MeasurementRepository,
  ) {}

  private async station(code: string) {
    const row = await this.db
      .selectFrom('stations')
      .select(['id', 'code', 'interval_s'])
      .where('code', '=', code)
      .executeTakeFirst();
    if (!row) throw notFound('station', code);
    return row;
  }

  private period(from: string | undefined, to: string | undefined, defaultSpanS: number) {
    const toS = to ? Math.floor(Date.parse(to) / 1000) : Math.floor(this.clock.now().getTime() / 1000);
    const fromS = from ? Math.floor(Date.parse(from) / 1000) : toS - defaultSpanS;
    if (!(fromS < toS)) throw new AppError('measurement.invalid_period');
    return { fromS, toS };
  }

  /**
   * At most `maxPoints` points for a chart: raw values when they fit, else hourly or daily rollups, else groups
   * of k days. Each aggregated point carries min, max and count so a chart can draw the band.
   */
  async series(actor: Actor, code: string, query: SeriesQuery): Promise<Series> {
    requirePermission(actor, Permission.StationRead);
    const station = await this.station(code);
    const quantity: Quantity = query.quantity ?? 'ambient_dose_rate';
    const q = QUANTITY_CODES[quantity];
    const { fromS, toS } = this.period(query.from, query.to, DEFAULT_SPAN_S);
    const maxPoints = query.maxPoints ?? DEFAULT_MAX_POINTS;
    const span = toS - fromS;
    const repo = this.repository;
    const base = {
      station: station.code,
      quantity,
      unit: CANONICAL_UNIT[quantity],
      from: new Date(fromS * 1000).toISOString(),
      to: new Date(toS * 1000).toISOString(),
    };

    let resolution = query.resolution;
    if (!resolution) {
      if (span / station.interval_s <= maxPoints) resolution = 'raw';
      else if (span / HOUR_S <= maxPoints) resolution = 'hour';
      else resolution = 'day';
    }
    if (resolution === 'raw') {
      const rows = await repo.rowsBetween(this.db, station.id, q, fromS, toS, maxPoints + 1);
      if (rows.length <= maxPoints || query.resolution === 'raw') {
        return {
          ...base,
          resolution: 'raw',
          bucketS: 0,
          points: rows.slice(0, maxPoints).map((r): SeriesPoint => ({
            time: new Date(r.t * 1000).toISOString(),
            value: r.value,
            ...(r.flags ? { flags: bitsToFlags(r.flags) } : {}),
            ...(r.state ? { validation: validationOfCode(r.state) } : {}),
            ...(r.unc !== null ? { uncertainty: r.unc } : {}),
          })),
        };
      }
      // Denser than the station's declared interval: fall back to rollups.
      resolution = span / HOUR_S <= maxPoints ? 'hour' : 'day';
    }
    const table = resolution === 'hour' ? 'rollups_hour' : 'rollups_day';
    const size = resolution === 'hour' ? HOUR_S : DAY_S;
    const startBucket = resolution === 'hour' ? repo.hourBucket(fromS + 1) : repo.dayBucket(fromS + 1);
    const rows = await repo.rollups(this.db, table, station.id, q, startBucket, toS);
    const k = Math.max(1, Math.ceil((Math.ceil(span / size) + 1) / maxPoints));
    const merged = k === 1 ? rows : mergeBuckets(rows, k * size, resolution === 'day' ? repo.dayOffsetS : 0);
    const label = k === 1 ? resolution : resolution === 'hour' ? `${k}h` : `${k}d`;
    return {
      ...base,
      resolution: label,
      bucketS: k * size,
      points: merged.slice(0, maxPoints).map((r) => ({
        time: new Date(r.t * 1000).toISOString(),
        value: r.sum / r.n,
        min: r.min,
        max: r.max,
        count: r.n,
      })),
    };
  }

  async list(actor: Actor, code: string, query: MeasurementListQuery): Promise<MeasurementPage> {
    requirePermission(actor, Permission.StationRead);
    const station = await this.station(code);
    const { fromS, toS } = this.period(query.from, query.to, 35 * DAY_S);
    const { rows, total } = await this.repository.page(
      this.db,
      station.id,
      query.quantity ? QUANTITY_CODES[query.quantity] : null,
      fromS,
      toS,
      {
        flagged: query.flagged,
        state: query.validation === undefined ? undefined : VALIDATION_CODES[query.validation],
      },
      query.limit ?? 50,
      query.offset ?? 0,
    );
    return {
      total,
      items: rows.map((r) => {
        const quantity = quantityOfCode(r.quantity);
        return {
          quantity,
          unit: CANONICAL_UNIT[quantity],
          begin: new Date((r.t - r.dur) * 1000).toISOString(),
          end: new Date(r.t * 1000).toISOString(),
          value: r.value,
          uncertainty: r.unc,
          flags: bitsToFlags(r.flags),
          validation: validationOfCode(r.state),
          source: sourceOfCode(r.src),
          revision: r.rev,
        };
      }),
    };
  }

  /** An official validates or rejects the values of a period; rollups and the latest value follow. Audited. */
  async validate(actor: Actor, code: string, body: ValidateMeasurementsBody): Promise<{ changed: number }> {
    requirePermission(actor, Permission.MeasurementValidate);
    const station = await this.station(code);
    const fromS = Math.floor(Date.parse(body.from) / 1000);
    const toS = Math.floor(Date.parse(body.to) / 1000);
    if (!(fromS <= toS)) throw new AppError('measurement.invalid_period');
    const q = QUANTITY_CODES[body.quantity];
    const state = VALIDATION_CODES[body.decision];
    const repo = this.repository;
    return this.db.transaction().execute(async (trx) => {
      await repo.lockStation(trx, station.id);
      // Inclusive of `from`: the period (from−1, to] in whole seconds.
      const changed = await repo.setState(trx, station.id, q, fromS - 1, toS, state);
      if (changed.length) {
        await repo.recomputeBuckets(
          trx,
          'rollups_hour',
          station.id,
          q,
          new Set(changed.map((t) => repo.hourBucket(t))),
        );
        await repo.recomputeBuckets(
          trx,
          'rollups_day',
          station.id,
          q,
          new Set(changed.map((t) => repo.dayBucket(t))),
        );
        await repo.refreshLatest(trx, station.id, q, FUTURE_FLAG);
        await this.audit.record(trx, actor, {
          action: 'measurement.validate',
          entityType: 'station',
          entityId: station.id,
          after: {
            quantity: body.quantity,
            from: body.from,
            to: body.to,
            decision: body.decision,
            changed: changed.length,
            ...(body.note ? { note: body.note } : {}),
          },
        });
      }
      return { changed: changed.length };
    });
  }

  private silent(
    s: { id: number; interval_s: number },
    lastTime: string | null,
    rule: (stationId: number) => { missedIntervals: number; minMinutes: number },
    now: Date,
  ): boolean {
    const { missedIntervals, minMinutes } = rule(s.id);
    const missed = Math.max(missedIntervals, Math.ceil((minMinutes * 60) / s.interval_s));
    return isOffline(lastTime, s.interval_s, missed, now);
  }

  /** Every station with its latest dose rate and rain, offline state and most severe open alarm. */
  async network(actor: Actor): Promise<NetworkView> {
    requirePermission(actor, Permission.StationRead);
    const now = this.clock.now();
    const [stations, latest, alarms, offlineRule] = await Promise.all([
      this.db
        .selectFrom('stations')
        .select(['id', 'code', 'name', 'kind', 'status', 'commune_code', 'lat', 'lon', 'interval_s'])
        .orderBy('code')
        .execute(),
      this.repository.latest(this.db, [QUANTITY_CODES.ambient_dose_rate, QUANTITY_CODES.precipitation]),
      this.openAlarms(),
      this.offlineRule(),
    ]);
    const dose = new Map<number, (typeof latest)[number]>();
    const rain = new Map<number, (typeof latest)[number]>();
    for (const r of latest)
      (r.quantity === QUANTITY_CODES.ambient_dose_rate ? dose : rain).set(r.station_id, r);
    return {
      generatedAt: now.toISOString(),
      openAlarms: alarms.total,
      stations: stations.map((s) => {
        const d = dose.get(s.id);
        const p = rain.get(s.id);
        const lastTime = d ? new Date(d.t * 1000).toISOString() : null;
        const a = alarms.byStation.get(s.id);
        return {
          code: s.code,
          name: s.name,
          kind: s.kind as NetworkStation['kind'],
          status: s.status as NetworkStation['status'],
          communeCode: s.commune_code,
          lat: s.lat,
          lon: s.lon,
          intervalS: s.interval_s,
          latest: d
            ? {
                value: d.value,
                unit: CANONICAL_UNIT.ambient_dose_rate,
                time: lastTime!,
                flags: bitsToFlags(d.flags),
              }
            : null,
          rain: p ? { value: p.value, time: new Date(p.t * 1000).toISOString() } : null,
          // Only stations that report continuously can be offline; a river sampling point is visited, not online.
          offline:
            s.kind !== 'river_sampling' &&
            s.status === 'operating' &&
            this.silent(s, lastTime, offlineRule, now),
          alarm: a ? { id: a.id, severity: a.severity, state: a.state, rule: a.rule, cause: a.cause } : null,
        };
      }),
    };
  }
}

/** Merges consecutive buckets into groups of `size` seconds (aligned to local days for day groups). */
function mergeBuckets(rows: RollupRow[], size: number, offset: number): RollupRow[] {
  const out: RollupRow[] = [];
  let cur: RollupRow | null = null;
  for (const r of rows) {
    const g = Math.floor((r.t + offset) / size) * size - offset;
    if (cur && cur.t === g) {
      cur.n += r.n;
      cur.sum += r.sum;
      if (r.min < cur.min) cur.min = r.min;
      if (r.max > cur.max) cur.max = r.max;
    } else {
      if (cur) out.push(cur);
      cur = { ...r, t: g };
    }
  }
  if (cur) out.push(cur);
  return out;
}
