/**
 * Incidents and the response to them: intake (a facility's form, an alarm, a hotline call, an inspection, an
 * officer), the lifecycle, tasks for agencies, the timeline every participant sees, statutory clocks, public
 * notices, and the links to alarms, sources and dispersion runs. Every change is audited and written to the
 * timeline in the same transaction; after the commit the incident's readers get a live update.
 */
import {
  checkTransition,
  clockAction,
  clockDefinition,
  clocksForKind,
  clockDueAt,
  exerciseLabelled,
  INCIDENT_ATTACHMENT_MAX_BYTES,
  likePattern,
  localDateOf,
  nextStates,
  Permission,
  QUANTITY_CODES,
  ROLE_PERMISSIONS,
  ROLES,
  ATTACHMENT_TYPES,
  canMoveTask,
  safeFileName,
  searchKey,
  sniffAttachmentType,
  taskMoveNeedsCommand,
  type Alarm,
  type AlarmRule,
  type Clock,
  type FromAlarmBody,
  type Incident,
  type IncidentCreateBody,
  type IncidentKind,
  type IncidentListQuery,
  type IncidentOrigin,
  type IncidentPage,
  type IncidentPatchBody,
  type IncidentSeverity,
  type IncidentState,
  type Notice,
  type NoticeCreateBody,
  type NoticeQueueItem,
  type NoticeState,
  type Role,
  type Task,
  type TaskCreateBody,
  type TaskPatchBody,
  type TaskStatus,
  type TimelineCreateBody,
  type TimelineEntry,
  type TimelineKind,
} from '@sievert/core';
import { createHash } from 'node:crypto';
import type { Clock as TimeSource } from '../../adapters/clock.js';
import type { Db, Executor } from '../../db/database.js';
import { AppError, invalidField, notFound } from '../../errors.js';
import { dataScope, hasPermission, requirePermission, SYSTEM_ACTOR, type Actor } from '../auth/actor.js';
import { organisationScopeCondition } from '../auth/scope.js';
import type { AuditService } from '../auth/audit.service.js';
import type { GeoService } from '../geo/geo.service.js';
import type { LiveHub } from '../notifications/live-hub.js';
import type {
  NotificationService,
  PublishedNotification,
  PublishEvent,
} from '../notifications/notification.service.js';
import type { SourceService } from '../registry/source.service.js';
import { viDateTime, viNumber } from '../emergency/run-summary.js';
import { RULES as ALARM_RULES, SEVERITY as ALARM_SEVERITIES } from '../monitoring/alarm-notices.js';
import { abilities, incidentReach, isTaskAssignee, mayReadIncident } from './incident-access.js';
import { clockEvent, reportedEvent, taskAssignedEvent, type IncidentHeadline } from './incident-messages.js';
import {
  assessmentText,
  FIELD_NAMES_VI,
  STATE_NAMES_VI,
  TASK_STATUS_VI,
  viLatLon,
} from './incident-words.js';
import {
  IncidentRepository,
  listItemView,
  type IncidentListRow,
  type IncidentRow,
  type NoticeRow,
} from './incident.repository.js';

/** What changed, on the live stream (`incident.updated`). */
export type IncidentChange =
  'created' | 'state' | 'details' | 'task' | 'timeline' | 'attachment' | 'clock' | 'notice';

/** The live message every reader of the incident receives after a change. */
export interface IncidentUpdated {
  incidentId: number;
  kind: IncidentChange;
  /** The task, timeline entry, notice or clock concerned, when there is one. */
  ref?: number | string;
}

/** An incident as intake builds it (the API body, or what an alarm pre-fills). */
interface Intake {
  kind: IncidentKind;
  title: string;
  description: string;
  lat: number;
  lon: number;
  communeCode: string | null;
  discoveredAt?: string | undefined;
  origin?: IncidentOrigin | undefined;
  exercise?: boolean | undefined;
  facilityId?: number | null | undefined;
  sourceId?: number | null | undefined;
  alarmId?: number | null | undefined;
  scenario?: Record<string, unknown> | null | undefined;
}

/** Entries the timeline gets from the system, besides what people write. */
interface TimelineWrite {
  kind: TimelineKind;
  text: string;
  data?: Record<string, unknown> | null;
  userId: number | null;
  attachmentId?: number | null;
}

/** Seconds of clock skew tolerated before a discovery time counts as "in the future". */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** Roles that hold `incident.manage`: they hear of clock reminders. */
const MANAGER_ROLES: readonly Role[] = ROLES.filter((r) =>
  ROLE_PERMISSIONS[r].includes(Permission.IncidentManage),
);

export type NoticeMove = 'submit' | 'approve' | 'withdraw';

const NOTICE_MOVES: Record<
  NoticeMove,
  { from: NoticeState[]; to: NoticeState; permission: Permission; text: string; event: string; audit: string }
> = {
  submit: {
    from: ['draft'],
    to: 'submitted',
    permission: Permission.IncidentManage,
    text: 'Gửi duyệt thông báo',
    event: 'notice_submitted',
    audit: 'incident.notice_submit',
  },
  approve: {
    from: ['draft', 'submitted'],
    to: 'approved',
    permission: Permission.IncidentNoticeApprove,
    text: 'Duyệt và công bố thông báo',
    event: 'notice_approved',
    audit: 'incident.notice_approve',
  },
  withdraw: {
    from: ['draft', 'submitted', 'approved'],
    to: 'withdrawn',
    permission: Permission.IncidentNoticeApprove,
    text: 'Gỡ bỏ thông báo',
    event: 'notice_withdrawn',
    audit: 'incident.notice_withdraw',
  },
};

export class IncidentService {
  readonly repo = new IncidentRepository();
  /**
   * Checks an exercise scenario before it is stored (the exercise module sets it); throw a FieldError to refuse.
   * By default any JSON object is kept as it is.
   */
  checkScenario: (scenario: Record<string, unknown>) => void = () => {};

  constructor(
    private readonly db: Db,
    private readonly clock: TimeSource,
    private readonly audit: AuditService,
    private readonly geo: GeoService,
    private readonly notifications: NotificationService,
    private readonly live: LiveHub,
    private readonly sources: SourceService,
    private readonly timeZone: string,
  ) {}

  // ── reading ────────────────────────────────────────────────────────────────────────────────────────────

