/**
 * The public release of monitoring data: the rules officials set (delay, validated-only or provisional, embargo)
 * and the public read of stations and series under those rules. Only monitoring points leave: the stations'
 * own public data and their published values, never anything from the registry.
 */
import {
  asciiText,
  CANONICAL_UNIT,
  FACILITY_KINDS,
  writeEurdep,
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
  type PublicExportQuery,
  type PublicFacilityCounts,
  type PublicNotice,
  type PublicNoticeList,
  type PublicOverview,
  type PublicResolution,
  type PublicSeries,
  type PublicSeriesQuery,
  type PublicStation,
  type PublicStationList,
  type StationKind,
} from '@sievert/core';
import type { Clock } from '../../adapters/clock.js';
import type { Db } from '../../db/database.js';
import { AppError, invalidField, notFound } from '../../errors.js';
import { hasPermission, requirePermission, type Actor } from '../auth/actor.js';
import type { AuditService } from '../auth/audit.service.js';
import type { GeoService } from '../geo/geo.service.js';
import type { IncidentService } from '../incidents/incident.service.js';
import type { NoticeRow } from '../incidents/incident.repository.js';
import { DAY_S, HOUR_S } from '../monitoring/measurement.repository.js';
import type { FacilityService } from '../registry/facility.service.js';
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
/** How long a computed station list or overview is reused when nothing was stored or changed meanwhile. */
const CACHE_MS = 15_000;
/** One export at most: rows over every station (≈ 9 MB of CSV). */
const MAX_EXPORT_ROWS = 100_000;

/** What the public routes need besides the database: set by the wiring (other modules' services, config). */
export interface PublicSources {
  geo: Pick<GeoService, 'province' | 'communes' | 'communesGeoJsonLight'>;
  notices: Pick<IncidentService, 'publishedNotices'>;
  facilities: Pick<FacilityService, 'countByCommuneAndKind'>;
  openData: { licence: string; licenceUrl: string | null; publisher: string | null };
}

/** One published point with its period: raw values end at `end` after `end − begin`; buckets start at `begin`. */
interface PublishedPoint {
  begin: number;
  end: number;
  value: number;
  provisional: boolean;
  min?: number;
  max?: number;
  count?: number;
}

