/**
 * Incidents and response coordination: the incident with its lifecycle, the tasks given to agencies, the
 * timeline every participant sees, the statutory clocks and the public notices.
 */
import { Type, type Static } from 'typebox';
import { Id, IsoDateTime, Page, PageQuery, Text } from './common.js';
import { CommuneCode } from './organisations.js';
import { Bilingual } from './notifications.js';
import { ExerciseScenario } from './exercise.js';
import {
  AGENCY_KINDS,
  CLOCK_STATES,
  INCIDENT_KINDS,
  INCIDENT_ORIGINS,
  INCIDENT_SEVERITIES,
  INCIDENT_STATES,
  INES_MAX,
  INES_MIN,
  NOTICE_STATES,
  TASK_STATUSES,
  TIMELINE_KINDS,
  TIMELINE_USER_KINDS,
} from '../incidents/model.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const Latitude = Type.Number({ minimum: -90, maximum: 90 });
const Longitude = Type.Number({ minimum: -180, maximum: 180 });
const Ines = Type.Integer({ minimum: INES_MIN, maximum: INES_MAX });
/** Free-form JSON object attached to an entry (measured values, a run's id…). */
const DataObject = Type.Record(Type.String(), Type.Unknown());

// ── clocks ──────────────────────────────────────────────────────────────────────────────────────────────

/** A statutory deadline of one incident, as the board shows it. */
export const Clock = Type.Object({
  code: Type.String(),
  obligation: Bilingual,
  /** Who must be notified or receive the report (codes: `varans`, `dost`, `police`…). */
  addressees: Type.Array(Type.String()),
  startsFrom: Type.Enum(['discoveredAt', 'reportedAt']),
  dueAt: IsoDateTime,
  state: Type.Enum(CLOCK_STATES),
  metAt: Nullable(IsoDateTime),
  metBy: Nullable(Type.String()),
  /** Seconds left until due (negative when overdue); null once met. */
  remainingS: Nullable(Type.Number()),
  remindedAt: Nullable(IsoDateTime),
  escalatedAt: Nullable(IsoDateTime),
  /** The legal text the deadline comes from, and whether it was checked against the published document. */
  source: Type.String(),
  /** The same text as a reader cites it, in Vietnamese and English. */
  citation: Type.Object({ vi: Type.String(), en: Type.String() }),
  status: Type.Enum(['verified', 'to_verify']),
});
export type Clock = Static<typeof Clock>;

export const ClockParams = Type.Object(
  { id: Id, code: Type.String({ pattern: '^[a-z][a-z0-9_.]{0,79}$' }) },
  { additionalProperties: false },
);
export type ClockParams = Static<typeof ClockParams>;

// ── tasks ───────────────────────────────────────────────────────────────────────────────────────────────

export const Task = Type.Object({
  id: Id,
  incidentId: Id,
  title: Type.String(),
  description: Nullable(Type.String()),
  agencyKind: Nullable(Type.Enum(AGENCY_KINDS)),
  assigneeOrganisationId: Nullable(Id),
  assigneeOrganisationName: Nullable(Type.String()),
  ownerUserId: Nullable(Id),
  ownerName: Nullable(Type.String()),
  status: Type.Enum(TASK_STATUSES),
  dueAt: Nullable(IsoDateTime),
  createdBy: Nullable(Type.String()),
  createdAt: IsoDateTime,
  acknowledgedAt: Nullable(IsoDateTime),
  acknowledgedBy: Nullable(Type.String()),
  completedAt: Nullable(IsoDateTime),
  note: Nullable(Type.String()),
  updatedAt: IsoDateTime,
});
export type Task = Static<typeof Task>;

export const TaskCreateBody = Type.Object(
  {
    title: Text({ min: 1, max: 300 }),
    description: Type.Optional(Nullable(Text({ max: 10_000 }))),
    agencyKind: Type.Optional(Nullable(Type.Enum(AGENCY_KINDS))),
    assigneeOrganisationId: Type.Optional(Nullable(Id)),
    ownerUserId: Type.Optional(Nullable(Id)),
    dueAt: Type.Optional(Nullable(IsoDateTime)),
  },
  { additionalProperties: false },
);
export type TaskCreateBody = Static<typeof TaskCreateBody>;

