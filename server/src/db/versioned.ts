import type { Updateable } from 'kysely';
import type { Executor } from './database.js';
import type { Database } from './schema.js';

interface UntypedWhere {
  where(column: string, op: '=', value: number): UntypedWhere;
  executeTakeFirst(): Promise<{ numUpdatedRows: bigint }>;
}
interface UntypedUpdater {
  updateTable(table: string): { set(values: object): UntypedWhere };
}

/** Tables whose rows carry an integer `id` and a `version` for optimistic concurrency. */
export type VersionedTable = {
  [T in keyof Database]: Database[T] extends { version: number } ? T : never;
}[keyof Database];

/**
 * Updates a row only if it is still at `version` (and moves it to `version + 1`); false when someone else changed
 * it first. The one place that implements optimistic concurrency for every versioned table.
 */
export async function updateVersioned<T extends VersionedTable>(
  db: Executor,
  table: T,
  id: number,
  version: number,
  changes: Updateable<Database[T]>,
): Promise<boolean> {
  // Kysely cannot follow a table name chosen at run time through its types; the signature above keeps callers typed.
  const untyped = db as unknown as UntypedUpdater;
  const result = await untyped
    .updateTable(table)
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
