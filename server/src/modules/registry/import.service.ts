/**
 * Spreadsheet import (XLSX or CSV) of facilities, devices and sources: a dry run lists every problem by row and
 * column and writes nothing; a confirmed import writes every row in one transaction, or nothing at all.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  CreateDeviceBody,
  CreateFacilityBody,
  CreateSourceBody,
  CsvError,
  findNuclide,
  parseCsv,
  parseSheet,
  Permission,
  readXlsx,
  searchKey,
  validationReason,
  XlsxError,
  type Cell,
  type ImportIssue,
  type ImportKind,
  type Locale,
} from '@sievert/core';
import type { Clock } from '../../adapters/clock.js';
import type { Db, Executor } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { compileStrict, toIssues } from '../../validation.js';
import { hasPermission, requirePermission, type Actor } from '../auth/actor.js';
import type { AuditService } from '../auth/audit.service.js';
import type { GeoService } from '../geo/geo.service.js';
import { localDate } from './source.service.js';

export const MAX_IMPORT_ROWS = 20_000;
const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const CHUNK = 200;

export interface ImportReportIssue {
  row: number;
  column: string | null;
  field: string;
  reason: string;
  message: string;
}

export interface ImportReport {
  kind: ImportKind;
  dryRun: boolean;
  rows: number;
  valid: number;
  created: number;
  issues: ImportReportIssue[];
}

const validators = {
  facilities: compileStrict(CreateFacilityBody),
  devices: compileStrict(CreateDeviceBody),
  sources: compileStrict(CreateSourceBody),
};

const XLSX_TYPES = [
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];

export function readTable(body: Buffer, contentType: string): Cell[][] {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  try {
    if (XLSX_TYPES.includes(type))
      return readXlsx(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), {
        limits: { maxRows: MAX_IMPORT_ROWS + 1 },
      }).rows;
    return parseCsv(body.toString('utf8'), {
      maxRows: MAX_IMPORT_ROWS + 1,
      maxColumns: 200,
      maxFieldLength: 10_000,
    });
  } catch (error) {
    if (error instanceof XlsxError || error instanceof CsvError)
      throw new AppError('import.unreadable', { reason: error.message }, { reason: error.reason });
    throw error;
  }
}

export class ImportService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly geo: GeoService,
    private readonly timeZone: string,
  ) {}

  async run(
    actor: Actor,
    kind: ImportKind,
    table: Cell[][],
    dryRun: boolean,
    locale: Locale,
    fileHash: string,
  ): Promise<ImportReport> {
    this.requireImport(actor, kind);
    const parsed = parseSheet(kind, table, { maxRows: MAX_IMPORT_ROWS });
    const issues: ImportIssue[] = [...parsed.issues];
    const bodies: Array<{ row: number; body: Record<string, unknown> }> = [];
    const today = localDate(this.clock.now(), this.timeZone);

    // Facilities the rows may refer to (devices, sources): by code, limited to what the actor may manage.
    const facilityByCode =
      kind === 'facilities' ? new Map<string, number>() : await this.manageableFacilities(actor, kind);
    const communes = new Set((await this.geo.communes()).map((c) => c.code));
    const existingCodes =
      kind === 'facilities'
        ? new Set(
            (await this.db.selectFrom('organisations').select('code').execute()).map((r) =>
              r.code.toLowerCase(),
            ),
          )
        : new Set<string>();
    const seen = new Map<string, number>();
    const rowsWithParseIssues = new Set(parsed.issues.map((i) => i.row));

    for (const { row, values } of parsed.rows) {
      const rowIssues: ImportIssue[] = [];
      const body: Record<string, unknown> = { ...values };
      const col = (field: string) => parsed.columnOf[field] ?? null;
      if (kind !== 'facilities') {
        delete body.facilityCode;
        const code = typeof values.facilityCode === 'string' ? values.facilityCode.toLowerCase() : '';
        const id = facilityByCode.get(code);
        if (values.facilityCode !== undefined && id === undefined)
          rowIssues.push({
            row,
            column: col('facilityCode'),
            field: 'facilityCode',
            reason: 'unknown_facility',
          });
        body.facilityId = id ?? 1;
      }
      // Nuclide names are matched without regard to case (`cs-137` is `Cs-137`).
      if (kind === 'sources' && typeof values.nuclide === 'string')
        body.nuclide = findNuclide(values.nuclide)?.name ?? values.nuclide;
      const validate = validators[kind];
      if (!validate(body)) {
        for (const i of toIssues(validate.errors ?? [], locale)) {
          const field = i.field.replace(/^\//, '').split('/')[0]!;
          if (
            rowIssues.some((x) => x.field === field) ||
            issues.some((x) => x.row === row && x.field === field)
          )
            continue;
          if (field === 'facilityId') continue;
          rowIssues.push({ row, column: col(field), field, reason: i.reason as ImportIssue['reason'] });
        }
      }
      if (kind === 'facilities') {
        const commune = values.communeCode as string | undefined;
        if (commune !== undefined && /^\d{5}$/.test(commune) && !communes.has(commune))
          rowIssues.push({
            row,
            column: col('communeCode'),
            field: 'communeCode',
            reason: 'unknown_commune',
          });
        const code = typeof values.code === 'string' ? values.code.toLowerCase() : null;
        if (code) {
          if (existingCodes.has(code))
            rowIssues.push({ row, column: col('code'), field: 'code', reason: 'already_exists' });
          else if (seen.has(code))
            rowIssues.push({
              row,
              column: col('code'),
              field: 'code',
              reason: 'duplicate_in_file',
              params: { row: seen.get(code) },
            });
          else seen.set(code, row);
        }
      }
      if (kind === 'sources') {
        if (typeof values.nuclide === 'string' && !findNuclide(values.nuclide)) {
          const i = rowIssues.findIndex((x) => x.field === 'nuclide');
          const issue: ImportIssue = {
            row,
            column: col('nuclide'),
            field: 'nuclide',
            reason: 'unknown_nuclide',
          };
          if (i >= 0) rowIssues[i] = issue;
          else rowIssues.push(issue);
        }
        for (const f of ['referenceDate', 'receivedOn']) {
          if (typeof values[f] === 'string' && values[f] > today && !rowIssues.some((x) => x.field === f))
            rowIssues.push({ row, column: col(f), field: f, reason: 'in_future' });
        }
        const identity = [body.nuclide, searchKey(text(values.manufacturer)), text(values.serial)].join('|');
        if (values.serial !== undefined) {
          if (seen.has(identity))
            rowIssues.push({
              row,
              column: col('serial'),
              field: 'serial',
              reason: 'duplicate_in_file',
              params: { row: seen.get(identity) },
            });
          else seen.set(identity, row);
        }
      }
      issues.push(...rowIssues);
      if (rowIssues.length === 0 && !rowsWithParseIssues.has(row)) bodies.push({ row, body });
    }

    if (kind === 'sources' && bodies.length > 0) {
      // Already registered: (nuclide, manufacturer, serial) is a source's identity.
      const existing = new Set(
        (await this.db.selectFrom('sources').select(['nuclide', 'manufacturer', 'serial']).execute()).map(
          (s) => [s.nuclide, searchKey(s.manufacturer), s.serial].join('|'),
        ),
      );
      for (const b of [...bodies]) {
        const identity = [b.body.nuclide, searchKey(text(b.body.manufacturer)), text(b.body.serial)].join(
          '|',
        );
        if (existing.has(identity)) {
          issues.push({
            row: b.row,
            column: parsed.columnOf.serial ?? null,
            field: 'serial',
            reason: 'already_exists',
          });
          bodies.splice(bodies.indexOf(b), 1);
        }
      }
    }

    issues.sort((a, b) => a.row - b.row);
    const report: ImportReport = {
      kind,
      dryRun,
      rows: parsed.rows.length,
      valid: bodies.length,
      created: 0,
      issues: issues.map((i) => ({
        row: i.row,
        column: i.column,
        field: i.field,
        reason: i.reason,
        message: validationReason(i.reason, locale, i.params ?? {}),
      })),
    };
    if (dryRun) return report;
    if (issues.length > 0) throw new AppError('import.invalid', { count: issues.length }, report);

    const ids = await this.db.transaction().execute(async (trx) => {
      const created =
        kind === 'facilities'
          ? await this.writeFacilities(
              trx,
              bodies.map((b) => b.body),
            )
          : kind === 'devices'
            ? await this.writeDevices(
                trx,
                bodies.map((b) => b.body),
              )
            : await this.writeSources(
                trx,
                actor,
                bodies.map((b) => b.body),
                today,
              );
      await this.audit.record(trx, actor, {
        action: 'registry.import',
        entityType: kind === 'facilities' ? 'facility' : kind === 'devices' ? 'device' : 'source',
        after: { kind, rows: created.length, fileSha256: fileHash, ids: created },
      });
      return created;
    });
    return { ...report, created: ids.length };
  }

  private requireImport(actor: Actor, kind: ImportKind): void {
    if (kind === 'facilities') return requirePermission(actor, Permission.FacilityManage);
    const [all, own] =
      kind === 'devices'
        ? [Permission.DeviceManage, Permission.DeviceManageOwn]
        : [Permission.SourceManage, Permission.SourceManageOwn];
    if (!hasPermission(actor, all)) requirePermission(actor, own);
  }

  private async manageableFacilities(actor: Actor, kind: ImportKind): Promise<Map<string, number>> {
    const all = hasPermission(actor, kind === 'devices' ? Permission.DeviceManage : Permission.SourceManage);
    let q = this.db.selectFrom('organisations').select(['id', 'code']).where('kind', '=', 'facility');
    if (!all) q = q.where('id', '=', actor.organisationId ?? -1);
    return new Map((await q.execute()).map((r) => [r.code.toLowerCase(), r.id]));
  }

  private async writeFacilities(trx: Executor, bodies: Array<Record<string, unknown>>): Promise<number[]> {
    const now = this.clock.now().toISOString();
    const ids: number[] = [];
    for (let i = 0; i < bodies.length; i += CHUNK) {
      const chunk = bodies.slice(i, i + CHUNK) as CreateFacilityBody[];
      const provisional = chunk.map((b) => b.code ?? `tmp-${randomUUID()}`);
      const rows = await trx
        .insertInto('organisations')
        .values(
          chunk.map((b, k) => ({
            kind: 'facility',
            code: provisional[k]!,
            name: b.name.trim(),
            name_en: null,
            commune_code: b.communeCode,
            address: b.address?.trim() || null,
            phone: b.phone?.trim() || null,
            email: b.email?.trim() || null,
            latitude: b.lat,
            longitude: b.lon,
            status: 'active',
            search_text: searchKey(b.code ?? '', b.name, b.address),
            created_at: now,
            updated_at: now,
            version: 1,
          })),
        )
        .returning(['id', 'code'])
        .execute();
      const idByCode = new Map(rows.map((r) => [r.code, r.id]));
      const chunkIds = provisional.map((c) => idByCode.get(c)!);
      await trx
        .insertInto('facility_profiles')
        .values(
          chunk.map((b, k) => ({
            organisation_id: chunkIds[k]!,
            legal_name: b.legalName?.trim() || null,
            tax_code: b.taxCode ?? null,
            facility_kind: b.kind,
            practices: '[]',
            contact_name: null,
            rso_name: b.rsoName?.trim() || null,
            rso_certificate_number: b.rsoCertificateNumber?.trim() || null,
            rso_certificate_expiry: b.rsoCertificateExpiry ?? null,
            registry_status: 'active',
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
      for (const [k, b] of chunk.entries()) {
        if (!b.code) {
          const id = chunkIds[k]!;
          const code = `CS-${String(id).padStart(5, '0')}`;
          await trx
            .updateTable('organisations')
            .set({ code, search_text: searchKey(code, b.name, b.address) })
            .where('id', '=', id)
            .execute();
        }
      }
      ids.push(...chunkIds);
    }
    return ids;
  }

  private async writeDevices(trx: Executor, bodies: Array<Record<string, unknown>>): Promise<number[]> {
    const now = this.clock.now().toISOString();
    const ids: number[] = [];
    for (let i = 0; i < bodies.length; i += CHUNK) {
      const chunk = bodies.slice(i, i + CHUNK) as CreateDeviceBody[];
      const rows = await trx
        .insertInto('devices')
        .values(
          chunk.map((b) => ({
            facility_id: b.facilityId,
            device_type: b.type,
            digital: b.digital === undefined || b.digital === null ? null : b.digital ? 1 : 0,
            maker: b.maker?.trim() || null,
            model: b.model?.trim() || null,
            serial: b.serial?.trim() || null,
            year_made: b.yearMade ?? null,
            location: b.location?.trim() || null,
            status: b.status ?? 'in_use',
            search_text: searchKey(b.maker, b.model, b.serial, b.location),
            created_at: now,
            updated_at: now,
            version: 1,
          })),
        )
        .returning('id')
        .execute();
      ids.push(...rows.map((r) => r.id));
    }
    return ids;
  }

  private async writeSources(
    trx: Executor,
    actor: Actor,
    bodies: Array<Record<string, unknown>>,
    today: string,
  ): Promise<number[]> {
    const now = this.clock.now().toISOString();
    const ids: number[] = [];
    for (let i = 0; i < bodies.length; i += CHUNK) {
      const chunk = bodies.slice(i, i + CHUNK) as CreateSourceBody[];
      const rows = await trx
        .insertInto('sources')
        .values(
          chunk.map((b) => ({
            facility_id: b.facilityId,
            nuclide: b.nuclide,
            serial: b.serial.trim(),
            manufacturer: b.manufacturer?.trim() ?? '',
            model: b.model?.trim() || null,
            reference_activity_bq: b.referenceActivityBq,
            reference_date: b.referenceDate,
            form: null,
            source_use: b.use ?? 'other',
            location: b.location?.trim() || null,
            status: 'stored',
            pending_transfer_to: null,
            search_text: searchKey(b.nuclide, b.serial, b.manufacturer, b.model, b.location),
            created_at: now,
            updated_at: now,
            version: 1,
          })),
        )
        .returning(['id', 'nuclide', 'manufacturer', 'serial'])
        .execute();
      const idOf = new Map(rows.map((r) => [`${r.nuclide}|${r.manufacturer}|${r.serial}`, r.id]));
      const chunkIds = chunk.map((b) =>
        idOf.get(`${b.nuclide}|${b.manufacturer?.trim() ?? ''}|${b.serial.trim()}`)!,
      );
      await trx
        .insertInto('source_transactions')
        .values(
          chunk.map((b, k) => ({
            source_id: chunkIds[k]!,
            type: 'receipt',
            occurred_on: b.receivedOn ?? today,
            recorded_at: now,
            facility_id: b.facilityId,
            counterparty_facility_id: null,
            counterparty_name: null,
            location: b.location?.trim() || null,
            note: 'Nhập từ bảng tính / imported from a spreadsheet',
            status_after: 'stored',
            matched_transaction_id: null,
            recorded_by: actor.userId,
          })),
        )
        .execute();
      ids.push(...chunkIds);
    }
    return ids;
  }
}

export function sha256(buffer: Buffer): string {
  return createHash('sha256').update(buffer).digest('hex');
}
