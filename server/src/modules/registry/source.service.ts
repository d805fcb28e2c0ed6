import {
  aOverD,
  categoryOf,
  decayedActivity,
  findNuclide,
  likePattern,
  Permission,
  searchKey,
  sortBy,
  statusAfter,
  type CreateSourceBody,
  type CreateTransactionBody,
  type Source,
  type SourceListQuery,
  type SourceLocation as SourceLocationView,
  type SourcePage,
  type SourceStatus,
  type SourceTransaction,
  type SourceUse,
  type TransactionType,
  type UpdateSourceBody,
} from '@sievert/core';
import type { Clock } from '../../adapters/clock.js';
import type { Db, Executor } from '../../db/database.js';
import type { SourceTransactionRow } from '../../db/schema.js';
import { AppError, invalidField, notFound } from '../../errors.js';
import { dataScope, hasPermission, requirePermission, type Actor } from '../auth/actor.js';
import type { AuditService } from '../auth/audit.service.js';
import type { LicenceService } from '../licensing/licence.service.js';
import type { FacilityService } from './facility.service.js';
import { SourceRepository, type SourceWithHolder } from './source.repository.js';

/** The calendar date at `now` in the province's time zone, as YYYY-MM-DD. */
const DATE_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) of an instant in a time zone; the formatter is made once per zone. */
export function localDate(now: Date, timeZone: string): string {
  let format = DATE_FORMATS.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    DATE_FORMATS.set(timeZone, format);
  }
  return format.format(now);
}

/** A source held in use or in store needs a valid licence covering it (Law 94/2025: licence to use or store). */
const NEEDS_LICENCE: readonly SourceStatus[] = ['in_use', 'stored'];
/** Sources physically at the facility, whose places are categorised together. */
const ON_SITE: readonly SourceStatus[] = ['in_use', 'stored', 'disused', 'found'];

export interface SourceSummary {
  byCategory: Record<string, number>;
  byStatus: Record<string, number>;
  total: number;
}

