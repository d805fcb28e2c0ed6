import {
  calendarDaysBetween,
  expiryReminder,
  Permission,
  REMINDER_DAYS_BEFORE_EXPIRY,
  sortBy,
  type CreateLicenceBody,
  type Licence,
  type LicenceKind,
  type LicenceListQuery,
  type LicencePage,
  type CompetentAuthority,
} from '@sievert/core';
import type { Clock } from '../../adapters/clock.js';
import type { Db, Executor } from '../../db/database.js';
import { AppError, invalidField, notFound } from '../../errors.js';
import { dataScope, requirePermission, type Actor } from '../auth/actor.js';
import type { AuditService } from '../auth/audit.service.js';
import type { FacilityService } from '../registry/facility.service.js';
import { localDate } from '../registry/source.service.js';
import { LicensingRepository, type ItemType, type LicenceRow } from './licensing.repository.js';

const NUMBER_PREFIX: Record<LicenceKind, string> = {
  licence: 'GP',
  declaration_certificate: 'XNKB',
  rso_certificate: 'CCATBX',
  national_licence: 'GP-QG',
};

export interface NewLicence {
  number?: string | undefined;
  kind: LicenceKind;
  facilityId: number;
  competentAuthority: CompetentAuthority;
  issuedOn: string;
  validUntil: string | null;
  deviceIds: readonly number[];
  sourceIds: readonly number[];
  applicationId: number | null;
}

export class LicenceService {
  readonly repo = new LicensingRepository();
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly facilities: FacilityService,
    private readonly timeZone: string,
  ) {}

  today(): string {
    return localDate(this.clock.now(), this.timeZone);
  }

  async list(actor: Actor, query: LicenceListQuery): Promise<LicencePage> {
    requirePermission(actor, Permission.LicenceRead);
    const rows = await this.repo.listLicences(this.db, dataScope(actor), {
      facilityId: query.facilityId,
      kind: query.kind,
      q: query.q,
    });
    let items = await this.views(this.db, rows);
    if (query.reminder) items = items.filter((l) => l.reminder === query.reminder);
    items = sortBy(
      items,
      query.sort,
      (item, field) => (item as unknown as Record<string, string | number | boolean | null>)[field] ?? null,
    );
    const offset = query.offset ?? 0;
    return { items: items.slice(offset, offset + (query.limit ?? 50)), total: items.length };
  }

  async get(actor: Actor, id: number): Promise<Licence> {
    requirePermission(actor, Permission.LicenceRead);
    const row = await this.repo.findLicence(this.db, id, dataScope(actor));
    if (!row) throw notFound('licence', id);
    return (await this.views(this.db, [row]))[0]!;
  }

  /** Records a licence issued elsewhere (the national agency) or before Sievert. */
  async create(actor: Actor, body: CreateLicenceBody): Promise<Licence> {
    requirePermission(actor, Permission.LicenceManage);
    if (body.validUntil && body.validUntil < body.issuedOn)
      throw invalidField('/validUntil', 'too_small', { limit: body.issuedOn });
    if (body.issuedOn > this.today()) throw invalidField('/issuedOn', 'in_future');
    return this.db.transaction().execute(async (trx) => {
      const id = await this.issue(trx, actor, {
        number: body.number,
        kind: body.kind,
        facilityId: body.facilityId,
        competentAuthority: body.competentAuthority,
        issuedOn: body.issuedOn,
        validUntil: body.validUntil ?? null,
        deviceIds: body.deviceIds ?? [],
        sourceIds: body.sourceIds ?? [],
        applicationId: null,
      });
      return (await this.views(trx, [(await this.repo.findLicence(trx, id, { level: 'province' }))!]))[0]!;
    });
  }

  /** Inside the caller's transaction (the caller checked the permission): checks the items, numbers, stores, audits. */
  async issue(trx: Executor, actor: Actor, l: NewLicence): Promise<number> {
    if (!(await this.facilities.findUnscoped(trx, l.facilityId)))
      throw invalidField('/facilityId', 'not_a_facility');
    await this.checkItems(trx, l.facilityId, 'device', l.deviceIds, '/deviceIds');
    await this.checkItems(trx, l.facilityId, 'source', l.sourceIds, '/sourceIds');
    const year = l.issuedOn.slice(0, 4);
    let number = l.number?.trim();
    if (number) {
      if (await this.repo.licenceNumberTaken(trx, number))
        throw new AppError('licence.duplicate_number', { number }, { field: '/number' });
    } else {
      let seq = (await this.repo.countLicencesIssuedIn(trx, year)) + 1;
      do number = `${NUMBER_PREFIX[l.kind]}-${year}-${String(seq++).padStart(4, '0')}`;
      while (await this.repo.licenceNumberTaken(trx, number));
    }
    const id = await this.repo.insertLicence(
      trx,
      {
        number,
        kind: l.kind,
        facility_id: l.facilityId,
        competent_authority: l.competentAuthority,
        issued_on: l.issuedOn,
        valid_until: l.validUntil,
        revoked_on: null,
        application_id: l.applicationId,
        created_at: this.clock.now().toISOString(),
        created_by: actor.userId,
      },
      [
        ...l.deviceIds.map((id) => ({ type: 'device' as const, id })),
        ...l.sourceIds.map((id) => ({ type: 'source' as const, id })),
      ],
    );
    await this.audit.record(trx, actor, {
      action: 'licence.issue',
      entityType: 'licence',
      entityId: id,
      after: { ...l, number },
    });
    return id;
  }

  /** Which of these devices or sources a valid licence or declaration covers today. */
  async covered(db: Executor, type: ItemType, ids: readonly number[]): Promise<Set<number>> {
    return ids.length === 0 ? new Set() : this.repo.coveredItems(db, type, ids, this.today());
  }

  async checkItems(
    db: Executor,
    facilityId: number,
    type: ItemType,
    ids: readonly number[],
    field: string,
  ): Promise<void> {
    if (ids.length === 0) return;
    const table = type === 'device' ? 'devices' : 'sources';
    const rows = await db
      .selectFrom(table)
      .select(['id', 'facility_id'])
      .where('id', 'in', [...ids])
      .execute();
    const ok = new Set(rows.filter((r) => r.facility_id === facilityId).map((r) => r.id));
    const index = ids.findIndex((id) => !ok.has(id));
    if (index >= 0) throw invalidField(`${field}/${index}`, 'invalid');
  }

  private async views(db: Executor, rows: LicenceRow[]): Promise<Licence[]> {
    const items = await this.repo.itemsOf(
      db,
      rows.map((r) => r.id),
    );
    const today = this.today();
    return rows.map((r) => {
      const daysToExpiry = r.valid_until ? calendarDaysBetween(today, r.valid_until) : null;
      const status = r.revoked_on
        ? 'revoked'
        : daysToExpiry !== null && daysToExpiry < 0
          ? 'expired'
          : 'valid';
      return {
        id: r.id,
        number: r.number,
        kind: r.kind as LicenceKind,
        facilityId: r.facility_id,
        facilityName: r.facility_name,
        competentAuthority: r.competent_authority as CompetentAuthority,
        issuedOn: r.issued_on,
        validUntil: r.valid_until,
        status,
        daysToExpiry,
        reminder: r.revoked_on ? null : expiryReminder(daysToExpiry, REMINDER_DAYS_BEFORE_EXPIRY),
        deviceIds: items.get(r.id)?.deviceIds ?? [],
        sourceIds: items.get(r.id)?.sourceIds ?? [],
        applicationId: r.application_id,
        createdAt: r.created_at,
      };
    });
  }
}
