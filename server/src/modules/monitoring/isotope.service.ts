/**
 * River stable-isotope samples (issue 4, point 7): lab results at the river sampling points, the river of each
 * point, the analysis per river (d-excess, the river's own δ²H–δ¹⁸O line, outlier flags against the GMWL
 * reference) and the import of lab result files. Every change is audited.
 *
 * Flags are computed when read, over all samples of the same river (or of the point, while it has no river):
 * a new sample can change its neighbours' flags, so they are never stored.
 */
import {
  analyseIsotopeGroup,
  CsvError,
  deuteriumExcessUncertainty,
  ISOTOPE_D_EXCESS,
  ISOTOPE_GMWL,
  ISOTOPE_REFERENCE_SOURCES,
  likePattern,
  MONITORING_TIME_REFERENCE,
  Permission,
  readIsotopeResultFile,
  searchKey,
  validationReason,
  XlsxError,
  zonedTimeToUtc,
  type CreateIsotopeSampleBody,
  type IsotopeFlag,
  type IsotopeImportReport,
  type IsotopeResult,
  type IsotopeResultIssue,
  type IsotopeRiverSummary,
  type IsotopeSample,
  type IsotopeSampleListQuery,
  type IsotopeSamplePage,
  type IsotopeSamplingPoint,
  type IsotopeSummary,
  type Locale,
  type ParsedIsotopeResults,
  type UpdateIsotopeSampleBody,
  type UpdateIsotopeSamplingPointBody,
} from '@sievert/core';
import { sql, type Selectable } from 'kysely';
import type { Clock } from '../../adapters/clock.js';
import type { Db, Executor } from '../../db/database.js';
import type { IsotopeSamplesTable } from '../../db/schema.js';
import { updateVersioned } from '../../db/versioned.js';
import { AppError, FieldError, invalidField, notFound, type FieldIssue } from '../../errors.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import type { AuditService } from '../auth/audit.service.js';

/** Most data rows of one result file. */
export const ISOTOPE_IMPORT_MAX_ROWS = 100_000;
const CHUNK = 500;
/** Flagged samples listed in a river's summary. */
const MAX_OUTLIERS = 200;
const RIVER_KIND = 'river_sampling';

type SampleRow = Selectable<IsotopeSamplesTable> & {
  station_code: string;
  station_name: string;
  river_vi: string | null;
  river_en: string | null;
};

interface Analysed {
  dExcess: number | null;
  zDExcess: number | null;
  zResidual: number | null;
  flags: IsotopeFlag[];
}

interface PointRow {
  station_id: number;
  code: string;
  name: string;
  lat: number;
  lon: number;
  commune_code: string | null;
  status: string;
  river_vi: string | null;
  river_en: string | null;
}

/** A river groups its points; a point without a river is its own group. */
const groupKey = (stationId: number, riverVi: string | null) =>
  riverVi ? `river:${searchKey(riverVi)}` : `station:${stationId}`;

const SORT: Record<string, string> = {
  sampledAt: 'isotope_samples.sampled_at',
  station: 'stations.code',
  sampleCode: 'isotope_samples.sample_code',
  d18o: 'isotope_samples.d18o',
  d2h: 'isotope_samples.d2h',
  tritiumTu: 'isotope_samples.tritium_tu',
};

const NUMERIC_FIELDS = ['d18o', 'd18oUnc', 'd2h', 'd2hUnc', 'tritiumTu', 'tritiumUnc'] as const;
const COLUMN_OF: Record<
  (typeof NUMERIC_FIELDS)[number],
  'd18o' | 'd18o_unc' | 'd2h' | 'd2h_unc' | 'tritium_tu' | 'tritium_unc'
> = {
  d18o: 'd18o',
  d18oUnc: 'd18o_unc',
  d2h: 'd2h',
  d2hUnc: 'd2h_unc',
  tritiumTu: 'tritium_tu',
  tritiumUnc: 'tritium_unc',
};

