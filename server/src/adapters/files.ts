/**
 * File contents, addressed by SHA-256, kept in the database beside the records that use them: one backup holds
 * everything, and an upload commits or rolls back with its record.
 */
import { createHash } from 'node:crypto';
import type { Executor } from '../db/database.js';

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export class DatabaseFileStore {
  /** Stores the bytes (once, whoever else stored the same) and returns their SHA-256. */
  async put(db: Executor, bytes: Uint8Array, now: string): Promise<string> {
    const sha256 = sha256Hex(bytes);
    await db
      .insertInto('file_blobs')
      .values({ sha256, size_bytes: bytes.byteLength, bytes: Buffer.from(bytes), created_at: now })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    return sha256;
  }

  async get(db: Executor, sha256: string): Promise<Buffer | null> {
    const row = await db
      .selectFrom('file_blobs')
      .select('bytes')
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    return row ? Buffer.from(row.bytes) : null;
  }

  /** Removes the bytes once no attachment refers to them any more. */
  async release(db: Executor, sha256: string): Promise<void> {
    const used = await db
      .selectFrom('application_files')
      .select('id')
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    if (!used) await db.deleteFrom('file_blobs').where('sha256', '=', sha256).execute();
  }
}
