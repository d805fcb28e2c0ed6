import {
  likePattern,
  Permission,
  searchKey,
  sortBy,
  type CreateDeviceBody,
  type CreateQaTestBody,
  type Device,
  type DeviceListQuery,
  type DevicePage,
  type DeviceStatus,
  type DeviceType,
  type QaResult,
  type QaTest,
  type UpdateDeviceBody,
} from '@sievert/core';
import type { Clock } from '../../adapters/clock.js';
import type { Db } from '../../db/database.js';
import type { DeviceQaTestsTable } from '../../db/schema.js';
import type { Selectable } from 'kysely';
import { AppError, invalidField, notFound } from '../../errors.js';
import { dataScope, hasPermission, requirePermission, type Actor } from '../auth/actor.js';
import type { AuditService } from '../auth/audit.service.js';
import type { FacilityService } from './facility.service.js';
import { DeviceRepository } from './device.repository.js';
import { localDate } from './source.service.js';
import type { LicenceService } from '../licensing/licence.service.js';

type DeviceRow = NonNullable<Awaited<ReturnType<DeviceRepository['findById']>>>;
type QaRow = Selectable<DeviceQaTestsTable>;

/** MRI and "other" devices are not subject to radiation QA tests (kiểm định). */
const NO_QA: ReadonlySet<DeviceType> = new Set(['mri', 'other']);

