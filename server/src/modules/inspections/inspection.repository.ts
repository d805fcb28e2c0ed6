import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { InspectionFindingsTable, InspectionsTable } from '../../db/schema.js';
import type { DataScope } from '../auth/actor.js';
import { organisationScopeCondition } from '../auth/scope.js';
import { updateVersioned } from '../../db/versioned.js';

export type InspectionRow = Selectable<InspectionsTable> & {
  facility_name: string;
  facility_address: string | null;
};
export type FindingRow = Selectable<InspectionFindingsTable>;

const INSPECTION_SORT: Record<
  string,
  'inspections.planned_on' | 'organisations.name' | 'inspections.status' | 'inspections.year'
> = {
  plannedOn: 'inspections.planned_on',
  facilityName: 'organisations.name',
  status: 'inspections.status',
  year: 'inspections.year',
};

export class InspectionRepository {
  private base(db: Executor, scope: DataScope) {
    return db
      .selectFrom('inspections')
      .innerJoin('organisations', 'organisations.id', 'inspections.facility_id')
      .where((eb) => organisationScopeCondition(eb, scope))
      .selectAll('inspections')
      .select(['organisations.name as facility_name', 'organisations.address as facility_address']);
  }

  async list(
    db: Executor,
    scope: DataScope,
    f: {
      facilityId?: number | undefined;
      year?: number | undefined;
      status?: string | undefined;
      kind?: string | undefined;
      sort?: string | undefined;
      limit: number;
      offset: number;
    },
  ) {
    let q = this.base(db, scope);
    if (f.kind) q = q.where('inspections.kind', '=', f.kind);
    if (f.facilityId !== undefined) q = q.where('inspections.facility_id', '=', f.facilityId);
    if (f.year !== undefined) q = q.where('inspections.year', '=', f.year);
    if (f.status) q = q.where('inspections.status', '=', f.status);
    const [rows, count] = await Promise.all([
      (f.sort
        ? q.orderBy(
            INSPECTION_SORT[f.sort.replace(/^-/, '')] ?? 'inspections.planned_on',
            f.sort.startsWith('-') ? 'desc' : 'asc',
          )
        : q.orderBy('inspections.year', 'desc')
      )
        .orderBy('inspections.planned_on')
        .orderBy('inspections.id')
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

  async find(db: Executor, id: number, scope: DataScope): Promise<InspectionRow | null> {
    return (await this.base(db, scope).where('inspections.id', '=', id).executeTakeFirst()) ?? null;
  }

  async insert(db: Executor, row: Insertable<InspectionsTable>): Promise<number> {
    return (await db.insertInto('inspections').values(row).returning('id').executeTakeFirstOrThrow()).id;
  }

  async update(
    db: Executor,
    id: number,
    version: number,
    changes: Updateable<InspectionsTable>,
  ): Promise<boolean> {
    return updateVersioned(db, 'inspections', id, version, changes);
  }

  async findings(db: Executor, inspectionIds: readonly number[]): Promise<FindingRow[]> {
    if (inspectionIds.length === 0) return [];
    return db
      .selectFrom('inspection_findings')
      .selectAll()
      .where('inspection_id', 'in', [...inspectionIds])
      .orderBy('id')
      .execute();
  }

  async insertFinding(db: Executor, row: Insertable<InspectionFindingsTable>): Promise<number> {
    return (await db.insertInto('inspection_findings').values(row).returning('id').executeTakeFirstOrThrow())
      .id;
  }

  async updateFinding(
    db: Executor,
    id: number,
    version: number,
    changes: Updateable<InspectionFindingsTable>,
  ): Promise<boolean> {
    return updateVersioned(db, 'inspection_findings', id, version, changes);
  }
}
