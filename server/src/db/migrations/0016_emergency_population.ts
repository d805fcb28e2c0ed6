import { sql, type Kysely } from 'kysely';
import { searchKey } from '@sievert/core';
import type { Dialect } from '../database.js';
import type { ColumnKit } from './kit.js';

/**
 * The population of each commune (with the year and source of the figure), for the people inside an emergency
 * zone; a dispersion run's incident, its title as a search key and its list columns.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect, _k: ColumnKit): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds a single column.
  await db.schema.alterTable('communes').addColumn('population', 'integer').execute();
  await db.schema.alterTable('communes').addColumn('population_year', 'integer').execute();
  await db.schema.alterTable('communes').addColumn('population_source', 'text').execute();

  await db.schema.alterTable('emergency_runs').addColumn('incident_id', 'integer').execute();
  await db.schema.alterTable('emergency_runs').addColumn('title_key', 'text').execute();
  await db.schema.alterTable('emergency_runs').addColumn('summary', 'text').execute();
  await db.schema.createIndex('emergency_runs_incident').on('emergency_runs').column('incident_id').execute();

  // Runs stored before this step were all steady plumes; their list columns are read from what was stored.
  const runs = await sql<{ id: number; title: string | null; inputs: string; outputs: string }>`
    select id, title, inputs, outputs from emergency_runs`.execute(db);
  for (const run of runs.rows) {
    const inputs = JSON.parse(run.inputs) as LegacyInputs;
    const outputs = JSON.parse(run.outputs) as LegacyOutputs;
    const summary = {
      model: 'plume',
      nuclides: inputs.release.nuclides.map((n) => n.nuclide),
      lat: inputs.release.lat,
      lon: inputs.release.lon,
      windSpeedMS: inputs.weather.windSpeedMS,
      windFromDeg: inputs.weather.windFromDeg,
      stability: inputs.weather.stability,
      zones: outputs.zones.length,
      // The 7-day value (GSR Part 7 urgent actions), else the shortest period's; frozen here as migrations are.
      maxEffectiveSv:
        (
          outputs.maxima.find((m) => m.periodS === 604_800) ??
          [...outputs.maxima].sort((a, b) => a.periodS - b.periodS)[0]
        )?.effectiveSv ?? 0,
    };
    await sql`update emergency_runs set title_key = ${searchKey(run.title)}, summary = ${JSON.stringify(summary)}
      where id = ${run.id}`.execute(db);
  }
}

interface LegacyInputs {
  release: { lat: number; lon: number; nuclides: Array<{ nuclide: string }> };
  weather: { windSpeedMS: number; windFromDeg: number; stability: string };
}
interface LegacyOutputs {
  zones: unknown[];
  maxima: Array<{ periodS: number; effectiveSv: number }>;
}
