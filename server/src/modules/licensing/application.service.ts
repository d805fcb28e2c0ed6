import {
  addWorkingDays,
  applicationTransition,
  CLOCK_RUNNING,
  Permission,
  procedure as procedureOf,
  workingDaysBetween,
  type Application,
  type ApplicationAction,
  type ApplicationEvent,
  type ApplicationListQuery,
  type ApplicationPage,
  type ApplicationStatus,
  type AppraiseApplicationBody,
  type CreateApplicationBody,
  type DecideApplicationBody,
  type ProcedureCode,
  type UpdateApplicationBody,
} from '@sievert/core';
import type { Updateable } from 'kysely';
import type { Clock } from '../../adapters/clock.js';
import type { Db, Executor } from '../../db/database.js';
import type { ApplicationsTable } from '../../db/schema.js';
import { AppError, invalidField, notFound } from '../../errors.js';
import { dataScope, requirePermission, type Actor } from '../auth/actor.js';
import type { AuditService } from '../auth/audit.service.js';
import type { LicenceService } from './licence.service.js';
import type { ApplicationRow } from './licensing.repository.js';

/** Procedures that are about devices: a dossier without one is incomplete before it is sent. */
const NEEDS_DEVICES: ReadonlySet<ProcedureCode> = new Set(['declaration', 'licence_new']);
const NEEDS_LICENCE: ReadonlySet<ProcedureCode> = new Set(['licence_renewal', 'licence_amendment']);

const json = <T>(text: string): T => JSON.parse(text) as T;

