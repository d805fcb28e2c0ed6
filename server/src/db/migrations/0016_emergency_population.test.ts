/**
 * Step 0016 on a database that already holds dispersion runs: each gets its title's search key and the list's
 * columns read from what was stored, and no incident; communes get empty population columns.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, expect, inject, it } from 'vitest';
import { describeEachDatabase } from '../../test/harness.js';
import { openDatabase, type DatabaseHandle } from '../database.js';
import { migrateTo } from '../migrate.js';

describeEachDatabase('migration 0016: populations and the run list', (dialect) => {
  let handle: DatabaseHandle | null = null;
  let schema: string | null = null;
  afterEach(async () => {
    await handle?.close();
    if (schema) {
      const client = new pg.Client({ connectionString: inject('pgUrl') });
      await client.connect();
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
    }
  });

  it('fills the search key and list columns of runs stored before it', async () => {
    if (dialect === 'postgres') schema = `m_${randomBytes(6).toString('hex')}`;
    handle = await openDatabase(
      dialect === 'sqlite'
        ? { dialect, file: ':memory:' }
        : { dialect, url: inject('pgUrl'), schema: schema! },
    );
    const db = handle.db;
    // Typed for the latest schema, which migrations do not know.
    await migrateTo(db as never, dialect, '0015_emergency_runs');
    const inputs = {
      title: 'Diễn tập: Cháy kho',
      release: {
        lat: 20.6,
        lon: 106.1,
        heightM: 10,
        durationS: 3600,
        nuclides: [
          { nuclide: 'Cs-137', activityBq: 1e15 },
          { nuclide: 'I-131', activityBq: 1e14 },
        ],
      },
      weather: { windSpeedMS: 3, windFromDeg: 45, stability: 'E' },
    };
    const outputs = {
      zones: [{ code: 'GSR7-ITB' }, { code: 'GSR7-URGENT-E' }],
      maxima: [
        { periodS: 604800, effectiveSv: 0.2 },
        { periodS: 31557600, effectiveSv: 0.35 },
      ],
    };
    for (const title of [inputs.title, null])
      await db
        .insertInto('emergency_runs')
        .values({
          title,
          inputs: JSON.stringify(inputs),
          outputs: JSON.stringify(outputs),
          created_at: '2026-11-28T08:00:00.000Z',
          created_by: null,
        })
        .execute();

    await migrateTo(db as never, dialect, '0016_emergency_population');
    const rows = await db.selectFrom('emergency_runs').selectAll().orderBy('id').execute();
    expect(rows.map((r) => [r.title_key, r.incident_id])).toEqual([
      ['dien tap: chay kho', null],
      ['', null],
    ]);
    for (const r of rows)
      expect(JSON.parse(r.summary!)).toEqual({
        model: 'plume',
        nuclides: ['Cs-137', 'I-131'],
        lat: 20.6,
        lon: 106.1,
        windSpeedMS: 3,
        windFromDeg: 45,
        stability: 'E',
        zones: 2,
        maxEffectiveSv: 0.2,
      });
    const communes = await db
      .selectFrom('communes')
      .select(['population', 'population_year', 'population_source'])
      .execute();
    expect(communes).toEqual([]);
  });
});
