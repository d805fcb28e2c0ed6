/**
 * Exercises (diễn tập, issue 6 point 7): the scenario an exercise carries (a simulated release checked against the
 * emergency physics before it is stored), the dose rate the running exercises add to the simulated stations'
 * readings, and the exercise report — how long the response took to acknowledge a task, take a first decision,
 * set the cordon and approve a public notice.
 */
import {
  prepareExercise,
  type ExerciseMilestone,
  type ExerciseReport,
  type ExerciseScenario,
  type ExerciseStation,
  type ExtraDose,
} from '@sievert/core';
import type { Db } from '../../db/database.js';
import { invalidField } from '../../errors.js';
import type { Actor } from '../auth/actor.js';
import type { IncidentService } from './incident.service.js';
import { decisionText } from './incident-words.js';

/** A station the simulator runs, with its place. */
export type OverlayStation = ExerciseStation & { code: string };

/** What the running exercises add to the simulated readings. */
export interface ExerciseOverlay {
  /** Sum of the increments (nSv/h) of every running exercise; null when none runs. */
  hook: ExtraDose | null;
  /** The exercises that contribute, by incident id. */
  incidentIds: number[];
  /** Stored scenarios the physics refuses now (reference data changed): skipped, with why. */
  problems: string[];
}

/** Longest text of a milestone (a decision may be long; the report needs its gist). */
const MILESTONE_TEXT_MAX = 300;

const clip = (text: string) =>
  text.length > MILESTONE_TEXT_MAX ? `${text.slice(0, MILESTONE_TEXT_MAX - 1)}…` : text;

export class ExerciseService {
  constructor(
    private readonly db: Db,
    private readonly incidents: IncidentService,
  ) {}

  /**
   * Refuses a scenario the physics cannot run (an unknown nuclide, a release the model refuses): 400 naming the
   * field under `/scenario`. Installed as `IncidentService.checkScenario`; the schema has checked the shape.
   */
  checkScenario(scenario: Record<string, unknown>): void {
    try {
      prepareExercise(scenario as ExerciseScenario);
    } catch (error) {
      const field = (error as { field?: unknown }).field;
      if (error instanceof RangeError && typeof field === 'string')
        throw invalidField(`/scenario/${field}`, field.endsWith('/nuclide') ? 'unknown_nuclide' : 'invalid');
      throw error;
    }
  }

  /** The scenarios of the exercises not closed, oldest incident first. */
  async runningScenarios(): Promise<Array<{ incidentId: number; scenario: ExerciseScenario }>> {
    const rows = await this.db
      .selectFrom('incidents')
      .select(['id', 'scenario'])
      .where('exercise', '=', 1)
      .where('state', '!=', 'closed')
      .where('scenario', 'is not', null)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ incidentId: r.id, scenario: JSON.parse(r.scenario!) as ExerciseScenario }));
  }

  /**
   * The simulator's extra dose for these stations: every running exercise's simulated release, summed (two
   * exercises at once add up, as two real releases would). Each station's place in each plume is computed here,
   * once; the hook then costs a few exponentials per reading.
   */
  async overlay(stations: ReadonlyArray<OverlayStation>): Promise<ExerciseOverlay> {
    const hooks: ExtraDose[] = [];
    const incidentIds: number[] = [];
    const problems: string[] = [];
    for (const { incidentId, scenario } of await this.runningScenarios()) {
      try {
        const model = prepareExercise(scenario);
        const sites = new Map(stations.map((s) => [s.code, model.site(s)]));
        hooks.push((code, tMs) => {
          const site = sites.get(code);
          return site ? model.rateAt(site, tMs).nSvPerH : 0;
        });
        incidentIds.push(incidentId);
      } catch (error) {
        problems.push(`incident ${incidentId}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const hook: ExtraDose | null =
      hooks.length === 0 ? null : (code, tMs) => hooks.reduce((sum, h) => sum + h(code, tMs), 0);
    return { hook, incidentIds, problems };
  }

  /** The exercise report of an incident the actor may read (any incident: `exercise` says whether it is one). */
  async report(actor: Actor, id: number): Promise<ExerciseReport> {
    const row = await this.incidents.readable(this.db, actor, id);
    const [tasks, decisions, notices] = await Promise.all([
      this.db
        .selectFrom('incident_tasks')
        .select(['id', 'title', 'acknowledged_at'])
        .where('incident_id', '=', id)
        .where('acknowledged_at', 'is not', null)
        .execute(),
      this.db
        .selectFrom('incident_timeline')
        .select(['id', 'at', 'text', 'data'])
        .where('incident_id', '=', id)
        .where('kind', '=', 'decision')
        .execute(),
      this.db
        .selectFrom('incident_notices')
        .select(['id', 'title', 'approved_at'])
        .where('incident_id', '=', id)
        .where('approved_at', 'is not', null)
        .execute(),
    ]);
    const steps: Array<Omit<ExerciseMilestone, 'afterS'>> = [
      ...tasks.map((t) => ({
        event: 'task_acknowledged' as const,
        at: t.acknowledged_at!,
        text: clip(t.title),
        refId: t.id,
      })),
      ...decisions.map((d) => {
        const data = d.data === null ? null : (JSON.parse(d.data) as Record<string, unknown>);
        return {
          event: data?.event === 'cordon_set' ? ('cordon_set' as const) : ('decision' as const),
          at: d.at,
          text: clip(decisionText(d.text, data)),
          refId: d.id,
        };
      }),
      ...notices.map((n) => ({
        event: 'notice_approved' as const,
        at: n.approved_at!,
        text: clip(n.title),
        refId: n.id,
      })),
    ];
    return exerciseTimings(id, row.exercise === 1, row.created_at, steps);
  }
}

/**
 * The timings from the steps: each measure is the first step of its kind (setting the cordon is a decision too);
 * null while there is none.
 */
export function exerciseTimings(
  incidentId: number,
  exercise: boolean,
  startedAt: string,
  steps: ReadonlyArray<Omit<ExerciseMilestone, 'afterS'>>,
): ExerciseReport {
  const start = Date.parse(startedAt);
  const details: ExerciseMilestone[] = steps
    .map((s) => ({ ...s, afterS: Math.round((Date.parse(s.at) - start) / 1000) }))
    .sort((a, b) => a.afterS - b.afterS || (a.refId ?? 0) - (b.refId ?? 0));
  const first = (...events: Array<ExerciseMilestone['event']>) =>
    details.find((d) => events.includes(d.event))?.afterS ?? null;
  return {
    incidentId,
    exercise,
    startedAt,
    toAcknowledgeS: first('task_acknowledged'),
    toFirstDecisionS: first('decision', 'cordon_set'),
    toCordonS: first('cordon_set'),
    toPublicNoticeS: first('notice_approved'),
    details,
  };
}
