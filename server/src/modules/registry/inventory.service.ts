/**
 * Yearly inventory reconciliation (NSTS-style annual reconciliation): the Department opens a campaign for a year;
 * each facility confirms, source by source, what it holds and lists what the registry lacks. Differences become
 * findings the Department follows up.
 */
import {
  Permission,
  type ConfirmInventoryBody,
  type FacilityInventory,
  type InventoryCampaign,
  type InventoryDiscrepancy,
  type SourceStatus,
} from '@sievert/core';
import type { Clock } from '../../adapters/clock.js';
import type { Db, Executor } from '../../db/database.js';
import { AppError, invalidField, notFound } from '../../errors.js';
import { dataScope, hasPermission, requirePermission, type Actor } from '../auth/actor.js';
import type { AuditService } from '../auth/audit.service.js';
import type { FacilityService } from './facility.service.js';

/** Sources a facility should still physically hold. */
const ON_SITE: readonly SourceStatus[] = ['in_use', 'stored', 'disused', 'found'];

export class InventoryService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly facilities: FacilityService,
  ) {}

  async open(actor: Actor, year: number, dueOn: string): Promise<InventoryCampaign> {
    requirePermission(actor, Permission.SourceManage);
    await this.db.transaction().execute(async (trx) => {
      if (
        await trx.selectFrom('inventory_campaigns').select('year').where('year', '=', year).executeTakeFirst()
      )
        throw invalidField('/year', 'already_exists');
      await trx
        .insertInto('inventory_campaigns')
        .values({
          year,
          due_on: dueOn,
          status: 'open',
          created_at: this.clock.now().toISOString(),
          created_by: actor.userId,
        })
        .execute();
      await this.audit.record(trx, actor, {
        action: 'inventory.open',
        entityType: 'inventory',
        entityId: year,
        after: { year, dueOn },
      });
    });
    return this.campaign(actor, year);
  }

  async campaign(actor: Actor, year: number): Promise<InventoryCampaign> {
    requirePermission(actor, Permission.SourceRead);
    const c = await this.db
      .selectFrom('inventory_campaigns')
      .selectAll()
      .where('year', '=', year)
      .executeTakeFirst();
    if (!c) throw notFound('inventory', year);
    const facilities = (
      await this.facilities.repo.list(this.db, dataScope(actor), { limit: 1_000_000, offset: 0 })
    ).items;
    const counts = await this.expectedCounts(this.db);
    const confirmations = await this.db
      .selectFrom('inventory_confirmations')
      .select(['facility_id', 'confirmed_at', 'discrepancies'])
      .where('year', '=', year)
      .execute();
    const byFacility = new Map(confirmations.map((r) => [r.facility_id, r]));
    return {
      year,
      dueOn: c.due_on,
      status: c.status as InventoryCampaign['status'],
      facilities: facilities
        .filter((f) => (counts.get(f.id) ?? 0) > 0 || byFacility.has(f.id))
        .map((f) => ({
          facilityId: f.id,
          facilityName: f.name,
          expectedSources: counts.get(f.id) ?? 0,
          confirmedAt: byFacility.get(f.id)?.confirmed_at ?? null,
          discrepancies: byFacility.has(f.id)
            ? (JSON.parse(byFacility.get(f.id)!.discrepancies) as unknown[]).length
            : 0,
        })),
    };
  }

  async facility(actor: Actor, year: number, facilityId: number): Promise<FacilityInventory> {
    requirePermission(actor, Permission.SourceRead);
    const facility = await this.facilities.get(actor, facilityId);
    if (
      !(await this.db
        .selectFrom('inventory_campaigns')
        .select('year')
        .where('year', '=', year)
        .executeTakeFirst())
    )
      throw notFound('inventory', year);
    const confirmation = await this.db
      .selectFrom('inventory_confirmations')
      .selectAll()
      .where('year', '=', year)
      .where('facility_id', '=', facilityId)
      .executeTakeFirst();
    return {
      year,
      facilityId,
      facilityName: facility.name,
      expected: confirmation
        ? (JSON.parse(confirmation.expected) as FacilityInventory['expected'])
        : await this.expected(this.db, facilityId),
      confirmedAt: confirmation?.confirmed_at ?? null,
      confirmedBy: confirmation?.confirmed_by_name ?? null,
      discrepancies: confirmation ? (JSON.parse(confirmation.discrepancies) as InventoryDiscrepancy[]) : [],
    };
  }

  async confirm(
    actor: Actor,
    year: number,
    facilityId: number,
    body: ConfirmInventoryBody,
  ): Promise<FacilityInventory> {
    if (!hasPermission(actor, Permission.SourceManage)) {
      requirePermission(actor, Permission.SourceManageOwn);
      if (actor.organisationId !== facilityId) throw new AppError('auth.forbidden');
    }
    await this.db.transaction().execute(async (trx) => {
      const campaign = await trx
        .selectFrom('inventory_campaigns')
        .selectAll()
        .where('year', '=', year)
        .executeTakeFirst();
      if (!campaign) throw notFound('inventory', year);
      if (campaign.status !== 'open') throw invalidField('/year', 'not_allowed_value');
      const expected = await this.expected(trx, facilityId);
      const expectedIds = new Set(expected.map((e) => e.sourceId));
      body.items.forEach((item, index) => {
        if (!expectedIds.has(item.sourceId)) throw invalidField(`/items/${index}/sourceId`, 'invalid');
      });
      const listed = new Map(body.items.map((i) => [i.sourceId, i]));
      const discrepancies: InventoryDiscrepancy[] = [
        ...expected
          .filter((e) => !listed.has(e.sourceId))
          .map((e) => ({
            kind: 'not_listed' as const,
            sourceId: e.sourceId,
            nuclide: e.nuclide,
            serial: e.serial,
            note: null,
          })),
        ...body.items
          .filter((i) => !i.present)
          .map((i) => {
            const e = expected.find((x) => x.sourceId === i.sourceId)!;
            return {
              kind: 'not_found_at_facility' as const,
              sourceId: i.sourceId,
              nuclide: e.nuclide,
              serial: e.serial,
              note: i.note ?? null,
            };
          }),
        ...(body.extra ?? []).map((x) => ({
          kind: 'not_in_registry' as const,
          sourceId: null,
          nuclide: x.nuclide,
          serial: x.serial,
          note: x.note ?? null,
        })),
      ];
      const values = {
        expected: JSON.stringify(expected),
        items: JSON.stringify(body.items),
        extra: JSON.stringify(body.extra ?? []),
        discrepancies: JSON.stringify(discrepancies),
        confirmed_at: this.clock.now().toISOString(),
        confirmed_by: actor.userId,
        confirmed_by_name: actor.displayName,
      };
      await trx
        .insertInto('inventory_confirmations')
        .values({ year, facility_id: facilityId, ...values })
        .onConflict((oc) => oc.columns(['year', 'facility_id']).doUpdateSet(values))
        .execute();
      await this.audit.record(trx, actor, {
        action: 'inventory.confirm',
        entityType: 'inventory',
        entityId: `${year}:${facilityId}`,
        after: { year, facilityId, items: body.items.length, discrepancies },
      });
    });
    return this.facility(actor, year, facilityId);
  }

  private async expected(db: Executor, facilityId: number): Promise<FacilityInventory['expected']> {
    const rows = await db
      .selectFrom('sources')
      .select(['id', 'nuclide', 'serial', 'status', 'location'])
      .where('facility_id', '=', facilityId)
      .where('status', 'in', [...ON_SITE])
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      sourceId: r.id,
      nuclide: r.nuclide,
      serial: r.serial,
      status: r.status as SourceStatus,
      location: r.location,
    }));
  }

  private async expectedCounts(db: Executor): Promise<Map<number, number>> {
    const rows = await db
      .selectFrom('sources')
      .select(['facility_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', 'in', [...ON_SITE])
      .groupBy('facility_id')
      .execute();
    return new Map(rows.map((r) => [r.facility_id, Number(r.n)]));
  }
}
