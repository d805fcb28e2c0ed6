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
  type InventoryCampaignSummary,
  type InventoryDiscrepancy,
  type InventoryFinding,
  type InventoryFindingQuery,
  type SourceStatus,
} from '@sievert/core';
import type { Clock } from '../../adapters/clock.js';
import type { Selectable } from 'kysely';
import type { Db, Executor } from '../../db/database.js';
import type { InventoryFindingsTable } from '../../db/schema.js';
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
          closed_at: null,
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
    const open = await this.db
      .selectFrom('inventory_findings')
      .select(['facility_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('year', '=', year)
      .where('status', '=', 'open')
      .groupBy('facility_id')
      .execute();
    const openBy = new Map(open.map((r) => [r.facility_id, Number(r.n)]));
    return {
      year,
      dueOn: c.due_on,
      status: c.status as InventoryCampaign['status'],
      closedAt: c.closed_at,
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
          openFindings: openBy.get(f.id) ?? 0,
        })),
    };
  }

  async facility(actor: Actor, year: number, facilityId: number): Promise<FacilityInventory> {
    requirePermission(actor, Permission.SourceRead);
    const facility = await this.facilities.get(actor, facilityId);
    const campaign = await this.db
      .selectFrom('inventory_campaigns')
      .select('status')
      .where('year', '=', year)
      .executeTakeFirst();
    if (!campaign) throw notFound('inventory', year);
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
      // While the year is open the list follows the register (a facility may confirm again after a transfer);
      // once closed it is the list the facility confirmed.
      expected:
        confirmation && campaign.status !== 'open'
          ? (JSON.parse(confirmation.expected) as FacilityInventory['expected'])
          : await this.expected(this.db, facilityId),
      confirmedAt: confirmation?.confirmed_at ?? null,
      confirmedBy: confirmation?.confirmed_by_name ?? null,
      items: confirmation ? (JSON.parse(confirmation.items) as FacilityInventory['items']) : [],
      extra: confirmation ? (JSON.parse(confirmation.extra) as FacilityInventory['extra']) : [],
      discrepancies: confirmation ? (JSON.parse(confirmation.discrepancies) as InventoryDiscrepancy[]) : [],
      findings: await this.findingRows(this.db, year, { facilityId }),
    };
  }

  /** Every year's campaign with its progress, newest first. */
  async campaigns(actor: Actor): Promise<InventoryCampaignSummary[]> {
    requirePermission(actor, Permission.SourceRead);
    const rows = await this.db
      .selectFrom('inventory_campaigns')
      .selectAll()
      .orderBy('year', 'desc')
      .execute();
    const result: InventoryCampaignSummary[] = [];
    for (const c of rows) {
      const detail = await this.campaign(actor, c.year);
      result.push({
        year: c.year,
        dueOn: c.due_on,
        status: c.status as InventoryCampaignSummary['status'],
        closedAt: c.closed_at,
        facilities: detail.facilities.length,
        confirmed: detail.facilities.filter((f) => f.confirmedAt !== null).length,
        openFindings: detail.facilities.reduce((sum, f) => sum + f.openFindings, 0),
      });
    }
    return result;
  }

  /** The differences of a year within the caller's scope. */
  async findings(actor: Actor, year: number, query: InventoryFindingQuery): Promise<InventoryFinding[]> {
    requirePermission(actor, Permission.SourceRead);
    const visible = new Set(
      (await this.facilities.repo.list(this.db, dataScope(actor), { limit: 1_000_000, offset: 0 })).items.map(
        (f) => f.id,
      ),
    );
    const rows = await this.findingRows(this.db, year, query);
    return rows.filter((f) => visible.has(f.facilityId));
  }

  /** The Department closes a difference with what was done (source found, register corrected, incident opened…). */
  async resolve(actor: Actor, year: number, id: number, resolution: string): Promise<InventoryFinding> {
    requirePermission(actor, Permission.SourceManage);
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('inventory_findings')
        .selectAll()
        .where('id', '=', id)
        .where('year', '=', year)
        .executeTakeFirst();
      if (!row) throw notFound('inventory_finding', id);
      if (row.status !== 'open')
        throw new AppError('entity.conflict', {}, { currentVersion: null, status: row.status });
      const now = this.clock.now().toISOString();
      await trx
        .updateTable('inventory_findings')
        .set({
          status: 'resolved',
          resolution: resolution.trim(),
          resolved_at: now,
          resolved_by_name: actor.displayName,
        })
        .where('id', '=', id)
        .execute();
      await this.audit.record(trx, actor, {
        action: 'inventory.resolve',
        entityType: 'inventory',
        entityId: `${year}:${row.facility_id}`,
        before: { findingId: id, status: 'open' },
        after: { findingId: id, status: 'resolved', resolution },
      });
      return (await this.findingRows(trx, year, { id }))[0]!;
    });
  }

  /** No more confirmations for the year; open differences stay open until resolved. */
  async close(actor: Actor, year: number): Promise<InventoryCampaign> {
    requirePermission(actor, Permission.SourceManage);
    await this.db.transaction().execute(async (trx) => {
      const c = await trx
        .selectFrom('inventory_campaigns')
        .selectAll()
        .where('year', '=', year)
        .executeTakeFirst();
      if (!c) throw notFound('inventory', year);
      if (c.status !== 'open') throw invalidField('/year', 'not_allowed_value');
      await trx
        .updateTable('inventory_campaigns')
        .set({ status: 'closed', closed_at: this.clock.now().toISOString() })
        .where('year', '=', year)
        .execute();
      await this.audit.record(trx, actor, {
        action: 'inventory.close',
        entityType: 'inventory',
        entityId: year,
        before: { status: 'open' },
        after: { status: 'closed' },
      });
    });
    return this.campaign(actor, year);
  }

  private async findingRows(
    db: Executor,
    year: number,
    f: { facilityId?: number | undefined; status?: string | undefined; id?: number },
  ): Promise<InventoryFinding[]> {
    let q = db
      .selectFrom('inventory_findings')
      .innerJoin('organisations', 'organisations.id', 'inventory_findings.facility_id')
      .selectAll('inventory_findings')
      .select('organisations.name as facility_name')
      .where('inventory_findings.year', '=', year);
    if (f.facilityId !== undefined) q = q.where('inventory_findings.facility_id', '=', f.facilityId);
    if (f.status) q = q.where('inventory_findings.status', '=', f.status);
    if (f.id !== undefined) q = q.where('inventory_findings.id', '=', f.id);
    const rows = await q.orderBy('inventory_findings.id').execute();
    return rows.map((r) => findingView(r));
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
      // A new confirmation replaces the differences still open; resolved ones stay as the record.
      await trx
        .deleteFrom('inventory_findings')
        .where('year', '=', year)
        .where('facility_id', '=', facilityId)
        .where('status', '=', 'open')
        .execute();
      if (discrepancies.length > 0)
        await trx
          .insertInto('inventory_findings')
          .values(
            discrepancies.map((d) => ({
              year,
              facility_id: facilityId,
              kind: d.kind,
              source_id: d.sourceId,
              nuclide: d.nuclide,
              serial: d.serial,
              note: d.note,
              status: 'open',
              resolution: null,
              resolved_at: null,
              resolved_by_name: null,
              created_at: values.confirmed_at,
            })),
          )
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

function findingView(r: Selectable<InventoryFindingsTable> & { facility_name: string }): InventoryFinding {
  return {
    id: r.id,
    year: r.year,
    facilityId: r.facility_id,
    facilityName: r.facility_name,
    kind: r.kind as InventoryFinding['kind'],
    sourceId: r.source_id,
    nuclide: r.nuclide,
    serial: r.serial,
    note: r.note,
    status: r.status as InventoryFinding['status'],
    resolution: r.resolution,
    resolvedAt: r.resolved_at,
    resolvedBy: r.resolved_by_name,
    createdAt: r.created_at,
  };
}