  async list(actor: Actor, query: IncidentListQuery): Promise<IncidentPage> {
    requirePermission(actor, Permission.IncidentRead);
    const q = this.repo.listQuery(this.db, incidentReach(actor), this.now().toISOString(), {
      state: query.state,
      kind: query.kind,
      exercise: query.exercise,
      qPattern: query.q?.trim() ? likePattern(searchKey(query.q)) : undefined,
      communeCode: query.communeCode,
      from: query.from ? new Date(query.from).toISOString() : undefined,
      to: query.to ? new Date(query.to).toISOString() : undefined,
    });
    const [rows, count] = await Promise.all([
      q
        .orderBy('incidents.reported_at', 'desc')
        .orderBy('incidents.id', 'desc')
        .limit(query.limit ?? 50)
        .offset(query.offset ?? 0)
        .execute(),
      q
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(listItemView), total: Number(count.n) };
  }

  async get(actor: Actor, id: number): Promise<Incident> {
    const row = await this.readable(this.db, actor, id);
    return this.view(this.db, actor, row);
  }

  /**
   * The incident if the actor may read it, else 404 (never 403: whether it exists is itself withheld).
   * For other modules (documents, exercise report, runs) that act on an incident.
   */
  async readable(db: Executor, actor: Actor, id: number): Promise<IncidentListRow> {
    requirePermission(actor, Permission.IncidentRead);
    const row = await this.repo.findVisible(db, incidentReach(actor), id, this.now().toISOString());
    if (!row) throw notFound('incident', id);
    return row;
  }

  async timeline(actor: Actor, id: number, afterId = 0): Promise<TimelineEntry[]> {
    await this.readable(this.db, actor, id);
    return this.repo.timeline(this.db, id, afterId);
  }

  async attachment(
    actor: Actor,
    id: number,
    attachmentId: number,
  ): Promise<{ name: string; mime: string; bytes: Buffer }> {
    await this.readable(this.db, actor, id);
    const row = await this.db
      .selectFrom('incident_attachments')
      .select(['name', 'mime', 'bytes'])
      .where('id', '=', attachmentId)
      .where('incident_id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('attachment', attachmentId);
    return { name: row.name, mime: row.mime, bytes: Buffer.from(row.bytes) };
  }

  private async view(db: Executor, actor: Actor, row: IncidentListRow): Promise<Incident> {
    const now = this.now();
    const [tasks, clocks, notices, names, runs, attachments, alarm, facility, source] = await Promise.all([
      this.repo.tasks(db, row.id),
      this.repo.clocks(db, row.id, now),
      this.repo.notices(db, row.id),
      this.repo.userNames(db, [row.created_by, row.commander_user_id, row.cordon_set_by]),
      this.repo.countWhere(db, 'emergency_runs', row.id),
      this.repo.countWhere(db, 'incident_attachments', row.id),
      row.alarm_id === null
        ? undefined
        : db
            .selectFrom('alarms')
            .leftJoin('stations', 'stations.id', 'alarms.station_id')
            .select(['alarms.id', 'alarms.state', 'alarms.stations', 'stations.code'])
            .where('alarms.id', '=', row.alarm_id)
            .executeTakeFirst(),
      row.facility_id === null
        ? undefined
        : db
            .selectFrom('organisations')
            .select(['id', 'name'])
            .where('id', '=', row.facility_id)
            .executeTakeFirst(),
      row.source_id === null
        ? undefined
        : db
            .selectFrom('sources')
            .select(['id', 'nuclide', 'serial', 'status', 'facility_id'])
            .where('id', '=', row.source_id)
            .executeTakeFirst(),
    ]);
    const can = abilities(actor, row.state === 'closed');
    // A source's serial is need-to-know: the Department's staff and the holder see it, others the nuclide.
    const sourceDetail =
      source &&
      (hasPermission(actor, Permission.SourceReadSensitive) || actor.organisationId === source.facility_id);
    return {
      ...listItemView(row),
      description: row.description,
      assessmentReasons: row.assessment_reasons,
      alarmId: row.alarm_id,
      facilityId: row.facility_id,
      sourceId: row.source_id,
      commanderUserId: row.commander_user_id,
      commanderName: row.commander_user_id === null ? null : (names.get(row.commander_user_id) ?? null),
      createdBy: row.created_by === null ? null : (names.get(row.created_by) ?? null),
      finalReport: row.final_report,
      closingReason: row.closing_reason,
      scenario: row.scenario === null ? null : (JSON.parse(row.scenario) as Record<string, unknown>),
      cordon:
        row.cordon_radius_m === null || row.cordon_set_at === null
          ? null
          : {
              radiusM: row.cordon_radius_m,
              lat: row.cordon_lat ?? row.lat,
              lon: row.cordon_lon ?? row.lon,
              setAt: row.cordon_set_at,
              setBy: row.cordon_set_by === null ? null : (names.get(row.cordon_set_by) ?? null),
            },
      version: row.version,
      nextStates: can.manage ? [...nextStates(row.state as IncidentState)] : [],
      tasks,
      clocks,
      notices,
      links: {
        runs,
        alarm: alarm
          ? {
              id: alarm.id,
              state: alarm.state,
              stationCode: alarm.code ?? (JSON.parse(alarm.stations) as string[])[0] ?? null,
            }
          : null,
        facility: facility ? { id: facility.id, name: facility.name } : null,
        source: source
          ? {
              id: source.id,
              label: sourceDetail ? `${source.nuclide} — ${source.serial}` : source.nuclide,
              status: source.status,
            }
          : null,
        notices: notices.length,
        attachments,
      },
      can,
    };
  }

  // ── intake ─────────────────────────────────────────────────────────────────────────────────────────────

  async create(actor: Actor, body: IncidentCreateBody): Promise<Incident> {
    return this.intake(actor, body);
  }

  /** One click from an alarm: the station, its place and commune, the latest readings; the alarm links back. */
  async fromAlarm(actor: Actor, alarmId: number, body: FromAlarmBody = {}): Promise<Incident> {
    requirePermission(actor, Permission.IncidentReport);
    requirePermission(actor, Permission.AlarmRead);
    const alarm = await this.db.selectFrom('alarms').selectAll().where('id', '=', alarmId).executeTakeFirst();
    if (!alarm) throw notFound('alarm', alarmId);
    if (alarm.incident_id !== null)
      throw new AppError('entity.conflict', { entity: 'incident' }, { incidentId: alarm.incident_id });
    const codes = JSON.parse(alarm.stations) as string[];
    const stations = await this.db
      .selectFrom('stations')
      .select(['id', 'code', 'name', 'lat', 'lon', 'commune_code'])
      .where((eb) =>
        eb.or([
          ...(alarm.station_id !== null ? [eb('id', '=', alarm.station_id)] : []),
          ...(codes.length ? [eb('code', 'in', codes)] : []),
        ]),
      )
      .orderBy('code')
      .execute();
    const main = stations.find((s) => s.id === alarm.station_id) ?? stations[0];
    if (!main) throw invalidField('/alarmId', 'invalid');
    const latest = await this.db
      .selectFrom('measurement_latest')
      .select(['station_id', 't', 'value'])
      .where('quantity', '=', QUANTITY_CODES.ambient_dose_rate)
      .where(
        'station_id',
        'in',
        stations.map((s) => s.id),
      )
      .execute();
    const readings = stations.map((s) => {
      const r = latest.find((l) => l.station_id === s.id);
      return {
        station: s.code,
        name: s.name,
        nSvPerHour: r ? r.value : null,
        at: r ? new Date(Number(r.t) * 1000).toISOString() : null,
      };
    });
    const description = this.alarmDescription(alarm, readings);
    return this.intake(
      actor,
      {
        kind: body.kind ?? 'abnormal_reading',
        title: body.title ?? `Số liệu quan trắc bất thường tại trạm ${main.name} (${main.code})`,
        description: body.description ?? description,
        lat: main.lat,
        lon: main.lon,
        // A station registered without its commune: the commune whose boundary holds it.
        communeCode: main.commune_code ?? (await this.geo.communeAt(main.lat, main.lon)),
        discoveredAt: alarm.started_at,
        origin: 'alarm',
        exercise: body.exercise,
        alarmId,
      },
      {
        kind: 'measurement',
        text: 'Số liệu của trạm lúc mở sự cố',
        data: { event: 'alarm_readings', alarmId, peakNSvPerHour: alarm.peak_value, readings },
        userId: actor.userId,
      },
    );
  }

  /** What an incident opened from an alarm says of it, in Vietnamese: the alarm, its peak, the latest readings. */
  private alarmDescription(
    alarm: {
      id: number;
      rule: string;
      severity: string;
      started_at: string;
      peak_value: number | null;
      peak_time: string | null;
    },
    readings: { station: string; name: string; nSvPerHour: number | null; at: string | null }[],
  ): string {
    const when = (iso: string) => viDateTime(iso, this.timeZone);
    const rule = ALARM_RULES[alarm.rule as AlarmRule]?.vi ?? alarm.rule;
    const severity = ALARM_SEVERITIES[alarm.severity as Alarm['severity']]?.vi ?? alarm.severity;
    const lines = readings.map(
      (r) =>
        `- ${r.name} (${r.station}): ${r.nSvPerHour === null ? 'không có số liệu' : `${viNumber(r.nSvPerHour, 1)} nSv/h`}${r.at ? ` lúc ${when(r.at)}` : ''}`,
    );
    return [
      `Mở từ cảnh báo số ${alarm.id}: ${rule}, mức ${severity}, bắt đầu lúc ${when(alarm.started_at)}.`,
      alarm.peak_value !== null
        ? `Giá trị cao nhất: ${viNumber(alarm.peak_value, 1)} nSv/h${alarm.peak_time ? ` lúc ${when(alarm.peak_time)}` : ''}.`
        : null,
      'Số liệu mới nhất:',
      ...lines,
    ]
      .filter((l): l is string => l !== null)
      .join('\n');
  }

  private async intake(actor: Actor, body: Intake, extra?: TimelineWrite): Promise<Incident> {
    requirePermission(actor, Permission.IncidentReport);
    const now = this.now();
    const nowIso = now.toISOString();
    const discoveredAt = body.discoveredAt ? new Date(body.discoveredAt) : now;
    if (discoveredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS)
      throw invalidField('/discoveredAt', 'in_future');
    const exercise = body.exercise ?? false;
    if (body.scenario && !exercise) throw invalidField('/scenario', 'invalid');
    if (body.scenario) this.checkScenario(body.scenario);
    // A facility reports for itself only; the origin of its report is always its report form.
    const facilityReporter = !this.isOfficial(actor);
    let facilityId = body.facilityId ?? null;
    if (facilityReporter) {
      if (facilityId !== null && facilityId !== actor.organisationId)
        throw invalidField('/facilityId', 'invalid');
      if (actor.organisationKind === 'facility') facilityId = actor.organisationId;
    }
    const origin: IncidentOrigin = facilityReporter
      ? 'facility_report'
      : (body.origin ?? (body.alarmId ? 'alarm' : 'officer'));

    const { incident, published } = await this.db.transaction().execute(async (trx) => {
      if (body.communeCode !== null && !(await this.geo.communeExists(trx, body.communeCode)))
        throw invalidField('/communeCode', 'unknown_commune');
      if (facilityId !== null) await this.requireFacility(trx, facilityId, '/facilityId');
      const source = body.sourceId ? await this.visibleSource(trx, actor, body.sourceId) : null;
      if (source && facilityId === null) facilityId = source.facility_id;
      if (body.alarmId) await this.linkableAlarm(trx, body.alarmId);

      const year = Number(localDateOf(now, this.timeZone).slice(0, 4));
      const seq = await this.nextNumber(trx, year);
      const number = `${seq}/${year}`;
      const inserted = await trx
        .insertInto('incidents')
        .values({
          number,
          year,
          seq,
          kind: body.kind,
          title: body.title.trim(),
          title_key: titleKey(number, body.title, body.description),
          description: body.description,
          lat: body.lat,
          lon: body.lon,
          commune_code: body.communeCode,
          state: 'reported',
          severity: null,
          ines: null,
          assessment_reasons: null,
          exercise: exercise ? 1 : 0,
          origin,
          alarm_id: body.alarmId ?? null,
          facility_id: facilityId,
          source_id: source?.id ?? null,
          organisation_id: actor.organisationId,
          commander_user_id: null,
          discovered_at: discoveredAt.toISOString(),
          reported_at: nowIso,
          created_by: actor.userId,
          created_at: nowIso,
          updated_at: nowIso,
          closed_at: null,
          final_report: null,
          closing_reason: null,
          scenario: body.scenario ? JSON.stringify(body.scenario) : null,
          version: 1,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = inserted.id;
      const row = await trx
        .selectFrom('incidents')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      await this.materialiseClocks(trx, row);
      await this.log(trx, id, {
        kind: 'state',
        text: exerciseLabelled(`Tiếp nhận sự cố ${number}`, exercise, 'vi'),
        data: { event: 'reported', state: 'reported', origin },
        userId: actor.userId,
      });
      if (extra) await this.log(trx, id, extra);
      if (body.alarmId)
        await trx.updateTable('alarms').set({ incident_id: id }).where('id', '=', body.alarmId).execute();
      if (source) await this.recordLedger(trx, actor, row, source.id);
      await this.audit.record(trx, actor, {
        action: 'incident.report',
        entityType: 'incident',
        entityId: id,
        after: {
          number,
          kind: body.kind,
          title: row.title,
          origin,
          exercise,
          communeCode: body.communeCode,
          facilityId,
          sourceId: row.source_id,
          alarmId: row.alarm_id,
          discoveredAt: row.discovered_at,
        },
      });
      const published = await this.notifications.publish(
        reportedEvent(headline(row), actor.displayName),
        trx,
      );
      return { incident: await this.readable(trx, actor, id), published };
    });
    await this.afterCommit(incident.id, 'created', undefined, [published]);
    return this.view(this.db, actor, incident);
  }

  // ── lifecycle and edits ────────────────────────────────────────────────────────────────────────────────

  async update(actor: Actor, id: number, body: IncidentPatchBody): Promise<Incident> {
    const result = await this.db.transaction().execute(async (trx) => {
      const row = await this.readable(trx, actor, id);
      requirePermission(actor, Permission.IncidentManage);
      if (body.version !== undefined && body.version !== row.version)
        throw new AppError('entity.conflict', { entity: 'incident' }, { current: row.version });
      const from = row.state as IncidentState;
      const moving = body.state !== undefined && body.state !== from;
      if (from === 'closed' && !moving) throw new AppError('incident.closed');
      const now = this.nowIso();
      const changes: Partial<IncidentRow> = {};
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      const set = <K extends keyof IncidentRow>(column: K, field: string, value: IncidentRow[K]) => {
        if (row[column] === value) return;
        changes[column] = value;
        before[field] = row[column];
        after[field] = value;
      };

      if (body.severity !== undefined) set('severity', 'severity', body.severity);
      if (body.ines !== undefined) set('ines', 'ines', body.ines);
      if (body.assessmentReasons !== undefined)
        set('assessment_reasons', 'assessmentReasons', body.assessmentReasons);
      if (body.finalReport !== undefined) set('final_report', 'finalReport', body.finalReport);
      if (body.title !== undefined) set('title', 'title', body.title.trim());
      if (body.description !== undefined) set('description', 'description', body.description);
      if (body.kind !== undefined) set('kind', 'kind', body.kind);
      if (body.lat !== undefined) set('lat', 'lat', body.lat);
      if (body.lon !== undefined) set('lon', 'lon', body.lon);
      if (body.communeCode !== undefined) {
        if (!(await this.geo.communeExists(trx, body.communeCode)))
          throw invalidField('/communeCode', 'unknown_commune');
        set('commune_code', 'communeCode', body.communeCode);
      }
      if (body.commanderUserId !== undefined) {
        if (body.commanderUserId !== null)
          await this.requireActiveUser(trx, body.commanderUserId, '/commanderUserId');
        set('commander_user_id', 'commanderUserId', body.commanderUserId);
      }
      if (body.scenario !== undefined) {
        if (body.scenario !== null && row.exercise !== 1) throw invalidField('/scenario', 'invalid');
        if (body.scenario) this.checkScenario(body.scenario);
        set('scenario', 'scenario', body.scenario === null ? null : JSON.stringify(body.scenario));
      }
      const cordon = requestedCordon(row, body);
      if (cordon !== undefined) {
        set('cordon_radius_m', 'cordonRadiusM', cordon?.radiusM ?? null);
        set('cordon_lat', 'cordonLat', cordon?.lat ?? null);
        set('cordon_lon', 'cordonLon', cordon?.lon ?? null);
        if (CORDON_FIELDS.some((field) => field in after)) {
          set('cordon_set_at', 'cordonSetAt', cordon ? now : null);
          set('cordon_set_by', 'cordonSetBy', cordon ? actor.userId : null);
        }
      }
      let linkSource: number | null = null;
      if (body.sourceId !== undefined && body.sourceId !== null && body.sourceId !== row.source_id) {
        const source = await this.visibleSource(trx, actor, body.sourceId);
        set('source_id', 'sourceId', source.id);
        if (row.facility_id === null) set('facility_id', 'facilityId', source.facility_id);
        linkSource = source.id;
      }

      if (moving) {
        const to = body.state!;
        const check = checkTransition(from, to, {
          severity: changes.severity !== undefined ? changes.severity : row.severity,
          finalReport: changes.final_report !== undefined ? changes.final_report : row.final_report,
          reason: body.reason,
        });
        // The refusal names the state the incident is in now (`current`), which may differ from what the
        // caller last saw.
        if (!check.ok) {
          const params = { ...check.params, current: from };
          throw new AppError(check.code, params, params);
        }
        set('state', 'state', to);
        if (check.closing) {
          set('closed_at', 'closedAt', now);
          if (from !== 'recovery') set('closing_reason', 'closingReason', body.reason!.trim());
        }
        if (check.reopening) set('closed_at', 'closedAt', null);
      }
      if (Object.keys(changes).length === 0) return { row, changed: [] as IncidentChange[] };

      const nextTitle = changes.title ?? row.title;
      const nextDescription = changes.description ?? row.description;
      const updated = await trx
        .updateTable('incidents')
        .set({
          ...changes,
          title_key: titleKey(row.number, nextTitle, nextDescription),
          updated_at: now,
          version: row.version + 1,
        })
        .where('id', '=', id)
        .where('version', '=', row.version)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1)
        throw new AppError('entity.conflict', { entity: 'incident' }, { current: row.version });
      const fresh = await trx
        .selectFrom('incidents')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      if (changes.kind !== undefined) await this.materialiseClocks(trx, fresh);
      if (linkSource !== null) await this.recordLedger(trx, actor, fresh, linkSource);
      await this.logChanges(trx, actor, fresh, from, body.reason, after);
      await this.audit.record(trx, actor, {
        action: auditAction(from, moving ? body.state! : null),
        entityType: 'incident',
        entityId: id,
        before,
        after: { ...after, ...(moving && body.reason ? { reason: body.reason } : {}) },
      });
      return { row: fresh, changed: [moving ? 'state' : 'details'] as IncidentChange[] };
    });
    for (const change of result.changed) await this.afterCommit(id, change);
    return this.get(actor, id);
  }

  /** Timeline entries for what an edit changed: the state, the assessment, the commander, other details. */
  private async logChanges(
    trx: Executor,
    actor: Actor,
    row: IncidentRow,
    from: IncidentState,
    reason: string | undefined,
    after: Record<string, unknown>,
  ): Promise<void> {
    const exercise = row.exercise === 1;
    if ('state' in after) {
      await this.log(trx, row.id, {
        kind: 'state',
        text: exerciseLabelled(
          `Chuyển trạng thái: ${STATE_NAMES_VI[from]} → ${STATE_NAMES_VI[row.state as IncidentState]}${reason ? `. Lý do: ${reason}` : ''}`,
          exercise,
          'vi',
        ),
        data: { event: 'state', from, to: row.state, ...(reason ? { reason } : {}) },
        userId: actor.userId,
      });
    }
    if ('severity' in after || 'ines' in after || 'assessmentReasons' in after) {
      await this.log(trx, row.id, {
        kind: 'decision',
        text: assessmentText(row.severity as IncidentSeverity | null, row.ines, row.assessment_reasons),
        // The reasons in the facts too: the board words the head in the reader's language and keeps them.
        data: {
          event: 'assessment',
          severity: row.severity,
          ines: row.ines,
          reasons: row.assessment_reasons,
        },
        userId: actor.userId,
      });
    }
    if ('commanderUserId' in after) {
      await this.log(trx, row.id, {
        kind: 'decision',
        text: 'Chỉ định chỉ huy sự cố',
        data: { event: 'commander', commanderUserId: row.commander_user_id },
        userId: actor.userId,
      });
    }
    if (CORDON_FIELDS.some((field) => field in after)) {
      const placed = row.cordon_radius_m !== null;
      await this.log(trx, row.id, {
        kind: 'decision',
        text: placed
          ? `Thiết lập vành đai cách ly bán kính ${viNumber(row.cordon_radius_m!, 0)} m, tâm ${viLatLon(row.cordon_lat!, row.cordon_lon!)}`
          : 'Dỡ bỏ vành đai cách ly',
        data: placed
          ? { event: 'cordon_set', radiusM: row.cordon_radius_m, lat: row.cordon_lat, lon: row.cordon_lon }
          : { event: 'cordon_lifted' },
        userId: actor.userId,
      });
    }
    const details = Object.keys(after).filter(
      (k) =>
        ![
          'state',
          'closedAt',
          'closingReason',
          'severity',
          'ines',
          'assessmentReasons',
          'commanderUserId',
          ...CORDON_FIELDS,
          'cordonSetAt',
          'cordonSetBy',
        ].includes(k),
    );
    if (details.length > 0) {
      await this.log(trx, row.id, {
        kind: 'log',
        // `;` between fields: a field's name may hold a comma (`xã, phường`).
        text: `Cập nhật thông tin: ${details.map((field) => FIELD_NAMES_VI[field] ?? field).join('; ')}`,
        data: { event: 'edited', fields: details },
        userId: actor.userId,
      });
    }
  }

  // ── tasks ──────────────────────────────────────────────────────────────────────────────────────────────

  async addTask(actor: Actor, id: number, body: TaskCreateBody): Promise<Task> {
    const { task, published } = await this.db.transaction().execute(async (trx) => {
      const row = await this.readable(trx, actor, id);
      requirePermission(actor, Permission.IncidentManage);
      if (row.state === 'closed') throw new AppError('incident.closed');
      const assignee = body.assigneeOrganisationId ?? null;
      if (assignee !== null) await this.requireOrganisation(trx, assignee, '/assigneeOrganisationId');
      if (body.ownerUserId) await this.requireActiveUser(trx, body.ownerUserId, '/ownerUserId');
      const now = this.nowIso();
      const inserted = await trx
        .insertInto('incident_tasks')
        .values({
          incident_id: id,
          title: body.title.trim(),
          description: body.description ?? null,
          agency_kind: body.agencyKind ?? null,
          assignee_organisation_id: assignee,
          owner_user_id: body.ownerUserId ?? null,
          status: 'assigned',
          due_at: body.dueAt ? new Date(body.dueAt).toISOString() : null,
          created_by: actor.userId,
          created_at: now,
          updated_at: now,
          acknowledged_at: null,
          acknowledged_by: null,
          completed_at: null,
          note: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const task = (await this.repo.task(trx, id, inserted.id))!;
      await this.log(trx, id, {
        kind: 'task',
        text: `Giao nhiệm vụ: ${task.title}${task.assigneeOrganisationName ? ` → ${task.assigneeOrganisationName}` : ''}`,
        data: {
          event: 'task_assigned',
          taskId: task.id,
          assigneeOrganisationId: assignee,
          ownerUserId: task.ownerUserId,
        },
        userId: actor.userId,
      });
      await this.audit.record(trx, actor, {
        action: 'incident.task_assign',
        entityType: 'incident',
        entityId: id,
        after: {
          taskId: task.id,
          title: task.title,
          agencyKind: task.agencyKind,
          assigneeOrganisationId: assignee,
          ownerUserId: task.ownerUserId,
          dueAt: task.dueAt,
        },
      });
      const userIds = await this.repo.activeUsers(trx, {
        organisationIds: assignee !== null ? [assignee] : [],
        userIds: task.ownerUserId !== null ? [task.ownerUserId] : [],
      });
      const published =
        userIds.length > 0
          ? await this.notifications.publish(
              taskAssignedEvent(
                headline(row),
                { ...task, assigneeOrganisationId: assignee },
                userIds,
                this.timeZone,
              ),
              trx,
            )
          : null;
      return { task, published };
    });
    await this.afterCommit(id, 'task', task.id, published ? [published] : []);
    return task;
  }

  async updateTask(actor: Actor, id: number, taskId: number, body: TaskPatchBody): Promise<Task> {
    const task = await this.db.transaction().execute(async (trx) => {
      const row = await this.readable(trx, actor, id);
      const current = await trx
        .selectFrom('incident_tasks')
        .selectAll()
        .where('id', '=', taskId)
        .where('incident_id', '=', id)
        .executeTakeFirst();
      if (!current) throw notFound('incident_task', taskId);
      const manage = hasPermission(actor, Permission.IncidentManage);
      const assignee = hasPermission(actor, Permission.IncidentTaskRespond) && isTaskAssignee(actor, current);
      if (!manage && !assignee) throw new AppError('auth.forbidden');
      if (row.state === 'closed') throw new AppError('incident.closed');
      // The command reassigns and sets due times; an assignee moves its task and writes notes.
      if (!manage && (body.ownerUserId !== undefined || body.dueAt !== undefined))
        throw new AppError('auth.forbidden');
      const from = current.status as TaskStatus;
      const to = body.status;
      const now = this.nowIso();
      const changes: Record<string, unknown> = {};
      if (to !== undefined && to !== from) {
        if (!canMoveTask(from, to))
          throw new AppError(
            'incident.task_transition_not_allowed',
            { from, to },
            { from, to, field: '/status' },
          );
        if (taskMoveNeedsCommand(from, to) && !manage) throw new AppError('auth.forbidden');
        changes.status = to;
        if (current.acknowledged_at === null && ['acknowledged', 'in_progress', 'done'].includes(to)) {
          changes.acknowledged_at = now;
          changes.acknowledged_by = actor.userId;
        }
        changes.completed_at = to === 'done' ? now : null;
      }
      if (body.note !== undefined) changes.note = body.note;
      if (body.ownerUserId !== undefined) {
        if (body.ownerUserId !== null) await this.requireActiveUser(trx, body.ownerUserId, '/ownerUserId');
        changes.owner_user_id = body.ownerUserId;
      }
      if (body.dueAt !== undefined) changes.due_at = body.dueAt ? new Date(body.dueAt).toISOString() : null;
      await trx
        .updateTable('incident_tasks')
        .set({ ...changes, updated_at: now })
        .where('id', '=', taskId)
        .execute();
      const task = (await this.repo.task(trx, id, taskId))!;
      const moved = changes.status !== undefined;
      await this.log(trx, id, {
        kind: 'task',
        text: moved
          ? `Nhiệm vụ "${task.title}": ${TASK_STATUS_VI[from]} → ${TASK_STATUS_VI[task.status]}${body.note ? `. ${body.note}` : ''}`
          : `Nhiệm vụ "${task.title}" được cập nhật${body.note ? `: ${body.note}` : ''}`,
        data: { event: moved ? 'task_status' : 'task_updated', taskId, from, to: task.status },
        userId: actor.userId,
      });
      await this.audit.record(trx, actor, {
        action:
          moved && task.status === 'acknowledged' ? 'incident.task_acknowledge' : 'incident.task_update',
        entityType: 'incident',
        entityId: id,
        before: {
          taskId,
          status: from,
          note: current.note,
          ownerUserId: current.owner_user_id,
          dueAt: current.due_at,
        },
        after: { taskId, ...changes },
      });
      return task;
    });
    await this.afterCommit(id, 'task', taskId);
    return task;
  }

  // ── timeline and attachments ───────────────────────────────────────────────────────────────────────────

  async addTimeline(actor: Actor, id: number, body: TimelineCreateBody): Promise<TimelineEntry> {
    const entry = await this.db.transaction().execute(async (trx) => {
      const row = await this.readable(trx, actor, id);
      this.requireContribute(actor);
      // Messages of an exercise carry its label wherever they are read or forwarded.
      const text =
        body.kind === 'message' ? exerciseLabelled(body.text, row.exercise === 1, 'vi') : body.text;
      const entryId = await this.log(trx, id, {
        kind: body.kind,
        text,
        data: body.data ?? null,
        userId: actor.userId,
      });
      await this.audit.record(trx, actor, {
        action: 'incident.timeline_add',
        entityType: 'incident',
        entityId: id,
        after: { entryId, kind: body.kind, length: text.length },
      });
      return (await this.repo.timeline(trx, id, entryId - 1)).find((e) => e.id === entryId)!;
    });
    await this.afterCommit(id, 'timeline', entry.id);
    return entry;
  }

  async attach(actor: Actor, id: number, name: string, bytes: Uint8Array): Promise<TimelineEntry> {
    if (bytes.byteLength === 0) throw invalidField('/file', 'required');
    if (bytes.byteLength > INCIDENT_ATTACHMENT_MAX_BYTES)
      throw invalidField('/file', 'too_large', { limit: '10 MB' });
    const type = sniffAttachmentType(bytes);
    if (!type) throw invalidField('/file', 'file_type');
    const entry = await this.db.transaction().execute(async (trx) => {
      await this.readable(trx, actor, id);
      this.requireContribute(actor);
      const fileName = safeFileName(name, type);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const now = this.nowIso();
      const attachment = await trx
        .insertInto('incident_attachments')
        .values({
          incident_id: id,
          name: fileName,
          mime: ATTACHMENT_TYPES[type],
          size: bytes.byteLength,
          sha256,
          bytes: Buffer.from(bytes),
          created_by: actor.userId,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const entryId = await this.log(trx, id, {
        kind: 'attachment',
        text: fileName,
        data: { event: 'attachment', attachmentId: attachment.id },
        userId: actor.userId,
        attachmentId: attachment.id,
      });
      await this.audit.record(trx, actor, {
        action: 'incident.attach',
        entityType: 'incident',
        entityId: id,
        after: { attachmentId: attachment.id, name: fileName, size: bytes.byteLength, sha256 },
      });
      return (await this.repo.timeline(trx, id, entryId - 1)).find((e) => e.id === entryId)!;
    });
    await this.afterCommit(id, 'attachment', entry.id);
    return entry;
  }

  // ── clocks ─────────────────────────────────────────────────────────────────────────────────────────────

  async meetClock(actor: Actor, id: number, code: string): Promise<Clock> {
    const clock = await this.db.transaction().execute(async (trx) => {
      await this.readable(trx, actor, id);
      requirePermission(actor, Permission.IncidentManage);
      const row = await trx
        .selectFrom('incident_clocks')
        .selectAll()
        .where('incident_id', '=', id)
        .where('code', '=', code)
        .executeTakeFirst();
      if (!row) throw notFound('incident_clock', code);
      if (row.met_at === null) {
        const now = this.nowIso();
        await trx
          .updateTable('incident_clocks')
          .set({ met_at: now, met_by: actor.userId })
          .where('incident_id', '=', id)
          .where('code', '=', code)
          .execute();
        const definition = clockDefinition(code);
        await this.log(trx, id, {
          kind: 'clock',
          text: `Đã thực hiện: ${definition?.obligation.vi ?? code}`,
          data: { event: 'clock_met', code, dueAt: row.due_at, metAt: now },
          userId: actor.userId,
        });
        await this.audit.record(trx, actor, {
          action: 'incident.clock_met',
          entityType: 'incident',
          entityId: id,
          before: { code, metAt: null },
          after: { code, metAt: now, dueAt: row.due_at },
        });
      }
      return (await this.repo.clocks(trx, id, this.now())).find((c) => c.code === code)!;
    });
    await this.afterCommit(id, 'clock', code);
    return clock;
  }

  /**
   * The clock job: reminds before each deadline and escalates once after it, for incidents not closed.
   * Idempotent: `reminded_at` and `escalated_at` say what was already sent, and each is set with a check that
   * no other run set it meanwhile.
   */
  async runClocks(): Promise<{ reminded: number; escalated: number }> {
    const now = this.now();
    const nowIso = now.toISOString();
    const open = await this.db
      .selectFrom('incident_clocks')
      .innerJoin('incidents', 'incidents.id', 'incident_clocks.incident_id')
      .selectAll('incident_clocks')
      .where('incident_clocks.met_at', 'is', null)
      .where('incidents.state', '!=', 'closed')
      .orderBy('incident_clocks.due_at')
      .execute();
    let reminded = 0;
    let escalated = 0;
    for (const clock of open) {
      const definition = clockDefinition(clock.code);
      if (!definition) continue;
      const action = clockAction(
        {
          dueAt: clock.due_at,
          metAt: clock.met_at,
          remindedAt: clock.reminded_at,
          escalatedAt: clock.escalated_at,
        },
        definition.remindBeforeS,
        now,
      );
      if (!action) continue;
      const published = await this.db.transaction().execute(async (trx) => {
        const column = action === 'remind' ? 'reminded_at' : 'escalated_at';
        const previous = action === 'remind' ? clock.reminded_at : clock.escalated_at;
        const claimed = await trx
          .updateTable('incident_clocks')
          .set({ [column]: nowIso })
          .where('incident_id', '=', clock.incident_id)
          .where('code', '=', clock.code)
          .where(column, previous === null ? 'is' : '=', previous)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) return null;
        const incident = await trx
          .selectFrom('incidents')
          .selectAll()
          .where('id', '=', clock.incident_id)
          .executeTakeFirstOrThrow();
        const userIds = await this.repo.activeUsers(trx, {
          roles: action === 'remind' ? MANAGER_ROLES : definition.escalateRoles,
          organisationIds: incident.organisation_id !== null ? [incident.organisation_id] : [],
          userIds: incident.commander_user_id !== null ? [incident.commander_user_id] : [],
        });
        await this.log(trx, incident.id, {
          kind: 'clock',
          text: exerciseLabelled(
            `${action === 'remind' ? 'Nhắc hạn' : 'Quá hạn, đã báo cấp trên'}: ${definition.obligation.vi} (hạn ${viDateTime(clock.due_at, this.timeZone)})`,
            incident.exercise === 1,
            'vi',
          ),
          data: {
            event: action === 'remind' ? 'clock_reminder' : 'clock_escalation',
            code: clock.code,
            dueAt: clock.due_at,
          },
          userId: null,
        });
        await this.audit.record(trx, SYSTEM_ACTOR, {
          action: action === 'remind' ? 'incident.clock_remind' : 'incident.clock_escalate',
          entityType: 'incident',
          entityId: incident.id,
          after: { code: clock.code, dueAt: clock.due_at, recipients: userIds.length },
        });
        if (userIds.length === 0) return [] as PublishedNotification[];
        return [
          await this.notifications.publish(
            clockEvent(
              headline(incident),
              definition,
              clock.due_at,
              action === 'remind' ? 'due' : 'overdue',
              userIds,
              this.timeZone,
            ),
            trx,
          ),
        ];
      });
      if (published === null) continue;
      if (action === 'remind') reminded++;
      else escalated++;
      await this.afterCommit(clock.incident_id, 'clock', clock.code, published);
    }
    return { reminded, escalated };
  }

  // ── notices ────────────────────────────────────────────────────────────────────────────────────────────

  async addNotice(actor: Actor, id: number, body: NoticeCreateBody): Promise<Notice> {
    const notice = await this.db.transaction().execute(async (trx) => {
      const row = await this.readable(trx, actor, id);
      requirePermission(actor, Permission.IncidentManage);
      if (row.state === 'closed') throw new AppError('incident.closed');
      const exercise = row.exercise === 1;
      const now = this.nowIso();
      const inserted = await trx
        .insertInto('incident_notices')
        .values({
          incident_id: id,
          title: exerciseLabelled(body.title.trim(), exercise, 'vi'),
          body: exerciseLabelled(body.body, exercise, 'vi'),
          state: 'draft',
          exercise: exercise ? 1 : 0,
          created_by: actor.userId,
          created_at: now,
          approved_by: null,
          approved_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const notice = (await this.repo.notice(trx, id, inserted.id))!;
      await this.log(trx, id, {
        kind: 'notice',
        text: `Soạn thông báo: ${notice.title}`,
        data: { event: 'notice_drafted', noticeId: notice.id },
        userId: actor.userId,
      });
      await this.audit.record(trx, actor, {
        action: 'incident.notice_draft',
        entityType: 'incident',
        entityId: id,
        after: { noticeId: notice.id, title: notice.title },
      });
      return notice;
    });
    await this.afterCommit(id, 'notice', notice.id);
    return notice;
  }

  /**
   * Moves a notice along its publication path: draft → submitted (sent to the leaders' queue) → approved, which
   * publishes it on the public portal at once; any of them → withdrawn (taken down, with a reason). Every move is
   * audited with who made it and written to the timeline.
   */
  async moveNotice(
    actor: Actor,
    id: number,
    noticeId: number,
    move: NoticeMove,
    reason?: string,
  ): Promise<Notice> {
    const step = NOTICE_MOVES[move];
    const notice = await this.db.transaction().execute(async (trx) => {
      await this.readable(trx, actor, id);
      requirePermission(actor, step.permission);
      const current = await this.repo.notice(trx, id, noticeId);
      if (!current) throw notFound('incident_notice', noticeId);
      if (!step.from.includes(current.state))
        throw new AppError('incident.notice_not_allowed', { state: current.state }, { state: current.state });
      if (move === 'withdraw' && !reason?.trim()) throw invalidField('/reason', 'required');
      const now = this.nowIso();
      const set =
        move === 'submit'
          ? { state: step.to, submitted_at: now }
          : move === 'approve'
            ? { state: step.to, approved_by: actor.userId, approved_at: now }
            : {
                state: step.to,
                withdrawn_by: actor.userId,
                withdrawn_at: now,
                withdraw_reason: reason!.trim(),
              };
      await trx.updateTable('incident_notices').set(set).where('id', '=', noticeId).execute();
      const notice = (await this.repo.notice(trx, id, noticeId))!;
      await this.log(trx, id, {
        kind: 'notice',
        text: `${step.text}: ${notice.title}${move === 'withdraw' ? ` (${reason!.trim()})` : ''}`,
        data: { event: step.event, noticeId },
        userId: actor.userId,
      });
      await this.audit.record(trx, actor, {
        action: step.audit,
        entityType: 'incident',
        entityId: id,
        before: { noticeId, state: current.state },
        after: { noticeId, state: step.to, ...(move === 'withdraw' ? { reason: reason!.trim() } : {}) },
      });
      return notice;
    });
    await this.afterCommit(id, 'notice', noticeId);
    this.onNoticeMoved();
    return notice;
  }

  /** Set by the wiring: the public portal forgets what it computed when a notice is published or withdrawn. */
  onNoticeMoved: () => void = () => {};

  /** The publication queue: notices of every incident, for those who draft or approve them. */
  async noticeQueue(actor: Actor, state?: NoticeState): Promise<NoticeQueueItem[]> {
    if (!hasPermission(actor, Permission.IncidentManage))
      requirePermission(actor, Permission.IncidentNoticeApprove);
    return this.repo.noticeQueue(this.db, state);
  }

  /** Approved notices for the public portal (no actor: they are public once a leader approved them). */
  async publishedNotices(limit: number, id?: number): Promise<NoticeRow[]> {
    return this.repo.publishedNotices(this.db, limit, id);
  }

  // ── shared steps (also for other incident modules) ─────────────────────────────────────────────────────

  /** Appends a timeline entry in the caller's transaction; returns its id. */
  async log(trx: Executor, incidentId: number, entry: TimelineWrite): Promise<number> {
    const row = await trx
      .insertInto('incident_timeline')
      .values({
        incident_id: incidentId,
        at: this.nowIso(),
        kind: entry.kind,
        text: entry.text,
        data: entry.data ? JSON.stringify(entry.data) : null,
        user_id: entry.userId,
        attachment_id: entry.attachmentId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /**
   * After a commit: the notifications published in it go to open streams, and every reader of the incident
   * learns that it changed (`incident.updated`). Call it after your own transaction that changed an incident.
   */
  async afterCommit(
    incidentId: number,
    kind: IncidentChange,
    ref?: number | string,
    published: readonly PublishedNotification[] = [],
  ): Promise<void> {
    for (const p of published) this.notifications.announce(p);
    const row = await this.db
      .selectFrom('incidents')
      .selectAll()
      .where('id', '=', incidentId)
      .executeTakeFirst();
    if (!row) return;
    const facts = await this.repo.facts(this.db, row);
    const payload: IncidentUpdated = { incidentId, kind, ...(ref !== undefined ? { ref } : {}) };
    this.live.broadcast('incident.updated', payload, (actor) => mayReadIncident(actor, facts));
  }

  /** Publishes a notification about an incident in the caller's transaction (announce with `afterCommit`). */
  async publish(event: PublishEvent, trx: Executor): Promise<PublishedNotification> {
    return this.notifications.publish(event, trx);
  }

  // ── helpers ────────────────────────────────────────────────────────────────────────────────────────────

  private now(): Date {
    return this.clock.now();
  }

  private nowIso(): string {
    return this.clock.now().toISOString();
  }

  /** Officials report for anyone; a facility's staff (no official role) report for their own facility only. */
  private isOfficial(actor: Actor): boolean {
    return actor.via === 'system' || actor.roles.some((role) => role !== 'facility_operator');
  }

  private requireContribute(actor: Actor): void {
    if (!abilities(actor, false).contribute) throw new AppError('auth.forbidden');
  }

  /** The next number of the year, atomically (an upsert on the year's counter). */
  private async nextNumber(trx: Executor, year: number): Promise<number> {
    const row = await trx
      .insertInto('incident_counters')
      .values({ year, last: 1 })
      .onConflict((oc) =>
        oc.column('year').doUpdateSet((eb) => ({ last: eb('incident_counters.last', '+', 1) })),
      )
      .returning('last')
      .executeTakeFirstOrThrow();
    return Number(row.last);
  }

  /** Inserts the clocks of the incident's kind, removes unmet clocks that no longer apply (the kind changed). */
  private async materialiseClocks(trx: Executor, row: IncidentRow): Promise<void> {
    const definitions = clocksForKind(row.kind as IncidentKind);
    const existing = await trx
      .selectFrom('incident_clocks')
      .select(['code', 'met_at'])
      .where('incident_id', '=', row.id)
      .execute();
    const codes = new Set(definitions.map((d) => d.code));
    const stale = existing.filter((c) => c.met_at === null && !codes.has(c.code)).map((c) => c.code);
    if (stale.length > 0)
      await trx
        .deleteFrom('incident_clocks')
        .where('incident_id', '=', row.id)
        .where('code', 'in', stale)
        .execute();
    const have = new Set(existing.map((c) => c.code));
    for (const definition of definitions) {
      if (have.has(definition.code)) continue;
      const due = clockDueAt(
        definition,
        { discoveredAt: row.discovered_at, reportedAt: row.reported_at },
        undefined,
        this.timeZone,
      );
      await trx
        .insertInto('incident_clocks')
        .values({
          incident_id: row.id,
          code: definition.code,
          due_at: due.toISOString(),
          met_at: null,
          met_by: null,
          reminded_at: null,
          escalated_at: null,
        })
        .execute();
    }
  }

  /** A lost source's ledger records the loss; a found one's the find (registry, same transaction). */
  private async recordLedger(trx: Executor, actor: Actor, row: IncidentRow, sourceId: number): Promise<void> {
    const type = row.kind === 'lost_source' ? 'loss_theft' : row.kind === 'found_source' ? 'found' : null;
    if (!type) return;
    try {
      await this.sources.recordTransaction(
        actor,
        sourceId,
        {
          type,
          occurredOn: localDateOf(new Date(row.discovered_at), this.timeZone),
          note: `Sự cố ${row.number}: ${row.title}`.slice(0, 2000),
        },
        { trx, reportedIncident: true },
      );
    } catch (error) {
      // The ledger's own field names mean nothing to the reporter: its date is the discovery time.
      if (
        error instanceof AppError &&
        error.code === 'validation.failed' &&
        error.params.field === '/occurredOn'
      )
        throw invalidField('/discoveredAt', 'too_small');
      throw error;
    }
    await this.log(trx, row.id, {
      kind: 'log',
      text:
        type === 'loss_theft'
          ? 'Sổ theo dõi nguồn: ghi nhận mất hoặc bị trộm nguồn'
          : 'Sổ theo dõi nguồn: ghi nhận tìm thấy nguồn',
      data: { event: 'ledger', sourceId, transaction: type },
      userId: actor.userId,
    });
  }

  /** A source the actor may see in the registry (the registry's own data scope). */
  private async visibleSource(trx: Executor, actor: Actor, sourceId: number) {
    const scope = dataScope(actor);
    const source = await trx
      .selectFrom('sources')
      .innerJoin('organisations', 'organisations.id', 'sources.facility_id')
      .select(['sources.id', 'sources.facility_id'])
      .where('sources.id', '=', sourceId)
      .where((eb) => organisationScopeCondition(eb, scope))
      .executeTakeFirst();
    if (!source) throw invalidField('/sourceId', 'invalid');
    return source;
  }

  private async linkableAlarm(trx: Executor, alarmId: number): Promise<void> {
    const alarm = await trx
      .selectFrom('alarms')
      .select(['id', 'incident_id'])
      .where('id', '=', alarmId)
      .executeTakeFirst();
    if (!alarm) throw invalidField('/alarmId', 'invalid');
    if (alarm.incident_id !== null)
      throw new AppError('entity.conflict', { entity: 'incident' }, { incidentId: alarm.incident_id });
  }

  private async requireFacility(trx: Executor, id: number, field: string): Promise<void> {
    const org = await trx.selectFrom('organisations').select('kind').where('id', '=', id).executeTakeFirst();
    if (org?.kind !== 'facility') throw invalidField(field, 'not_a_facility');
  }

  private async requireOrganisation(trx: Executor, id: number, field: string): Promise<void> {
    const org = await trx
      .selectFrom('organisations')
      .select('id')
      .where('id', '=', id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (!org) throw invalidField(field, 'invalid');
  }

  private async requireActiveUser(trx: Executor, id: number, field: string): Promise<void> {
    const user = await trx
      .selectFrom('users')
      .select('id')
      .where('id', '=', id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (!user) throw invalidField(field, 'invalid');
  }
}

/** The API fields of the cordon, as the audit and the timeline name them. */
const CORDON_FIELDS = ['cordonRadiusM', 'cordonLat', 'cordonLon'];

/**
 * The cordon a PATCH asks for: a radius with an optional centre (both coordinates, default the incident's point);
 * null lifts the cordon; undefined when the PATCH does not touch it.
 */
function requestedCordon(
  row: IncidentRow,
  body: IncidentPatchBody,
): { radiusM: number; lat: number; lon: number } | null | undefined {
  const { cordonRadiusM: radiusM, cordonLat: lat, cordonLon: lon } = body;
  if (radiusM === undefined) {
    if (lat !== undefined || lon !== undefined) throw invalidField('/cordonRadiusM', 'required');
    return undefined;
  }
  if (lat !== undefined && lon === undefined) throw invalidField('/cordonLon', 'required');
  if (lon !== undefined && lat === undefined) throw invalidField('/cordonLat', 'required');
  if (radiusM === null) {
    if (lat !== undefined) throw invalidField('/cordonLat', 'unknown_field');
    return null;
  }
  return { radiusM, lat: lat ?? body.lat ?? row.lat, lon: lon ?? body.lon ?? row.lon };
}

/** `incident.close`, `incident.reopen`, `incident.transition` or `incident.update`. */
function auditAction(from: IncidentState, to: IncidentState | null): string {
  if (to === null) return 'incident.update';
  if (to === 'closed') return 'incident.close';
  return from === 'closed' ? 'incident.reopen' : 'incident.transition';
}

function headline(row: IncidentRow): IncidentHeadline {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind as IncidentKind,
    title: row.title,
    exercise: row.exercise === 1,
    communeCode: row.commune_code,
    organisationId: row.organisation_id,
  };
}

/** What the list's text filter searches: the number, the title and the start of the description. */
function titleKey(number: string, title: string, description: string): string {
  return searchKey(number, title, description.slice(0, 2000));
}
