import {
  likePattern,
  searchKey,
  type Facility,
  type FacilityKind,
  type FacilityListQuery,
} from '@sievert/core';
import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { FacilityProfileRow } from '../../db/schema.js';
import type { DataScope } from '../auth/actor.js';
import { organisationScopeCondition } from '../auth/scope.js';

const FACILITY_SORT: Record<
  string,
  'organisations.name' | 'organisations.code' | 'organisations.created_at'
> = {
  name: 'organisations.name',
  code: 'organisations.code',
  createdAt: 'organisations.created_at',
};

export type FacilityProfileFields = Omit<FacilityProfileRow, 'organisation_id' | 'created_at' | 'updated_at'>;

/** A facility is an organisation of kind `facility` plus its registry profile (which older rows may lack). */
export class FacilityRepository {
  private base(db: Executor, scope: DataScope) {
    return db
      .selectFrom('organisations')
      .leftJoin('facility_profiles', 'facility_profiles.organisation_id', 'organisations.id')
      .where('organisations.kind', '=', 'facility')
      .where((eb) => organisationScopeCondition(eb, scope))
      .select([
        'organisations.id',
        'organisations.code',
        'organisations.name',
        'organisations.name_en',
        'organisations.commune_code',
        'organisations.address',
        'organisations.latitude',
        'organisations.longitude',
        'organisations.phone',
        'organisations.email',
        'organisations.status',
        'organisations.created_at',
        'organisations.updated_at',
        'organisations.version',
        'facility_profiles.legal_name',
        'facility_profiles.tax_code',
        'facility_profiles.facility_kind',
        'facility_profiles.practices',
        'facility_profiles.contact_name',
        'facility_profiles.rso_name',
        'facility_profiles.rso_certificate_number',
        'facility_profiles.rso_certificate_expiry',
      ])
      .select((eb) =>
        eb
          .selectFrom('sources')
          .whereRef('sources.facility_id', '=', 'organisations.id')
          .where('sources.status', 'not in', ['returned', 'transferred_out', 'in_waste'])
          .select(eb.fn.countAll<number>().as('n'))
          .as('source_count'),
      );
  }

  async list(
    db: Executor,
    scope: DataScope,
    query: FacilityListQuery,
  ): Promise<{ items: Facility[]; total: number }> {
    let q = this.base(db, scope);
    if (query.kind) {
      const kind = query.kind;
      q = q.where((eb) =>
        kind === 'other'
          ? eb.or([
              eb('facility_profiles.facility_kind', '=', kind),
              eb('facility_profiles.facility_kind', 'is', null),
            ])
          : eb('facility_profiles.facility_kind', '=', kind),
      );
    }
    if (query.communeCode) q = q.where('organisations.commune_code', '=', query.communeCode);
    if (query.status) q = q.where('organisations.status', '=', query.status);
    if (query.q) {
      const pattern = likePattern(searchKey(query.q));
      q = q.where((eb) =>
        eb.or([
          sql<boolean>`organisations.search_text like ${pattern} escape '\\'`,
          eb('facility_profiles.tax_code', '=', query.q!.trim()),
        ]),
      );
    }
    const [rows, count] = await Promise.all([
      q
        .orderBy(
          FACILITY_SORT[(query.sort ?? 'name').replace(/^-/, '')] ?? 'organisations.name',
          query.sort?.startsWith('-') ? 'desc' : 'asc',
        )
        .orderBy('organisations.id')
        .limit(query.limit ?? 50)
        .offset(query.offset ?? 0)
        .execute(),
      q
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toFacility), total: Number(count.n) };
  }

  /**
   * Active facilities counted by kind in each commune: the only registry figure that is public. A facility
   * without a profile counts as `other`; one without a commune is not counted.
   */
  async countByCommuneAndKind(
    db: Executor,
  ): Promise<Array<{ communeCode: string; kind: string; count: number }>> {
    const rows = await db
      .selectFrom('organisations as o')
      .leftJoin('facility_profiles as p', 'p.organisation_id', 'o.id')
      .where('o.kind', '=', 'facility')
      .where('o.status', '=', 'active')
      .where('o.commune_code', 'is not', null)
      .where((eb) => eb.or([eb('p.registry_status', 'is', null), eb('p.registry_status', '=', 'active')]))
      .select(['o.commune_code', 'p.facility_kind', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['o.commune_code', 'p.facility_kind'])
      .execute();
    return rows.map((r) => ({
      communeCode: r.commune_code as string,
      kind: r.facility_kind ?? 'other',
      count: Number(r.n),
    }));
  }

  async findById(db: Executor, id: number, scope: DataScope): Promise<Facility | null> {
    const row = await this.base(db, scope).where('organisations.id', '=', id).executeTakeFirst();
    return row ? toFacility(row) : null;
  }

  async upsertProfile(
    db: Executor,
    organisationId: number,
    fields: FacilityProfileFields,
    now: string,
  ): Promise<void> {
    await db
      .insertInto('facility_profiles')
      .values({ organisation_id: organisationId, ...fields, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ ...fields, updated_at: now }))
      .execute();
  }
}

type Row = Awaited<ReturnType<ReturnType<FacilityRepository['base']>['executeTakeFirstOrThrow']>>;

function toFacility(r: Row): Facility {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    legalName: r.legal_name ?? null,
    taxCode: r.tax_code ?? null,
    kind: (r.facility_kind ?? 'other') as FacilityKind,
    practices: r.practices ? (JSON.parse(r.practices) as string[]) : [],
    communeCode: r.commune_code,
    address: r.address,
    lat: r.latitude,
    lon: r.longitude,
    phone: r.phone,
    email: r.email,
    contactName: r.contact_name ?? null,
    rsoName: r.rso_name ?? null,
    rsoCertificateNumber: r.rso_certificate_number ?? null,
    rsoCertificateExpiry: r.rso_certificate_expiry ?? null,
    status: r.status as Facility['status'],
    sourceCount: Number(r.source_count ?? 0),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

export function profileFields(
  f: Pick<
    Facility,
    | 'legalName'
    | 'taxCode'
    | 'kind'
    | 'practices'
    | 'contactName'
    | 'rsoName'
    | 'rsoCertificateNumber'
    | 'rsoCertificateExpiry'
  >,
): FacilityProfileFields {
  return {
    legal_name: f.legalName,
    tax_code: f.taxCode,
    facility_kind: f.kind,
    practices: JSON.stringify(f.practices),
    contact_name: f.contactName,
    rso_name: f.rsoName,
    rso_certificate_number: f.rsoCertificateNumber,
    rso_certificate_expiry: f.rsoCertificateExpiry,
    registry_status: 'active',
  };
}