export class DeviceService {
  private readonly repo = new DeviceRepository();
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly facilities: FacilityService,
    private readonly licences: LicenceService,
    private readonly timeZone: string,
  ) {}

  async list(actor: Actor, query: DeviceListQuery): Promise<DevicePage> {
    requirePermission(actor, Permission.DeviceRead);
    const rows = await this.repo.listAll(this.db, dataScope(actor), {
      facilityId: query.facilityId,
      type: query.type,
      status: query.status,
      communeCode: query.communeCode,
      search: query.q ? likePattern(searchKey(query.q)) : undefined,
    });
    const latest = new Map(
      (
        await this.repo.latestQa(
          this.db,
          rows.map((r) => r.id),
        )
      ).map((q) => [q.device_id, q]),
    );
    const covered = await this.licences.covered(
      this.db,
      'device',
      rows.map((r) => r.id),
    );
    let items = rows.map((r) => this.view(r, latest.get(r.id) ?? null, covered.has(r.id)));
    if (query.unlicensed !== undefined) items = items.filter((d) => d.unlicensed === query.unlicensed);
    if (query.qaOverdue !== undefined) items = items.filter((d) => d.qaOverdue === query.qaOverdue);
    items = sortBy(
      items,
      query.sort,
      (item, field) => (item as unknown as Record<string, string | number | boolean | null>)[field] ?? null,
    );
    const offset = query.offset ?? 0;
    return { items: items.slice(offset, offset + (query.limit ?? 50)), total: items.length };
  }

  async get(actor: Actor, id: number): Promise<Device> {
    requirePermission(actor, Permission.DeviceRead);
    const row = await this.repo.findById(this.db, id, dataScope(actor));
    if (!row) throw notFound('device', id);
    const [qa] = await this.repo.latestQa(this.db, [id]);
    const covered = await this.licences.covered(this.db, 'device', [id]);
    return this.view(row, qa ?? null, covered.has(id));
  }

  async create(actor: Actor, body: CreateDeviceBody): Promise<Device> {
    this.requireManage(actor, body.facilityId);
    return this.db.transaction().execute(async (trx) => {
      if (!(await this.facilities.findUnscoped(trx, body.facilityId)))
        throw invalidField('/facilityId', 'not_a_facility');
      const now = this.clock.now().toISOString();
      const id = await this.repo.insert(trx, {
        facility_id: body.facilityId,
        device_type: body.type,
        digital: body.digital === undefined || body.digital === null ? null : body.digital ? 1 : 0,
        maker: body.maker?.trim() || null,
        model: body.model?.trim() || null,
        serial: body.serial?.trim() || null,
        year_made: body.yearMade ?? null,
        location: body.location?.trim() || null,
        status: body.status ?? 'in_use',
        search_text: searchKey(body.maker, body.model, body.serial, body.location),
        created_at: now,
        updated_at: now,
        version: 1,
      });
      const created = (await this.repo.findById(trx, id, { level: 'province' }))!;
      await this.audit.record(trx, actor, {
        action: 'device.create',
        entityType: 'device',
        entityId: id,
        after: created,
      });
      return this.view(created, null, false);
    });
  }

  async update(actor: Actor, id: number, body: UpdateDeviceBody): Promise<Device> {
    const before = await this.repo.findById(this.db, id, dataScope(actor));
    if (!before) throw notFound('device', id);
    this.requireManage(actor, before.facility_id);
    return this.db.transaction().execute(async (trx) => {
      if (body.version !== undefined && body.version !== before.version)
        throw new AppError('entity.conflict', {}, { currentVersion: before.version });
      const next = {
        maker: body.maker === undefined ? before.maker : body.maker?.trim() || null,
        model: body.model === undefined ? before.model : body.model?.trim() || null,
        serial: body.serial === undefined ? before.serial : body.serial?.trim() || null,
        location: body.location === undefined ? before.location : body.location?.trim() || null,
      };
      const changes = {
        ...next,
        ...(body.type !== undefined ? { device_type: body.type } : {}),
        ...(body.status !== undefined ? { status: body.status } : {}),
        ...(body.digital !== undefined
          ? { digital: body.digital === null ? null : body.digital ? 1 : 0 }
          : {}),
        ...(body.yearMade !== undefined ? { year_made: body.yearMade } : {}),
        search_text: searchKey(next.maker, next.model, next.serial, next.location),
        updated_at: this.clock.now().toISOString(),
      };
      if (!(await this.repo.update(trx, id, before.version, changes)))
        throw new AppError('entity.conflict', {}, { currentVersion: before.version });
      const after = (await this.repo.findById(trx, id, { level: 'province' }))!;
      await this.audit.record(trx, actor, {
        action: 'device.update',
        entityType: 'device',
        entityId: id,
        before,
        after,
      });
      const [qa] = await this.repo.latestQa(trx, [id]);
      return this.view(after, qa ?? null, (await this.licences.covered(trx, 'device', [id])).has(id));
    });
  }

  async qaTests(actor: Actor, id: number): Promise<QaTest[]> {
    await this.get(actor, id);
    return (await this.repo.qaTests(this.db, id)).map(toQa);
  }

  async recordQa(actor: Actor, id: number, body: CreateQaTestBody): Promise<QaTest> {
    const device = await this.repo.findById(this.db, id, dataScope(actor));
    if (!device) throw notFound('device', id);
    this.requireManage(actor, device.facility_id);
    const today = localDate(this.clock.now(), this.timeZone);
    if (body.testedOn > today) throw invalidField('/testedOn', 'in_future');
    if (body.nextDue && body.nextDue <= body.testedOn)
      throw invalidField('/nextDue', 'too_small', { limit: body.testedOn });
    if (body.result !== 'fail' && !body.nextDue) throw invalidField('/nextDue', 'required');
    return this.db.transaction().execute(async (trx) => {
      const qaId = await this.repo.insertQa(trx, {
        device_id: id,
        tested_on: body.testedOn,
        certificate_number: body.certificateNumber?.trim() || null,
        tester: body.tester?.trim() || null,
        result: body.result,
        next_due: body.nextDue ?? null,
        note: body.note?.trim() || null,
        recorded_at: this.clock.now().toISOString(),
        recorded_by: actor.userId,
      });
      await this.audit.record(trx, actor, {
        action: 'device.qa_test',
        entityType: 'device',
        entityId: id,
        after: { qaId, ...body },
      });
      const row = (await this.repo.qaTests(trx, id)).find((q) => q.id === qaId)!;
      return toQa(row);
    });
  }

  private requireManage(actor: Actor, facilityId: number): void {
    if (hasPermission(actor, Permission.DeviceManage)) return;
    requirePermission(actor, Permission.DeviceManageOwn);
    if (actor.organisationId !== facilityId) throw new AppError('auth.forbidden');
  }

  private view(row: DeviceRow, qa: QaRow | null, licensed: boolean): Device {
    const today = localDate(this.clock.now(), this.timeZone);
    const type = row.device_type as DeviceType;
    const due = qa?.next_due ?? null;
    const qaOverdue =
      row.status === 'in_use' &&
      !NO_QA.has(type) &&
      (qa === null || qa.result === 'fail' || due === null || due < today);
    return {
      id: row.id,
      facilityId: row.facility_id,
      facilityName: row.facility_name,
      communeCode: row.commune_code,
      type,
      digital: row.digital === null ? null : row.digital === 1,
      maker: row.maker,
      model: row.model,
      serial: row.serial,
      yearMade: row.year_made,
      location: row.location,
      status: row.status as DeviceStatus,
      lastQa: qa ? toQa(qa) : null,
      qaDue: due,
      qaOverdue,
      licensed,
      unlicensed: row.status === 'in_use' && !NO_QA.has(type) && !licensed,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      version: row.version,
    };
  }
}

function toQa(r: QaRow): QaTest {
  return {
    id: r.id,
    deviceId: r.device_id,
    testedOn: r.tested_on,
    certificateNumber: r.certificate_number,
    tester: r.tester,
    result: r.result as QaResult,
    nextDue: r.next_due,
    note: r.note,
    recordedAt: r.recorded_at,
  };
}