export class SourceService {
  private readonly repo = new SourceRepository();
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly facilities: FacilityService,
    private readonly licences: LicenceService,
    private readonly timeZone: string,
  ) {}

  async list(actor: Actor, query: SourceListQuery): Promise<SourcePage> {
    requirePermission(actor, Permission.SourceRead);
    const rows = await this.repo.listAll(this.db, dataScope(actor), {
      facilityId: query.facilityId,
      nuclide: query.nuclide,
      status: query.status,
      communeCode: query.communeCode,
      search: query.q ? likePattern(searchKey(query.q)) : undefined,
    });
    const licensed = await this.licences.covered(
      this.db,
      'source',
      rows.map((r) => r.id),
    );
    let items = rows.map((r) => this.view(actor, r, licensed.has(r.id)));
    if (query.category !== undefined) items = items.filter((s) => s.category === query.category);
    if (query.unlicensed !== undefined) items = items.filter((s) => s.unlicensed === query.unlicensed);
    // Free text must not find withheld serials: search again on what the caller may see.
    if (query.q)
      items = items.filter(
        (s) => !s.restricted || searchKey(s.nuclide, s.facilityName).includes(searchKey(query.q)),
      );
    items = sortBy(
      items,
      query.sort,
      (item, field) => (item as unknown as Record<string, string | number | boolean | null>)[field] ?? null,
    );
    const offset = query.offset ?? 0;
    return { items: items.slice(offset, offset + (query.limit ?? 50)), total: items.length };
  }

  /**
   * The facility's sources on site grouped by where they are kept, each place with Σ A/D and its aggregate
   * category (IAEA RS-G-1.9 §3.6: co-located sources are categorised together). Without need to know, a place of
   * category 1–3 shows its category and count only.
   */
  async locations(actor: Actor, facilityId: number): Promise<SourceLocationView[]> {
    requirePermission(actor, Permission.SourceRead);
    await this.facilities.get(actor, facilityId);
    const rows = (await this.repo.listAll(this.db, dataScope(actor), { facilityId })).filter((r) =>
      ON_SITE.includes(r.status as SourceStatus),
    );
    const groups = new Map<string, { label: string; rows: SourceWithHolder[] }>();
    for (const row of rows) {
      const label = row.location?.trim() || '';
      const key = searchKey(label);
      const group = groups.get(key) ?? { label, rows: [] };
      group.rows.push(row);
      groups.set(key, group);
    }
    const privileged =
      hasPermission(actor, Permission.SourceReadSensitive) || actor.organisationId === facilityId;
    return [...groups.values()]
      .map(({ label, rows: members }) => {
        const ratio = members.reduce((sum, r) => sum + (this.compute(r).aOverD ?? 0), 0);
        const category = categoryOf(ratio);
        const restricted = !privileged && category <= 3;
        return {
          location: restricted ? null : label || null,
          sources: members.length,
          nuclides: [...new Set(members.map((r) => r.nuclide))].sort(),
          aOverD: restricted ? null : ratio,
          category,
          restricted,
        };
      })
      .sort((a, b) => a.category - b.category || b.sources - a.sources);
  }

  /** Counts anyone in scope may see, whatever the need-to-know rules withhold. */
  async summary(actor: Actor): Promise<SourceSummary> {
    requirePermission(actor, Permission.SourceRead);
    const rows = await this.repo.listAll(this.db, dataScope(actor), {});
    const byCategory: Record<string, number> = {};
    const byStatus: Record<string, number> = {};
    for (const r of rows) {
      const s = this.compute(r);
      const key = s.category === null ? 'unknown' : String(s.category);
      byCategory[key] = (byCategory[key] ?? 0) + 1;
      byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    }
    return { byCategory, byStatus, total: rows.length };
  }

  async get(actor: Actor, id: number): Promise<Source> {
    requirePermission(actor, Permission.SourceRead);
    const row = await this.repo.findById(this.db, id, dataScope(actor));
    if (!row) throw notFound('source', id);
    return this.view(actor, row, (await this.licences.covered(this.db, 'source', [id])).has(id));
  }

  async create(actor: Actor, body: CreateSourceBody): Promise<Source> {
    this.requireManage(actor, body.facilityId);
    const nuclide = findNuclide(body.nuclide);
    if (!nuclide) throw invalidField('/nuclide', 'unknown_nuclide');
    const today = localDate(this.clock.now(), this.timeZone);
    if (body.referenceDate > today) throw invalidField('/referenceDate', 'in_future');
    const receivedOn = body.receivedOn ?? today;
    if (receivedOn > today) throw invalidField('/receivedOn', 'in_future');
    const manufacturer = body.manufacturer?.trim() ?? '';
    const serial = body.serial.trim();
    return this.db.transaction().execute(async (trx) => {
      const facility = await this.facilities.findUnscoped(trx, body.facilityId);
      if (!facility) throw invalidField('/facilityId', 'not_a_facility');
      if (await this.repo.findByIdentity(trx, nuclide.name, manufacturer, serial)) {
        throw new AppError('source.duplicate', { nuclide: nuclide.name, serial }, { field: '/serial' });
      }
      const now = this.clock.now().toISOString();
      const initial: TransactionType[] = body.status === 'in_use' ? ['receipt', 'install'] : ['receipt'];
      const status = initial.reduce<SourceStatus | null>((s, t) => statusAfter(s, t), null)!;
      const id = await this.repo.insert(trx, {
        facility_id: body.facilityId,
        nuclide: nuclide.name,
        serial,
        manufacturer,
        model: body.model?.trim() || null,
        reference_activity_bq: body.referenceActivityBq,
        reference_date: body.referenceDate,
        form: body.form?.trim() || null,
        source_use: body.use ?? 'other',
        location: body.location?.trim() || null,
        status,
        pending_transfer_to: null,
        search_text: searchKey(nuclide.name, serial, manufacturer, body.model, body.location),
        created_at: now,
        updated_at: now,
        version: 1,
      });
      let running: SourceStatus | null = null;
      for (const type of initial) {
        running = statusAfter(running, type)!;
        await this.repo.appendTransaction(trx, {
          sourceId: id,
          type,
          occurredOn: receivedOn,
          recordedAt: now,
          facilityId: body.facilityId,
          counterpartyFacilityId: null,
          counterpartyName: null,
          location: body.location?.trim() || null,
          note: null,
          statusAfter: running,
          matchedTransactionId: null,
          recordedBy: actor.userId,
        });
      }
      const created = (await this.repo.findById(trx, id, { level: 'province' }))!;
      await this.audit.record(trx, actor, {
        action: 'source.create',
        entityType: 'source',
        entityId: id,
        after: created,
      });
      return this.view(actor, created, false);
    });
  }

  async update(actor: Actor, id: number, body: UpdateSourceBody): Promise<Source> {
    const current = await this.getRowForWrite(actor, id);
    return this.db.transaction().execute(async (trx) => {
      if (body.version !== undefined && body.version !== current.version)
        throw new AppError('entity.conflict', {}, { currentVersion: current.version });
      const changes = {
        ...(body.model !== undefined ? { model: body.model?.trim() || null } : {}),
        ...(body.form !== undefined ? { form: body.form?.trim() || null } : {}),
        ...(body.use !== undefined ? { source_use: body.use } : {}),
        updated_at: this.clock.now().toISOString(),
      };
      if (!(await this.repo.update(trx, id, current.version, changes)))
        throw new AppError('entity.conflict', {}, { currentVersion: current.version });
      const after = (await this.repo.findById(trx, id, { level: 'province' }))!;
      await this.audit.record(trx, actor, {
        action: 'source.update',
        entityType: 'source',
        entityId: id,
        before: current,
        after,
      });
      return this.view(actor, after, (await this.licences.covered(trx, 'source', [id])).has(id));
    });
  }

  async transactions(actor: Actor, id: number): Promise<SourceTransaction[]> {
    const source = await this.get(actor, id);
    // The ledger tells where a source has been: withheld like the source's own details.
    if (source.restricted) throw notFound('source', id);
    const rows = await this.repo.transactions(this.db, id);
    const matched = new Set(rows.map((r) => r.matched_transaction_id).filter((x): x is number => x !== null));
    return rows.map((r) => toTransaction(r, matched));
  }

  /**
   * Appends a transaction to a source's ledger. `options.trx`: inside the caller's transaction (an incident
   * report records a loss or a find with the report itself); `options.reportedIncident`: the caller has checked
   * the actor may report this loss or find as an incident (a source within the actor's scope), which stands in
   * for the holder's right to manage the source.
   */
  async recordTransaction(
    actor: Actor,
    id: number,
    body: CreateTransactionBody,
    options: { trx?: Executor; reportedIncident?: boolean } = {},
  ): Promise<SourceTransaction> {
    requirePermission(actor, Permission.SourceRead);
    const today = localDate(this.clock.now(), this.timeZone);
    if (body.occurredOn > today) throw invalidField('/occurredOn', 'in_future');
    const incidentReport =
      options.reportedIncident === true && (body.type === 'loss_theft' || body.type === 'found');
    const run = async (trx: Executor) => {
      const source = await this.repo.findById(trx, id, dataScope(actor));
      if (!source) throw notFound('source', id);
      const receiving = body.type === 'transfer_in' && source.pending_transfer_to !== null;
      // The holder records what happens to its source; a transfer in is recorded by the receiving facility.
      if (!incidentReport)
        this.requireManage(actor, receiving ? source.pending_transfer_to! : source.facility_id);
      const next = statusAfter(source.status as SourceStatus, body.type);
      if (next === null || (body.type === 'transfer_in' && !receiving)) {
        throw new AppError(
          'source.transaction_not_allowed',
          { type: body.type, status: source.status },
          { field: '/type', status: source.status },
        );
      }
      const last = await this.repo.lastTransaction(trx, id);
      if (last && body.occurredOn < last.occurred_on)
        throw invalidField('/occurredOn', 'too_small', { limit: last.occurred_on });
      if (body.type === 'move' && !body.location) throw invalidField('/location', 'required');

      let counterpartyFacilityId = body.counterpartyFacilityId ?? null;
      if (body.type === 'transfer_out') {
        if (counterpartyFacilityId === null && !body.counterpartyName)
          throw invalidField('/counterpartyFacilityId', 'required');
        if (counterpartyFacilityId !== null) {
          if (counterpartyFacilityId === source.facility_id)
            throw invalidField('/counterpartyFacilityId', 'invalid');
          if (!(await this.facilities.findUnscoped(trx, counterpartyFacilityId)))
            throw invalidField('/counterpartyFacilityId', 'not_a_facility');
        }
      }
      let matchedTransactionId: number | null = null;
      let holder = source.facility_id;
      if (receiving) {
        matchedTransactionId = last?.type === 'transfer_out' ? last.id : null;
        counterpartyFacilityId = source.facility_id;
        holder = source.pending_transfer_to!;
      }
      const location = body.location?.trim() || null;
      const now = this.clock.now().toISOString();
      const transactionId = await this.repo.appendTransaction(trx, {
        sourceId: id,
        type: body.type,
        occurredOn: body.occurredOn,
        recordedAt: now,
        facilityId: holder,
        counterpartyFacilityId,
        counterpartyName: body.counterpartyName?.trim() || null,
        location,
        note: body.note?.trim() || null,
        statusAfter: next,
        matchedTransactionId,
        recordedBy: actor.userId,
      });
      const changes = {
        status: next,
        facility_id: holder,
        pending_transfer_to: body.type === 'transfer_out' ? counterpartyFacilityId : null,
        ...(location && ['move', 'install', 'store', 'found', 'transfer_in'].includes(body.type)
          ? { location }
          : {}),
        updated_at: now,
      };
      if (!(await this.repo.update(trx, id, source.version, changes)))
        throw new AppError('entity.conflict', {}, { currentVersion: source.version });
      await this.audit.record(trx, actor, {
        action: `source.${body.type}`,
        entityType: 'source',
        entityId: id,
        before: { status: source.status, facilityId: source.facility_id, location: source.location },
        after: {
          status: next,
          facilityId: holder,
          location: changes.location ?? source.location,
          transactionId,
          counterpartyFacilityId,
        },
      });
      const rows = await this.repo.transactions(trx, id);
      const matched = new Set(
        rows.map((r) => r.matched_transaction_id).filter((x): x is number => x !== null),
      );
      return toTransaction(
        rows.find((r) => r.id === transactionId)!,
        matched,
      );
    };
    return options.trx ? run(options.trx) : this.db.transaction().execute(run);
  }

  private requireManage(actor: Actor, facilityId: number): void {
    if (hasPermission(actor, Permission.SourceManage)) return;
    requirePermission(actor, Permission.SourceManageOwn);
    if (actor.organisationId !== facilityId) throw new AppError('auth.forbidden');
  }

  private async getRowForWrite(actor: Actor, id: number): Promise<SourceWithHolder> {
    const row = await this.repo.findById(this.db, id, dataScope(actor));
    if (!row) throw notFound('source', id);
    this.requireManage(actor, row.facility_id);
    return row;
  }

  private compute(row: SourceWithHolder) {
    const nuclide = findNuclide(row.nuclide);
    if (!nuclide) return { currentActivityBq: null, aOverD: null, category: null };
    const current = decayedActivity(
      row.reference_activity_bq,
      new Date(`${row.reference_date}T00:00:00Z`),
      this.clock.now(),
      nuclide.halfLifeSeconds,
    );
    const ratio = nuclide.dValueTBq ? aOverD(current, nuclide.dValueTBq.value) : null;
    return { currentActivityBq: current, aOverD: ratio, category: ratio === null ? null : categoryOf(ratio) };
  }

  /** Need to know: category 1–3 details go to DOST staff, inspectors and the holder only. */
  private view(actor: Actor, row: SourceWithHolder, licensed: boolean): Source {
    const c = this.compute(row);
    const privileged =
      hasPermission(actor, Permission.SourceReadSensitive) ||
      actor.organisationId === row.facility_id ||
      actor.organisationId === row.pending_transfer_to;
    const restricted = !privileged && c.category !== null && c.category <= 3;
    return {
      id: row.id,
      facilityId: row.facility_id,
      facilityName: row.facility_name,
      communeCode: row.commune_code,
      nuclide: row.nuclide,
      serial: restricted ? null : row.serial,
      manufacturer: restricted ? null : row.manufacturer || null,
      model: restricted ? null : row.model,
      referenceActivityBq: restricted ? null : row.reference_activity_bq,
      referenceDate: restricted ? null : row.reference_date,
      currentActivityBq: restricted ? null : c.currentActivityBq,
      aOverD: restricted ? null : c.aOverD,
      category: c.category,
      form: row.form,
      use: row.source_use as SourceUse,
      location: restricted ? null : row.location,
      status: row.status as SourceStatus,
      pendingTransferTo: row.pending_transfer_to,
      pendingTransferToName: row.pending_name ?? null,
      restricted,
      licensed,
      unlicensed: NEEDS_LICENCE.includes(row.status as SourceStatus) && !licensed,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      version: row.version,
    };
  }
}

function toTransaction(
  r: SourceTransactionRow & { counterparty_facility_name: string | null },
  matched: ReadonlySet<number>,
): SourceTransaction {
  return {
    id: r.id,
    sourceId: r.source_id,
    type: r.type as TransactionType,
    occurredOn: r.occurred_on,
    recordedAt: r.recorded_at,
    facilityId: r.facility_id,
    counterpartyFacilityId: r.counterparty_facility_id,
    counterpartyName: r.counterparty_facility_name ?? r.counterparty_name,
    location: r.location,
    note: r.note,
    statusAfter: r.status_after as SourceStatus,
    matchedTransactionId: r.matched_transaction_id,
    unmatched: r.type === 'transfer_out' && r.counterparty_facility_id !== null && !matched.has(r.id),
  };
}
