import {
  Permission,
  type CreateFindingBody,
  type CreateInspectionBody,
  type Finding,
  type FindingStatus,
  type Inspection,
  type InspectionListQuery,
  type InspectionPage,
  type InspectionStatus,
  type UpdateFindingBody,
  type UpdateInspectionBody,
} from '@sievert/core';
import type { Clock } from '../../adapters/clock.js';
import type { Db, Executor } from '../../db/database.js';
import { AppError, invalidField, notFound } from '../../errors.js';
import { dataScope, hasPermission, requirePermission, type Actor } from '../auth/actor.js';
import type { AuditService } from '../auth/audit.service.js';
import type { FacilityService } from '../registry/facility.service.js';
import { localDate } from '../registry/source.service.js';
import { InspectionRepository, type FindingRow, type InspectionRow } from './inspection.repository.js';

const FINAL: readonly InspectionStatus[] = ['closed', 'cancelled'];
const NEXT_STATUS: Record<string, readonly InspectionStatus[]> = {
  in_progress: ['planned'],
  completed: ['planned', 'in_progress'],
  cancelled: ['planned', 'in_progress'],
};

export class InspectionService {
  readonly repo = new InspectionRepository();
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly facilities: FacilityService,
    private readonly timeZone: string,
  ) {}

  private today(): string {
    return localDate(this.clock.now(), this.timeZone);
  }

  async list(actor: Actor, query: InspectionListQuery): Promise<InspectionPage> {
    requirePermission(actor, Permission.InspectionRead);
    const { rows, total } = await this.repo.list(this.db, dataScope(actor), {
      ...query,
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
    return { items: await this.views(this.db, rows), total };
  }

  async get(actor: Actor, id: number): Promise<Inspection> {
    const row = await this.find(this.db, actor, id);
    return (await this.views(this.db, [row]))[0]!;
  }

  async create(actor: Actor, body: CreateInspectionBody): Promise<Inspection> {
    requirePermission(actor, Permission.InspectionManage);
    return this.db.transaction().execute(async (trx) => {
      if (!(await this.facilities.findUnscoped(trx, body.facilityId)))
        throw invalidField('/facilityId', 'not_a_facility');
      await this.checkInspectors(trx, body.leadInspectorId ?? null, body.teamUserIds ?? []);
      const now = this.clock.now().toISOString();
      const id = await this.repo.insert(trx, {
        facility_id: body.facilityId,
        year: body.year,
        kind: body.kind ?? 'planned',
        planned_on: body.plannedOn ?? null,
        conducted_on: null,
        status: 'planned',
        lead_inspector_id: body.leadInspectorId ?? actor.userId,
        team_user_ids: JSON.stringify(body.teamUserIds ?? []),
        checklist: '[]',
        summary: null,
        created_at: now,
        updated_at: now,
        version: 1,
      });
      await this.audit.record(trx, actor, {
        action: 'inspection.create',
        entityType: 'inspection',
        entityId: id,
        after: body,
      });
      return (await this.views(trx, [(await this.repo.find(trx, id, { level: 'province' }))!]))[0]!;
    });
  }

  async update(actor: Actor, id: number, body: UpdateInspectionBody): Promise<Inspection> {
    requirePermission(actor, Permission.InspectionManage);
    return this.db.transaction().execute(async (trx) => {
      const row = await this.find(trx, actor, id);
      if (FINAL.includes(row.status as InspectionStatus)) throw new AppError('inspection.not_editable');
      if (body.version !== undefined && body.version !== row.version)
        throw new AppError('entity.conflict', {}, { currentVersion: row.version });
      if (body.status && !NEXT_STATUS[body.status]!.includes(row.status as InspectionStatus))
        throw invalidField('/status', 'not_allowed_value');
      if (body.conductedOn && body.conductedOn > this.today())
        throw invalidField('/conductedOn', 'in_future');
      if (body.status === 'completed' && !(body.conductedOn ?? row.conducted_on))
        throw invalidField('/conductedOn', 'required');
      await this.checkInspectors(trx, body.leadInspectorId ?? null, body.teamUserIds ?? []);
      const changes = {
        ...(body.plannedOn !== undefined ? { planned_on: body.plannedOn } : {}),
        ...(body.conductedOn !== undefined ? { conducted_on: body.conductedOn } : {}),
        ...(body.status !== undefined ? { status: body.status } : {}),
        ...(body.leadInspectorId !== undefined ? { lead_inspector_id: body.leadInspectorId } : {}),
        ...(body.teamUserIds !== undefined ? { team_user_ids: JSON.stringify(body.teamUserIds) } : {}),
        ...(body.checklist !== undefined ? { checklist: JSON.stringify(body.checklist) } : {}),
        ...(body.summary !== undefined ? { summary: body.summary?.trim() || null } : {}),
        updated_at: this.clock.now().toISOString(),
      };
      if (!(await this.repo.update(trx, id, row.version, changes)))
        throw new AppError('entity.conflict', {}, { currentVersion: row.version });
      await this.audit.record(trx, actor, {
        action: 'inspection.update',
        entityType: 'inspection',
        entityId: id,
        before: { status: row.status },
        after: body,
      });
      return (await this.views(trx, [(await this.repo.find(trx, id, { level: 'province' }))!]))[0]!;
    });
  }

  async addFinding(actor: Actor, id: number, body: CreateFindingBody): Promise<Finding> {
    requirePermission(actor, Permission.InspectionManage);
    return this.db.transaction().execute(async (trx) => {
      const row = await this.find(trx, actor, id);
      if (FINAL.includes(row.status as InspectionStatus)) throw new AppError('inspection.not_editable');
      const now = this.clock.now().toISOString();
      const findingId = await this.repo.insertFinding(trx, {
        inspection_id: id,
        description: body.description.trim(),
        severity: body.severity,
        corrective_action: body.correctiveAction?.trim() || null,
        due_on: body.dueOn ?? null,
        status: 'open',
        response: null,
        closed_on: null,
        created_at: now,
        updated_at: now,
        version: 1,
      });
      await this.audit.record(trx, actor, {
        action: 'inspection.finding_add',
        entityType: 'inspection',
        entityId: id,
        after: { findingId, ...body },
      });
      return this.findingView((await this.repo.findings(trx, [id])).find((f) => f.id === findingId)!);
    });
  }

  /**
   * The facility reports a correction (status `done` and a response); an inspector verifies it (`verified`) or
   * sends it back (`open`), and may change the action or its due date.
   */
  async updateFinding(
    actor: Actor,
    id: number,
    findingId: number,
    body: UpdateFindingBody,
  ): Promise<Finding> {
    return this.db.transaction().execute(async (trx) => {
      const inspection = await this.find(trx, actor, id);
      if (inspection.status === 'cancelled' || inspection.status === 'closed')
        throw new AppError('inspection.not_editable');
      const finding = (await this.repo.findings(trx, [id])).find((f) => f.id === findingId);
      if (!finding) throw notFound('finding', findingId);
      const inspector = hasPermission(actor, Permission.InspectionManage);
      if (!inspector) {
        requirePermission(actor, Permission.InspectionRespondOwn);
        if (actor.organisationId !== inspection.facility_id) throw new AppError('auth.forbidden');
        const extra = Object.keys(body).filter((k) => !['status', 'response', 'version'].includes(k));
        if (extra.length > 0 || (body.status !== undefined && body.status !== 'done'))
          throw new AppError('auth.forbidden', {}, { fields: extra });
        // A verified correction is the inspector's conclusion: the facility cannot reopen it.
        if (finding.status === 'verified') throw new AppError('auth.forbidden', {}, { status: 'verified' });
      }
      if (body.version !== undefined && body.version !== finding.version)
        throw new AppError('entity.conflict', {}, { currentVersion: finding.version });
      const status = (body.status ?? finding.status) as FindingStatus;
      const changes = {
        ...(body.status !== undefined
          ? { status, closed_on: status === 'verified' ? this.today() : null }
          : {}),
        ...(body.response !== undefined ? { response: body.response?.trim() || null } : {}),
        ...(body.correctiveAction !== undefined
          ? { corrective_action: body.correctiveAction?.trim() || null }
          : {}),
        ...(body.dueOn !== undefined ? { due_on: body.dueOn } : {}),
        updated_at: this.clock.now().toISOString(),
      };
      if (!(await this.repo.updateFinding(trx, findingId, finding.version, changes)))
        throw new AppError('entity.conflict', {}, { currentVersion: finding.version });
      await this.audit.record(trx, actor, {
        action: 'inspection.finding_update',
        entityType: 'inspection',
        entityId: id,
        before: { findingId, status: finding.status },
        after: { findingId, ...body },
      });
      return this.findingView((await this.repo.findings(trx, [id])).find((f) => f.id === findingId)!);
    });
  }

  /** Closing needs every finding verified as corrected. */
  async close(actor: Actor, id: number): Promise<Inspection> {
    requirePermission(actor, Permission.InspectionManage);
    return this.db.transaction().execute(async (trx) => {
      const row = await this.find(trx, actor, id);
      if (row.status !== 'completed') throw invalidField('/status', 'not_allowed_value');
      const open = (await this.repo.findings(trx, [id])).filter((f) => f.status !== 'verified').length;
      if (open > 0) throw new AppError('inspection.open_findings', { count: open }, { count: open });
      if (
        !(await this.repo.update(trx, id, row.version, {
          status: 'closed',
          updated_at: this.clock.now().toISOString(),
        }))
      )
        throw new AppError('entity.conflict');
      await this.audit.record(trx, actor, {
        action: 'inspection.close',
        entityType: 'inspection',
        entityId: id,
        before: { status: row.status },
        after: { status: 'closed' },
      });
      return (await this.views(trx, [(await this.repo.find(trx, id, { level: 'province' }))!]))[0]!;
    });
  }

  async find(db: Executor, actor: Actor, id: number): Promise<InspectionRow> {
    requirePermission(actor, Permission.InspectionRead);
    const row = await this.repo.find(db, id, dataScope(actor));
    if (!row) throw notFound('inspection', id);
    return row;
  }

  private async checkInspectors(db: Executor, lead: number | null, team: readonly number[]): Promise<void> {
    const ids = [...(lead ? [lead] : []), ...team];
    if (ids.length === 0) return;
    const rows = await db
      .selectFrom('user_roles')
      .select('user_id')
      .where('role', 'in', ['inspector', 'dost_officer', 'dost_leader', 'admin'])
      .where('user_id', 'in', ids)
      .execute();
    const ok = new Set(rows.map((r) => r.user_id));
    if (lead && !ok.has(lead)) throw invalidField('/leadInspectorId', 'invalid');
    const bad = team.findIndex((id) => !ok.has(id));
    if (bad >= 0) throw invalidField(`/teamUserIds/${bad}`, 'invalid');
  }

  private findingView(f: FindingRow): Finding {
    return {
      id: f.id,
      inspectionId: f.inspection_id,
      description: f.description,
      severity: f.severity as Finding['severity'],
      correctiveAction: f.corrective_action,
      dueOn: f.due_on,
      status: f.status as FindingStatus,
      response: f.response,
      overdue: f.status === 'open' && f.due_on !== null && f.due_on < this.today(),
      closedOn: f.closed_on,
      version: f.version,
    };
  }

  async views(db: Executor, rows: InspectionRow[]): Promise<Inspection[]> {
    const findings = await this.repo.findings(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => {
      const own = findings.filter((f) => f.inspection_id === r.id).map((f) => this.findingView(f));
      return {
        id: r.id,
        facilityId: r.facility_id,
        facilityName: r.facility_name,
        year: r.year,
        kind: r.kind as Inspection['kind'],
        plannedOn: r.planned_on,
        conductedOn: r.conducted_on,
        status: r.status as InspectionStatus,
        leadInspectorId: r.lead_inspector_id,
        teamUserIds: JSON.parse(r.team_user_ids) as number[],
        checklist: JSON.parse(r.checklist) as Inspection['checklist'],
        summary: r.summary,
        findings: own,
        openFindings: own.filter((f) => f.status !== 'verified').length,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        version: r.version,
      };
    });
  }
}
