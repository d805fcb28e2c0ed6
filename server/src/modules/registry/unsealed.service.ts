import {
  findNuclide,
  Permission,
  type PutUnsealedBody,
  type UnsealedListQuery,
  type UnsealedRecord,
} from '@sievert/core';
import type { Clock } from '../../adapters/clock.js';
import type { Db } from '../../db/database.js';
import { AppError, invalidField } from '../../errors.js';
import { dataScope, hasPermission, requirePermission, type Actor } from '../auth/actor.js';
import type { AuditService } from '../auth/audit.service.js';
import { organisationScopeCondition } from '../auth/scope.js';
import type { FacilityService } from './facility.service.js';
import { localDate } from './source.service.js';

/** Nuclear-medicine nuclides are not tracked one by one but as monthly quantities received and used. */
export class UnsealedService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly facilities: FacilityService,
    private readonly timeZone: string,
  ) {}

  async list(actor: Actor, query: UnsealedListQuery): Promise<UnsealedRecord[]> {
    requirePermission(actor, Permission.SourceRead);
    let q = this.db
      .selectFrom('unsealed_records')
      .innerJoin('organisations', 'organisations.id', 'unsealed_records.facility_id')
      .where((eb) => organisationScopeCondition(eb, dataScope(actor)))
      .selectAll('unsealed_records')
      .select('organisations.name as facility_name');
    if (query.facilityId !== undefined) q = q.where('unsealed_records.facility_id', '=', query.facilityId);
    if (query.year !== undefined) q = q.where('unsealed_records.period', 'like', `${query.year}-%`);
    if (query.nuclide) q = q.where('unsealed_records.nuclide', '=', query.nuclide);
    const rows = await q
      .orderBy('unsealed_records.period')
      .orderBy('unsealed_records.nuclide')
      .limit(10_000)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      facilityId: r.facility_id,
      facilityName: r.facility_name,
      nuclide: r.nuclide,
      period: r.period,
      receivedBq: r.received_bq,
      usedBq: r.used_bq,
      note: r.note,
      updatedAt: r.updated_at,
    }));
  }

  /** One record per facility, nuclide and month: a second report for the same month replaces the first. */
  async put(actor: Actor, body: PutUnsealedBody): Promise<UnsealedRecord> {
    if (!hasPermission(actor, Permission.SourceManage)) {
      requirePermission(actor, Permission.SourceManageOwn);
      if (actor.organisationId !== body.facilityId) throw new AppError('auth.forbidden');
    }
    const nuclide = findNuclide(body.nuclide);
    if (!nuclide || nuclide.sealed) throw invalidField('/nuclide', 'not_allowed_value');
    if (body.period > localDate(this.clock.now(), this.timeZone).slice(0, 7))
      throw invalidField('/period', 'in_future');
    await this.db.transaction().execute(async (trx) => {
      if (!(await this.facilities.findUnscoped(trx, body.facilityId)))
        throw invalidField('/facilityId', 'not_a_facility');
      const values = {
        received_bq: body.receivedBq,
        used_bq: body.usedBq,
        note: body.note?.trim() || null,
        updated_at: this.clock.now().toISOString(),
        updated_by: actor.userId,
      };
      await trx
        .insertInto('unsealed_records')
        .values({ facility_id: body.facilityId, nuclide: nuclide.name, period: body.period, ...values })
        .onConflict((oc) => oc.columns(['facility_id', 'nuclide', 'period']).doUpdateSet(values))
        .execute();
      await this.audit.record(trx, actor, {
        action: 'unsealed.report',
        entityType: 'facility',
        entityId: body.facilityId,
        after: body,
      });
    });
    const [record] = (await this.list(actor, { facilityId: body.facilityId, nuclide: nuclide.name })).filter(
      (r) => r.period === body.period,
    );
    return record!;
  }
}
