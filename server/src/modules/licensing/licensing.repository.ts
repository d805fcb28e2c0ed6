import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import { likePattern, searchKey } from '@sievert/core';
import type { Executor } from '../../db/database.js';
import type { ApplicationEventsTable, ApplicationsTable, LicencesTable } from '../../db/schema.js';
import type { DataScope } from '../auth/actor.js';
import { organisationScopeCondition } from '../auth/scope.js';
import { updateVersioned } from '../../db/versioned.js';

const APPLICATION_SORT: Record<
  string,
  'applications.updated_at' | 'applications.due_on' | 'applications.status' | 'applications.procedure'
> = {
  updatedAt: 'applications.updated_at',
  dueOn: 'applications.due_on',
  status: 'applications.status',
  procedure: 'applications.procedure',
};

export type LicenceRow = Selectable<LicencesTable> & { facility_name: string };
export type ApplicationRow = Selectable<ApplicationsTable> & { facility_name: string };
export type ItemType = 'device' | 'source';

export class LicensingRepository {
  private licences(db: Executor, scope: DataScope) {
    return db
      .selectFrom('licences')
      .innerJoin('organisations', 'organisations.id', 'licences.facility_id')
      .where((eb) => organisationScopeCondition(eb, scope))
      .selectAll('licences')
      .select('organisations.name as facility_name');
  }

  async listLicences(
    db: Executor,
    scope: DataScope,
    f: { facilityId?: number | undefined; kind?: string | undefined; q?: string | undefined },
  ): Promise<LicenceRow[]> {
    let q = this.licences(db, scope);
    const text = f.q?.trim();
    if (text) {
      const pattern = likePattern(searchKey(text));
      // Licence numbers are stored as typed ("123/GP-SKHCN"): compared without case on both databases.
      const numberPattern = likePattern(text.toLowerCase());
      q = q.where((eb) =>
        eb.or([
          sql<boolean>`organisations.search_text like ${pattern} escape '\\'`,
          sql<boolean>`lower(licences.number) like ${numberPattern} escape '\\'`,
        ]),
      );
    }
    if (f.facilityId !== undefined) q = q.where('licences.facility_id', '=', f.facilityId);
    if (f.kind) q = q.where('licences.kind', '=', f.kind);
    return q.orderBy('licences.valid_until').orderBy('licences.id').execute();
  }

  async findLicence(db: Executor, id: number, scope: DataScope): Promise<LicenceRow | null> {
    return (await this.licences(db, scope).where('licences.id', '=', id).executeTakeFirst()) ?? null;
  }

  async licenceNumberTaken(db: Executor, number: string): Promise<boolean> {
    return (
      (await db.selectFrom('licences').select('id').where('number', '=', number).executeTakeFirst()) !==
      undefined
    );
  }

  async countLicencesIssuedIn(db: Executor, year: string): Promise<number> {
    const r = await db
      .selectFrom('licences')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('issued_on', 'like', `${year}-%`)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async insertLicence(
    db: Executor,
    row: Insertable<LicencesTable>,
    items: ReadonlyArray<{ type: ItemType; id: number }>,
  ): Promise<number> {
    const { id } = await db.insertInto('licences').values(row).returning('id').executeTakeFirstOrThrow();
    if (items.length > 0)
      await db
        .insertInto('licence_items')
        .values(items.map((i) => ({ licence_id: id, item_type: i.type, item_id: i.id })))
        .execute();
    return id;
  }

  async itemsOf(
    db: Executor,
    licenceIds: readonly number[],
  ): Promise<Map<number, { deviceIds: number[]; sourceIds: number[] }>> {
    const map = new Map<number, { deviceIds: number[]; sourceIds: number[] }>();
    if (licenceIds.length === 0) return map;
    const rows = await db
      .selectFrom('licence_items')
      .selectAll()
      .where('licence_id', 'in', licenceIds)
      .orderBy('item_id')
      .execute();
    for (const r of rows) {
      const entry = map.get(r.licence_id) ?? { deviceIds: [], sourceIds: [] };
      (r.item_type === 'device' ? entry.deviceIds : entry.sourceIds).push(r.item_id);
      map.set(r.licence_id, entry);
    }
    return map;
  }

  /** Items covered on `today` by a licence or declaration that is neither revoked nor past its validity. */
  async coveredItems(
    db: Executor,
    type: ItemType,
    ids: readonly number[],
    today: string,
  ): Promise<Set<number>> {
    const covered = new Set<number>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db
        .selectFrom('licence_items')
        .innerJoin('licences', 'licences.id', 'licence_items.licence_id')
        .select('licence_items.item_id')
        .where('licence_items.item_type', '=', type)
        .where('licence_items.item_id', 'in', ids.slice(i, i + 500))
        .where('licences.revoked_on', 'is', null)
        .where('licences.issued_on', '<=', today)
        .where((eb) =>
          eb.or([eb('licences.valid_until', 'is', null), eb('licences.valid_until', '>=', today)]),
        )
        .execute();
      for (const r of rows) covered.add(r.item_id);
    }
    return covered;
  }