/** Responders move the status (acknowledge = `acknowledged`); the command may also change owner and due time. */
export const TaskPatchBody = Type.Object(
  {
    status: Type.Optional(Type.Enum(TASK_STATUSES)),
    note: Type.Optional(Nullable(Text({ max: 10_000 }))),
    ownerUserId: Type.Optional(Nullable(Id)),
    dueAt: Type.Optional(Nullable(IsoDateTime)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type TaskPatchBody = Static<typeof TaskPatchBody>;

export const TaskParams = Type.Object({ id: Id, taskId: Id }, { additionalProperties: false });
export type TaskParams = Static<typeof TaskParams>;

// ── timeline ────────────────────────────────────────────────────────────────────────────────────────────

export const TimelineAttachment = Type.Object({
  id: Id,
  name: Type.String(),
  mime: Type.String(),
  size: Type.Integer({ minimum: 0 }),
});
export type TimelineAttachment = Static<typeof TimelineAttachment>;

export const TimelineEntry = Type.Object({
  id: Id,
  incidentId: Id,
  at: IsoDateTime,
  kind: Type.Enum(TIMELINE_KINDS),
  text: Type.String(),
  data: Nullable(DataObject),
  userId: Nullable(Id),
  userName: Nullable(Type.String()),
  attachment: Nullable(TimelineAttachment),
});
export type TimelineEntry = Static<typeof TimelineEntry>;

export const TimelineCreateBody = Type.Object(
  {
    kind: Type.Enum(TIMELINE_USER_KINDS),
    text: Text({ min: 1, max: 10_000 }),
    data: Type.Optional(DataObject),
  },
  { additionalProperties: false },
);
export type TimelineCreateBody = Static<typeof TimelineCreateBody>;

/** `after`: only the entries after this id (a board that already shows the earlier ones). */
export const TimelineQuery = Type.Object(
  { after: Type.Optional(Type.Integer({ minimum: 0, maximum: 2147483647 })) },
  { additionalProperties: false },
);
export type TimelineQuery = Static<typeof TimelineQuery>;

export const AttachmentQuery = Type.Object(
  { name: Text({ min: 1, max: 200 }) },
  { additionalProperties: false },
);
export type AttachmentQuery = Static<typeof AttachmentQuery>;

export const AttachmentParams = Type.Object({ id: Id, attachmentId: Id }, { additionalProperties: false });
export type AttachmentParams = Static<typeof AttachmentParams>;

// ── notices ─────────────────────────────────────────────────────────────────────────────────────────────

/** A public notice about an incident: drafted by the command, approved by a leader before it goes out. */
export const Notice = Type.Object({
  id: Id,
  incidentId: Id,
  /** Exercise notices carry the exercise label in the title and body. */
  title: Type.String(),
  body: Type.String(),
  state: Type.Enum(NOTICE_STATES),
  exercise: Type.Boolean(),
  createdBy: Nullable(Type.String()),
  createdAt: IsoDateTime,
  /** Who approved it; an approved notice is published on the public portal at once. */
  approvedBy: Nullable(Type.String()),
  approvedAt: Nullable(IsoDateTime),
  /** A published notice taken down (or a draft dropped), by whom and why. */
  withdrawnBy: Nullable(Type.String()),
  withdrawnAt: Nullable(IsoDateTime),
  withdrawReason: Nullable(Type.String()),
});
export type Notice = Static<typeof Notice>;

export const NoticeWithdrawBody = Type.Object(
  { reason: Text({ min: 1, max: 1000 }) },
  { additionalProperties: false },
);
export type NoticeWithdrawBody = Static<typeof NoticeWithdrawBody>;

/** A notice in the publication queue, with the incident it belongs to. */
export const NoticeQueueItem = Type.Object({
  ...Notice.properties,
  incidentNumber: Type.String(),
  incidentTitle: Type.String(),
});
export type NoticeQueueItem = Static<typeof NoticeQueueItem>;

export const NoticeQueueQuery = Type.Object(
  { state: Type.Optional(Type.Enum(NOTICE_STATES)) },
  { additionalProperties: false },
);
export type NoticeQueueQuery = Static<typeof NoticeQueueQuery>;

export const NoticeQueue = Type.Object({ notices: Type.Array(NoticeQueueItem) });
export type NoticeQueue = Static<typeof NoticeQueue>;

export const NoticeCreateBody = Type.Object(
  { title: Text({ min: 1, max: 300 }), body: Text({ min: 1, max: 20_000 }) },
  { additionalProperties: false },
);
export type NoticeCreateBody = Static<typeof NoticeCreateBody>;

export const NoticeParams = Type.Object({ id: Id, noticeId: Id }, { additionalProperties: false });
export type NoticeParams = Static<typeof NoticeParams>;

// ── incidents ───────────────────────────────────────────────────────────────────────────────────────────

/** What the list shows of each incident. */
export const IncidentListItem = Type.Object({
  id: Id,
  /** `12/2026`: the twelfth incident of 2026 (exercises are numbered with the others). */
  number: Type.String(),
  year: Type.Integer(),
  kind: Type.Enum(INCIDENT_KINDS),
  title: Type.String(),
  state: Type.Enum(INCIDENT_STATES),
  severity: Nullable(Type.Enum(INCIDENT_SEVERITIES)),
  ines: Nullable(Ines),
  exercise: Type.Boolean(),
  origin: Type.Enum(INCIDENT_ORIGINS),
  communeCode: Nullable(Type.String()),
  lat: Type.Number(),
  lon: Type.Number(),
  organisationId: Nullable(Id),
  organisationName: Nullable(Type.String()),
  discoveredAt: IsoDateTime,
  reportedAt: IsoDateTime,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  closedAt: Nullable(IsoDateTime),
  /** Tasks neither done nor cancelled. */
  openTasks: Type.Integer({ minimum: 0 }),
  /** The earliest due time of the clocks not yet met, or null. */
  nextClockDueAt: Nullable(IsoDateTime),
  overdueClocks: Type.Integer({ minimum: 0 }),
});
export type IncidentListItem = Static<typeof IncidentListItem>;

export const IncidentPage = Page(IncidentListItem);
export type IncidentPage = Static<typeof IncidentPage>;

/** The cordon the command set around the incident (a circle; the centre defaults to the incident's point). */
export const IncidentCordon = Type.Object({
  radiusM: Type.Number(),
  lat: Type.Number(),
  lon: Type.Number(),
  setAt: IsoDateTime,
  /** Who set it (display name). */
  setBy: Nullable(Type.String()),
});
export type IncidentCordon = Static<typeof IncidentCordon>;

/** Radius of a cordon (m): from a lost source's few metres to an emergency planning distance. */
export const CORDON_RADIUS_MIN_M = 1;
export const CORDON_RADIUS_MAX_M = 100_000;

export const IncidentLinks = Type.Object({
  /** Dispersion runs and cordons started for this incident (`GET /emergency/runs?incidentId=`). */
  runs: Type.Integer({ minimum: 0 }),
  alarm: Nullable(Type.Object({ id: Id, state: Type.String(), stationCode: Nullable(Type.String()) })),
  facility: Nullable(Type.Object({ id: Id, name: Type.String() })),
  source: Nullable(Type.Object({ id: Id, label: Type.String(), status: Type.String() })),
  notices: Type.Integer({ minimum: 0 }),
  attachments: Type.Integer({ minimum: 0 }),
});
export type IncidentLinks = Static<typeof IncidentLinks>;

/** What the current user may do on this incident (the server checks again on every request). */
export const IncidentAbilities = Type.Object({
  manage: Type.Boolean(),
  /** Add log entries, decisions, measurements, messages and attachments. */
  contribute: Type.Boolean(),
  respond: Type.Boolean(),
  approveNotices: Type.Boolean(),
});
export type IncidentAbilities = Static<typeof IncidentAbilities>;

export const Incident = Type.Object({
  ...IncidentListItem.properties,
  description: Type.String(),
  assessmentReasons: Nullable(Type.String()),
  alarmId: Nullable(Id),
  facilityId: Nullable(Id),
  sourceId: Nullable(Id),
  commanderUserId: Nullable(Id),
  commanderName: Nullable(Type.String()),
  createdBy: Nullable(Type.String()),
  finalReport: Nullable(Type.String()),
  closingReason: Nullable(Type.String()),
  /** The exercise scenario (release, weather, times), for exercises that drive the station simulator. */
  scenario: Nullable(DataObject),
  /** The cordon in force, or null. */
  cordon: Nullable(IncidentCordon),
  version: Type.Integer(),
  /** States the lifecycle allows from the current one. */
  nextStates: Type.Array(Type.Enum(INCIDENT_STATES)),
  tasks: Type.Array(Task),
  clocks: Type.Array(Clock),
  notices: Type.Array(Notice),
  links: IncidentLinks,
  can: IncidentAbilities,
});
export type Incident = Static<typeof Incident>;

export const IncidentCreateBody = Type.Object(
  {
    kind: Type.Enum(INCIDENT_KINDS),
    title: Text({ min: 1, max: 300 }),
    description: Text({ max: 50_000 }),
    lat: Latitude,
    lon: Longitude,
    communeCode: CommuneCode,
    /** When the incident was discovered (clocks of most laws start then); default: now. */
    discoveredAt: Type.Optional(IsoDateTime),
    origin: Type.Optional(Type.Enum(INCIDENT_ORIGINS)),
    exercise: Type.Optional(Type.Boolean()),
    facilityId: Type.Optional(Nullable(Id)),
    sourceId: Type.Optional(Nullable(Id)),
    alarmId: Type.Optional(Nullable(Id)),
    /** Exercises only: the simulated release that drives the station simulator. */
    scenario: Type.Optional(Nullable(ExerciseScenario)),
  },
  { additionalProperties: false },
);
export type IncidentCreateBody = Static<typeof IncidentCreateBody>;

/** Lifecycle moves and edits; a move the lifecycle refuses answers 409 naming the current state. */
export const IncidentPatchBody = Type.Object(
  {
    state: Type.Optional(Type.Enum(INCIDENT_STATES)),
    severity: Type.Optional(Nullable(Type.Enum(INCIDENT_SEVERITIES))),
    ines: Type.Optional(Nullable(Ines)),
    assessmentReasons: Type.Optional(Nullable(Text({ max: 10_000 }))),
    commanderUserId: Type.Optional(Nullable(Id)),
    finalReport: Type.Optional(Nullable(Text({ max: 100_000 }))),
    /** Why it is closed without response, or reopened. */
    reason: Type.Optional(Text({ min: 1, max: 5_000 })),
    title: Type.Optional(Text({ min: 1, max: 300 })),
    description: Type.Optional(Text({ max: 50_000 })),
    kind: Type.Optional(Type.Enum(INCIDENT_KINDS)),
    lat: Type.Optional(Latitude),
    lon: Type.Optional(Longitude),
    communeCode: Type.Optional(CommuneCode),
    /** Links the registry's source once identified (a lost or found source's ledger then records it). */
    sourceId: Type.Optional(Id),
    scenario: Type.Optional(Nullable(ExerciseScenario)),
    /** Sets the cordon (a decision on the timeline); null lifts it. */
    cordonRadiusM: Type.Optional(
      Nullable(Type.Number({ minimum: CORDON_RADIUS_MIN_M, maximum: CORDON_RADIUS_MAX_M })),
    ),
    /** The cordon's centre, with cordonRadiusM; default: the incident's point. */
    cordonLat: Type.Optional(Latitude),
    cordonLon: Type.Optional(Longitude),
    /** The version read; when given and stale the answer is 409. */
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type IncidentPatchBody = Static<typeof IncidentPatchBody>;

export const IncidentListQuery = Type.Object(
  {
    ...PageQuery,
    state: Type.Optional(Type.Enum([...INCIDENT_STATES, 'open'])),
    kind: Type.Optional(Type.Enum(INCIDENT_KINDS)),
    exercise: Type.Optional(Type.Boolean()),
    /** Words of the number, title or description (case and Vietnamese diacritics ignored). */
    q: Type.Optional(Type.String({ maxLength: 200 })),
    communeCode: Type.Optional(CommuneCode),
    /** Discovered at or after / before. */
    from: Type.Optional(IsoDateTime),
    to: Type.Optional(IsoDateTime),
  },
  { additionalProperties: false },
);
export type IncidentListQuery = Static<typeof IncidentListQuery>;

export const FromAlarmParams = Type.Object({ alarmId: Id }, { additionalProperties: false });
export type FromAlarmParams = Static<typeof FromAlarmParams>;

/** Optional overrides when opening an incident from an alarm (everything else comes from the alarm). */
export const FromAlarmBody = Type.Object(
  {
    kind: Type.Optional(Type.Enum(INCIDENT_KINDS)),
    title: Type.Optional(Text({ min: 1, max: 300 })),
    description: Type.Optional(Text({ max: 50_000 })),
    exercise: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type FromAlarmBody = Static<typeof FromAlarmBody>;

/** The register (XLSX) takes the list's filters, without paging. */
export const IncidentRegisterQuery = Type.Object(
  {
    state: IncidentListQuery.properties.state,
    kind: IncidentListQuery.properties.kind,
    exercise: IncidentListQuery.properties.exercise,
    q: IncidentListQuery.properties.q,
    communeCode: IncidentListQuery.properties.communeCode,
    from: IncidentListQuery.properties.from,
    to: IncidentListQuery.properties.to,
  },
  { additionalProperties: false },
);
export type IncidentRegisterQuery = Static<typeof IncidentRegisterQuery>;

// ── exercise report ─────────────────────────────────────────────────────────────────────────────────────

export const EXERCISE_MILESTONES = [
  'task_acknowledged',
  'decision',
  'cordon_set',
  'notice_approved',
] as const;
export type ExerciseMilestoneEvent = (typeof EXERCISE_MILESTONES)[number];

/** One step the response took, timed from the incident's creation. */
export const ExerciseMilestone = Type.Object({
  event: Type.Enum(EXERCISE_MILESTONES),
  at: IsoDateTime,
  /** Seconds after the incident was created. */
  afterS: Type.Number(),
  /** The task's title, the decision's text, the cordon's radius or the notice's title. */
  text: Type.String(),
  /** The task, timeline entry or notice. */
  refId: Nullable(Id),
});
export type ExerciseMilestone = Static<typeof ExerciseMilestone>;

/**
 * How fast the response went (issue 6, point 7): seconds from the incident's creation to the first task
 * acknowledged, the first decision on the timeline, the cordon set and the first public notice approved; null
 * while it has not happened.
 */
export const ExerciseReport = Type.Object({
  incidentId: Id,
  exercise: Type.Boolean(),
  startedAt: IsoDateTime,
  toAcknowledgeS: Nullable(Type.Number()),
  /** The first `decision` on the timeline (the assessment, naming the commander, the cordon count). */
  toFirstDecisionS: Nullable(Type.Number()),
  toCordonS: Nullable(Type.Number()),
  toPublicNoticeS: Nullable(Type.Number()),
  /** Every such step, oldest first; setting the cordon is a decision and appears once, as `cordon_set`. */
  details: Type.Array(ExerciseMilestone),
});
export type ExerciseReport = Static<typeof ExerciseReport>;
