/**
 * What the incident pages compute in the browser: the countdown of a statutory clock (ticking each second
 * between two answers of the server), the default cordon of a kind (IAEA first-responder radii from core's
 * cordon reference), distances on the ground, the commune under a point of the map, the communes a cordon
 * touches, and the exercise timings as words. Pure functions, tested in model.test.ts.
 */
import {
  CORDON_DEFAULT_RADII,
  type Clock,
  type ExerciseReport,
  type CordonSituation,
  type IncidentKind,
  type IncidentState,
  type Task,
} from '@sievert/core';
import type { Position } from 'geojson';
import type { CommuneShapes } from '../../ui/map/ProvinceMap';

// ── countdowns ──────────────────────────────────────────────────────────────────────────────────────────

export interface CountdownParts {
  /** The deadline has passed: the parts count the time since. */
  overdue: boolean;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** Seconds left (negative once overdue) as whole days, hours, minutes and seconds of the absolute value. */
export function countdownParts(remainingS: number): CountdownParts {
  const overdue = remainingS < 0;
  // Round towards the deadline: one second before it the board says 00:00:01, one second after 00:00:01 late.
  let rest = overdue ? Math.ceil(-remainingS) : Math.floor(remainingS);
  const days = Math.floor(rest / 86_400);
  rest -= days * 86_400;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  return { overdue, days, hours, minutes, seconds: rest - minutes * 60 };
}

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * "03:15:20", or with days "2 ngày 03:15:20" (`dayWord` from the translations, `days` its plural-free form).
 * The sign is not written: the caller says "còn" or "quá hạn" from `overdue`.
 */
export function formatCountdown(remainingS: number, dayWord: (days: number) => string): string {
  const parts = countdownParts(remainingS);
  const clock = `${pad(parts.hours)}:${pad(parts.minutes)}:${pad(parts.seconds)}`;
  return parts.days > 0 ? `${dayWord(parts.days)} ${clock}` : clock;
}

/** Seconds from `now` to an ISO instant (negative when it has passed). */
export function secondsUntil(iso: string, now: number): number {
  return (Date.parse(iso) - now) / 1000;
}

/**
 * The state of a clock at `now`: the server's answer, moved on by the seconds that passed since (a running
 * clock becomes overdue on the board the second its deadline passes, before the next answer).
 */
export function liveClockState(clock: Pick<Clock, 'state' | 'dueAt'>, now: number): Clock['state'] {
  if (clock.state === 'met') return 'met';
  return secondsUntil(clock.dueAt, now) < 0 ? 'overdue' : clock.state;
}

/** The clock that falls due first among those not yet met, or null. */
export function nearestOpenClock<T extends Pick<Clock, 'state' | 'dueAt'>>(clocks: readonly T[]): T | null {
  let best: T | null = null;
  for (const clock of clocks) {
    if (clock.state === 'met') continue;
    if (best === null || Date.parse(clock.dueAt) < Date.parse(best.dueAt)) best = clock;
  }
  return best;
}

// ── lifecycle ───────────────────────────────────────────────────────────────────────────────────────────

/** Which dialog a move needs: the assessment, the closing (final report or reason), a reason to reopen. */
export type TransitionDialog = 'assess' | 'close' | 'reopen' | 'confirm';

export function transitionDialog(from: IncidentState, to: IncidentState): TransitionDialog {
  if (to === 'assessed') return 'assess';
  if (to === 'closed') return 'close';
  if (from === 'closed') return 'reopen';
  return 'confirm';
}

/** Closing after recovery needs the final report; closing before any response needs the reason. */
export function closingNeeds(from: IncidentState): 'finalReport' | 'reason' {
  return from === 'recovery' ? 'finalReport' : 'reason';
}

// ── tasks ───────────────────────────────────────────────────────────────────────────────────────────────

/** Whether the signed-in user answers for a task: it is given to their organisation, or to them by name. */
export function isMyTask(
  task: Pick<Task, 'assigneeOrganisationId' | 'ownerUserId'>,
  me: { id: number; organisationId: number } | null | undefined,
): boolean {
  if (!me) return false;
  return task.assigneeOrganisationId === me.organisationId || task.ownerUserId === me.id;
}

/** Tasks still waiting for their assignee to acknowledge them, and those acknowledged (or further on). */
export function acknowledgementSummary(tasks: readonly Pick<Task, 'status'>[]): {
  waiting: number;
  acknowledged: number;
} {
  let waiting = 0;
  let acknowledged = 0;
  for (const task of tasks) {
    if (task.status === 'cancelled') continue;
    if (task.status === 'assigned') waiting += 1;
    else acknowledged += 1;
  }
  return { waiting, acknowledged };
}

// ── cordon ──────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The IAEA first-responder situation (EPR-FIRST RESPONDERS 2006, Table 1) that fits a kind of incident, for
 * the default inner cordon drawn on the board before anyone computes one: a lost, found or stolen source and a
 * transport accident are an unshielded or damaged source (30 m), contamination a spill (100 m), a fire a fire
 * involving a source (300 m). Readings, over-exposures and emergencies elsewhere have no default cordon.
 */
const KIND_SITUATIONS: Partial<Record<IncidentKind, CordonSituation>> = {
  lost_source: 'unshielded_source',
  found_source: 'unshielded_source',
  security_event: 'unshielded_source',
  transport_accident: 'unshielded_source',
  contamination: 'spill',
  fire: 'fire_or_explosion',
};

export function defaultCordon(kind: IncidentKind): { situation: CordonSituation; radiusM: number } | null {
  const situation = KIND_SITUATIONS[kind];
  if (!situation) return null;
  return { situation, radiusM: CORDON_DEFAULT_RADII[situation].value };
}

// ── geometry ────────────────────────────────────────────────────────────────────────────────────────────

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function distanceM(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The items nearer than `withinM`, nearest first, each with its distance; at most `limit`. */
export function nearest<T extends { lat: number | null; lon: number | null }>(
  items: readonly T[],
  point: { lat: number; lon: number },
  withinM: number,
  limit: number,
): Array<{ item: T; distanceM: number }> {
  const placed: Array<{ item: T; distanceM: number }> = [];
  for (const item of items) {
    if (item.lat === null || item.lon === null) continue;
    const d = distanceM(point, { lat: item.lat, lon: item.lon });
    if (d <= withinM) placed.push({ item, distanceM: d });
  }
  return placed.sort((a, b) => a.distanceM - b.distanceM).slice(0, limit);
}

/** Ray casting on one ring of [lon, lat] positions. */
function inRing(lon: number, lat: number, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi = 0, yi = 0] = ring[i]!;
    const [xj = 0, yj = 0] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A polygon's outer ring holds the point and none of its holes does. */
function inPolygon(lon: number, lat: number, rings: readonly (readonly Position[])[]): boolean {
  const [outer, ...holes] = rings;
  if (!outer || !inRing(lon, lat, outer)) return false;
  return !holes.some((hole) => inRing(lon, lat, hole));
}

function polygonsOf(feature: CommuneShapes['features'][number]): readonly (readonly Position[])[][] {
  const geometry = feature.geometry;
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** The code of the commune or ward whose shape holds the point, or null outside the province. */
export function communeAt(shapes: CommuneShapes, point: { lat: number; lon: number }): string | null {
  for (const feature of shapes.features) {
    if (polygonsOf(feature).some((rings) => inPolygon(point.lon, point.lat, rings)))
      return feature.properties.code;
  }
  return null;
}

/** Shortest distance in metres from a point to a segment, on a local flat projection (fine at a few km). */
function distanceToSegmentM(point: { lat: number; lon: number }, a: Position, b: Position): number {
  const mPerDegLat = (Math.PI * EARTH_RADIUS_M) / 180;
  const mPerDegLon = mPerDegLat * Math.cos(rad(point.lat));
  const ax = ((a[0] ?? 0) - point.lon) * mPerDegLon;
  const ay = ((a[1] ?? 0) - point.lat) * mPerDegLat;
  const bx = ((b[0] ?? 0) - point.lon) * mPerDegLon;
  const by = ((b[1] ?? 0) - point.lat) * mPerDegLat;
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const s = length2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / length2));
  return Math.hypot(ax + s * dx, ay + s * dy);
}

/**
 * The communes a circle around the point touches: the one holding the point and every other whose boundary
 * comes within `radiusM`. The commune of the point comes first.
 */
export function communesWithin(
  shapes: CommuneShapes,
  point: { lat: number; lon: number },
  radiusM: number,
): string[] {
  const home = communeAt(shapes, point);
  const codes = home ? [home] : [];
  for (const feature of shapes.features) {
    const code = feature.properties.code;
    if (code === home) continue;
    const near = polygonsOf(feature).some((rings) =>
      rings.some((ring) =>
        ring.some((position, index) => {
          const next = ring[index + 1];
          return next !== undefined && distanceToSegmentM(point, position, next) <= radiusM;
        }),
      ),
    );
    if (near) codes.push(code);
  }
  return codes;
}

// ── exercise report ─────────────────────────────────────────────────────────────────────────────────────

/** The timings of an exercise report (core's ExerciseReport), in the order the board lists them. */
export const EXERCISE_TIMINGS = [
  'toAcknowledgeS',
  'toFirstDecisionS',
  'toCordonS',
  'toPublicNoticeS',
] as const satisfies readonly (keyof ExerciseReport)[];

/** A duration of the exercise report as "1 giờ 05 phút 12 giây"-like parts, biggest first, zeros left out. */
export function durationParts(seconds: number): Array<{ unit: 'h' | 'min' | 's'; value: number }> {
  const whole = Math.max(0, Math.round(seconds));
  const h = Math.floor(whole / 3600);
  const min = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const parts: Array<{ unit: 'h' | 'min' | 's'; value: number }> = [];
  if (h > 0) parts.push({ unit: 'h', value: h });
  if (min > 0) parts.push({ unit: 'min', value: min });
  if (s > 0 || parts.length === 0) parts.push({ unit: 's', value: s });
  return parts;
}
