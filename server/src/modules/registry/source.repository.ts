import type { SourceStatus, TransactionType } from '@sievert/core';
import type { Executor } from '../../db/database.js';
import type { SourceRow, SourceTransactionRow, SourcesTable } from '../../db/schema.js';
import type { DataScope } from '../auth/actor.js';
import { organisationScopeCondition } from '../auth/scope.js';
import type { Insertable, Updateable } from 'kysely';
import { updateVersioned } from '../../db/versioned.js';

export type SourceWithHolder = SourceRow & {
  facility_name: string;
  commune_code: string | null;
  pending_name: string | null;
};

export interface SourceFilter {
  facilityId?: number | undefined;
  nuclide?: string | undefined;
  status?: SourceStatus | undefined;
  communeCode?: string | undefined;
  search?: string | undefined;
}

export class SourceRepository {
  /**
   * Sources whose holder is in scope, plus — for a facility — those on their way to it (a transfer it must confirm).
   */
  private base(db: Executor, scope: DataScope) {
    return db
      .selectFrom('sources')
      .innerJoin('organisations', 'organisations.id', 'sources.facility_id')
      .where((eb) =>
        scope.level === 'province'
          ? organisationScopeCondition(eb, scope)
          : eb.or([
              organisationScopeCondition(eb, scope),
              ...(scope.organisationId !== null
                ? [eb('sources.pending_transfer_to', '=', scope.organisationId)]
                : []),
            ]),
      )
      .leftJoin('organisations as pending', 'pending.id', 'sources.pending_transfer_to')
      .selectAll('sources')
      .select([
        'organisations.name as facility_name',
        'organisations.commune_code',
        'pending.name as pending_name',
      ]);
  }

  /** Every matching row: category depends on today's decayed activity, so it is filtered and paged after computing. */
  async listAll(db: Executor, scope: DataScope, filter: SourceFilter): Promise<SourceWithHolder[]> {
    let q = this.base(db, scope);
    if (filter.facilityId !== undefined) q = q.where('sources.facility_id', '=', filter.facilityId);
    if (filter.nuclide) q = q.where('sources.nuclide', '=', filter.nuclide);
    if (filter.status) q = q.where('sources.status', '=', filter.status);
    if (filter.communeCode) q = q.where('organisations.commune_code', '=', filter.communeCode);
    if (filter.search) q = q.where('sources.search_text', 'like', filter.search);
    return q.orderBy('sources.facility_id').orderBy('sources.nuclide').orderBy('sources.id').execute();
  }

  async findById(db: Executor, id: number, scope: DataScope): Promise<SourceWithHolder | null> {
    return (await this.base(db, scope).where('sources.id', '=', id).executeTakeFirst()) ?? null;
  }

  async findByIdentity(
    db: Executor,
    nuclide: string,
    manufacturer: string,
    serial: string,
  ): Promise<SourceRow | null> {
    return (
      (await db
        .selectFrom('sources')
        .selectAll()
        .where('nuclide', '=', nuclide)
        .where('manufacturer', '=', manufacturer)
        .where('serial', '=', serial)
        .executeTakeFirst()) ?? null
    );
  }

  async insert(db: Executor, row: Insertable<SourcesTable>): Promise<number> {
    const { id } = await db.insertInto('sources').values(row).returning('id').executeTakeFirstOrThrow();
    return id;
  }

  async update(
    db: Executor,
    id: number,
    version: number,
    changes: Updateable<SourcesTable>,
  ): Promise<boolean> {
    return updateVersioned(db, 'sources', id, version, changes);
  }

  async appendTransaction(
    db: Executor,
    t: {
      sourceId: number;
      type: TransactionType;
      occurredOn: string;
      recordedAt: string;
      facilityId: number;
      counterpartyFacilityId: number | null;
      counterpartyName: string | null;
      location: string | null;
      note: string | null;
      statusAfter: SourceStatus;
      matchedTransactionId: number | null;
      recordedBy: number | null;
    },
  ): Promise<number> {
    const { id } = await db
      .insertInto('source_transactions')
      .values({
        source_id: t.sourceId,
        type: t.type,
        occurred_on: t.occurredOn,
        recorded_at: t.recordedAt,
        facility_id: t.facilityId,
        counterparty_facility_id: t.counterpartyFacilityId,
        counterparty_name: t.counterpartyName,
        location: t.location,
        note: t.note,
        status_after: t.statusAfter,
        matched_transaction_id: t.matchedTransactionId,
        recorded_by: t.recordedBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  /** The ledger of a source, with the other facility's name where there is one. */
  async transactions(
    db: Executor,
    sourceId: number,
  ): Promise<Array<SourceTransactionRow & { counterparty_facility_name: string | null }>> {
    return db
      .selectFrom('source_transactions')
      .leftJoin('organisations', 'organisations.id', 'source_transactions.counterparty_facility_id')
      .selectAll('source_transactions')
      .select('organisations.name as counterparty_facility_name')
      .where('source_transactions.source_id', '=', sourceId)
      .orderBy('source_transactions.id')
      .execute();
  }

  async lastTransaction(db: Executor, sourceId: number): Promise<SourceTransactionRow | null> {
    return (
      (await db
        .selectFrom('source_transactions')
        .selectAll()
        .where('source_id', '=', sourceId)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst()) ?? null
    );
  }
}
