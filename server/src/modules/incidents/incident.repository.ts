/**
 * The incident tables as the service reads them: rows with the names people need (organisations, users), and
 * their API views. Every read that lists incidents takes the reader's reach (incident-access.ts).
 */
import {
  clockDefinition,
  clockState,
  INCIDENT_CLOCK_CITATIONS,
  INCIDENT_CLOCK_SOURCES,
  type AgencyKind,
  type Clock,
  type IncidentKind,
  type IncidentListItem,
  type IncidentOrigin,
  type IncidentSeverity,
  type IncidentState,
  type Notice,
  type NoticeQueueItem,
  type NoticeState,
  type Task,
  type TaskStatus,
  type TimelineEntry,
  type TimelineKind,
} from '@sievert/core';
import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type {
  IncidentClocksTable,
  IncidentNoticesTable,
  IncidentsTable,
  IncidentTasksTable,
} from '../../db/schema.js';
import { incidentScopeCondition, type IncidentFacts, type IncidentReach } from './incident-access.js';

export type IncidentRow = Selectable<IncidentsTable>;
export type TaskRow = Selectable<IncidentTasksTable>;
export type ClockRow = Selectable<IncidentClocksTable>;
export type NoticeRow = Selectable<IncidentNoticesTable>;

export type IncidentListRow = IncidentRow & {
  organisation_name: string | null;
  open_tasks: number | string | null;
  next_clock_due_at: string | null;
  overdue_clocks: number | string | null;
};

export interface ListFilter {
  state?: IncidentState | 'open' | undefined;
  kind?: IncidentKind | undefined;
  exercise?: boolean | undefined;
  qPattern?: string | undefined;
  communeCode?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const json = (text: string | null): Record<string, unknown> | null =>
  text === null ? null : (JSON.parse(text) as Record<string, unknown>);

export class IncidentRepository {
  /** Incidents with their list columns, within a reach; `nowIso` decides which clocks are overdue. */
  listQuery(db: Executor, reach: IncidentReach, nowIso: string, filter: ListFilter = {}) {
    let q = db
      .selectFrom('incidents')
      .leftJoin('organisations', 'organisations.id', 'incidents.organisation_id')
      .selectAll('incidents')
      .select((eb) => [
        'organisations.name as organisation_name',
        eb
          .selectFrom('incident_tasks')
          .select((t) => t.fn.countAll<number>().as('n'))
          .whereRef('incident_tasks.incident_id', '=', 'incidents.id')
          .where('incident_tasks.status', 'not in', ['done', 'cancelled'])
          .as('open_tasks'),
        eb
          .selectFrom('incident_clocks')
          .select((c) => c.fn.min<string>('incident_clocks.due_at').as('d'))
          .whereRef('incident_clocks.incident_id', '=', 'incidents.id')
          .where('incident_clocks.met_at', 'is', null)
          .as('next_clock_due_at'),
        eb
          .selectFrom('incident_clocks')
          .select((c) => c.fn.countAll<number>().as('n'))
          .whereRef('incident_clocks.incident_id', '=', 'incidents.id')
          .where('incident_clocks.met_at', 'is', null)
          .where('incident_clocks.due_at', '<', nowIso)
          .as('overdue_clocks'),
      ])
      .where((eb) => incidentScopeCondition(eb, reach));
    if (filter.state === 'open') q = q.where('incidents.state', '!=', 'closed');
    else if (filter.state) q = q.where('incidents.state', '=', filter.state);
    if (filter.kind) q = q.where('incidents.kind', '=', filter.kind);
    if (filter.exercise !== undefined) q = q.where('incidents.exercise', '=', filter.exercise ? 1 : 0);
    if (filter.qPattern) q = q.where(sql<boolean>`incidents.title_key like ${filter.qPattern} escape '\\'`);
    if (filter.communeCode) q = q.where('incidents.commune_code', '=', filter.communeCode);
    if (filter.from) q = q.where('incidents.discovered_at', '>=', filter.from);
    if (filter.to) q = q.where('incidents.discovered_at', '<=', filter.to);
    return q;
  }