export interface PublicExport {
  body: string;
  contentType: string;
  fileName: string;
  /** The series ended a day before the publication cut-off. */
  settled: boolean;
}

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

  /** Set by the wiring; without it the portal's overview, notices and facility counts are unavailable. */
  sources: PublicSources | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    /** The province's offset from UTC (s): daily buckets follow local days. */
    private readonly dayOffsetS: number,
    rateLimit: { burst: number; perSecond: number } = { burst: 120, perSecond: 2 },
  ) {
    this.limiter = new TokenBuckets(clock, rateLimit.burst, rateLimit.perSecond);
  }

  /** The rules, embargo reasons included: for the Department's officials (who run stations, incidents or release). */
  async rules(actor: Actor): Promise<PublicationRules> {
    if (!hasPermission(actor, Permission.StationManage) && !hasPermission(actor, Permission.IncidentManage))
      requirePermission(actor, Permission.PublicationManage);
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
    this.invalidate();
    return this.readRules();
  }

  /** Removes a station's own rule (the network default applies again); an embargo it held is lifted. */
  async removeRule(actor: Actor, code: string): Promise<PublicationRules> {
    requirePermission(actor, Permission.PublicationManage);
    await this.db.transaction().execute(async (trx) => {
      const station = await trx
        .selectFrom('stations')
        .select('id')
        .where('code', '=', code)
        .executeTakeFirst();
      if (!station) throw notFound('station', code);
      const before = await this.repo.rule(trx, station.id);
      if (!before) throw notFound('publication_rule', code);
      await trx.deleteFrom('publication_rules').where('id', '=', before.id).execute();
      await this.audit.record(trx, actor, {
        action: 'publication.rule_remove',
        entityType: 'publication_rule',
        entityId: code,
        before: {
          delaySeconds: before.delay_s,
          mode: before.mode,
          embargo: before.embargo === 1,
          embargoReason: before.embargo_reason,
        },
        after: null,
      });
    });
    this.invalidate();
    return this.readRules();
  }

  async communesGeoJson(): Promise<{ body: string }> {
    return this.need().geo.communesGeoJsonLight();
  }

  /** The gamma stations with their status and latest published dose rate. */
  async stations(): Promise<PublicStationList> {
    return this.cached('stations', () => this.computeStations());
  }

  /**
   * Forget the computed public answers: new values were stored, a rule changed or a notice was published or
   * withdrawn. Otherwise they are computed at most every CACHE_MS (the map refreshes every minute anyway).
   */
  invalidate(): void {
    this.version += 1;
    this.memo.clear();
  }

  private version = 0;
  private readonly memo = new Map<string, { at: number; version: number; value: Promise<unknown> }>();

  /** One computation shared by every request in flight and reused for CACHE_MS. */
  private cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const now = this.clock.now().getTime();
    const hit = this.memo.get(key);
    if (hit && hit.version === this.version && now >= hit.at && now - hit.at < CACHE_MS)
      return hit.value as Promise<T>;
    const value = compute();
    const entry = { at: now, version: this.version, value };
    this.memo.set(key, entry);
    value.catch(() => {
      if (this.memo.get(key) === entry) this.memo.delete(key);
    });
    return value;
  }

  private async computeStations(): Promise<PublicStationList> {
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
    const period = this.period(query, rule.delayS);
    const { points, to, settled } = await this.published(station.id, rule, period);
    const iso = (t: number) => new Date(t * 1000).toISOString();
    return {
      series: {
        station: station.code,
        unit: DOSE_UNIT,
        resolution: period.resolution,
        from: iso(period.fromS),
        to: iso(to),
        points: points.map((p) =>
          period.resolution === 'raw'
            ? { time: iso(p.end), value: p.value, provisional: p.provisional }
            : {
                time: iso(p.begin),
                value: p.value,
                provisional: p.provisional,
                min: p.min,
                max: p.max,
                count: p.count,
              },
        ),
      },
      settled,
    };
  }

  /**
   * The period asked for: `to` defaults to the cut-off of a rule with `delayS`, `from` to a day before `to`, the
   * resolution to raw up to 2 days, hourly up to 60 days, daily beyond; a span too long for its resolution is a
   * 400 naming `query/from`.
   */
  private period(
    query: { from?: string; to?: string; resolution?: PublicResolution },
    delayS: number,
  ): { fromS: number; toAskedS: number; resolution: PublicResolution } {
    const nowS = Math.floor(this.clock.now().getTime() / 1000);
    const toAskedS = query.to === undefined ? nowS - delayS : Math.floor(Date.parse(query.to) / 1000);
    const fromS = query.from === undefined ? toAskedS - DAY_S : Math.floor(Date.parse(query.from) / 1000);
    if (!(fromS < toAskedS)) throw invalidField('query/from', 'invalid');
    const span = toAskedS - fromS;
    const resolution: PublicResolution =
      query.resolution ?? (span <= 2 * DAY_S ? 'raw' : span <= 60 * DAY_S ? 'hour' : 'day');
    if (span > MAX_SPAN_S[resolution])
      throw invalidField('query/from', 'too_small', {
        limit: new Date((toAskedS - MAX_SPAN_S[resolution]) * 1000).toISOString(),
      });
    return { fromS, toAskedS, resolution };
  }

  /** The published points of one station in a period, under its rule; `to`: the end cut at the cut-off. */
  private async published(
    stationId: number,
    rule: EffectiveRule,
    period: { fromS: number; toAskedS: number; resolution: PublicResolution },
  ): Promise<{ points: PublishedPoint[]; to: number; settled: boolean }> {
    const { fromS, toAskedS, resolution } = period;
    const nowS = Math.floor(this.clock.now().getTime() / 1000);
    const cutoff = nowS - rule.delayS;
    const toS = Math.min(toAskedS, cutoff);
    const to = Math.max(toS, fromS);
    const settled = toAskedS <= cutoff - DAY_S;
    if (rule.embargo || toS <= fromS) return { points: [], to, settled };
    const states = publishedStates(rule.validatedOnly);
    if (resolution === 'raw') {
      const rows = await this.repo.rows(this.db, stationId, DOSE, fromS, toS, states, MAX_RAW_POINTS);
      const points = rows.map((r) => ({
        begin: r.t - (r.dur ?? 0),
        end: r.t,
        value: r.value,
        provisional: r.state !== VALIDATION_CODES.validated,
      }));
      return { points, to, settled };
    }
    const size = resolution === 'hour' ? HOUR_S : DAY_S;
    const offset = resolution === 'day' ? this.dayOffsetS : 0;
    const buckets = await this.repo.buckets(this.db, stationId, DOSE, fromS, toS, states, size, offset);
    const points = buckets.map((b) => ({
      begin: b.t,
      end: b.t + size,
      value: b.sum / b.n,
      provisional: b.state !== VALIDATION_CODES.validated,
      min: b.min,
      max: b.max,
      count: b.n,
    }));
    return { points, to, settled };
  }

  // ── the portal: overview, notices, facility counts, export ─────────────────────────────────────────────

  private need(): PublicSources {
    if (!this.sources) throw new AppError('service.unavailable');
    return this.sources;
  }

  /** The licence and who publishes, for the overview, the export headers and the GeoJSON export. */
  async licence(): Promise<{
    name: string;
    url: string | null;
    attribution: string;
    publisher: string;
    publisherEn: string;
  }> {
    const { geo, openData } = this.need();
    const province = await geo.province();
    // "Tỉnh X" inside a longer name is written "tỉnh X": Sở Khoa học và Công nghệ tỉnh X.
    const place = province.name.replace(/^(Tỉnh|Thành phố) /u, (w) => w.toLowerCase());
    const publisher = openData.publisher ?? `Sở Khoa học và Công nghệ ${place}`;
    return {
      name: openData.licence,
      url: openData.licenceUrl,
      attribution: `${publisher} — quan trắc phóng xạ môi trường / environmental radiation monitoring`,
      publisher,
      publisherEn: openData.publisher ?? `Department of Science and Technology, ${province.nameEn}`,
    };
  }

  /** Network status and what the portal's first page needs besides the station list. */
  async overview(): Promise<PublicOverview> {
    return this.cached('overview', () => this.computeOverview());
  }

  private async computeOverview(): Promise<PublicOverview> {
    const { geo, notices } = this.need();
    const [province, list, licence, rules, latestNotices] = await Promise.all([
      geo.province(),
      this.stations(),
      this.licence(),
      this.repo.rules(this.db),
      notices.publishedNotices(1),
    ]);
    const withValue = list.stations.filter((s) => s.latest !== null);
    const highest = withValue.reduce<(typeof withValue)[number] | null>(
      (best, s) => (best === null || s.latest!.value > best.latest!.value ? s : best),
      null,
    );
    const latestTime = withValue.reduce<string | null>(
      (t, s) => (t === null || s.latest!.time > t ? s.latest!.time : t),
      null,
    );
    const publishedCount = await this.countPublishedNotices();
    return {
      generatedAt: list.generatedAt,
      province: { code: province.code, name: province.name, nameEn: province.nameEn },
      publisher: licence.publisher,
      publisherEn: licence.publisherEn,
      licence: { name: licence.name, url: licence.url, attribution: licence.attribution },
      delaySeconds: rules.find((r) => r.station_id === null)?.delay_s ?? DEFAULT_PUBLICATION_DELAY_S,
      stations: {
        total: list.stations.length,
        online: list.stations.filter((s) => s.status === 'online').length,
        offline: list.stations.filter((s) => s.status === 'offline').length,
        withValue: withValue.length,
      },
      latestTime,
      highest: highest
        ? {
            station: highest.code,
            value: highest.latest!.value,
            unit: highest.latest!.unit,
            time: highest.latest!.time,
          }
        : null,
      notices: { published: publishedCount, latestAt: latestNotices[0]?.approved_at ?? null },
    };
  }

  private async countPublishedNotices(): Promise<number> {
    const row = await this.db
      .selectFrom('incident_notices')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state', '=', 'approved')
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Approved notices, newest first: the title and text a leader approved, nothing of the incident's record. */
  async notices(limit = 50): Promise<PublicNoticeList> {
    const rows = await this.need().notices.publishedNotices(limit);
    return { generatedAt: this.clock.now().toISOString(), notices: rows.map(publicNotice) };
  }

  async notice(id: number): Promise<PublicNotice> {
    const [row] = await this.need().notices.publishedNotices(1, id);
    if (!row) throw notFound('notice', id);
    return publicNotice(row);
  }

  /** Active facilities by kind per commune: counts only. */
  async facilityCounts(): Promise<PublicFacilityCounts> {
    const { geo, facilities } = this.need();
    const [rows, communes] = await Promise.all([facilities.countByCommuneAndKind(), geo.communes()]);
    const names = new Map(communes.map((c) => [c.code, c.name]));
    const byCommune = new Map<string, Record<string, number>>();
    for (const r of rows) {
      if (!names.has(r.communeCode)) continue;
      const counts = byCommune.get(r.communeCode) ?? {};
      counts[r.kind] = (counts[r.kind] ?? 0) + r.count;
      byCommune.set(r.communeCode, counts);
    }
    const list = [...byCommune.entries()]
      .map(([code, counts]) => ({
        communeCode: code,
        communeName: names.get(code)!,
        counts,
        total: Object.values(counts).reduce((a, b) => a + b, 0),
      }))
      .sort((a, b) => a.communeName.localeCompare(b.communeName, 'vi'));
    return {
      generatedAt: this.clock.now().toISOString(),
      kinds: [...FACILITY_KINDS],
      total: list.reduce((a, c) => a + c.total, 0),
      communes: list,
    };
  }

  /**
   * Published values of every public station (or one) in a period, as CSV, GeoJSON or EURDEP 2.0. The period
   * defaults to the 24 h before the network's cut-off; each station's own rule still applies.
   */
  async export(query: PublicExportQuery): Promise<PublicExport> {
    const rulesOf = await this.effectiveRules();
    const network = (await this.repo.rules(this.db)).find((r) => r.station_id === null);
    const period = this.period(query, network?.delay_s ?? DEFAULT_PUBLICATION_DELAY_S);
    let q = this.db
      .selectFrom('stations as s')
      .leftJoin('communes as c', 'c.code', 's.commune_code')
      .select(['s.id', 's.code', 's.name', 's.commune_code', 's.lat', 's.lon', 'c.name as commune_name'])
      .where('s.kind', '=', PUBLIC_KIND)
      .orderBy('s.code');
    if (query.station !== undefined) q = q.where('s.code', '=', query.station);
    const stations = await q.execute();
    if (query.station !== undefined && stations.length === 0) throw notFound('station', query.station);
    let rows = 0;
    let settled = true;
    const series: Array<{ station: (typeof stations)[number]; points: PublishedPoint[] }> = [];
    for (const station of stations) {
      const got = await this.published(station.id, rulesOf(station.id), period);
      rows += got.points.length;
      if (rows > MAX_EXPORT_ROWS) throw invalidField('query/from', 'too_large', { limit: MAX_EXPORT_ROWS });
      settled &&= got.settled;
      series.push({ station, points: got.points });
    }
    const iso = (t: number) => new Date(t * 1000).toISOString();
    const stamp = `${iso(period.fromS).slice(0, 10)}_${iso(period.toAskedS).slice(0, 10)}`;
    const base = `sievert-${query.station ?? 'stations'}-${period.resolution}-${stamp}`;
    const licence = await this.licence();
    if (query.format === 'csv') {
      const cell = (v: string | number | null | undefined) => {
        if (v === null || v === undefined) return '';
        const text = String(v);
        // A cell a spreadsheet would run as a formula gets a leading quote (OWASP CSV injection).
        const safe = /^[=+\-@\t\r]/.test(text) && typeof v === 'string' ? `'${text}` : text;
        return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
      };
      const lines = [
        'station_code,station_name,commune_code,commune_name,latitude,longitude,resolution,begin,end,value,unit,min,max,count,provisional',
      ];
      for (const { station, points } of series)
        for (const p of points)
          lines.push(
            [
              station.code,
              station.name,
              station.commune_code,
              station.commune_name,
              station.lat,
              station.lon,
              period.resolution,
              iso(p.begin),
              iso(p.end),
              p.value,
              DOSE_UNIT,
              p.min,
              p.max,
              p.count,
              p.provisional ? 'true' : 'false',
            ]
              .map(cell)
              .join(','),
          );
      return {
        body: `\ufeff${lines.join('\r\n')}\r\n`,
        contentType: 'text/csv; charset=utf-8',
        fileName: `${base}.csv`,
        settled,
      };
    }
    if (query.format === 'geojson') {
      const body = {
        type: 'FeatureCollection',
        licence: { name: licence.name, url: licence.url, attribution: licence.attribution },
        period: { from: iso(period.fromS), to: iso(period.toAskedS), resolution: period.resolution },
        features: series.map(({ station, points }) => ({
          type: 'Feature',
          id: station.code,
          geometry: { type: 'Point', coordinates: [station.lon, station.lat] },
          properties: {
            code: station.code,
            name: station.name,
            communeCode: station.commune_code,
            communeName: station.commune_name,
            unit: DOSE_UNIT,
            values: points.map((p) => ({
              begin: iso(p.begin),
              end: iso(p.end),
              value: p.value,
              provisional: p.provisional,
              ...(p.count !== undefined ? { min: p.min, max: p.max, count: p.count } : {}),
            })),
          },
        })),
      };
      return {
        body: JSON.stringify(body),
        contentType: 'application/geo+json; charset=utf-8',
        fileName: `${base}.geojson`,
        settled,
      };
    }
    const now = this.clock.now();
    const province = await this.need().geo.province();
    const body = writeEurdep({
      header: {
        originator: 'VN',
        importance: 'ROUTINE',
        countryCode: 'VN',
        formatVersion: '2.0',
        carrier: 'HTTP',
        sent: now.toISOString(),
        messageId: `VN-${province.code}-${Math.floor(now.getTime() / 1000)}`,
        softwareVersion: 'Sievert',
        filename: `${base}.eur`,
      },
      localities: series.map(({ station }) => ({
        code: station.code,
        // EURDEP software expects ASCII, and the format has no escape for a double quote.
        name: asciiText(station.name).replace(/"/g, "'") || station.code,
        latitude: station.lat,
        longitude: station.lon,
      })),
      records: series.flatMap(({ station, points }) =>
        points.map((p) => ({
          localityCode: station.code,
          begin: iso(p.begin),
          end: iso(p.end),
          nuclide: 'T-GAMMA',
          sampleType: 'A5',
          unit: 'NSV/H',
          value: Math.round(p.value * 1000) / 1000,
          // BfS ODL codes, as the reference notes (1 checked, 2 not checked); EURDEP's own list is unverified.
          validated: p.provisional ? '2' : '1',
        })),
      ),
    });
    return { body, contentType: 'text/plain; charset=utf-8', fileName: `${base}.eur`, settled };
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

function publicNotice(r: NoticeRow): PublicNotice {
  return {
    id: r.id,
    title: r.title,
    body: r.body,
    exercise: r.exercise === 1,
    publishedAt: r.approved_at ?? r.created_at,
  };
}
