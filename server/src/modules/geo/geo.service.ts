import { createHash } from 'node:crypto';
import {
  simplifyGeometry,
  type AreaGeometry,
  CsvError,
  parseCsv,
  pointInPolygon,
  Permission,
  readXlsx,
  validationReason,
  XlsxError,
  type Cell,
  type Commune,
  type CommunePopulationImportReport,
  type Locale,
  type Province,
  type UpdateCommunePopulationBody,
} from '@sievert/core';
import type { Clock } from '../../adapters/clock.js';
import type { Db, Executor } from '../../db/database.js';
import { SettingsRepository } from '../../db/settings.repository.js';
import { AppError, invalidField, notFound } from '../../errors.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import type { AuditService } from '../auth/audit.service.js';
import { GeoRepository, type CommunePopulation } from './geo.repository.js';
import { readPopulationTable } from './population-import.js';
import type { ProvinceData } from './province-loader.js';

/** About 85 m at the province's latitude: under a pixel on a map of the whole province. */
const LIGHT_TOLERANCE_DEG = 0.0008;

/** A commune as the dispersion model takes it: boundary in longitude/latitude and population. */
export interface CommuneShape {
  code: string;
  name: string;
  population: number | null;
  type: 'Polygon' | 'MultiPolygon';
  /** GeoJSON coordinates of `type` ([lon, lat]). */
  geometry: number[][][] | number[][][][];
}

/** A population file has a row per commune: a few thousand for a whole country. */
export const POPULATION_IMPORT_MAX_ROWS = 20_000;

/**
 * Province boundaries and facts are public knowledge: reading them needs no permission. Commune populations are
 * kept by the Department (`geo.manage`), one by one or from a file, audited.
 */
export class GeoService {
  private readonly repo = new GeoRepository();
  private readonly settings = new SettingsRepository();
  private communesCache: { list: Commune[]; etag: string } | null = null;
  private geojsonCache: { body: string; etag: string } | null = null;
  private lightGeojsonCache: { body: string; etag: string } | null = null;
  private shapesCache: CommuneShape[] | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** Stores the province folder at first start, and again whenever its files change. */
  async ensureProvince(actor: Actor, data: ProvinceData): Promise<'loaded' | 'updated' | 'unchanged'> {
    return this.db.transaction().execute(async (trx) => {
      const storedHash = await this.settings.get(trx, 'province.data_hash');
      if (storedHash === data.hash) return 'unchanged';
      await this.repo.upsertProvince(trx, data, this.clock.now().toISOString());
      await this.settings.set(trx, 'province.data_hash', data.hash);
      await this.audit.record(trx, actor, {
        action: storedHash ? 'province.update' : 'province.load',
        entityType: 'province',
        entityId: data.code,
        after: {
          code: data.code,
          name: data.name,
          communes: data.communes.length,
          dataHash: data.hash,
          dir: data.dir,
        },
      });
      this.forgetCommunes();
      this.geojsonCache = null;
      this.lightGeojsonCache = null;
      return storedHash ? 'updated' : 'loaded';
    });
  }

  async communes(): Promise<Commune[]> {
    return (await this.communeList()).list;
  }

  /** The list with an ETag, so that a client sees a population change at once yet downloads only changes. */
  async communeList(): Promise<{ list: Commune[]; etag: string }> {
    if (!this.communesCache) {
      const list = await this.repo.listCommunes(this.db);
      const hash = createHash('sha256').update(JSON.stringify(list)).digest('base64url').slice(0, 27);
      this.communesCache = { list, etag: `"${hash}"` };
    }
    return this.communesCache;
  }

  /** The commune whose boundary contains a point, or null outside the province. */
  async communeAt(lat: number, lon: number): Promise<string | null> {
    type Polygon = ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
    for (const shape of await this.communeShapes()) {
      const polygons = (shape.type === 'Polygon' ? [shape.geometry] : shape.geometry) as unknown as Polygon[];
      if (polygons.some((polygon) => pointInPolygon(lon, lat, polygon))) return shape.code;
    }
    return null;
  }