  async findVisible(
    db: Executor,
    reach: IncidentReach,
    id: number,
    nowIso: string,
  ): Promise<IncidentListRow | undefined> {
    return this.listQuery(db, reach, nowIso).where('incidents.id', '=', id).executeTakeFirst();
  }

  async facts(db: Executor, row: IncidentRow): Promise<IncidentFacts> {
    const tasks = await db
      .selectFrom('incident_tasks')
      .select(['assignee_organisation_id', 'owner_user_id'])
      .where('incident_id', '=', row.id)
      .execute();
    return {
      communeCode: row.commune_code,
      organisationId: row.organisation_id,
      facilityId: row.facility_id,
      createdBy: row.created_by,
      commanderUserId: row.commander_user_id,
      taskOrganisationIds: tasks.flatMap((t) =>
        t.assignee_organisation_id === null ? [] : [t.assignee_organisation_id],
      ),
      taskUserIds: tasks.flatMap((t) => (t.owner_user_id === null ? [] : [t.owner_user_id])),
    };
  }

  async userNames(db: Executor, ids: ReadonlyArray<number | null>): Promise<Map<number, string>> {
    const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
    if (wanted.length === 0) return new Map();
    const rows = await db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('id', 'in', wanted)
      .execute();
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }

  async tasks(db: Executor, incidentId: number): Promise<Task[]> {
    const rows = await this.taskQuery(db)
      .where('incident_tasks.incident_id', '=', incidentId)
      .orderBy('incident_tasks.id')
      .execute();
    return rows.map(taskView);
  }

  async task(db: Executor, incidentId: number, taskId: number): Promise<Task | undefined> {
    const row = await this.taskQuery(db)
      .where('incident_tasks.incident_id', '=', incidentId)
      .where('incident_tasks.id', '=', taskId)
      .executeTakeFirst();
    return row ? taskView(row) : undefined;
  }

  private taskQuery(db: Executor) {
    return db
      .selectFrom('incident_tasks')
      .leftJoin('organisations', 'organisations.id', 'incident_tasks.assignee_organisation_id')
      .leftJoin('users as owner', 'owner.id', 'incident_tasks.owner_user_id')
      .leftJoin('users as creator', 'creator.id', 'incident_tasks.created_by')
      .leftJoin('users as ack', 'ack.id', 'incident_tasks.acknowledged_by')
      .selectAll('incident_tasks')
      .select([
        'organisations.name as assignee_name',
        'owner.display_name as owner_name',
        'creator.display_name as creator_name',
        'ack.display_name as ack_name',
      ]);
  }

  async clocks(db: Executor, incidentId: number, now: Date): Promise<Clock[]> {
    const rows = await db
      .selectFrom('incident_clocks')
      .leftJoin('users', 'users.id', 'incident_clocks.met_by')
      .selectAll('incident_clocks')
      .select('users.display_name as met_by_name')
      .where('incident_clocks.incident_id', '=', incidentId)
      .orderBy('incident_clocks.due_at')
      .orderBy('incident_clocks.code')
      .execute();
    return rows.map((r) => clockView(r, r.met_by_name, now));
  }

  async notices(db: Executor, incidentId: number): Promise<Notice[]> {
    const rows = await this.noticeQuery(db)
      .where('incident_notices.incident_id', '=', incidentId)
      .orderBy('incident_notices.id')
      .execute();
    return rows.map(noticeView);
  }

  async notice(db: Executor, incidentId: number, noticeId: number): Promise<Notice | undefined> {
    const row = await this.noticeQuery(db)
      .where('incident_notices.incident_id', '=', incidentId)
      .where('incident_notices.id', '=', noticeId)
      .executeTakeFirst();
    return row ? noticeView(row) : undefined;
  }