export class ApplicationService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly licences: LicenceService,
  ) {}

  private get repo() {
    return this.licences.repo;
  }

  async list(actor: Actor, query: ApplicationListQuery): Promise<ApplicationPage> {
    requirePermission(actor, Permission.ApplicationRead);
    const { rows, total } = await this.repo.listApplications(this.db, dataScope(actor), {
      facilityId: query.facilityId,
      status: query.status,
      procedure: query.procedure,
      q: query.q,
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
      hideOthersDrafts: true,
      sort: query.sort,
      ownFacility: actor.organisationId,
    });
    return { items: rows.map((r) => this.view(r)), total };
  }

  async get(actor: Actor, id: number): Promise<Application> {
    return this.view(await this.find(this.db, actor, id));
  }

  async events(actor: Actor, id: number): Promise<ApplicationEvent[]> {
    await this.find(this.db, actor, id);
    const rows = await this.repo.events(this.db, id);
    return rows.map((e) => ({
      id: e.id,
      at: e.at,
      actorName: e.actor_name,
      action: e.action,
      fromStatus: e.from_status as ApplicationStatus | null,
      toStatus: e.to_status as ApplicationStatus,
      note: e.note,
    }));
  }

  async create(actor: Actor, body: CreateApplicationBody): Promise<Application> {
    this.requireApplicant(actor, body.facilityId);
    return this.db.transaction().execute(async (trx) => {
      await this.checkContent(
        trx,
        body.facilityId,
        body.procedure,
        body.deviceIds ?? [],
        body.sourceIds ?? [],
        body.licenceId ?? null,
      );
      const now = this.clock.now().toISOString();
      const id = await this.repo.insertApplication(trx, {
        facility_id: body.facilityId,
        procedure: body.procedure,
        status: 'draft',
        device_ids: JSON.stringify(body.deviceIds ?? []),
        source_ids: JSON.stringify(body.sourceIds ?? []),
        licence_id: body.licenceId ?? null,
        note: body.note?.trim() || null,
        received_on: null,
        due_on: null,
        return_reasons: '[]',
        refusal_reasons: '[]',
        checklist: '[]',
        recommendation: null,
        issued_licence_id: null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
        version: 1,
      });
      await this.event(trx, actor, id, 'create', null, 'draft', null);
      await this.audit.record(trx, actor, {
        action: 'application.create',
        entityType: 'application',
        entityId: id,
        after: body,
      });
      return this.view((await this.repo.findApplication(trx, id, { level: 'province' }))!);
    });
  }

  async update(actor: Actor, id: number, body: UpdateApplicationBody): Promise<Application> {
    return this.db.transaction().execute(async (trx) => {
      const app = await this.find(trx, actor, id);
      this.requireApplicant(actor, app.facility_id);
      if (!['draft', 'returned'].includes(app.status)) {
        throw new AppError(
          'application.action_not_allowed',
          { action: 'update', status: app.status },
          { status: app.status },
        );
      }
      if (body.version !== undefined && body.version !== app.version)
        throw new AppError('entity.conflict', {}, { currentVersion: app.version });
      const deviceIds = body.deviceIds ?? json<number[]>(app.device_ids);
      const sourceIds = body.sourceIds ?? json<number[]>(app.source_ids);
      const licenceId = body.licenceId === undefined ? app.licence_id : body.licenceId;
      await this.checkContent(
        trx,
        app.facility_id,
        app.procedure as ProcedureCode,
        deviceIds,
        sourceIds,
        licenceId,
      );
      await this.save(trx, app, {
        device_ids: JSON.stringify(deviceIds),
        source_ids: JSON.stringify(sourceIds),
        licence_id: licenceId,
        ...(body.note !== undefined ? { note: body.note?.trim() || null } : {}),
      });
      await this.audit.record(trx, actor, {
        action: 'application.update',
        entityType: 'application',
        entityId: id,
        before: this.view(app),
        after: body,
      });
      return this.view((await this.repo.findApplication(trx, id, { level: 'province' }))!);
    });
  }

  /** The applicant sends the dossier: the statutory clock starts on the day it is received. */
  async submit(actor: Actor, id: number): Promise<Application> {
    return this.act(actor, id, 'submit', null, async (app) => {
      const p = app.procedure as ProcedureCode;
      if (
        NEEDS_DEVICES.has(p) &&
        json<number[]>(app.device_ids).length === 0 &&
        json<number[]>(app.source_ids).length === 0
      ) {
        throw invalidField('/deviceIds', 'too_few_items', { limit: 1 });
      }
      const receivedOn = this.licences.today();
      return {
        received_on: receivedOn,
        due_on: addWorkingDays(receivedOn, procedureOf(p).processingWorkingDays),
      };
    });
  }

  async withdraw(actor: Actor, id: number): Promise<Application> {
    return this.act(actor, id, 'withdraw', null, async () => ({ due_on: null }));
  }

  /** Incomplete: back to the applicant with the reasons; the clock stops and restarts at the next submission. */
  async returnForCompletion(actor: Actor, id: number, reasons: string[]): Promise<Application> {
    return this.act(actor, id, 'return', reasons.join('\n'), async () => ({
      return_reasons: JSON.stringify(reasons),
      due_on: null,
    }));
  }

  async accept(actor: Actor, id: number): Promise<Application> {
    return this.act(actor, id, 'accept', null, async () => ({}));
  }

  async appraise(actor: Actor, id: number, body: AppraiseApplicationBody): Promise<Application> {
    return this.act(actor, id, 'appraise', body.note ?? null, async () => ({
      checklist: JSON.stringify(body.checklist),
      recommendation: body.recommendation,
    }));
  }

  async decide(actor: Actor, id: number, body: DecideApplicationBody): Promise<Application> {
    if (body.decision === 'refuse') {
      if (!body.reasons?.length) throw invalidField('/reasons', 'required');
      return this.act(actor, id, 'refuse', body.reasons.join('\n'), async () => ({
        refusal_reasons: JSON.stringify(body.reasons),
        due_on: null,
      }));
    }
    return this.act(actor, id, 'approve', null, async (app, trx) => {
      const p = procedureOf(app.procedure as ProcedureCode);
      const issuedOn = this.licences.today();
      const validUntil =
        body.validUntil ??
        (p.validityYears ? `${Number(issuedOn.slice(0, 4)) + p.validityYears}${issuedOn.slice(4)}` : null);
      if (validUntil && validUntil <= issuedOn)
        throw invalidField('/validUntil', 'too_small', { limit: issuedOn });
      const licenceId = await this.licences.issue(trx, actor, {
        number: body.licenceNumber,
        kind: p.issues,
        facilityId: app.facility_id,
        competentAuthority: p.competentAuthority,
        issuedOn,
        validUntil,
        deviceIds: json<number[]>(app.device_ids),
        sourceIds: json<number[]>(app.source_ids),
        applicationId: app.id,
      });
      return { issued_licence_id: licenceId, due_on: null };
    });
  }

  /** One transition: check who may do it from the current status, apply, record the event and the audit entry. */
  private async act(
    actor: Actor,
    id: number,
    action: ApplicationAction,
    note: string | null,
    apply: (app: ApplicationRow, trx: Executor) => Promise<Updateable<ApplicationsTable>>,
  ): Promise<Application> {
    return this.db.transaction().execute(async (trx) => {
      const app = await this.find(trx, actor, id);
      const status = app.status as ApplicationStatus;
      const t = applicationTransition(status, action);
      if (t?.by === 'applicant' || (!t && ['submit', 'withdraw'].includes(action)))
        this.requireApplicant(actor, app.facility_id);
      else if (t?.by === 'officer' || (!t && ['return', 'accept', 'appraise'].includes(action)))
        requirePermission(actor, Permission.ApplicationProcess);
      else requirePermission(actor, Permission.ApplicationDecide);
      if (!t) throw new AppError('application.action_not_allowed', { action, status }, { status });
      const changes = await apply(app, trx);
      await this.save(trx, app, { ...changes, status: t.to });
      await this.event(trx, actor, id, action, status, t.to, note);
      await this.audit.record(trx, actor, {
        action: `application.${action}`,
        entityType: 'application',
        entityId: id,
        before: { status },
        after: { status: t.to, ...changes },
      });
      return this.view((await this.repo.findApplication(trx, id, { level: 'province' }))!);
    });
  }

  private async save(
    trx: Executor,
    app: ApplicationRow,
    changes: Updateable<ApplicationsTable>,
  ): Promise<void> {
    const ok = await this.repo.updateApplication(trx, app.id, app.version, {
      ...changes,
      updated_at: this.clock.now().toISOString(),
    });
    if (!ok) throw new AppError('entity.conflict', {}, { currentVersion: app.version });
  }

  private async event(
    trx: Executor,
    actor: Actor,
    id: number,
    action: string,
    from: ApplicationStatus | null,
    to: ApplicationStatus,
    note: string | null,
  ) {
    await this.repo.appendEvent(trx, {
      application_id: id,
      at: this.clock.now().toISOString(),
      actor_id: actor.userId,
      actor_name: actor.displayName,
      action,
      from_status: from,
      to_status: to,
      note,
    });
  }

  /** The application as the actor may see it (404 outside scope, and for others' drafts). */
  async readable(db: Executor, actor: Actor, id: number): Promise<ApplicationRow> {
    return this.find(db, actor, id);
  }

  /** Only the applicant changes the dossier, and only while it is a draft or returned for completion. */
  requireEditableBy(actor: Actor, app: ApplicationRow, action: string): void {
    this.requireApplicant(actor, app.facility_id);
    if (!['draft', 'returned'].includes(app.status)) {
      throw new AppError(
        'application.action_not_allowed',
        { action, status: app.status },
        { status: app.status },
      );
    }
  }

  private async find(db: Executor, actor: Actor, id: number): Promise<ApplicationRow> {
    requirePermission(actor, Permission.ApplicationRead);
    const app = await this.repo.findApplication(db, id, dataScope(actor));
    // A draft is the facility's own business until it is submitted.
    if (
      !app ||
      (app.status === 'draft' && app.facility_id !== actor.organisationId && actor.via !== 'system')
    ) {
      throw notFound('application', id);
    }
    return app;
  }

  private requireApplicant(actor: Actor, facilityId: number): void {
    requirePermission(actor, Permission.ApplicationSubmitOwn);
    if (actor.organisationId !== facilityId && actor.via !== 'system') throw new AppError('auth.forbidden');
  }

  private async checkContent(
    trx: Executor,
    facilityId: number,
    p: ProcedureCode,
    deviceIds: readonly number[],
    sourceIds: readonly number[],
    licenceId: number | null,
  ) {
    await this.licences.checkItems(trx, facilityId, 'device', deviceIds, '/deviceIds');
    await this.licences.checkItems(trx, facilityId, 'source', sourceIds, '/sourceIds');
    if (NEEDS_LICENCE.has(p)) {
      if (licenceId === null) throw invalidField('/licenceId', 'required');
      const licence = await this.repo.findLicence(trx, licenceId, { level: 'province' });
      if (!licence || licence.facility_id !== facilityId) throw invalidField('/licenceId', 'invalid');
    }
  }

  private view(r: ApplicationRow): Application {
    const status = r.status as ApplicationStatus;
    const running = CLOCK_RUNNING.includes(status) && r.due_on !== null;
    return {
      id: r.id,
      facilityId: r.facility_id,
      facilityName: r.facility_name,
      procedure: r.procedure as ProcedureCode,
      status,
      deviceIds: json<number[]>(r.device_ids),
      sourceIds: json<number[]>(r.source_ids),
      licenceId: r.licence_id,
      note: r.note,
      receivedOn: r.received_on,
      dueOn: r.due_on,
      workingDaysLeft: running ? workingDaysBetween(this.licences.today(), r.due_on!) : null,
      returnReasons: json<string[]>(r.return_reasons),
      refusalReasons: json<string[]>(r.refusal_reasons),
      checklist: json<Application['checklist']>(r.checklist),
      recommendation: r.recommendation as Application['recommendation'],
      issuedLicenceId: r.issued_licence_id,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: r.version,
    };
  }
}
