import { sql, type CreateTableBuilder } from 'kysely';
import type { Dialect } from '../database.js';

/** The few column types that differ between SQLite and PostgreSQL, so migrations read the same on both. */
export interface ColumnKit {
  float: 'real' | 'double precision';
  bigint: 'integer' | 'bigint';
  bytes: 'blob' | 'bytea';
  id<T extends string>(table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'>;
}

export function columnKit(dialect: Dialect): ColumnKit {
  return {
    float: dialect === 'sqlite' ? 'real' : 'double precision',
    bigint: dialect === 'sqlite' ? 'integer' : 'bigint',
    bytes: dialect === 'sqlite' ? 'blob' : 'bytea',
    id: (table) =>
      dialect === 'sqlite'
        ? table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        : table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity()),
  };
}

export { sql };
