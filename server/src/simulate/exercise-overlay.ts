/**
 * Exercises drive the station simulator (issue 6, point 7): while an exercise incident with a scenario is open, the
 * dose rate its simulated release gives at each station (core's exercise physics) is added to that station's
 * simulated readings, which then reach the server through the normal ingest paths — alarms, charts and the board
 * see them as they would see real ones. The scenarios are read again when an incident changes (the live hub's
 * `incident.updated`) and at least every `pollMs`, so that opening, editing or closing an exercise takes effect
 * within seconds, and a change made on another instance within the poll period.
 */
import type { ExtraDose } from '@sievert/core';
import type { ExerciseOverlay, OverlayStation } from '../modules/incidents/exercise.service.js';
import type { SimulatorLog } from './simulator.js';

/** Where the running exercises come from (ExerciseService). */
export interface ExerciseOverlaySource {
  overlay(stations: ReadonlyArray<OverlayStation>): Promise<ExerciseOverlay>;
}

export interface ExerciseOverlayOptions {
  source: ExerciseOverlaySource;
  stations: ReadonlyArray<OverlayStation>;
  log: SimulatorLog;
  /** Read the scenarios again at least this often (ms); 30 000. */
  pollMs?: number;
  /** Subscribes to "something changed" (e.g. the live hub's incident updates); returns the unsubscribe. */
  subscribe?: (changed: () => void) => () => void;
}

export interface ExerciseOverlayHandle {
  /** The simulator's hook: delegates to the exercises loaded last (0 when none runs). */
  readonly hook: ExtraDose;
  /** Reads the scenarios now; resolves once the hook uses them. */
  refresh(): Promise<void>;
  /** Starts polling and listening for changes. */
  start(): void;
  stop(): void;
}

/** Changes arriving together (one PATCH sends several updates) cause one reload. */
const SETTLE_MS = 200;

export function createExerciseOverlay(options: ExerciseOverlayOptions): ExerciseOverlayHandle {
  const pollMs = options.pollMs ?? 30_000;
  let current: ExtraDose | null = null;
  let shown = '';
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let settle: NodeJS.Timeout | null = null;
  let unsubscribe: (() => void) | null = null;
  let stopped = false;

  const load = async (): Promise<void> => {
    const next = await options.source.overlay(options.stations);
    current = next.hook;
    // One line when the set of exercises changes, not at every poll.
    const now = `${next.incidentIds.join(',')}|${next.problems.join('|')}`;
    if (now === shown) return;
    shown = now;
    for (const problem of next.problems)
      options.log.warn(`simulator: exercise scenario skipped (${problem})`);
    options.log.info(
      next.incidentIds.length > 0
        ? `simulator: exercise release of incident(s) ${next.incidentIds.join(', ')} added to the stations' dose rate`
        : 'simulator: no exercise with a scenario is running; readings are the background only',
    );
  };

  const refresh = async (): Promise<void> => {
    // One load at a time; a change during a load is read by one more load after it.
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await load();
        } while (again && !stopped);
      } catch (error) {
        // The database may be busy or closing: keep the last scenarios; the next poll tries again.
        options.log.warn(
          `simulator: could not read the exercise scenarios (${error instanceof Error ? error.message : String(error)})`,
        );
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const changed = (): void => {
    if (stopped || settle) return;
    settle = setTimeout(() => {
      settle = null;
      void refresh();
    }, SETTLE_MS);
    settle.unref();
  };

  return {
    hook: (code, tMs) => (current ? current(code, tMs) : 0),
    refresh,
    start() {
      if (stopped || timer) return;
      timer = setInterval(() => void refresh(), pollMs);
      timer.unref();
      unsubscribe = options.subscribe?.(changed) ?? null;
    },
    stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      if (settle) clearTimeout(settle);
      timer = settle = null;
      unsubscribe?.();
      unsubscribe = null;
    },
  };
}
