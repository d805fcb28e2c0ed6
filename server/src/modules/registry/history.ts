/**
 * The change history of one registry record, from the audit trail, for whoever may read the record (the full
 * audit log is for auditors). Source entries show who did what and when, but their before/after values only to
 * those with need to know: the holder, DOST staff and inspectors.
 */
import { Type, type Static } from 'typebox';
import { IdParams, IsoDateTime, Permission } from '@sievert/core';
import type { Db } from '../../db/database.js';
import { errors, type Http } from '../../http.js';
import { actorOf } from '../../plugins/request-context.js';
import { hasPermission, type Actor } from '../auth/actor.js';
import type { InspectionService } from '../inspections/inspection.service.js';
import type { LicenceService } from '../licensing/licence.service.js';
import type { DeviceService } from './device.service.js';
import type { FacilityService } from './facility.service.js';
import type { SourceService } from './source.service.js';

export const HistoryEntry = Type.Object({
  id: Type.Integer(),
  at: IsoDateTime,
  actorName: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  /** Null when withheld (need to know) or when the change has no such side. */
  before: Type.Unknown(),
  after: Type.Unknown(),
});
export type HistoryEntry = Static<typeof HistoryEntry>;

const KINDS = ['facilities', 'sources', 'devices', 'licences', 'inspections'] as const;
type Kind = (typeof KINDS)[number];
const ENTITY_TYPES: Record<Kind, readonly string[]> = {
  facilities: ['facility', 'organisation'],
  sources: ['source'],
  devices: ['device'],
  licences: ['licence'],
  inspections: ['inspection'],
};
const LIMIT = 200;

export class HistoryService {
  constructor(
    private readonly db: Db,
    private readonly registry: {
      facilities: FacilityService;
      sources: SourceService;
      devices: DeviceService;
      licences: LicenceService;
      inspections: InspectionService;
    },
  ) {}

  async history(actor: Actor, kind: Kind, id: number): Promise<HistoryEntry[]> {
    // Reading the record first applies its permission, scope and need-to-know (404 outside them).
    let withhold = false;
    if (kind === 'sources') {
      const source = await this.registry.sources.get(actor, id);
      withhold =
        !hasPermission(actor, Permission.SourceReadSensitive) && actor.organisationId !== source.facilityId;
    } else await this.registry[kind].get(actor, id);
    const rows = await this.db
      .selectFrom('audit_log')
      .select(['id', 'at', 'actor_name', 'action', 'before_json', 'after_json'])
      .where('entity_type', 'in', [...ENTITY_TYPES[kind]])
      .where('entity_id', '=', String(id))
      .orderBy('id', 'desc')
      .limit(LIMIT)
      .execute();
    const parse = (text: string | null) => (withhold || text === null ? null : (JSON.parse(text) as unknown));
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorName: r.actor_name,
      action: r.action,
      before: parse(r.before_json),
      after: parse(r.after_json),
    }));
  }
}

export function historyRoutes(app: Http, service: HistoryService): void {
  for (const kind of KINDS) {
    app.get(
      `/api/v1/${kind}/:id/history`,
      {
        schema: {
          tags: ['registry'],
          summary: `What changed in this ${kind.slice(0, -1)}, newest first (from the audit trail)`,
          params: IdParams,
          response: { 200: Type.Array(HistoryEntry), ...errors },
        },
      },
      async (request) => service.history(actorOf(request), kind, request.params.id),
    );
  }
}
