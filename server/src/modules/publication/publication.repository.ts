/**
 * SQL of the public release: the rules, and published values read straight from the measurement store with the
 * rules' time bound and validation filter (the rollups mix validated and unvalidated values, so they cannot be
 * used for a validated-only series; aggregates are computed from the stored values instead).
 */
import { flagBit, VALIDATION_CODES } from '@sievert/core';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { PublicationRulesTable } from '../../db/schema.js';

const FUTURE_FLAG = flagBit('future_time');

export type RuleRow = Omit<PublicationRulesTable, 'id'> & {
  id: number;
  embargo_changed_by_name: string | null;
};

export interface PublishedRow {
  t: number;
  value: number;
  state: number;
  /** Length of the measuring period (s); the row's period is t − dur … t. */
  dur?: number;
}

export interface PublishedBucket {
  t: number;
  n: number;
  sum: number;
  min: number;
  max: number;
  /** The lowest validation state in the bucket: 0 when some value is not validated yet. */
  state: number;
}

/** Validation states that may be shown: only validated ones, or every state but rejected. */
export function publishedStates(validatedOnly: boolean): number[] {
  return validatedOnly
    ? [VALIDATION_CODES.validated]
    : [VALIDATION_CODES.unvalidated, VALIDATION_CODES.validated];
}

export class PublicationRepository {
  async rules(db: Executor): Promise<RuleRow[]> {
    return db
      .selectFrom('publication_rules as r')
      .leftJoin('users as u', 'u.id', 'r.embargo_changed_by')
      .selectAll('r')
      .select('u.display_name as embargo_changed_by_name')
      .execute();
  }

  async rule(db: Executor, stationId: number | null): Promise<RuleRow | undefined> {
    const q = db.selectFrom('publication_rules').selectAll();
    const row = await (
      stationId === null ? q.where('station_id', 'is', null) : q.where('station_id', '=', stationId)
    ).executeTakeFirst();
    return row ? { ...row, embargo_changed_by_name: null } : undefined;
  }

  async save(db: Executor, row: Omit<PublicationRulesTable, 'id'>, existingId: number | null): Promise<void> {
    if (existingId === null) await db.insertInto('publication_rules').values(row).execute();
    else await db.updateTable('publication_rules').set(row).where('id', '=', existingId).execute();
  }

  /** The newest published value of one station: a primary-key search backwards from the cut-off. */
  async latestPublished(
    db: Executor,
    stationId: number,
    quantity: number,
    cutoff: number,
    states: readonly number[],
  ): Promise<PublishedRow | undefined> {
    const row = await db
      .selectFrom('measurements')
      .select(['t', 'value', 'state'])
      .where('station_id', '=', stationId)
      .where('quantity', '=', quantity)
      .where('t', '<=', cutoff)
      .where('state', 'in', states)
      .where(sql<boolean>`(flags & ${FUTURE_FLAG}) = 0`)
      .orderBy('t', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? { t: Number(row.t), value: row.value, state: row.state } : undefined;
  }

  /** Published values with from < t ≤ to, in time order. */
  async rows(
    db: Executor,
    stationId: number,
    quantity: number,
    from: number,
    to: number,
    states: readonly number[],
    limit: number,
  ): Promise<PublishedRow[]> {
    const rows = await db
      .selectFrom('measurements')
      .select(['t', 'value', 'state', 'dur'])
      .where('station_id', '=', stationId)
      .where('quantity', '=', quantity)
      .where('t', '>', from)
      .where('t', '<=', to)
      .where('state', 'in', states)
      .where(sql<boolean>`(flags & ${FUTURE_FLAG}) = 0`)
      .orderBy('t')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ t: Number(r.t), value: r.value, state: r.state, dur: Number(r.dur) }));
  }

  /**
   * Published values with from < t ≤ to in buckets of `size` seconds shifted by `offset` (a local day). A value
   * ending on a bucket's edge belongs to the bucket before, as in the rollups.
   */
  async buckets(
    db: Executor,
    stationId: number,
    quantity: number,
    from: number,
    to: number,
    states: readonly number[],
    size: number,
    offset: number,
  ): Promise<PublishedBucket[]> {
    // Integers computed here, not caller input: inlined so that both databases divide as integers.
    const bucket = sql<number>`((t - 1 + ${sql.raw(String(Math.trunc(offset)))}) / ${sql.raw(
      String(Math.trunc(size)),
    )}) * ${sql.raw(String(Math.trunc(size)))} - ${sql.raw(String(Math.trunc(offset)))}`;
    const rows = await db
      .selectFrom('measurements')
      .select((eb) => [
        bucket.as('b'),
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>('value').as('sum'),
        eb.fn.min<number>('value').as('min'),
        eb.fn.max<number>('value').as('max'),
        eb.fn.min<number>('state').as('state'),
      ])
      .where('station_id', '=', stationId)
      .where('quantity', '=', quantity)
      .where('t', '>', from)
      .where('t', '<=', to)
      .where('state', 'in', states)
      .where(sql<boolean>`(flags & ${FUTURE_FLAG}) = 0`)
      .groupBy(bucket)
      .orderBy(bucket)
      .execute();
    return rows.map((r) => ({
      t: Number(r.b),
      n: Number(r.n),
      sum: Number(r.sum),
      min: Number(r.min),
      max: Number(r.max),
      state: Number(r.state),
    }));
  }
}
