import { Migrator, type Migration, type MigrationProvider, type Kysely } from 'kysely';
import type { Dialect } from './database.js';
import { columnKit, type ColumnKit } from './migrations/kit.js';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_registry.js';
import * as m0003 from './migrations/0003_devices.js';
import * as m0004 from './migrations/0004_licensing.js';
import * as m0005 from './migrations/0005_inspections.js';
import * as m0006 from './migrations/0006_inventory.js';
import * as m0007 from './migrations/0007_unsealed.js';
import * as m0008 from './migrations/0008_application_files.js';
import * as m0009 from './migrations/0009_inventory_findings.js';
import * as m0010 from './migrations/0010_stations.js';
import * as m0011 from './migrations/0011_measurements.js';
import * as m0012 from './migrations/0012_alarms.js';
import * as m0013 from './migrations/0013_notifications.js';
import * as m0014 from './migrations/0014_isotopes.js';
import * as m0015 from './migrations/0015_emergency_runs.js';
import * as m0016 from './migrations/0016_emergency_population.js';
import * as m0017 from './migrations/0017_incidents.js';
import * as m0018 from './migrations/0018_incident_cordon.js';
import * as m0019 from './migrations/0019_publication.js';
import * as m0020 from './migrations/0020_notice_publication.js';

type Step = { up(db: Kysely<unknown>, dialect: Dialect, kit: ColumnKit): Promise<void> };

/** Ordered and forward-only: a new migration is a new file added at the end of this list, never an edit. */
const STEPS: ReadonlyArray<readonly [string, Step]> = [
  ['0001_foundation', m0001],
  ['0002_registry', m0002],
  ['0003_devices', m0003],
  ['0004_licensing', m0004],
  ['0005_inspections', m0005],
  ['0006_inventory', m0006],
  ['0007_unsealed', m0007],
  ['0008_application_files', m0008],
  ['0009_inventory_findings', m0009],
  ['0010_stations', m0010],
  ['0011_measurements', m0011],
  ['0012_alarms', m0012],
  ['0013_notifications', m0013],
  ['0014_isotopes', m0014],
  ['0015_emergency_runs', m0015],
  ['0016_emergency_population', m0016],
  ['0017_incidents', m0017],
  ['0018_incident_cordon', m0018],
  ['0019_publication', m0019],
  ['0020_notice_publication', m0020],
];

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const kit = columnKit(this.dialect);
    return Object.fromEntries(
      STEPS.map(([name, step]) => [name, { up: (db: Kysely<unknown>) => step.up(db, this.dialect, kit) }]),
    );
  }
}

/** `schema`: the PostgreSQL schema Sievert lives in, when not the default one. */
export async function migrateToLatest(
  db: Kysely<unknown>,
  dialect: Dialect,
  schema?: string,
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: new StaticProvider(dialect),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Runs the steps up to and including `name`: a test of one step's data changes starts there. */
export async function migrateTo(db: Kysely<unknown>, dialect: Dialect, name: string): Promise<void> {
  const { error } = await new Migrator({ db, provider: new StaticProvider(dialect) }).migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
}

export const MIGRATION_NAMES = STEPS.map(([name]) => name);
