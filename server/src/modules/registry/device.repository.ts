import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { DeviceQaTestsTable, DevicesTable } from '../../db/schema.js';
import type { DataScope } from '../auth/actor.js';
import { organisationScopeCondition } from '../auth/scope.js';
import { updateVersioned } from '../../db/versioned.js';

export interface DeviceFilter {
  facilityId?: number | undefined;
  type?: string | undefined;
  status?: string | undefined;
  communeCode?: string | undefined;
  search?: string | undefined;
}

export class DeviceRepository {
  private base(db: Executor, scope: DataScope) {
    return db
      .selectFrom('devices')
      .innerJoin('organisations', 'organisations.id', 'devices.facility_id')
      .where((eb) => organisationScopeCondition(eb, scope))
      .selectAll('devices')
      .select(['organisations.name as facility_name', 'organisations.commune_code']);
  }

  /** All matching rows; QA status depends on today, so it is filtered and paged after computing. */
  async listAll(db: Executor, scope: DataScope, f: DeviceFilter) {
    let q = this.base(db, scope);
    if (f.facilityId !== undefined) q = q.where('devices.facility_id', '=', f.facilityId);
    if (f.type) q = q.where('devices.device_type', '=', f.type);
    if (f.status) q = q.where('devices.status', '=', f.status);
    if (f.communeCode) q = q.where('organisations.commune_code', '=', f.communeCode);
    if (f.search) q = q.where('devices.search_text', 'like', f.search);
    return q.orderBy('devices.facility_id').orderBy('devices.device_type').orderBy('devices.id').execute();
  }

  async findById(db: Executor, id: number, scope: DataScope) {
    return (await this.base(db, scope).where('devices.id', '=', id).executeTakeFirst()) ?? null;
  }

  async insert(db: Executor, row: Insertable<DevicesTable>): Promise<number> {
    return (await db.insertInto('devices').values(row).returning('id').executeTakeFirstOrThrow()).id;
  }

  async update(
    db: Executor,
    id: number,
    version: number,
    changes: Updateable<DevicesTable>,
  ): Promise<boolean> {
    return updateVersioned(db, 'devices', id, version, changes);
  }

  /** The latest QA test of each device, in one query. */
  async latestQa(db: Executor, deviceIds: readonly number[]) {
    if (deviceIds.length === 0) return [];
    const rows = [];
    // Chunks keep the IN list well below SQLite's parameter limit.
    for (let i = 0; i < deviceIds.length; i += 500) {
      const chunk = deviceIds.slice(i, i + 500);
      rows.push(
        ...(await db
          .selectFrom('device_qa_tests as t')
          .selectAll('t')
          .where('t.device_id', 'in', chunk)
          .where((outer) =>
            outer.not(
              outer.exists(
                outer
                  .selectFrom('device_qa_tests as u')
                  .select('u.id')
                  .whereRef('u.device_id', '=', 't.device_id')
                  .where((eb) =>
                    eb.or([
                      eb('u.tested_on', '>', eb.ref('t.tested_on')),
                      eb.and([
                        eb('u.tested_on', '=', eb.ref('t.tested_on')),
                        eb('u.id', '>', eb.ref('t.id')),
                      ]),
                    ]),
                  ),
              ),
            ),
          )
          .execute()),
      );
    }
    return rows;
  }

  async qaTests(db: Executor, deviceId: number) {
    return db
      .selectFrom('device_qa_tests')
      .selectAll()
      .where('device_id', '=', deviceId)
      .orderBy('tested_on', 'desc')
      .orderBy('id', 'desc')
      .execute();
  }

  async insertQa(db: Executor, row: Insertable<DeviceQaTestsTable>): Promise<number> {
    return (await db.insertInto('device_qa_tests').values(row).returning('id').executeTakeFirstOrThrow()).id;
  }
}
