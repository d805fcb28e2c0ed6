import { createHash } from 'node:crypto';
import type { Commune, Province } from '@sievert/core';
import type { Clock } from '../../adapters/clock.js';
import type { Db, Executor } from '../../db/database.js';
import { SettingsRepository } from '../../db/settings.repository.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../auth/actor.js';
import type { AuditService } from '../auth/audit.service.js';
import { GeoRepository } from './geo.repository.js';
import type { ProvinceData } from './province-loader.js';

/** Province boundaries and facts are public knowledge: reading them needs no permission. */
export class GeoService {
  private readonly repo = new GeoRepository();
  private readonly settings = new SettingsRepository();
  private communesCache: Commune[] | null = null;
  private geojsonCache: { body: string; etag: string } | null = null;

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
      this.communesCache = null;
      this.geojsonCache = null;
      return storedHash ? 'updated' : 'loaded';
    });
  }

  async communes(): Promise<Commune[]> {
    this.communesCache ??= await this.repo.listCommunes(this.db);
    return this.communesCache;
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