  private noticeQuery(db: Executor) {
    return db
      .selectFrom('incident_notices')
      .leftJoin('users as creator', 'creator.id', 'incident_notices.created_by')
      .leftJoin('users as approver', 'approver.id', 'incident_notices.approved_by')
      .leftJoin('users as withdrawer', 'withdrawer.id', 'incident_notices.withdrawn_by')
      .selectAll('incident_notices')
      .select([
        'creator.display_name as creator_name',
        'approver.display_name as approver_name',
        'withdrawer.display_name as withdrawer_name',
      ]);
  }

  /** Notices across incidents for the publication queue, newest first; `state` narrows it. */
  async noticeQueue(db: Executor, state: NoticeState | undefined, limit = 500): Promise<NoticeQueueItem[]> {
    let q = this.noticeQuery(db)
      .innerJoin('incidents', 'incidents.id', 'incident_notices.incident_id')
      .select(['incidents.number as incident_number', 'incidents.title as incident_title']);
    if (state) q = q.where('incident_notices.state', '=', state);
    const rows = await q.orderBy('incident_notices.id', 'desc').limit(limit).execute();
    return rows.map((r) => ({
      ...noticeView(r),
      incidentNumber: r.incident_number,
      incidentTitle: r.incident_title,
    }));
  }

  /** Approved notices, newest first: what the public portal shows. */
  async publishedNotices(db: Executor, limit: number, id?: number): Promise<NoticeRow[]> {
    let q = db.selectFrom('incident_notices').selectAll().where('state', '=', 'approved');
    if (id !== undefined) q = q.where('id', '=', id);
    return q.orderBy('approved_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  async timeline(db: Executor, incidentId: number, afterId = 0): Promise<TimelineEntry[]> {
    const rows = await db
      .selectFrom('incident_timeline')
      .leftJoin('users', 'users.id', 'incident_timeline.user_id')
      .leftJoin('incident_attachments', 'incident_attachments.id', 'incident_timeline.attachment_id')
      .selectAll('incident_timeline')
      .select([
        'users.display_name as user_name',
        'incident_attachments.name as attachment_name',
        'incident_attachments.mime as attachment_mime',
        'incident_attachments.size as attachment_size',
      ])
      .where('incident_timeline.incident_id', '=', incidentId)
      .where('incident_timeline.id', '>', afterId)
      .orderBy('incident_timeline.at')
      .orderBy('incident_timeline.id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      incidentId: r.incident_id,
      at: r.at,
      kind: r.kind as TimelineKind,
      text: r.text,
      data: json(r.data),
      userId: r.user_id,
      userName: r.user_name,
      attachment:
        r.attachment_id !== null
          ? {
              id: r.attachment_id,
              name: r.attachment_name ?? '',
              mime: r.attachment_mime ?? 'application/octet-stream',
              size: Number(r.attachment_size ?? 0),
            }
          : null,
    }));
  }

