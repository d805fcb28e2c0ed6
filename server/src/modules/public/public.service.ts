/**
 * The public release of monitoring data: the rules officials set (delay, validated-only or provisional, embargo)
 * and the public read of stations and series under those rules. Only monitoring points leave: the stations'
 * own public data and their published values, never anything from the registry.
 */
import {
  CANONICAL_UNIT,
  DEFAULT_PUBLICATION_DELAY_S,
  isOffline,
  OFFLINE_MISSED_INTERVALS,
  Permission,
  QUANTITY_CODES,
  VALIDATION_CODES,
  type PublicationMode,
  type PublicationRule,
  type PublicationRuleBody,
  type PublicationRules,
  type PublicResolution,
  type PublicSeries,
  type PublicSeriesQuery,
  type PublicStation,
  type PublicStationList,
  type StationKind,
} from '@sievert/core';
import type { Clock } from '../../adapters/clock.js';
import type { Db } from '../../db/database.js';
import { invalidField, notFound } from '../../errors.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import type { AuditService } from '../auth/audit.service.js';
import { DAY_S, HOUR_S } from '../monitoring/measurement.repository.js';
import { PublicationRepository, publishedStates, type RuleRow } from './publication.repository.js';
import { TokenBuckets } from './rate-limit.js';

const DOSE = QUANTITY_CODES.ambient_dose_rate;
const DOSE_UNIT = CANONICAL_UNIT.ambient_dose_rate;
/** Only the continuous gamma dose-rate network is public; samplers and mobile units are not a live map. */
const PUBLIC_KIND: StationKind = 'gamma_dose_rate';
/** Longest period per resolution, so that one request stays cheap (raw: the 35-day chart). */
const MAX_SPAN_S: Record<PublicResolution, number> = {
  raw: 35 * DAY_S,
  hour: 400 * DAY_S,
  day: 3700 * DAY_S,
};
const MAX_RAW_POINTS = 10_000;

export interface EffectiveRule {
  delayS: number;
  validatedOnly: boolean;
  embargo: boolean;
}

export class PublicService {
  private readonly repo = new PublicationRepository();
  /** Requests per client address on the public routes. */
  readonly limiter: TokenBuckets;