  /** Every commune with its boundary and population, for the people and communes inside emergency zones. */
  async communeShapes(): Promise<CommuneShape[]> {
    if (!this.shapesCache) {
      const rows = await this.repo.listCommuneGeometries(this.db);
      this.shapesCache = rows.map((r) => {
        const geometry = JSON.parse(r.geometry) as Pick<CommuneShape, 'type'> & {
          coordinates: CommuneShape['geometry'];
        };
        return {
          code: r.code,
          name: r.full_name,
          population: r.population,
          type: geometry.type,
          geometry: geometry.coordinates,
        };
      });
    }
    return this.shapesCache;
  }

  /** Sets (or clears, with null) one commune's population; year and source are kept unless sent. Audited. */
  async updatePopulation(actor: Actor, code: string, body: UpdateCommunePopulationBody): Promise<Commune> {
    requirePermission(actor, Permission.GeoManage);
    const year = body.populationYear;
    if (year !== undefined && year !== null && year > this.clock.now().getUTCFullYear())
      throw invalidField('/populationYear', 'in_future');
    await this.db.transaction().execute(async (trx) => {
      const before = (await this.repo.populations(trx)).get(code);
      if (!before) throw notFound('commune', code);
      const after: CommunePopulation =
        body.population === null
          ? { population: null, populationYear: null, populationSource: null }
          : {
              population: body.population,
              populationYear: year === undefined ? before.populationYear : year,
              populationSource:
                body.populationSource === undefined
                  ? before.populationSource
                  : body.populationSource?.trim() || null,
            };
      if (samePopulation(before, after)) return;
      await this.repo.setPopulation(trx, code, after);
      await this.audit.record(trx, actor, {
        action: 'commune.update',
        entityType: 'commune',
        entityId: code,
        before,
        after,
      });
    });
    this.forgetCommunes();
    const commune = (await this.communes()).find((c) => c.code === code);
    if (!commune) throw notFound('commune', code);
    return commune;
  }

  /**
   * A population file (CSV or XLSX). A dry run reports what would change and every problem by row and column;
   * otherwise every row is written in one transaction, or, when any row has a problem, nothing at all.
   */
  async importPopulation(
    actor: Actor,
    file: Uint8Array,
    format: 'csv' | 'xlsx',
    dryRun: boolean,
    locale: Locale,
    fileSha256: string,
  ): Promise<CommunePopulationImportReport> {
    requirePermission(actor, Permission.GeoManage);
    const table = readTable(file, format);
    const stored = await this.repo.populations(this.db);
    const parsed = readPopulationTable(table, new Set(stored.keys()), this.clock.now().getUTCFullYear());
    const changes = parsed.rows.filter((r) => !samePopulation(stored.get(r.code)!, r.value));
    const report: CommunePopulationImportReport = {
      format,
      dryRun,
      rows: parsed.dataRows,
      valid: parsed.rows.length,
      updated: changes.length,
      unchanged: parsed.rows.length - changes.length,
      ignoredColumns: parsed.ignoredColumns,
      issues: parsed.issues
        .sort((a, b) => a.row - b.row)
        .map((i) => ({
          row: i.row,
          column: i.column,
          field: i.field,
          reason: i.reason,
          message: validationReason(i.reason, locale, i.params ?? {}),
        })),
    };
    if (dryRun) return report;
    if (report.issues.length > 0)
      throw new AppError('import.invalid', { count: report.issues.length }, report);
    if (changes.length === 0) return report;
    await this.db.transaction().execute(async (trx) => {
      for (const change of changes) await this.repo.setPopulation(trx, change.code, change.value);
      await this.audit.record(trx, actor, {
        action: 'commune.population_import',
        entityType: 'commune',
        after: {
          format,
          fileSha256,
          rows: parsed.dataRows,
          updated: changes.length,
          changes: changes.map((c) => ({ code: c.code, before: stored.get(c.code), after: c.value })),
        },
      });
    });
    this.forgetCommunes();
    return report;
  }

  private forgetCommunes(): void {
    this.communesCache = null;
    this.shapesCache = null;
  }