  async countWhere(
    db: Executor,
    table: 'emergency_runs' | 'incident_notices' | 'incident_attachments',
    incidentId: number,
  ): Promise<number> {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('incident_id', '=', incidentId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Active users chosen by role, organisation or id (the union), for addressing notifications. */
  async activeUsers(
    db: Executor,
    by: { roles?: readonly string[]; organisationIds?: readonly number[]; userIds?: readonly number[] },
  ): Promise<number[]> {
    const roles = [...(by.roles ?? [])];
    const orgs = [...(by.organisationIds ?? [])];
    const ids = [...(by.userIds ?? [])];
    if (roles.length + orgs.length + ids.length === 0) return [];
    const rows = await db
      .selectFrom('users')
      .select('users.id')
      .where('users.status', '=', 'active')
      .where((eb) =>
        eb.or([
          ...(roles.length
            ? [
                eb.exists(
                  eb
                    .selectFrom('user_roles')
                    .select(sql`1`.as('one'))
                    .whereRef('user_roles.user_id', '=', 'users.id')
                    .where('user_roles.role', 'in', roles),
                ),
              ]
            : []),
          ...(orgs.length ? [eb('users.organisation_id', 'in', orgs)] : []),
          ...(ids.length ? [eb('users.id', 'in', ids)] : []),
        ]),
      )
      .orderBy('users.id')
      .execute();
    return rows.map((r) => r.id);
  }
}

export function listItemView(r: IncidentListRow): IncidentListItem {
  return {
    id: r.id,
    number: r.number,
    year: r.year,
    kind: r.kind as IncidentKind,
    title: r.title,
    state: r.state as IncidentState,
    severity: r.severity as IncidentSeverity | null,
    ines: r.ines,
    exercise: r.exercise === 1,
    origin: r.origin as IncidentOrigin,
    communeCode: r.commune_code,
    lat: r.lat,
    lon: r.lon,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    discoveredAt: r.discovered_at,
    reportedAt: r.reported_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    closedAt: r.closed_at,
    openTasks: Number(r.open_tasks ?? 0),
    nextClockDueAt: r.next_clock_due_at ?? null,
    overdueClocks: Number(r.overdue_clocks ?? 0),
  };
}

function taskView(
  r: TaskRow & {
    assignee_name: string | null;
    owner_name: string | null;
    creator_name: string | null;
    ack_name: string | null;
  },
): Task {
  return {
    id: r.id,
    incidentId: r.incident_id,
    title: r.title,
    description: r.description,
    agencyKind: r.agency_kind as AgencyKind | null,
    assigneeOrganisationId: r.assignee_organisation_id,
    assigneeOrganisationName: r.assignee_name,
    ownerUserId: r.owner_user_id,
    ownerName: r.owner_name,
    status: r.status as TaskStatus,
    dueAt: r.due_at,
    createdBy: r.creator_name,
    createdAt: r.created_at,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.ack_name,
    completedAt: r.completed_at,
    note: r.note,
    updatedAt: r.updated_at,
  };
}

export function clockView(r: ClockRow, metByName: string | null, now: Date): Clock {
  const definition = clockDefinition(r.code);
  const due = new Date(r.due_at);
  return {
    code: r.code,
    // A clock whose definition left the reference data keeps its row; it shows its code.
    obligation: definition?.obligation ?? { vi: r.code, en: r.code },
    addressees: [...(definition?.addressees ?? [])],
    startsFrom: definition?.startsFrom ?? 'discoveredAt',
    dueAt: r.due_at,
    state: clockState(due, r.met_at, now, definition?.remindBeforeS ?? []),
    metAt: r.met_at,
    metBy: metByName,
    remainingS: r.met_at ? null : Math.round((due.getTime() - now.getTime()) / 1000),
    remindedAt: r.reminded_at,
    escalatedAt: r.escalated_at,
    source: definition ? (INCIDENT_CLOCK_SOURCES[definition.source] ?? definition.source) : '',
    citation: (definition && INCIDENT_CLOCK_CITATIONS[definition.source]) ?? {
      vi: definition?.source ?? '',
      en: definition?.source ?? '',
    },
    status: definition?.status ?? 'to_verify',
  };
}

type NoticeJoined = NoticeRow & {
  creator_name: string | null;
  approver_name: string | null;
  withdrawer_name: string | null;
};

function noticeView(r: NoticeJoined): Notice {
  return {
    id: r.id,
    incidentId: r.incident_id,
    title: r.title,
    body: r.body,
    state: r.state as NoticeState,
    exercise: r.exercise === 1,
    createdBy: r.creator_name,
    createdAt: r.created_at,
    approvedBy: r.approver_name,
    approvedAt: r.approved_at,
    withdrawnBy: r.withdrawer_name,
    withdrawnAt: r.withdrawn_at,
    withdrawReason: r.withdraw_reason,
  };
}
