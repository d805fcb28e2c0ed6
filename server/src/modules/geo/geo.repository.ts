import type { Commune } from '@sievert/core';
import type { Executor } from '../../db/database.js';
import type { CommuneRow } from '../../db/schema.js';
import type { ProvinceCommune, ProvinceData } from './province-loader.js';

/** What the province folder says of a commune; the population is kept by the Department, not by the folder. */
type FolderCommuneRow = Omit<CommuneRow, 'population' | 'population_year' | 'population_source'>;

export interface CommunePopulation {
  population: number | null;
  populationYear: number | null;
  populationSource: string | null;
}

function toCommune(row: Omit<CommuneRow, 'geometry' | 'old_units' | 'province_code'>): Commune {
  return {
    code: row.code,
    name: row.name,
    fullName: row.full_name,
    nameEn: row.name_en,
    fullNameEn: row.full_name_en,
    type: row.type as Commune['type'],
    areaKm2: row.area_km2,
    labelLat: row.label_lat,
    labelLon: row.label_lon,
    population: row.population,
    populationYear: row.population_year,
    populationSource: row.population_source,
  };
}

export interface StoredProvince {
  code: string;
  name: string;
  nameEn: string;
  facts: Record<string, unknown>;
}

export class GeoRepository {
  async listCommunes(db: Executor): Promise<Commune[]> {
    const rows = await db
      .selectFrom('communes')
      .select([
        'code',
        'name',
        'full_name',
        'name_en',
        'full_name_en',
        'type',
        'area_km2',
        'label_lat',
        'label_lon',
        'population',
        'population_year',
        'population_source',
      ])
      .orderBy('code')
      .execute();
    return rows.map(toCommune);
  }

  async populations(db: Executor): Promise<Map<string, CommunePopulation>> {
    const rows = await db
      .selectFrom('communes')
      .select(['code', 'population', 'population_year', 'population_source'])
      .execute();
    return new Map(
      rows.map((r) => [
        r.code,
        {
          population: r.population,
          populationYear: r.population_year,
          populationSource: r.population_source,
        },
      ]),
    );
  }

  async setPopulation(db: Executor, code: string, value: CommunePopulation): Promise<void> {
    await db
      .updateTable('communes')
      .set({
        population: value.population,
        population_year: value.populationYear,
        population_source: value.populationSource,
      })
      .where('code', '=', code)
      .execute();
  }

  async listCommuneGeometries(db: Executor): Promise<CommuneRow[]> {
    return db.selectFrom('communes').selectAll().orderBy('code').execute();
  }

  async communeExists(db: Executor, code: string): Promise<boolean> {
    const row = await db.selectFrom('communes').select('code').where('code', '=', code).executeTakeFirst();
    return row !== undefined;
  }

  async province(db: Executor): Promise<StoredProvince | null> {
    const row = await db.selectFrom('province').selectAll().executeTakeFirst();
    return row
      ? {
          code: row.code,
          name: row.name,
          nameEn: row.name_en,
          facts: JSON.parse(row.facts) as Record<string, unknown>,
        }
      : null;
  }

  /** Inserts new communes and refreshes known ones; never deletes (organisations refer to them). */
  async upsertProvince(db: Executor, data: ProvinceData, now: string): Promise<void> {
    await db.deleteFrom('province').where('code', '!=', data.code).execute();
    const province = {
      code: data.code,
      name: data.name,
      name_en: data.nameEn,
      facts: JSON.stringify(data.facts),
      loaded_at: now,
    };
    await db
      .insertInto('province')
      .values(province)
      .onConflict((oc) =>
        oc.column('code').doUpdateSet({
          name: province.name,
          name_en: province.name_en,
          facts: province.facts,
          loaded_at: now,
        }),
      )
      .execute();
    for (const c of data.communes) {
      const row = communeRow(data.code, c);
      await db
        .insertInto('communes')
        .values(row)
        .onConflict((oc) => oc.column('code').doUpdateSet({ ...row }))
        .execute();
    }
  }

  async countCommunes(db: Executor): Promise<{ total: number; wards: number }> {
    const rows = await db
      .selectFrom('communes')
      .select(['type', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('type')
      .execute();
    let total = 0;
    let wards = 0;
    for (const r of rows) {
      total += Number(r.n);
      if (r.type === 'phuong') wards += Number(r.n);
    }
    return { total, wards };
  }
}

function communeRow(provinceCode: string, c: ProvinceCommune): FolderCommuneRow {
  return {
    code: c.code,
    province_code: provinceCode,
    name: c.name,
    full_name: c.fullName,
    name_en: c.nameEn,
    full_name_en: c.fullNameEn,
    type: c.type,
    area_km2: c.areaKm2,
    label_lat: c.labelLat,
    label_lon: c.labelLon,
    old_units: c.oldUnits,
    geometry: JSON.stringify(c.geometry),
  };
}