  async communesGeoJson(): Promise<{ body: string; etag: string }> {
    if (!this.geojsonCache) {
      const rows = await this.repo.listCommuneGeometries(this.db);
      const features = rows.map(
        (r) =>
          `{"type":"Feature","id":${JSON.stringify(r.code)},"properties":${JSON.stringify({
            code: r.code,
            name: r.name,
            full_name: r.full_name,
            name_en: r.name_en,
            full_name_en: r.full_name_en,
            type: r.type,
            area_km2: r.area_km2,
            label_lat: r.label_lat,
            label_lon: r.label_lon,
          })},"geometry":${r.geometry}}`,
      );
      const body = `{"type":"FeatureCollection","features":[${features.join(',')}]}`;
      this.geojsonCache = {
        body,
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      };
    }
    return this.geojsonCache;
  }

  /**
   * The communes for the public portal's background: names and boundaries simplified to about 85 m with
   * coordinates to 4 decimals (~11 m), a fraction of the full file for a phone on a slow connection.
   */
  async communesGeoJsonLight(): Promise<{ body: string; etag: string }> {
    if (!this.lightGeojsonCache) {
      const rows = await this.repo.listCommuneGeometries(this.db);
      const features = rows.map((r) => ({
        type: 'Feature',
        id: r.code,
        properties: { code: r.code, name: r.name, name_en: r.name_en, type: r.type },
        geometry: simplifyGeometry(JSON.parse(r.geometry) as AreaGeometry, LIGHT_TOLERANCE_DEG, 4),
      }));
      const body = JSON.stringify({ type: 'FeatureCollection', features });
      this.lightGeojsonCache = {
        body,
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      };
    }
    return this.lightGeojsonCache;
  }

  async province(): Promise<Province> {
    const stored = await this.repo.province(this.db);
    if (!stored) throw new AppError('service.unavailable');
    const counts = await this.repo.countCommunes(this.db);
    const f = (stored.facts.province ?? {}) as Record<string, unknown>;
    const num = (v: unknown, fallback = 0) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
    const bbox =
      Array.isArray(f.bbox_lonlat) && f.bbox_lonlat.length === 4
        ? (f.bbox_lonlat as number[])
        : await this.computeBbox();
    const centre =
      Array.isArray(f.centroid_lonlat_area_weighted) && f.centroid_lonlat_area_weighted.length === 2
        ? (f.centroid_lonlat_area_weighted as number[])
        : [(bbox[0]! + bbox[2]!) / 2, (bbox[1]! + bbox[3]!) / 2];
    const sources = Array.isArray(stored.facts.legal_basis)
      ? (stored.facts.legal_basis as Array<Record<string, unknown>>).map((s) => ({
          title: [s.doc, s.date].filter((x) => typeof x === 'string').join(', '),
          url: null,
        }))
      : [];
    return {
      code: stored.code,
      name: stored.name,
      nameEn: stored.nameEn,
      areaKm2: num(f.area_km2),
      population: Math.round(num(f.population)),
      communeCount: counts.total,
      wardCount: counts.wards,
      bbox,
      centre,
      sources,
    };
  }

  async provinceSummary(): Promise<{ code: string; name: string; nameEn: string; population: number }> {
    const p = await this.province();
    return { code: p.code, name: p.name, nameEn: p.nameEn, population: p.population };
  }

  async communeExists(db: Executor, code: string): Promise<boolean> {
    return this.repo.communeExists(db, code);
  }

  async communeCounts(): Promise<{ total: number; wards: number }> {
    return this.repo.countCommunes(this.db);
  }

  private async computeBbox(): Promise<number[]> {
    const communes = await this.communes();
    const lats = communes.map((c) => c.labelLat);
    const lons = communes.map((c) => c.labelLon);
    return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
  }
}

const samePopulation = (a: CommunePopulation, b: CommunePopulation) =>
  a.population === b.population &&
  a.populationYear === b.populationYear &&
  a.populationSource === b.populationSource;

function readTable(file: Uint8Array, format: 'csv' | 'xlsx'): Cell[][] {
  try {
    if (format === 'xlsx')
      return readXlsx(file, { limits: { maxRows: POPULATION_IMPORT_MAX_ROWS + 1, maxColumns: 50 } }).rows;
    return parseCsv(new TextDecoder().decode(file), {
      maxRows: POPULATION_IMPORT_MAX_ROWS + 1,
      maxColumns: 50,
      maxFieldLength: 1000,
    });
  } catch (error) {
    if (error instanceof XlsxError || error instanceof CsvError)
      throw new AppError('import.unreadable', { reason: error.message }, { reason: error.reason });
    throw error;
  }
}
