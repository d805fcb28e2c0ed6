import type { Executor } from './database.js';

/** Small key/value facts about this installation (province data hash, first-start markers). */
export class SettingsRepository {
  async get(db: Executor, key: string): Promise<string | null> {
    const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value ?? null;
  }
  async set(db: Executor, key: string, value: string): Promise<void> {
    await db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }
}
