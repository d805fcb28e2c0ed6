/**
 * All SQL of the measurement store (SQLite and PostgreSQL alike): the narrow measurements table clustered by
 * (station, quantity, end time), revisions, hourly and daily rollups, and the latest value per station.
 */
import type SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import type { Dialect, Executor } from '../../db/database.js';

export interface StoredRow {
  t: number;
  dur: number;
  value: number;
  unc: number | null;
  flags: number;
  state: number;
  src: number;
  rev: number;
}

export interface NewRow extends StoredRow {
  station_id: number;
  quantity: number;
}

export type RollupTable = 'rollups_hour' | 'rollups_day';

export interface RollupRow {
  t: number;
  n: number;
  sum: number;
  min: number;
  max: number;
}

/** Aggregates keyed by `${station}:${quantity}:${bucketStart}`. */
export type RollupIncrements = Map<string, { stationId: number; quantity: number; t: number } & RollupRow>;

/** Rows per multi-row INSERT: 10 columns × 800 stays under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 800;

export const HOUR_S = 3600;
export const DAY_S = 86_400;

export class MeasurementRepository {
  /**
   * @param dayOffsetS the province's offset from UTC (s): daily rollups follow local days (Vietnam: +7 h, no
   *   daylight saving time).
   */
  private readonly statements: {
    insert: SqliteDatabase.Statement;
    rollup: Record<RollupTable, SqliteDatabase.Statement>;
    between: SqliteDatabase.Statement;
  } | null;

  constructor(
    readonly dialect: Dialect,
    readonly dayOffsetS: number,
    /**
     * SQLite: the native connection, for prepared statements on the hot path (compiling an 800-row INSERT for
     * every batch cost more than writing it). Only used inside a transaction, which holds this connection.
     */
    sqlite?: SqliteDatabase.Database,
  ) {
    this.statements = sqlite
      ? {
          insert: sqlite.prepare(
            'insert into measurements (station_id, quantity, t, dur, value, unc, flags, state, src, rev) ' +
              'values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing',
          ),
          rollup: {
            rollups_hour: sqlite.prepare(rollupUpsert('rollups_hour')),
            rollups_day: sqlite.prepare(rollupUpsert('rollups_day')),
          },
          between: sqlite.prepare(
            'select t, dur, value, unc, flags, state, src, rev from measurements ' +
              'where station_id = ? and quantity = ? and t > ? and t <= ? order by t',
          ),
        }
      : null;
  }

  /** The bucket a value ending at `t` belongs to: periods end at t, so a value ending on the hour is the hour before. */
  hourBucket(t: number): number {
    return Math.floor((t - 1) / HOUR_S) * HOUR_S;
  }
  dayBucket(t: number): number {
    return Math.floor((t - 1 + this.dayOffsetS) / DAY_S) * DAY_S - this.dayOffsetS;
  }

  /** Serialises writers of one station in PostgreSQL (SQLite writers are serial already). */
  async lockStation(trx: Executor, stationId: number): Promise<void> {
    if (this.dialect === 'postgres')
      await sql`select pg_advisory_xact_lock(${7_331_000}, ${stationId})`.execute(trx);
  }

  /** Stored rows with from < t ≤ to, in time order. `inTransaction`: the caller holds the connection. */
  async rowsBetween(
    db: Executor,
    stationId: number,
    quantity: number,
    from: number,
    to: number,
    limit?: number,
    inTransaction = false,
  ): Promise<StoredRow[]> {
    if (inTransaction && this.statements && limit === undefined)
      return this.statements.between.all(stationId, quantity, from, to) as StoredRow[];
    let q = db
      .selectFrom('measurements')
      .select(['t', 'dur', 'value', 'unc', 'flags', 'state', 'src', 'rev'])
      .where('station_id', '=', stationId)
      .where('quantity', '=', quantity)
      .where('t', '>', from)
      .where('t', '<=', to)
      .orderBy('t');
    if (limit !== undefined) q = q.limit(limit);
    return (await q.execute()).map(numeric);
  }

  /**
   * These stations' values of one quantity with from < t ≤ to (precipitation for the alarm rules). Naming the
   * stations keeps it a primary-key search (the key starts with the station): without them it scans the table.
   */
  async quantityBetween(
    db: Executor,
    stationIds: readonly number[],
    quantity: number,
    from: number,
    to: number,
  ): Promise<Array<{ station_id: number; t: number; value: number }>> {
    if (stationIds.length === 0) return [];
    const rows = await db
      .selectFrom('measurements')
      .select(['station_id', 't', 'value'])
      .where('station_id', 'in', stationIds)
      .where('quantity', '=', quantity)
      .where('t', '>', from)
      .where('t', '<=', to)
      .execute();
    return rows.map((r) => ({ station_id: r.station_id, t: Number(r.t), value: r.value }));
  }

  /** Inside a transaction. */
  async insertRows(db: Executor, rows: readonly NewRow[]): Promise<void> {
    if (this.statements) {
      const insert = this.statements.insert;
      for (const r of rows)
        insert.run(r.station_id, r.quantity, r.t, r.dur, r.value, r.unc, r.flags, r.state, r.src, r.rev);
      return;
    }
    if (this.dialect === 'postgres') {
      // One statement with ten arrays instead of ten parameters per row.
      const col = <K extends keyof NewRow>(k: K) => rows.map((r) => r[k]);
      await sql`insert into measurements (station_id, quantity, t, dur, value, unc, flags, state, src, rev)
        select * from unnest(${col('station_id')}::integer[], ${col('quantity')}::integer[], ${col('t')}::bigint[],
          ${col('dur')}::integer[], ${col('value')}::double precision[], ${col('unc')}::double precision[],
          ${col('flags')}::integer[], ${col('state')}::integer[], ${col('src')}::integer[], ${col('rev')}::integer[])
        on conflict do nothing`.execute(db);
      return;
    }
    for (let i = 0; i < rows.length; i += CHUNK) {
      await db
        .insertInto('measurements')
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }

  /** Keeps the stored value as a revision and writes the new one in its place. */
  async revise(
    db: Executor,
    stationId: number,
    quantity: number,
    old: StoredRow,
    next: Omit<StoredRow, 't' | 'rev'>,
    replacedAt: string,
  ): Promise<void> {
    await db
      .insertInto('measurement_revisions')
      .values({ station_id: stationId, quantity, ...old, replaced_at: replacedAt })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await db
      .updateTable('measurements')
      .set({ ...next, rev: old.rev + 1 })
      .where('station_id', '=', stationId)
      .where('quantity', '=', quantity)
      .where('t', '=', old.t)
      .execute();
  }

  async setFlags(db: Executor, stationId: number, quantity: number, t: number, flags: number): Promise<void> {
    await db
      .updateTable('measurements')
      .set({ flags })
      .where('station_id', '=', stationId)
      .where('quantity', '=', quantity)
      .where('t', '=', t)
      .execute();
  }

  /** Inside a transaction. */
  async addToRollups(db: Executor, table: RollupTable, increments: RollupIncrements): Promise<void> {
    if (this.statements) {
      const upsert = this.statements.rollup[table];
      for (const r of increments.values()) upsert.run(r.stationId, r.quantity, r.t, r.n, r.sum, r.min, r.max);
      return;
    }
    const rows = [...increments.values()].map((r) => ({
      station_id: r.stationId,
      quantity: r.quantity,
      t: r.t,
      n: r.n,
      sum: r.sum,
      min: r.min,
      max: r.max,
    }));
    const least = this.dialect === 'sqlite' ? 'min' : 'least';
    const greatest = this.dialect === 'sqlite' ? 'max' : 'greatest';
    for (let i = 0; i < rows.length; i += CHUNK) {
      await db
        .insertInto(table)
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) =>
          oc.columns(['station_id', 'quantity', 't']).doUpdateSet({
            n: sql`${sql.ref(`${table}.n`)} + excluded.n`,
            sum: sql`${sql.ref(`${table}.sum`)} + excluded.sum`,
            min: sql`${sql.raw(least)}(${sql.ref(`${table}.min`)}, excluded.min)`,
            max: sql`${sql.raw(greatest)}(${sql.ref(`${table}.max`)}, excluded.max)`,
          }),
        )
        .execute();
    }
  }

  /** Recomputes buckets from the stored values (after a revision or a validation decision). */
  async recomputeBuckets(
    db: Executor,
    table: RollupTable,
    stationId: number,
    quantity: number,
    buckets: Iterable<number>,
  ): Promise<void> {
    const size = table === 'rollups_hour' ? HOUR_S : DAY_S;
    for (const start of buckets) {
      const agg = await db
        .selectFrom('measurements')
        .select((eb) => [
          eb.fn.countAll<number>().as('n'),
          eb.fn.sum<number>('value').as('sum'),
          eb.fn.min<number>('value').as('min'),
          eb.fn.max<number>('value').as('max'),
        ])
        .where('station_id', '=', stationId)
        .where('quantity', '=', quantity)
        .where('t', '>', start)
        .where('t', '<=', start + size)
        .where('state', '<>', 2)
        .executeTakeFirstOrThrow();
      await db
        .deleteFrom(table)
        .where('station_id', '=', stationId)
        .where('quantity', '=', quantity)
        .where('t', '=', start)
        .execute();
      if (Number(agg.n) > 0)
        await db
          .insertInto(table)
          .values({
            station_id: stationId,
            quantity,
            t: start,
            n: Number(agg.n),
            sum: Number(agg.sum),
            min: Number(agg.min),
            max: Number(agg.max),
          })
          .execute();
    }
  }

  /** Moves the latest value forward (never back). */
  async updateLatest(
    db: Executor,
    stationId: number,
    quantity: number,
    row: { t: number; value: number; flags: number },
  ): Promise<void> {
    await db
      .insertInto('measurement_latest')
      .values({ station_id: stationId, quantity, ...row })
      .onConflict((oc) =>
        oc
          .columns(['station_id', 'quantity'])
          .doUpdateSet({ t: sql`excluded.t`, value: sql`excluded.value`, flags: sql`excluded.flags` })
          .where(sql.ref('measurement_latest.t'), '<=', sql<number>`excluded.t`),
      )
      .execute();
  }

  /** Recomputes the latest value of a station and quantity from the store (after a rejection). */
  async refreshLatest(db: Executor, stationId: number, quantity: number, futureFlag: number): Promise<void> {
    const row = await db
      .selectFrom('measurements')
      .select(['t', 'value', 'flags'])
      .where('station_id', '=', stationId)
      .where('quantity', '=', quantity)
      .where('state', '<>', 2)
      .where(sql<boolean>`(flags & ${futureFlag}) = 0`)
      .orderBy('t', 'desc')
      .limit(1)
      .executeTakeFirst();
    await db
      .deleteFrom('measurement_latest')
      .where('station_id', '=', stationId)
      .where('quantity', '=', quantity)
      .execute();
    if (row)
      await db
        .insertInto('measurement_latest')
        .values({ station_id: stationId, quantity, t: Number(row.t), value: row.value, flags: row.flags })
        .execute();
  }

  async latest(
    db: Executor,
    quantities: readonly number[],
  ): Promise<Array<{ station_id: number; quantity: number; t: number; value: number; flags: number }>> {
    const rows = await db
      .selectFrom('measurement_latest')
      .selectAll()
      .where('quantity', 'in', quantities)
      .execute();
    return rows.map((r) => ({ ...r, t: Number(r.t) }));
  }

  async rollups(
    db: Executor,
    table: RollupTable,
    stationId: number,
    quantity: number,
    from: number,
    to: number,
  ): Promise<RollupRow[]> {
    const rows = await db
      .selectFrom(table)
      .select(['t', 'n', 'sum', 'min', 'max'])
      .where('station_id', '=', stationId)
      .where('quantity', '=', quantity)
      .where('t', '>=', from)
      .where('t', '<', to)
      .orderBy('t')
      .execute();
    return rows.map((r) => ({ t: Number(r.t), n: Number(r.n), sum: r.sum, min: r.min, max: r.max }));
  }

  async countBetween(
    db: Executor,
    stationId: number,
    quantity: number,
    from: number,
    to: number,
  ): Promise<number> {
    const row = await db
      .selectFrom('measurements')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('station_id', '=', stationId)
      .where('quantity', '=', quantity)
      .where('t', '>', from)
      .where('t', '<=', to)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** A page of stored values, newest first, optionally only flagged ones or one validation state. */
  async page(
    db: Executor,
    stationId: number,
    quantity: number | null,
    from: number,
    to: number,
    filter: { flagged?: boolean | undefined; state?: number | undefined },
    limit: number,
    offset: number,
  ): Promise<{ rows: Array<StoredRow & { quantity: number }>; total: number }> {
    let q = db
      .selectFrom('measurements')
      .where('station_id', '=', stationId)
      .where('t', '>', from)
      .where('t', '<=', to);
    if (quantity !== null) q = q.where('quantity', '=', quantity);
    if (filter.flagged === true) q = q.where('flags', '<>', 0);
    if (filter.flagged === false) q = q.where('flags', '=', 0);
    if (filter.state !== undefined) q = q.where('state', '=', filter.state);
    const [rows, count] = await Promise.all([
      q
        .select(['quantity', 't', 'dur', 'value', 'unc', 'flags', 'state', 'src', 'rev'])
        .orderBy('t', 'desc')
        .orderBy('quantity')
        .limit(limit)
        .offset(offset)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows: rows.map((r) => ({ ...numeric(r), quantity: r.quantity })), total: Number(count.n) };
  }

  /** Sets the validation state of the values in (from, to]; returns the end times that changed. */
  async setState(
    db: Executor,
    stationId: number,
    quantity: number,
    from: number,
    to: number,
    state: number,
  ): Promise<number[]> {
    const changed = await db
      .selectFrom('measurements')
      .select('t')
      .where('station_id', '=', stationId)
      .where('quantity', '=', quantity)
      .where('t', '>', from)
      .where('t', '<=', to)
      .where('state', '<>', state)
      .execute();
    if (changed.length === 0) return [];
    await db
      .updateTable('measurements')
      .set({ state })
      .where('station_id', '=', stationId)
      .where('quantity', '=', quantity)
      .where('t', '>', from)
      .where('t', '<=', to)
      .where('state', '<>', state)
      .execute();
    return changed.map((r) => Number(r.t));
  }
}

function rollupUpsert(table: RollupTable): string {
  return (
    `insert into ${table} (station_id, quantity, t, n, sum, min, max) values (?, ?, ?, ?, ?, ?, ?) ` +
    `on conflict (station_id, quantity, t) do update set n = ${table}.n + excluded.n, ` +
    `sum = ${table}.sum + excluded.sum, min = min(${table}.min, excluded.min), max = max(${table}.max, excluded.max)`
  );
}

function numeric<T extends { t: number | string }>(r: T): T & { t: number } {
  return { ...r, t: Number(r.t) };
}