  private applications(db: Executor, scope: DataScope) {
    return db
      .selectFrom('applications')
      .innerJoin('organisations', 'organisations.id', 'applications.facility_id')
      .where((eb) => organisationScopeCondition(eb, scope))
      .selectAll('applications')
      .select('organisations.name as facility_name');
  }

  async listApplications(
    db: Executor,
    scope: DataScope,
    f: {
      facilityId?: number | undefined;
      status?: string | undefined;
      procedure?: string | undefined;
      q?: string | undefined;
      limit: number;
      offset: number;
      hideOthersDrafts: boolean;
      ownFacility: number | null;
      sort?: string | undefined;
    },
  ): Promise<{ rows: ApplicationRow[]; total: number }> {
    let q = this.applications(db, scope);
    if (f.facilityId !== undefined) q = q.where('applications.facility_id', '=', f.facilityId);
    if (f.status) q = q.where('applications.status', '=', f.status);
    if (f.procedure) q = q.where('applications.procedure', '=', f.procedure);
    const text = f.q?.trim();
    if (text) {
      const number = /^#?\s*(\d{1,9})$/.exec(text);
      const pattern = likePattern(searchKey(text));
      q = q.where((eb) =>
        eb.or([
          sql<boolean>`organisations.search_text like ${pattern} escape '\\'`,
          ...(number ? [eb('applications.id', '=', Number(number[1]))] : []),
        ]),
      );
    }
    // A draft belongs to its facility until it is submitted.
    if (f.hideOthersDrafts)
      q = q.where((eb) =>
        eb.or([
          eb('applications.status', '!=', 'draft'),
          eb('applications.facility_id', '=', f.ownFacility ?? -1),
        ]),
      );
    const [rows, count] = await Promise.all([
      q
        .orderBy(
          APPLICATION_SORT[(f.sort ?? '-updatedAt').replace(/^-/, '')] ?? 'applications.updated_at',
          (f.sort ?? '-updatedAt').startsWith('-') ? 'desc' : 'asc',
        )
        .orderBy('applications.id', 'desc')
        .limit(f.limit)
        .offset(f.offset)
        .execute(),
      q
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  async findApplication(db: Executor, id: number, scope: DataScope): Promise<ApplicationRow | null> {
    return (await this.applications(db, scope).where('applications.id', '=', id).executeTakeFirst()) ?? null;
  }

  async insertApplication(db: Executor, row: Insertable<ApplicationsTable>): Promise<number> {
    return (await db.insertInto('applications').values(row).returning('id').executeTakeFirstOrThrow()).id;
  }

  async updateApplication(
    db: Executor,
    id: number,
    version: number,
    changes: Updateable<ApplicationsTable>,
  ): Promise<boolean> {
    return updateVersioned(db, 'applications', id, version, changes);
  }

  async appendEvent(db: Executor, e: Insertable<ApplicationEventsTable>): Promise<void> {
    await db.insertInto('application_events').values(e).execute();
  }

  async events(db: Executor, applicationId: number) {
    return db
      .selectFrom('application_events')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('id')
      .execute();
  }
}
