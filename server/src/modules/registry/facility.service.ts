import { randomUUID } from 'node:crypto';
import {
  Permission,
  type CreateFacilityBody,
  type Facility,
  type FacilityListQuery,
  type FacilityPage,
  type UpdateFacilityBody,
} from '@sievert/core';
import type { Clock } from '../../adapters/clock.js';
import type { Db, Executor } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import { dataScope, hasPermission, requirePermission, type Actor } from '../auth/actor.js';
import type { AuditService } from '../auth/audit.service.js';
import type { OrganisationService } from '../auth/organisation.service.js';
import { FacilityRepository, profileFields } from './facility.repository.js';

/** What a facility's own staff may keep up to date; identity, kind and place belong to the Department. */
const OWN_EDITABLE = new Set<keyof UpdateFacilityBody>([
  'nameEn',
  'legalName',
  'practices',
  'address',
  'phone',
  'email',
  'contactName',
  'rsoName',
  'rsoCertificateNumber',
  'rsoCertificateExpiry',
  'version',
]);

const trimOrNull = (v: string | null | undefined) =>
  v === undefined ? undefined : v === null ? null : v.trim() || null;

export class FacilityService {
  readonly repo = new FacilityRepository();
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly organisations: OrganisationService,
  ) {}

  async list(actor: Actor, query: FacilityListQuery): Promise<FacilityPage> {
    requirePermission(actor, Permission.FacilityRead);
    return this.repo.list(this.db, dataScope(actor), query);
  }

  async get(actor: Actor, id: number): Promise<Facility> {
    requirePermission(actor, Permission.FacilityRead);
    const facility = await this.repo.findById(this.db, id, dataScope(actor));
    if (!facility) throw notFound('facility', id);
    return facility;
  }

  /** Public aggregate (no actor): active facilities by kind per commune, nothing that names one. */
  async countByCommuneAndKind(): Promise<Array<{ communeCode: string; kind: string; count: number }>> {
    return this.repo.countByCommuneAndKind(this.db);
  }

  /** For other services: a facility regardless of the actor's scope (they check their own rules). */
  async findUnscoped(db: Executor, id: number): Promise<Facility | null> {
    return this.repo.findById(db, id, { level: 'province' });
  }

  async create(actor: Actor, body: CreateFacilityBody): Promise<Facility> {
    requirePermission(actor, Permission.FacilityManage);
    return this.db.transaction().execute(async (trx) => {
      // A code the Department did not choose is made from the id: CS-00042.
      const provisional = body.code ?? `tmp-${randomUUID()}`;
      const org = await this.organisations.createIn(trx, actor, {
        kind: 'facility',
        code: provisional,
        name: body.name,
        nameEn: body.nameEn ?? null,
        communeCode: body.communeCode,
        address: body.address ?? null,
        phone: body.phone ?? null,
        email: body.email ?? null,
        latitude: body.lat,
        longitude: body.lon,
      });
      if (!body.code) {
        await trx
          .updateTable('organisations')
          .set({ code: `CS-${String(org.id).padStart(5, '0')}` })
          .where('id', '=', org.id)
          .execute();
      }
      const now = this.clock.now().toISOString();
      await this.repo.upsertProfile(
        trx,
        org.id,
        profileFields({
          legalName: trimOrNull(body.legalName) ?? null,
          taxCode: body.taxCode ?? null,
          kind: body.kind,
          practices: body.practices ?? [],
          contactName: trimOrNull(body.contactName) ?? null,
          rsoName: trimOrNull(body.rsoName) ?? null,
          rsoCertificateNumber: trimOrNull(body.rsoCertificateNumber) ?? null,
          rsoCertificateExpiry: body.rsoCertificateExpiry ?? null,
        }),
        now,
      );
      const created = (await this.repo.findById(trx, org.id, { level: 'province' }))!;
      await this.audit.record(trx, actor, {
        action: 'facility.create',
        entityType: 'facility',
        entityId: org.id,
        after: created,
      });
      return created;
    });
  }

  async update(actor: Actor, id: number, body: UpdateFacilityBody): Promise<Facility> {
    const full = hasPermission(actor, Permission.FacilityManage);
    if (!full) {
      requirePermission(actor, Permission.FacilityUpdateOwn);
      if (actor.organisationId !== id) {
        await this.get(actor, id);
        throw new AppError('auth.forbidden');
      }
      const extra = Object.keys(body).filter((k) => !OWN_EDITABLE.has(k as keyof UpdateFacilityBody));
      if (extra.length > 0) throw new AppError('auth.forbidden', {}, { fields: extra });
    }
    return this.db.transaction().execute(async (trx) => {
      const before = await this.repo.findById(trx, id, full ? dataScope(actor) : { level: 'province' });
      if (!before) throw notFound('facility', id);
      if (body.version !== undefined && body.version !== before.version)
        throw new AppError('entity.conflict', {}, { currentVersion: before.version });
      const orgChanges = {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.nameEn !== undefined ? { nameEn: body.nameEn } : {}),
        ...(body.communeCode !== undefined ? { communeCode: body.communeCode } : {}),
        ...(body.address !== undefined ? { address: body.address } : {}),
        ...(body.phone !== undefined ? { phone: body.phone } : {}),
        ...(body.email !== undefined ? { email: body.email } : {}),
        ...(body.lat !== undefined ? { latitude: body.lat } : {}),
        ...(body.lon !== undefined ? { longitude: body.lon } : {}),
        ...(body.status !== undefined ? { status: body.status } : {}),
      };
      // The organisation row carries the version, so every facility edit moves it on.
      await this.organisations.updateIn(
        trx,
        actor,
        id,
        { ...orgChanges, version: before.version },
        { level: 'province' },
      );
      const pick = <K extends keyof Facility>(key: K, value: Facility[K] | undefined): Facility[K] =>
        value === undefined ? before[key] : value;
      await this.repo.upsertProfile(
        trx,
        id,
        profileFields({
          legalName: pick('legalName', trimOrNull(body.legalName)),
          taxCode: pick('taxCode', body.taxCode),
          kind: pick('kind', body.kind),
          practices: pick('practices', body.practices),
          contactName: pick('contactName', trimOrNull(body.contactName)),
          rsoName: pick('rsoName', trimOrNull(body.rsoName)),
          rsoCertificateNumber: pick('rsoCertificateNumber', trimOrNull(body.rsoCertificateNumber)),
          rsoCertificateExpiry: pick('rsoCertificateExpiry', body.rsoCertificateExpiry),
        }),
        this.clock.now().toISOString(),
      );
      const after = (await this.repo.findById(trx, id, { level: 'province' }))!;
      await this.audit.record(trx, actor, {
        action: 'facility.update',
        entityType: 'facility',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }
}
