import {
  likePattern,
  searchKey,
  type Organisation,
  type OrganisationKind,
  type OrganisationListQuery,
} from '@sievert/core';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { NewOrganisationRow, OrganisationRow, OrganisationUpdate } from '../../db/schema.js';
import type { DataScope } from './actor.js';
import { organisationScopeCondition } from './scope.js';
import { updateVersioned } from '../../db/versioned.js';

type RowWithCount = OrganisationRow & { user_count: number };

function toOrganisation(row: RowWithCount): Organisation {
  return {
    id: row.id,
    kind: row.kind as OrganisationKind,
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    communeCode: row.commune_code,
    address: row.address,
    phone: row.phone,
    email: row.email,
    latitude: row.latitude,
    longitude: row.longitude,
    status: row.status as Organisation['status'],
    userCount: Number(row.user_count),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function organisationSearchText(o: {
  code: string;
  name: string;
  nameEn?: string | null;
  address?: string | null;
}) {
  return searchKey(o.code, o.name, o.nameEn, o.address);
}

export class OrganisationRepository {
  private base(db: Executor, scope: DataScope) {
    return db
      .selectFrom('organisations')
      .where((eb) => organisationScopeCondition(eb, scope))
      .selectAll('organisations')
      .select((eb) =>
        eb
          .selectFrom('users')
          .whereRef('users.organisation_id', '=', 'organisations.id')
          .select(eb.fn.countAll<number>().as('n'))
          .as('user_count'),
      );
  }

  async list(
    db: Executor,
    scope: DataScope,
    query: OrganisationListQuery,
  ): Promise<{ items: Organisation[]; total: number }> {
    let q = db.selectFrom('organisations').where((eb) => organisationScopeCondition(eb, scope));
    if (query.kind) q = q.where('kind', '=', query.kind);
    if (query.communeCode) q = q.where('commune_code', '=', query.communeCode);
    if (query.status) q = q.where('status', '=', query.status);
    if (query.q) q = q.where(sql<boolean>`search_text like ${likePattern(searchKey(query.q))} escape '\\'`);
    const ids = q.select('organisations.id');
    const [rows, count] = await Promise.all([
      this.base(db, { level: 'province' })
        .where('organisations.id', 'in', ids)
        .orderBy('organisations.kind')
        .orderBy('organisations.name')
        .orderBy('organisations.id')
        .limit(query.limit ?? 50)
        .offset(query.offset ?? 0)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map((r) => toOrganisation(r as RowWithCount)), total: Number(count.n) };
  }

  async findById(db: Executor, id: number, scope: DataScope): Promise<Organisation | null> {
    const row = await this.base(db, scope).where('organisations.id', '=', id).executeTakeFirst();
    return row ? toOrganisation(row as RowWithCount) : null;
  }

  async findByCode(db: Executor, code: string): Promise<Organisation | null> {
    const row = await this.base(db, { level: 'province' })
      .where('organisations.code', '=', code)
      .executeTakeFirst();
    return row ? toOrganisation(row as RowWithCount) : null;
  }

  async insert(db: Executor, row: NewOrganisationRow): Promise<number> {
    const { id } = await db.insertInto('organisations').values(row).returning('id').executeTakeFirstOrThrow();
    return id;
  }

  /** Updates only if the row is still at `version`; returns false when someone else changed it first. */
  async update(db: Executor, id: number, version: number, changes: OrganisationUpdate): Promise<boolean> {
    return updateVersioned(db, 'organisations', id, version, changes);
  }

  async delete(db: Executor, id: number): Promise<void> {
    await db.deleteFrom('organisations').where('id', '=', id).execute();
  }

  async countByKind(db: Executor, scope: DataScope): Promise<Record<string, number>> {
    const rows = await db
      .selectFrom('organisations')
      .where((eb) => organisationScopeCondition(eb, scope))
      .where('status', '=', 'active')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('kind')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
  }

  async countFacilitiesByCommune(db: Executor, scope: DataScope): Promise<Record<string, number>> {
    const rows = await db
      .selectFrom('organisations')
      .where((eb) => organisationScopeCondition(eb, scope))
      .where('kind', '=', 'facility')
      .where('status', '=', 'active')
      .where('commune_code', 'is not', null)
      .select(['commune_code', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('commune_code')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.commune_code as string, Number(r.n)]));
  }
}