  /** Set by the wiring: when a station counts as offline, the same rule as the officials' map. */
  offlineRule: () => Promise<(stationId: number) => { missedIntervals: number; minMinutes: number }> =
    async () => () => ({ missedIntervals: OFFLINE_MISSED_INTERVALS, minMinutes: 0 });

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    /** The province's offset from UTC (s): daily buckets follow local days. */
    private readonly dayOffsetS: number,
  ) {
    this.limiter = new TokenBuckets(clock);
  }

  async rules(actor: Actor): Promise<PublicationRules> {
    requirePermission(actor, Permission.StationRead);
    return this.readRules();
  }

  /** Sets the network's default rule or one station's; setting or lifting an embargo is audited as such. */
  async setRule(actor: Actor, body: PublicationRuleBody): Promise<PublicationRules> {
    requirePermission(actor, Permission.PublicationManage);
    if (body.embargo && !body.embargoReason?.trim()) throw invalidField('/embargoReason', 'required');
    await this.db.transaction().execute(async (trx) => {
      let stationId: number | null = null;
      if (body.station !== undefined) {
        const station = await trx
          .selectFrom('stations')
          .select('id')
          .where('code', '=', body.station)
          .executeTakeFirst();
        if (!station) throw notFound('station', body.station);
        stationId = station.id;
      }
      const before = await this.repo.rule(trx, stationId);
      const now = this.clock.now().toISOString();
      const embargoChanged = (before?.embargo === 1) !== body.embargo;
      const row = {
        station_id: stationId,
        delay_s: body.delaySeconds,
        mode: body.mode,
        embargo: body.embargo ? 1 : 0,
        embargo_reason: body.embargo ? body.embargoReason!.trim() : null,
        embargo_changed_at: embargoChanged ? now : (before?.embargo_changed_at ?? null),
        embargo_changed_by: embargoChanged ? actor.userId : (before?.embargo_changed_by ?? null),
        updated_at: now,
        updated_by: actor.userId,
      };
      await this.repo.save(trx, row, before?.id ?? null);
      const summary = (r: typeof row | RuleRow | undefined) =>
        r && {
          delaySeconds: r.delay_s,
          mode: r.mode,
          embargo: r.embargo === 1,
          embargoReason: r.embargo_reason,
        };
      await this.audit.record(trx, actor, {
        action: embargoChanged
          ? body.embargo
            ? 'publication.embargo_set'
            : 'publication.embargo_lift'
          : 'publication.rule_set',
        entityType: 'publication_rule',
        entityId: body.station ?? 'network',
        before: summary(before) ?? null,
        after: summary(row),
      });
    });
    return this.readRules();
  }

  /** The gamma stations with their status and latest published dose rate. */
  async stations(): Promise<PublicStationList> {
    const now = this.clock.now();
    const nowS = Math.floor(now.getTime() / 1000);
    const [stations, latest, rules, offlineRule] = await Promise.all([
      this.db
        .selectFrom('stations as s')
        .leftJoin('communes as c', 'c.code', 's.commune_code')
        .select(['s.id', 's.code', 's.name', 's.kind', 's.status', 's.commune_code', 's.lat', 's.lon'])
        .select(['s.interval_s', 'c.name as commune_name'])
        .where('s.kind', '=', PUBLIC_KIND)
        .orderBy('s.code')
        .execute(),
      this.db
        .selectFrom('measurement_latest')
        .select(['station_id', 't'])
        .where('quantity', '=', DOSE)
        .execute(),
      this.effectiveRules(),
      this.offlineRule(),
    ]);
    const lastSeen = new Map(latest.map((r) => [r.station_id, Number(r.t)]));
    const list = await Promise.all(
      stations.map(async (s): Promise<PublicStation> => {
        const rule = rules(s.id);
        const published = rule.embargo
          ? undefined
          : await this.repo.latestPublished(
              this.db,
              s.id,
              DOSE,
              nowS - rule.delayS,
              publishedStates(rule.validatedOnly),
            );
        const seen = lastSeen.get(s.id);
        const { missedIntervals, minMinutes } = offlineRule(s.id);
        const missed = Math.max(missedIntervals, Math.ceil((minMinutes * 60) / s.interval_s));
        const offline =
          s.status !== 'operating' ||
          isOffline(
            seen === undefined ? null : new Date(seen * 1000).toISOString(),
            s.interval_s,
            missed,
            now,
          );
        return {
          code: s.code,
          name: s.name,
          communeCode: s.commune_code,
          communeName: s.commune_name ?? null,
          lat: s.lat,
          lon: s.lon,
          kind: s.kind as StationKind,
          status: offline ? 'offline' : 'online',
          latest: published
            ? {
                value: published.value,
                unit: DOSE_UNIT,
                time: new Date(published.t * 1000).toISOString(),
                provisional: published.state !== VALIDATION_CODES.validated,
              }
            : null,
        };
      }),
    );
    return { generatedAt: now.toISOString(), stations: list };
  }

  /**
   * Published values of one station: the period is cut at now − delay, rejected (and, validated-only, also
   * unvalidated) values are left out, and an embargo empties it. `settled`: the period ended a day before the
   * cut-off, so the answer will rarely change and may be cached longer.
   */
  async series(code: string, query: PublicSeriesQuery): Promise<{ series: PublicSeries; settled: boolean }> {
    const station = await this.db
      .selectFrom('stations')
      .select(['id', 'code'])
      .where('code', '=', code)
      .where('kind', '=', PUBLIC_KIND)
      .executeTakeFirst();
    if (!station) throw notFound('station', code);
    const rule = (await this.effectiveRules())(station.id);
    const nowS = Math.floor(this.clock.now().getTime() / 1000);
    const cutoff = nowS - rule.delayS;
    const toAsked = query.to === undefined ? cutoff : Math.floor(Date.parse(query.to) / 1000);
    const fromS = query.from === undefined ? toAsked - DAY_S : Math.floor(Date.parse(query.from) / 1000);
    if (!(fromS < toAsked)) throw invalidField('query/from', 'invalid');
    const span = toAsked - fromS;
    const resolution: PublicResolution =
      query.resolution ?? (span <= 2 * DAY_S ? 'raw' : span <= 60 * DAY_S ? 'hour' : 'day');
    if (span > MAX_SPAN_S[resolution])
      throw invalidField('query/from', 'too_small', {
        limit: new Date((toAsked - MAX_SPAN_S[resolution]) * 1000).toISOString(),
      });
    const toS = Math.min(toAsked, cutoff);
    const base = {
      station: station.code,
      unit: DOSE_UNIT,
      resolution,
      from: new Date(fromS * 1000).toISOString(),
      to: new Date(Math.max(toS, fromS) * 1000).toISOString(),
    };
    const settled = toAsked <= cutoff - DAY_S;
    if (rule.embargo || toS <= fromS) return { series: { ...base, points: [] }, settled };
    const states = publishedStates(rule.validatedOnly);
    if (resolution === 'raw') {
      const rows = await this.repo.rows(this.db, station.id, DOSE, fromS, toS, states, MAX_RAW_POINTS);
      const points = rows.map((r) => ({
        time: new Date(r.t * 1000).toISOString(),
        value: r.value,
        provisional: r.state !== VALIDATION_CODES.validated,
      }));
      return { series: { ...base, points }, settled };
    }
    const size = resolution === 'hour' ? HOUR_S : DAY_S;
    const offset = resolution === 'day' ? this.dayOffsetS : 0;
    const buckets = await this.repo.buckets(this.db, station.id, DOSE, fromS, toS, states, size, offset);
    const points = buckets.map((b) => ({
      time: new Date(b.t * 1000).toISOString(),
      value: b.sum / b.n,
      provisional: b.state !== VALIDATION_CODES.validated,
      min: b.min,
      max: b.max,
      count: b.n,
    }));
    return { series: { ...base, points }, settled };
  }

  /** The rule in force for each station: its own, else the network's; an embargo on either applies. */
  private async effectiveRules(): Promise<(stationId: number) => EffectiveRule> {
    const rows = await this.repo.rules(this.db);
    const network = rows.find((r) => r.station_id === null);
    const byStation = new Map(rows.filter((r) => r.station_id !== null).map((r) => [r.station_id, r]));
    return (stationId) => {
      const own = byStation.get(stationId) ?? network;
      return {
        delayS: own?.delay_s ?? DEFAULT_PUBLICATION_DELAY_S,
        validatedOnly: (own?.mode as PublicationMode | undefined) === 'validated_only',
        embargo: network?.embargo === 1 || byStation.get(stationId)?.embargo === 1,
      };
    };
  }

  private async readRules(): Promise<PublicationRules> {
    const rows = await this.repo.rules(this.db);
    const codes = new Map(
      (await this.db.selectFrom('stations').select(['id', 'code']).execute()).map((s) => [s.id, s.code]),
    );
    const toRule = (r: RuleRow): PublicationRule => ({
      station: r.station_id === null ? null : (codes.get(r.station_id) ?? null),
      delaySeconds: r.delay_s,
      mode: r.mode as PublicationMode,
      embargo: r.embargo === 1,
      embargoReason: r.embargo_reason,
      embargoChangedAt: r.embargo_changed_at,
      embargoChangedBy: r.embargo_changed_by_name,
      updatedAt: r.updated_at,
    });
    const network = rows.find((r) => r.station_id === null);
    return {
      network: network
        ? toRule(network)
        : {
            station: null,
            delaySeconds: DEFAULT_PUBLICATION_DELAY_S,
            mode: 'provisional',
            embargo: false,
            embargoReason: null,
            embargoChangedAt: null,
            embargoChangedBy: null,
            updatedAt: null,
          },
      stations: rows
        .filter((r) => r.station_id !== null)
        .map(toRule)
        .sort((a, b) => (a.station ?? '').localeCompare(b.station ?? '')),
    };
  }
}
