import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import type { ColumnKit } from './kit.js';

/**
 * River stable-isotope samples and their lab results, at the river sampling points (stations of kind
 * `river_sampling`), and the river each sampling point lies on.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect, k: ColumnKit): Promise<void> {
  // The river is data of the sampling point, not of the station record: kept beside it, one row per point.
  await db.schema
    .createTable('isotope_sampling_points')
    .addColumn('station_id', 'integer', (c) => c.primaryKey().references('stations.id'))
    .addColumn('river_vi', 'text', (c) => c.notNull())
    .addColumn('river_en', 'text')
    /** searchKey(river_vi): the river filter ignores case and accents. */
    .addColumn('river_key', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .execute();
  await db.schema
    .createIndex('isotope_sampling_points_river')
    .on('isotope_sampling_points')
    .column('river_key')
    .execute();

  await k
    .id(db.schema.createTable('isotope_samples'))
    .addColumn('station_id', 'integer', (c) => c.notNull().references('stations.id'))
    .addColumn('sample_code', 'text', (c) => c.notNull())
    /** ISO 8601 instant in UTC (`…Z`), so text order is time order. */
    .addColumn('sampled_at', 'text', (c) => c.notNull())
    /** ‰ vs VSMOW. */
    .addColumn('d18o', k.float)
    .addColumn('d18o_unc', k.float)
    .addColumn('d2h', k.float)
    .addColumn('d2h_unc', k.float)
    /** Tritium units. */
    .addColumn('tritium_tu', k.float)
    .addColumn('tritium_unc', k.float)
    .addColumn('lab', 'text')
    .addColumn('method', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addUniqueConstraint('isotope_samples_station_code', ['station_id', 'sample_code'])
    .execute();
  await db.schema
    .createIndex('isotope_samples_station_time')
    .on('isotope_samples')
    .columns(['station_id', 'sampled_at'])
    .execute();
  await db.schema.createIndex('isotope_samples_time').on('isotope_samples').column('sampled_at').execute();
}