export class IsotopeService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    /** The province's time zone: a sampling date without a time is midnight there. */
    private readonly timeZone: string,
  ) {}

  /** The service's clock (the demo seed dates its samples by it). */
  now(): Date {
    return this.clock.now();
  }

  // ---------- samples ----------

  async list(actor: Actor, query: IsotopeSampleListQuery): Promise<IsotopeSamplePage> {
    requirePermission(actor, Permission.IsotopeRead);
    let q = this.samples(this.db);
    if (query.station) q = q.where('stations.code', '=', query.station);
    if (query.river !== undefined) {
      const ids = (await this.pointRows(this.db))
        .filter((p) => riverMatches(p, query.river!))
        .map((p) => p.station_id);
      if (ids.length === 0) return { items: [], total: 0 };
      q = q.where('isotope_samples.station_id', 'in', ids);
    }
    if (query.from) q = q.where('isotope_samples.sampled_at', '>=', this.dayStart(query.from, 0));
    if (query.to) q = q.where('isotope_samples.sampled_at', '<', this.dayStart(query.to, 1));
    if (query.q) {
      const pattern = likePattern(query.q.trim().toLowerCase());
      q = q.where(
        sql<boolean>`(lower(isotope_samples.sample_code) like ${pattern} escape '\\' or lower(stations.code) like ${pattern} escape '\\')`,
      );
    }
    const sort = query.sort ?? '-sampledAt';
    const column = SORT[sort.replace(/^-/, '')] ?? SORT.sampledAt!;
    const ordered = q
      .orderBy(sql.ref(column), sort.startsWith('-') ? 'desc' : 'asc')
      .orderBy('isotope_samples.id', sort.startsWith('-') ? 'desc' : 'asc');
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;

    if (query.flagged) {
      // Flags are computed, not stored: filter after the analysis, then page.
      const rows = await ordered.execute();
      const analysis = await this.analyse(this.db, rows);
      const flagged = rows.filter((r) => (analysis.get(r.id)?.flags.length ?? 0) > 0);
      return {
        items: flagged.slice(offset, offset + limit).map((r) => view(r, analysis.get(r.id))),
        total: flagged.length,
      };
    }
    const [rows, count] = await Promise.all([
      ordered.limit(limit).offset(offset).execute(),
      q
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    const analysis = await this.analyse(this.db, rows);
    return { items: rows.map((r) => view(r, analysis.get(r.id))), total: Number(count.n) };
  }

  async get(actor: Actor, id: number): Promise<IsotopeSample> {
    requirePermission(actor, Permission.IsotopeRead);
    return this.viewOf(this.db, await this.find(this.db, id));
  }

  async create(actor: Actor, body: CreateIsotopeSampleBody): Promise<IsotopeSample> {
    requirePermission(actor, Permission.IsotopeManage);
    const sampledAt = this.samplingInstant(body.sampledAt);
    checkValues(body);
    return this.db.transaction().execute(async (trx) => {
      const station = await this.samplingPoint(trx, body.station, '/station');
      if (await this.byCode(trx, station.id, body.sampleCode))
        throw invalidField('/sampleCode', 'sample_exists');
      const now = this.clock.now().toISOString();
      const row = await trx
        .insertInto('isotope_samples')
        .values({
          station_id: station.id,
          sample_code: body.sampleCode,
          sampled_at: sampledAt,
          d18o: body.d18o ?? null,
          d18o_unc: body.d18oUnc ?? null,
          d2h: body.d2h ?? null,
          d2h_unc: body.d2hUnc ?? null,
          tritium_tu: body.tritiumTu ?? null,
          tritium_unc: body.tritiumUnc ?? null,
          lab: body.lab?.trim() || null,
          method: body.method?.trim() || null,
          note: body.note?.trim() || null,
          created_at: now,
          updated_at: now,
          version: 1,
          created_by: actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const created = await this.find(trx, row.id);
      await this.audit.record(trx, actor, {
        action: 'isotope_sample.create',
        entityType: 'isotope_sample',
        entityId: row.id,
        after: plain(created),
      });
      return this.viewOf(trx, created);
    });
  }

  async update(actor: Actor, id: number, body: UpdateIsotopeSampleBody): Promise<IsotopeSample> {
    requirePermission(actor, Permission.IsotopeManage);
    const sampledAt = body.sampledAt === undefined ? undefined : this.samplingInstant(body.sampledAt);
    return this.db.transaction().execute(async (trx) => {
      const current = await this.find(trx, id);
      if (body.version !== undefined && body.version !== current.version)
        throw new AppError('entity.conflict', {}, { currentVersion: current.version });
      const next = {
        d18o: body.d18o === undefined ? current.d18o : body.d18o,
        d18oUnc: body.d18oUnc === undefined ? current.d18o_unc : body.d18oUnc,
        d2h: body.d2h === undefined ? current.d2h : body.d2h,
        d2hUnc: body.d2hUnc === undefined ? current.d2h_unc : body.d2hUnc,
        tritiumTu: body.tritiumTu === undefined ? current.tritium_tu : body.tritiumTu,
        tritiumUnc: body.tritiumUnc === undefined ? current.tritium_unc : body.tritiumUnc,
      };
      checkValues(next);
      if (body.sampleCode !== undefined && body.sampleCode !== current.sample_code) {
        const other = await this.byCode(trx, current.station_id, body.sampleCode);
        if (other && other.id !== id) throw invalidField('/sampleCode', 'sample_exists');
      }
      const changes = {
        ...(body.sampleCode !== undefined ? { sample_code: body.sampleCode } : {}),
        ...(sampledAt !== undefined ? { sampled_at: sampledAt } : {}),
        d18o: next.d18o,
        d18o_unc: next.d18oUnc,
        d2h: next.d2h,
        d2h_unc: next.d2hUnc,
        tritium_tu: next.tritiumTu,
        tritium_unc: next.tritiumUnc,
        ...(body.lab !== undefined ? { lab: body.lab?.trim() || null } : {}),
        ...(body.method !== undefined ? { method: body.method?.trim() || null } : {}),
        ...(body.note !== undefined ? { note: body.note?.trim() || null } : {}),
        updated_at: this.clock.now().toISOString(),
      };
      if (!(await updateVersioned(trx, 'isotope_samples', id, current.version, changes)))
        throw new AppError('entity.conflict', {}, { currentVersion: current.version });
      const after = await this.find(trx, id);
      await this.audit.record(trx, actor, {
        action: 'isotope_sample.update',
        entityType: 'isotope_sample',
        entityId: id,
        before: plain(current),
        after: plain(after),
      });
      return this.viewOf(trx, after);
    });
  }

  async remove(actor: Actor, id: number, version?: number): Promise<void> {
    requirePermission(actor, Permission.IsotopeManage);
    await this.db.transaction().execute(async (trx) => {
      const current = await this.find(trx, id);
      if (version !== undefined && version !== current.version)
        throw new AppError('entity.conflict', {}, { currentVersion: current.version });
      const deleted = await trx
        .deleteFrom('isotope_samples')
        .where('id', '=', id)
        .where('version', '=', current.version)
        .executeTakeFirst();
      if (Number(deleted.numDeletedRows) !== 1)
        throw new AppError('entity.conflict', {}, { currentVersion: current.version });
      await this.audit.record(trx, actor, {
        action: 'isotope_sample.delete',
        entityType: 'isotope_sample',
        entityId: id,
        before: plain(current),
      });
    });
  }

  // ---------- sampling points ----------

  async points(actor: Actor): Promise<IsotopeSamplingPoint[]> {
    requirePermission(actor, Permission.IsotopeRead);
    return this.pointViews(this.db);
  }

  /** Sets the river a sampling point lies on (the grouping of the analysis). */
  async setRiver(
    actor: Actor,
    code: string,
    body: UpdateIsotopeSamplingPointBody,
  ): Promise<IsotopeSamplingPoint> {
    requirePermission(actor, Permission.IsotopeManage);
    return this.db.transaction().execute(async (trx) => {
      const station = await this.samplingPoint(trx, code, null);
      const before = await trx
        .selectFrom('isotope_sampling_points')
        .selectAll()
        .where('station_id', '=', station.id)
        .executeTakeFirst();
      const values = {
        river_vi: body.riverVi.trim(),
        river_en: body.riverEn?.trim() || null,
        river_key: searchKey(body.riverVi),
        updated_at: this.clock.now().toISOString(),
        updated_by: actor.userId,
      };
      if (before)
        await trx
          .updateTable('isotope_sampling_points')
          .set(values)
          .where('station_id', '=', station.id)
          .execute();
      else
        await trx
          .insertInto('isotope_sampling_points')
          .values({ station_id: station.id, ...values })
          .execute();
      await this.audit.record(trx, actor, {
        action: 'isotope_point.update',
        entityType: 'station',
        entityId: station.id,
        before: before ? { riverVi: before.river_vi, riverEn: before.river_en } : null,
        after: { riverVi: values.river_vi, riverEn: values.river_en },
      });
      const point = (await this.pointViews(trx)).find((p) => p.stationId === station.id);
      return point!;
    });
  }

  // ---------- analysis ----------

  async summary(actor: Actor, query: { river?: string }): Promise<IsotopeSummary> {
    requirePermission(actor, Permission.IsotopeRead);
    const points = await this.pointRows(this.db);
    const wanted = query.river === undefined ? points : points.filter((p) => riverMatches(p, query.river!));
    const rows =
      wanted.length === 0
        ? []
        : await this.samples(this.db)
            .where(
              'isotope_samples.station_id',
              'in',
              wanted.map((p) => p.station_id),
            )
            .orderBy('isotope_samples.sampled_at', 'asc')
            .orderBy('isotope_samples.id', 'asc')
            .execute();
    const groups = new Map<string, { points: PointRow[]; rows: SampleRow[] }>();
    for (const p of wanted) {
      const key = groupKey(p.station_id, p.river_vi);
      const g = groups.get(key) ?? { points: [], rows: [] };
      g.points.push(p);
      groups.set(key, g);
    }
    for (const r of rows) groups.get(groupKey(r.station_id, r.river_vi))?.rows.push(r);
    const rivers: IsotopeRiverSummary[] = [];
    for (const g of groups.values()) {
      const a = analyseIsotopeGroup(g.rows.map(values));
      const samples = g.rows.map((r, i) =>
        view(r, {
          dExcess: a.dExcess[i] ?? null,
          zDExcess: a.zDExcess[i] ?? null,
          zResidual: a.zResidual[i] ?? null,
          flags: a.flags[i]!,
        }),
      );
      const count = new Map<number, number>();
      for (const r of g.rows) count.set(r.station_id, (count.get(r.station_id) ?? 0) + 1);
      const first = g.points[0]!;
      rivers.push({
        riverVi: first.river_vi,
        riverEn: first.river_en,
        points: g.points
          .sort((x, y) => x.code.localeCompare(y.code))
          .map((p) => ({ code: p.code, name: p.name, samples: count.get(p.station_id) ?? 0 })),
        samples: a.n,
        paired: a.paired,
        line: a.line,
        meanD18o: a.meanD18o,
        meanD2h: a.meanD2h,
        meanDExcess: a.meanDExcess,
        meanTritiumTu: a.meanTritiumTu,
        firstSampledAt: g.rows[0]?.sampled_at ?? null,
        lastSampledAt: g.rows.at(-1)?.sampled_at ?? null,
        flagged: a.flagged,
        outliers: samples
          .filter((s) => s.flags.length > 0)
          .reverse()
          .slice(0, MAX_OUTLIERS),
        ...(query.river !== undefined ? { series: samples } : {}),
      });
    }
    rivers.sort((x, y) =>
      x.riverVi === null
        ? y.riverVi === null
          ? (x.points[0]?.code ?? '').localeCompare(y.points[0]?.code ?? '')
          : 1
        : y.riverVi === null
          ? -1
          : x.riverVi.localeCompare(y.riverVi, 'vi'),
    );
    return {
      gmwl: {
        slope: ISOTOPE_GMWL.slope.value,
        intercept: ISOTOPE_GMWL.intercept.value,
        source: ISOTOPE_REFERENCE_SOURCES[ISOTOPE_GMWL.slope.source] ?? ISOTOPE_GMWL.slope.source,
      },
      dExcessSlope: ISOTOPE_D_EXCESS.slope.value,
      rivers,
    };
  }

  // ---------- import ----------

  /**
   * A lab result file (CSV or XLSX). A dry run reports what would be written and every problem by row and column;
   * otherwise the good rows are written in one transaction and the problem rows are reported, not written.
   * A row identical to a stored sample (the same file imported twice) is counted as unchanged.
   */
  async import(
    actor: Actor,
    file: Uint8Array,
    format: 'csv' | 'xlsx',
    dryRun: boolean,
    locale: Locale,
    fileSha256: string,
  ): Promise<IsotopeImportReport> {
    requirePermission(actor, Permission.IsotopeManage);
    let parsed: ParsedIsotopeResults;
    try {
      parsed = readIsotopeResultFile(file, format, {
        timeZone: this.timeZone,
        now: this.clock.now(),
        maxRows: ISOTOPE_IMPORT_MAX_ROWS,
      });
    } catch (error) {
      if (error instanceof XlsxError || error instanceof CsvError)
        throw new AppError('import.unreadable', { reason: error.message }, { reason: error.reason });
      throw error;
    }
    const issues: IsotopeResultIssue[] = [...parsed.issues];
    const points = new Map(
      (
        await this.db.selectFrom('stations').select(['id', 'code']).where('kind', '=', RIVER_KIND).execute()
      ).map((s) => [s.code, s.id]),
    );
    const stationIds = [
      ...new Set(
        parsed.rows.flatMap((r) => (points.has(r.value.station) ? [points.get(r.value.station)!] : [])),
      ),
    ];
    const stored = new Map<string, Selectable<IsotopeSamplesTable>>();
    for (let i = 0; i < stationIds.length; i += CHUNK) {
      const part = stationIds.slice(i, i + CHUNK);
      for (const s of await this.db
        .selectFrom('isotope_samples')
        .selectAll()
        .where('station_id', 'in', part)
        .execute())
        stored.set(`${s.station_id}\u0000${s.sample_code}`, s);
    }
    const toWrite: Array<{ stationId: number; value: IsotopeResult }> = [];
    let unchanged = 0;
    for (const { row, value } of parsed.rows) {
      const stationId = points.get(value.station);
      if (stationId === undefined) {
        issues.push({
          row,
          column: parsed.columnOf.station ?? null,
          field: 'station',
          reason: 'unknown_sampling_point',
        });
        continue;
      }
      const existing = stored.get(`${stationId}\u0000${value.sampleCode}`);
      if (existing) {
        if (sameResult(existing, value)) unchanged += 1;
        else
          issues.push({
            row,
            column: parsed.columnOf.sampleCode ?? null,
            field: 'sampleCode',
            reason: 'sample_exists',
          });
        continue;
      }
      toWrite.push({ stationId, value });
    }
    issues.sort((a, b) => a.row - b.row);
    const report: IsotopeImportReport = {
      format,
      dryRun,
      rows: parsed.dataRows,
      valid: toWrite.length,
      created: 0,
      unchanged,
      issues: issues.map((i) => ({
        row: i.row,
        column: i.column,
        field: i.field,
        reason: i.reason,
        message: validationReason(i.reason, locale, i.params ?? {}),
      })),
    };
    if (dryRun) return report;
    if (toWrite.length === 0 && unchanged === 0)
      throw new AppError('import.invalid', { count: issues.length }, report);
    if (toWrite.length === 0) return report;

    const created = await this.db.transaction().execute(async (trx) => {
      const now = this.clock.now().toISOString();
      const ids: number[] = [];
      for (let i = 0; i < toWrite.length; i += CHUNK) {
        const rows = await trx
          .insertInto('isotope_samples')
          .values(
            toWrite.slice(i, i + CHUNK).map(({ stationId, value }) => ({
              station_id: stationId,
              sample_code: value.sampleCode,
              sampled_at: value.sampledAt,
              d18o: value.d18o,
              d18o_unc: value.d18oUnc,
              d2h: value.d2h,
              d2h_unc: value.d2hUnc,
              tritium_tu: value.tritiumTu,
              tritium_unc: value.tritiumUnc,
              lab: value.lab,
              method: value.method,
              note: value.note,
              created_at: now,
              updated_at: now,
              version: 1,
              created_by: actor.userId,
            })),
          )
          .returning('id')
          .execute();
        ids.push(...rows.map((r) => r.id));
      }
      await this.audit.record(trx, actor, {
        action: 'isotope_sample.import',
        entityType: 'isotope_sample',
        after: {
          format,
          fileSha256,
          rows: parsed.dataRows,
          created: ids.length,
          unchanged,
          rejected: new Set(issues.map((i) => i.row)).size,
          firstId: ids[0],
          lastId: ids.at(-1),
        },
      });
      return ids.length;
    });
    return { ...report, created };
  }

  // ---------- helpers ----------

  private samples(db: Executor) {
    return db
      .selectFrom('isotope_samples')
      .innerJoin('stations', 'stations.id', 'isotope_samples.station_id')
      .leftJoin('isotope_sampling_points', 'isotope_sampling_points.station_id', 'isotope_samples.station_id')
      .selectAll('isotope_samples')
      .select([
        'stations.code as station_code',
        'stations.name as station_name',
        'isotope_sampling_points.river_vi',
        'isotope_sampling_points.river_en',
      ]);
  }

  private async find(db: Executor, id: number): Promise<SampleRow> {
    const row = await this.samples(db).where('isotope_samples.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('isotope_sample', id);
    return row;
  }

  private byCode(db: Executor, stationId: number, code: string) {
    return db
      .selectFrom('isotope_samples')
      .select('id')
      .where('station_id', '=', stationId)
      .where('sample_code', '=', code)
      .executeTakeFirst();
  }

  private async samplingPoint(db: Executor, code: string, field: string | null) {
    const station = await db
      .selectFrom('stations')
      .select(['id', 'code', 'kind'])
      .where('code', '=', code)
      .executeTakeFirst();
    if (!station || station.kind !== RIVER_KIND) {
      if (field) throw invalidField(field, 'unknown_sampling_point');
      throw notFound('sampling_point', code);
    }
    return station;
  }

  private pointRows(db: Executor): Promise<PointRow[]> {
    return db
      .selectFrom('stations')
      .leftJoin('isotope_sampling_points', 'isotope_sampling_points.station_id', 'stations.id')
      .select([
        'stations.id as station_id',
        'stations.code',
        'stations.name',
        'stations.lat',
        'stations.lon',
        'stations.commune_code',
        'stations.status',
        'isotope_sampling_points.river_vi',
        'isotope_sampling_points.river_en',
      ])
      .where('stations.kind', '=', RIVER_KIND)
      .orderBy('stations.code')
      .execute();
  }

  private async pointViews(db: Executor): Promise<IsotopeSamplingPoint[]> {
    const [points, counts] = await Promise.all([
      this.pointRows(db),
      db
        .selectFrom('isotope_samples')
        .select((eb) => ['station_id', eb.fn.countAll<number>().as('n'), eb.fn.max('sampled_at').as('last')])
        .groupBy('station_id')
        .execute(),
    ]);
    const byStation = new Map(counts.map((c) => [c.station_id, c]));
    return points.map((p) => ({
      stationId: p.station_id,
      code: p.code,
      name: p.name,
      lat: p.lat,
      lon: p.lon,
      communeCode: p.commune_code,
      status: p.status as IsotopeSamplingPoint['status'],
      riverVi: p.river_vi,
      riverEn: p.river_en,
      samples: Number(byStation.get(p.station_id)?.n ?? 0),
      lastSampledAt: (byStation.get(p.station_id)?.last as string | null | undefined) ?? null,
    }));
  }

  /** The analysis of the groups (rivers, or lone points) the given samples belong to, by sample id. */
  private async analyse(db: Executor, rows: readonly SampleRow[]): Promise<Map<number, Analysed>> {
    const result = new Map<number, Analysed>();
    if (rows.length === 0) return result;
    const keys = new Set(rows.map((r) => groupKey(r.station_id, r.river_vi)));
    // Grouping follows the river table alone (not the station kind), so every sample finds its group.
    const rivers = await db
      .selectFrom('isotope_sampling_points')
      .select(['station_id', 'river_vi'])
      .execute();
    const riverOf = new Map(rivers.map((p) => [p.station_id, p.river_vi]));
    const stationIds = [
      ...new Set([
        ...rows.map((r) => r.station_id),
        ...rivers.filter((p) => keys.has(groupKey(p.station_id, p.river_vi))).map((p) => p.station_id),
      ]),
    ];
    const all = await db
      .selectFrom('isotope_samples')
      .select(['id', 'station_id', 'd18o', 'd18o_unc', 'd2h', 'd2h_unc', 'tritium_tu', 'tritium_unc'])
      .where('station_id', 'in', stationIds)
      .orderBy('sampled_at')
      .orderBy('id')
      .execute();
    const groups = new Map<string, typeof all>();
    for (const r of all) {
      const key = groupKey(r.station_id, riverOf.get(r.station_id) ?? null);
      const g = groups.get(key) ?? [];
      g.push(r);
      groups.set(key, g);
    }
    for (const g of groups.values()) {
      const a = analyseIsotopeGroup(g.map(values));
      g.forEach((r, i) =>
        result.set(r.id, {
          dExcess: a.dExcess[i] ?? null,
          zDExcess: a.zDExcess[i] ?? null,
          zResidual: a.zResidual[i] ?? null,
          flags: a.flags[i]!,
        }),
      );
    }
    return result;
  }

  private async viewOf(db: Executor, row: SampleRow): Promise<IsotopeSample> {
    return view(row, (await this.analyse(db, [row])).get(row.id));
  }

  /** A date is midnight in the province's time zone; a date-time keeps its instant. Never in the future. */
  private samplingInstant(input: string): string {
    let ms: number;
    const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input);
    if (date) ms = zonedTimeToUtc(+date[1]!, +date[2]!, +date[3]!, 0, 0, 0, this.timeZone);
    else ms = Date.parse(input);
    if (!Number.isFinite(ms)) throw invalidField('/sampledAt', 'format', { format: 'date-time' });
    const tolerance = MONITORING_TIME_REFERENCE.futureToleranceS.value * 1000;
    if (ms > this.clock.now().getTime() + tolerance) throw invalidField('/sampledAt', 'in_future');
    return new Date(ms).toISOString();
  }

  private dayStart(date: string, plusDays: number): string {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const next = new Date(Date.UTC(y, m - 1, d + plusDays));
    return new Date(
      zonedTimeToUtc(
        next.getUTCFullYear(),
        next.getUTCMonth() + 1,
        next.getUTCDate(),
        0,
        0,
        0,
        this.timeZone,
      ),
    ).toISOString();
  }
}

function riverMatches(p: { river_vi: string | null; river_en: string | null }, river: string): boolean {
  const key = searchKey(river);
  return (
    (p.river_vi !== null && searchKey(p.river_vi) === key) ||
    (p.river_en !== null && searchKey(p.river_en) === key)
  );
}

/** At least one measured value; no uncertainty without its value. */
function checkValues(v: {
  d18o?: number | null;
  d18oUnc?: number | null;
  d2h?: number | null;
  d2hUnc?: number | null;
  tritiumTu?: number | null;
  tritiumUnc?: number | null;
}): void {
  const issues: FieldIssue[] = [];
  for (const [unc, of] of [
    ['d18oUnc', 'd18o'],
    ['d2hUnc', 'd2h'],
    ['tritiumUnc', 'tritiumTu'],
  ] as const)
    if (v[unc] !== undefined && v[unc] !== null && (v[of] === undefined || v[of] === null))
      issues.push({ field: `/${unc}`, reason: 'uncertainty_without_value' });
  if ([v.d18o, v.d2h, v.tritiumTu].every((x) => x === undefined || x === null))
    issues.push({ field: '/d18o', reason: 'no_measurement' });
  if (issues.length > 0) throw new FieldError(issues);
}

function values(r: {
  d18o: number | null;
  d18o_unc: number | null;
  d2h: number | null;
  d2h_unc: number | null;
  tritium_tu: number | null;
  tritium_unc: number | null;
}) {
  return {
    d18o: r.d18o,
    d18oUnc: r.d18o_unc,
    d2h: r.d2h,
    d2hUnc: r.d2h_unc,
    tritiumTu: r.tritium_tu,
    tritiumUnc: r.tritium_unc,
  };
}

const near = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));

function sameResult(s: Selectable<IsotopeSamplesTable>, v: IsotopeResult): boolean {
  return (
    s.sampled_at === v.sampledAt &&
    NUMERIC_FIELDS.every((f) => near(s[COLUMN_OF[f]], v[f])) &&
    (s.lab ?? null) === v.lab &&
    (s.method ?? null) === v.method &&
    (s.note ?? null) === v.note
  );
}

/** The stored fields, for the audit log. */
function plain(r: SampleRow) {
  return {
    station: r.station_code,
    sampleCode: r.sample_code,
    sampledAt: r.sampled_at,
    ...values(r),
    lab: r.lab,
    method: r.method,
    note: r.note,
    version: r.version,
  };
}

function view(r: SampleRow, a: Analysed | undefined): IsotopeSample {
  return {
    id: r.id,
    stationId: r.station_id,
    stationCode: r.station_code,
    stationName: r.station_name,
    riverVi: r.river_vi,
    riverEn: r.river_en,
    sampleCode: r.sample_code,
    sampledAt: r.sampled_at,
    d18o: r.d18o,
    d18oUnc: r.d18o_unc,
    d2h: r.d2h,
    d2hUnc: r.d2h_unc,
    tritiumTu: r.tritium_tu,
    tritiumUnc: r.tritium_unc,
    lab: r.lab,
    method: r.method,
    note: r.note,
    dExcess: a?.dExcess ?? null,
    dExcessUnc: a?.dExcess == null ? null : deuteriumExcessUncertainty(r.d2h_unc, r.d18o_unc),
    zDExcess: a?.zDExcess ?? null,
    zResidual: a?.zResidual ?? null,
    flags: a?.flags ?? [],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    createdBy: r.created_by,
    version: r.version,
  };
}
