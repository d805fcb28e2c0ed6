import {
  Permission,
  type CreateOrganisationBody,
  type Organisation,
  type OrganisationListQuery,
  type OrganisationPage,
  type UpdateOrganisationBody,
} from '@sievert/core';
import type { Clock } from '../../adapters/clock.js';
import type { Db, Executor } from '../../db/database.js';
import type { OrganisationUpdate } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import type { GeoService } from '../geo/geo.service.js';
import { dataScope, hasPermission, requirePermission, type Actor, type DataScope } from './actor.js';
import type { AuditService } from './audit.service.js';
import { OrganisationRepository, organisationSearchText } from './organisation.repository.js';

/** Fields an organisation's own staff may keep up to date; the rest belongs to the Department. */
const OWN_EDITABLE: ReadonlyArray<keyof UpdateOrganisationBody> = [
  'nameEn',
  'address',
  'phone',
  'email',
  'latitude',
  'longitude',
  'version',
];

export class OrganisationService {
  readonly repo = new OrganisationRepository();
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly geo: GeoService,
  ) {}

  async list(actor: Actor, query: OrganisationListQuery): Promise<OrganisationPage> {
    requirePermission(actor, Permission.OrganisationRead);
    return this.repo.list(this.db, dataScope(actor), query);
  }

  async get(actor: Actor, id: number): Promise<Organisation> {
    requirePermission(actor, Permission.OrganisationRead);
    const org = await this.repo.findById(this.db, id, dataScope(actor));
    if (!org) throw notFound('organisation', id);
    return org;
  }

  async create(actor: Actor, body: CreateOrganisationBody): Promise<Organisation> {
    requirePermission(actor, Permission.OrganisationCreate);
    return this.db.transaction().execute((trx) => this.createIn(trx, actor, body));
  }

  /** Inside the caller's transaction, for services that create an organisation with more (facilities). */
  async createIn(trx: Executor, actor: Actor, body: CreateOrganisationBody): Promise<Organisation> {
    await this.checkCommune(trx, body.kind, body.communeCode ?? null);
    if (await this.repo.findByCode(trx, body.code))
      throw new AppError('organisation.duplicate_code', { code: body.code });
    const now = this.clock.now().toISOString();
    const id = await this.repo.insert(trx, {
      kind: body.kind,
      code: body.code,
      name: body.name.trim(),
      name_en: body.nameEn?.trim() || null,
      commune_code: body.communeCode ?? null,
      address: body.address?.trim() || null,
      phone: body.phone?.trim() || null,
      email: body.email?.trim() || null,
      latitude: body.latitude ?? null,
      longitude: body.longitude ?? null,
      status: 'active',
      search_text: organisationSearchText(body),
      created_at: now,
      updated_at: now,
      version: 1,
    });
    const created = (await this.repo.findById(trx, id, { level: 'province' }))!;
    await this.audit.record(trx, actor, {
      action: 'organisation.create',
      entityType: 'organisation',
      entityId: id,
      after: snapshot(created),
    });
    return created;
  }

  async update(actor: Actor, id: number, body: UpdateOrganisationBody): Promise<Organisation> {
    const full = hasPermission(actor, Permission.OrganisationUpdate);
    if (!full) {
      requirePermission(actor, Permission.OrganisationUpdateOwn);
      if (actor.organisationId !== id) {
        // Out of reach: say "not found" if the actor cannot even see it, "forbidden" otherwise.
        await this.get(actor, id);
        throw new AppError('auth.forbidden');
      }
      const extra = Object.keys(body).filter(
        (k) => !OWN_EDITABLE.includes(k as keyof UpdateOrganisationBody),
      );
      if (extra.length > 0) throw new AppError('auth.forbidden', {}, { fields: extra });
    }
    return this.db
      .transaction()
      .execute((trx) => this.updateIn(trx, actor, id, body, full ? dataScope(actor) : { level: 'province' }));
  }

  /** Inside the caller's transaction; the caller has checked the permission and chosen the scope. */
  async updateIn(
    trx: Executor,
    actor: Actor,
    id: number,
    body: UpdateOrganisationBody,
    scope: DataScope,
  ): Promise<Organisation> {
    const before = await this.repo.findById(trx, id, scope);
    if (!before) throw notFound('organisation', id);
    if (body.version !== undefined && body.version !== before.version) {
      throw new AppError('entity.conflict', {}, { currentVersion: before.version });
    }
    const communeCode = body.communeCode === undefined ? before.communeCode : body.communeCode;
    await this.checkCommune(trx, before.kind, communeCode);
    const changes: OrganisationUpdate = { updated_at: this.clock.now().toISOString() };
    if (body.name !== undefined) changes.name = body.name.trim();
    if (body.nameEn !== undefined) changes.name_en = body.nameEn?.trim() || null;
    if (body.communeCode !== undefined) changes.commune_code = body.communeCode;
    if (body.address !== undefined) changes.address = body.address?.trim() || null;
    if (body.phone !== undefined) changes.phone = body.phone?.trim() || null;
    if (body.email !== undefined) changes.email = body.email?.trim() || null;
    if (body.latitude !== undefined) changes.latitude = body.latitude;
    if (body.longitude !== undefined) changes.longitude = body.longitude;
    if (body.status !== undefined) changes.status = body.status;
    changes.search_text = organisationSearchText({
      code: before.code,
      name: changes.name ?? before.name,
      nameEn: changes.name_en === undefined ? before.nameEn : changes.name_en,
      address: changes.address === undefined ? before.address : changes.address,
    });
    if (!(await this.repo.update(trx, id, before.version, changes))) {
      throw new AppError('entity.conflict', {}, { currentVersion: before.version });
    }
    const after = (await this.repo.findById(trx, id, { level: 'province' }))!;
    await this.audit.record(trx, actor, {
      action: 'organisation.update',
      entityType: 'organisation',
      entityId: id,
      before: snapshot(before),
      after: snapshot(after),
    });
    return after;
  }

  async delete(actor: Actor, id: number): Promise<void> {
    requirePermission(actor, Permission.OrganisationDelete);
    await this.db.transaction().execute(async (trx) => {
      const before = await this.repo.findById(trx, id, dataScope(actor));
      if (!before) throw notFound('organisation', id);
      if (before.userCount > 0)
        throw new AppError('organisation.has_users', {}, { userCount: before.userCount });
      await this.repo.delete(trx, id);
      await this.audit.record(trx, actor, {
        action: 'organisation.delete',
        entityType: 'organisation',
        entityId: id,
        before: snapshot(before),
      });
    });
  }

  /** For other services (users, dashboard): an organisation regardless of the actor's scope. */
  async findUnscoped(db: Executor, id: number): Promise<Organisation | null> {
    return this.repo.findById(db, id, { level: 'province' });
  }

  private async checkCommune(db: Executor, kind: string, communeCode: string | null): Promise<void> {
    if (kind === 'commune_committee' && !communeCode)
      throw new AppError('organisation.commune_required', {}, { field: '/communeCode' });
    if (communeCode && !(await this.geo.communeExists(db, communeCode))) {
      throw new AppError(
        'geo.unknown_commune',
        { code: communeCode },
        { field: '/communeCode', code: communeCode },
      );
    }
  }
}

/** What the audit trail keeps of an organisation: its own fields, not derived counts. */
function snapshot(o: Organisation): Record<string, unknown> {
  const { userCount: _userCount, ...rest } = o;
  return rest;
}
