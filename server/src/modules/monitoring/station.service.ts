/**
 * The stations of the provincial monitoring network: who may read and manage them, their ingest tokens (shown
 * once, stored hashed), every change audited.
 */
import { randomBytes } from 'node:crypto';
import {
  likePattern,
  Permission,
  searchKey,
  type CreateStationBody,
  type Station,
  type StationListQuery,
  type StationPage,
  type StationToken,
  type UpdateStationBody,
} from '@sievert/core';
import { sql, type Selectable } from 'kysely';
import type { Clock } from '../../adapters/clock.js';
import type { Db, Executor } from '../../db/database.js';
import type { StationsTable, StationTokensTable } from '../../db/schema.js';
import { updateVersioned } from '../../db/versioned.js';
import { AppError, invalidField, notFound } from '../../errors.js';
import { randomToken, sha256Hex } from '../../security/tokens.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import type { AuditService } from '../auth/audit.service.js';
import type { GeoService } from '../geo/geo.service.js';

type StationRow = Selectable<StationsTable> & { owner_name: string | null };
const SORT: Record<string, 'stations.code' | 'stations.name' | 'stations.status'> = {
  code: 'stations.code',
  name: 'stations.name',
  status: 'stations.status',
};
/** `svs_<12 hex>_<43 base64url>`: the prefix finds the token in logs and lists; the rest is secret. */
export const STATION_TOKEN_PATTERN = /^svs_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export class StationService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly geo: GeoService,
  ) {}

  async list(actor: Actor, query: StationListQuery): Promise<StationPage> {
    requirePermission(actor, Permission.StationRead);
    let q = this.base(this.db);
    if (query.kind) q = q.where('stations.kind', '=', query.kind);
    if (query.status) q = q.where('stations.status', '=', query.status);
    if (query.communeCode) q = q.where('stations.commune_code', '=', query.communeCode);
    if (query.q)
      q = q.where(sql<boolean>`stations.search_text like ${likePattern(searchKey(query.q))} escape '\\'`);
    const sort = query.sort ?? 'code';
    const [rows, count] = await Promise.all([
      q
        .orderBy(SORT[sort.replace(/^-/, '')] ?? 'stations.code', sort.startsWith('-') ? 'desc' : 'asc')
        .orderBy('stations.id')
        .limit(query.limit ?? 50)
        .offset(query.offset ?? 0)
        .execute(),
      q
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(view), total: Number(count.n) };
  }

  async get(actor: Actor, code: string): Promise<Station> {
    requirePermission(actor, Permission.StationRead);
    return view(await this.find(this.db, code));
  }

  async create(actor: Actor, body: CreateStationBody): Promise<Station> {
    requirePermission(actor, Permission.StationManage);
    await this.checkPlace(body.communeCode ?? null, body.ownerId ?? null);
    return this.db.transaction().execute(async (trx) => {
      const taken = await trx
        .selectFrom('stations')
        .select('id')
        .where('code', '=', body.code)
        .executeTakeFirst();
      if (taken) throw invalidField('/code', 'already_exists');
      const now = this.clock.now().toISOString();
      const row = await trx
        .insertInto('stations')
        .values({
          code: body.code,
          name: body.name.trim(),
          kind: body.kind,
          commune_code: body.communeCode ?? null,
          lat: body.lat,
          lon: body.lon,
          height_m: body.heightM ?? null,
          altitude_m: body.altitudeM ?? null,
          detector_type: body.detectorType?.trim() || null,
          conversion_factors: JSON.stringify(body.conversionFactors ?? []),
          status: body.status ?? 'operating',
          interval_s: body.intervalS ?? 600,
          owner_id: body.ownerId ?? null,
          note: body.note?.trim() || null,
          search_text: searchKey(body.code, body.name, body.detectorType),
          created_at: now,
          updated_at: now,
          version: 1,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, {
        action: 'station.create',
        entityType: 'station',
        entityId: row.id,
        after: body,
      });
      return view(await this.find(trx, body.code));
    });
  }

  async update(actor: Actor, code: string, body: UpdateStationBody): Promise<Station> {
    requirePermission(actor, Permission.StationManage);
    if (body.communeCode !== undefined || body.ownerId !== undefined)
      await this.checkPlace(body.communeCode ?? null, body.ownerId ?? null);
    return this.db.transaction().execute(async (trx) => {
      const current = await this.find(trx, code);
      if (body.version !== undefined && body.version !== current.version)
        throw new AppError('entity.conflict', {}, { currentVersion: current.version });
      const next = {
        name: body.name?.trim() ?? current.name,
        detectorType:
          body.detectorType === undefined ? current.detector_type : body.detectorType?.trim() || null,
      };
      const changes = {
        ...(body.name !== undefined ? { name: next.name } : {}),
        ...(body.kind !== undefined ? { kind: body.kind } : {}),
        ...(body.lat !== undefined ? { lat: body.lat } : {}),
        ...(body.lon !== undefined ? { lon: body.lon } : {}),
        ...(body.communeCode !== undefined ? { commune_code: body.communeCode } : {}),
        ...(body.heightM !== undefined ? { height_m: body.heightM } : {}),
        ...(body.altitudeM !== undefined ? { altitude_m: body.altitudeM } : {}),
        ...(body.detectorType !== undefined ? { detector_type: next.detectorType } : {}),
        ...(body.conversionFactors !== undefined
          ? { conversion_factors: JSON.stringify(body.conversionFactors) }
          : {}),
        ...(body.status !== undefined ? { status: body.status } : {}),
        ...(body.intervalS !== undefined ? { interval_s: body.intervalS } : {}),
        ...(body.ownerId !== undefined ? { owner_id: body.ownerId } : {}),
        ...(body.note !== undefined ? { note: body.note?.trim() || null } : {}),
        search_text: searchKey(current.code, next.name, next.detectorType),
        updated_at: this.clock.now().toISOString(),
      };
      if (!(await updateVersioned(trx, 'stations', current.id, current.version, changes)))
        throw new AppError('entity.conflict', {}, { currentVersion: current.version });
      const after = await this.find(trx, code);
      await this.audit.record(trx, actor, {
        action: 'station.update',
        entityType: 'station',
        entityId: current.id,
        before: view(current),
        after: view(after),
      });
      return view(after);
    });
  }

  async tokens(actor: Actor, code: string): Promise<StationToken[]> {
    requirePermission(actor, Permission.StationManage);
    const station = await this.find(this.db, code);
    const rows = await this.db
      .selectFrom('station_tokens')
      .selectAll()
      .where('station_id', '=', station.id)
      .orderBy('id', 'desc')
      .execute();
    return rows.map(tokenView);
  }

  /** A new ingest token for one station; the secret is returned once and only its hash is kept. */
  async issueToken(
    actor: Actor,
    code: string,
    name?: string,
  ): Promise<{ token: string; info: StationToken }> {
    requirePermission(actor, Permission.StationManage);
    return this.db.transaction().execute(async (trx) => {
      const station = await this.find(trx, code);
      const prefix = randomBytes(6).toString('hex');
      const token = `svs_${prefix}_${randomToken(32)}`;
      const row = await trx
        .insertInto('station_tokens')
        .values({
          station_id: station.id,
          name: name?.trim() || station.code,
          prefix,
          token_hash: sha256Hex(token),
          created_at: this.clock.now().toISOString(),
          created_by: actor.userId,
          last_used_at: null,
          revoked_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, {
        action: 'station.token_create',
        entityType: 'station',
        entityId: station.id,
        after: { tokenId: row.id, prefix, name: row.name },
      });
      return { token, info: tokenView(row) };
    });
  }

  async revokeToken(actor: Actor, code: string, tokenId: number): Promise<void> {
    requirePermission(actor, Permission.StationManage);
    await this.db.transaction().execute(async (trx) => {
      const station = await this.find(trx, code);
      const row = await trx
        .selectFrom('station_tokens')
        .selectAll()
        .where('id', '=', tokenId)
        .where('station_id', '=', station.id)
        .executeTakeFirst();
      if (!row) throw notFound('token', tokenId);
      if (row.revoked_at) return;
      await trx
        .updateTable('station_tokens')
        .set({ revoked_at: this.clock.now().toISOString() })
        .where('id', '=', tokenId)
        .execute();
      await this.audit.record(trx, actor, {
        action: 'station.token_revoke',
        entityType: 'station',
        entityId: station.id,
        before: { tokenId, prefix: row.prefix },
      });
    });
  }

  /** The station a presented ingest token belongs to, or null (unknown, revoked, malformed). */
  async stationForToken(db: Executor, token: string): Promise<{ stationId: number; code: string } | null> {
    if (!STATION_TOKEN_PATTERN.test(token)) return null;
    const row = await db
      .selectFrom('station_tokens')
      .innerJoin('stations', 'stations.id', 'station_tokens.station_id')
      .select([
        'station_tokens.id',
        'station_tokens.last_used_at',
        'stations.id as station_id',
        'stations.code',
      ])
      .where('station_tokens.token_hash', '=', sha256Hex(token))
      .where('station_tokens.revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) return null;
    // A station may send every few seconds: note the use at most once a minute rather than write on every batch.
    const now = this.clock.now();
    if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000)
      await db
        .updateTable('station_tokens')
        .set({ last_used_at: now.toISOString() })
        .where('id', '=', row.id)
        .execute();
    return { stationId: row.station_id, code: row.code };
  }

  private base(db: Executor) {
    return db
      .selectFrom('stations')
      .leftJoin('organisations', 'organisations.id', 'stations.owner_id')
      .selectAll('stations')
      .select('organisations.name as owner_name');
  }

  private async find(db: Executor, code: string): Promise<StationRow> {
    const row = await this.base(db).where('stations.code', '=', code).executeTakeFirst();
    if (!row) throw notFound('station', code);
    return row;
  }

  private async checkPlace(communeCode: string | null, ownerId: number | null) {
    if (communeCode && !(await this.geo.communeExists(this.db, communeCode)))
      throw invalidField('/communeCode', 'unknown_commune');
    if (ownerId !== null) {
      const owner = await this.db
        .selectFrom('organisations')
        .select('id')
        .where('id', '=', ownerId)
        .executeTakeFirst();
      if (!owner) throw invalidField('/ownerId', 'invalid');
    }
  }
}

function view(r: StationRow): Station {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind as Station['kind'],
    communeCode: r.commune_code,
    lat: r.lat,
    lon: r.lon,
    heightM: r.height_m,
    altitudeM: r.altitude_m,
    detectorType: r.detector_type,
    conversionFactors: JSON.parse(r.conversion_factors) as Station['conversionFactors'],
    status: r.status as Station['status'],
    intervalS: r.interval_s,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    note: r.note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

function tokenView(r: Selectable<StationTokensTable>): StationToken {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  };
}
