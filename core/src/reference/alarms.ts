/**
 * Default alarm rules for the monitoring network with their sources. The numbers live in alarms.json, never
 * in code; dose rates are in nSv/h and precipitation in mm per measuring period (canonical units,
 * quantities.ts).
 *
 * `ALARM_REFERENCE` keeps every number with its source and status (for documentation and review);
 * `DEFAULT_ALARM_RULE_SET` is the same rule set as plain numbers, the shape the alarm engine
 * (core/src/monitoring/alarms.ts) takes, and the shape a stored per-station or per-network override must have
 * (check it with `validateAlarmRuleSet`).
 */
import data from './alarms.json' with { type: 'json' };
import {
  ALARM_RULES,
  ALARM_SEVERITIES,
  type AlarmRule,
  type AlarmSeverity,
} from '../schemas/measurements.js';

export type AlarmReferenceStatus = 'verified' | 'to_verify';

export interface AlarmReferenceValue {
  value: number;
  source: string;
  status: AlarmReferenceStatus;
}

/** One rung of the absolute level ladder (nSv/h), lowest first. */
export interface AlarmLevelRung {
  id: string;
  severity: AlarmSeverity;
  threshold: number;
  /** Consecutive usable values at or above the threshold before the rung is active. */
  confirmValues: number;
  /**
   * Whether a rain-washout classification may label this rung `likely_natural_rain` (never above the natural
   * range).
   */
  rainMayExplain: boolean;
}

/** The rule set as plain numbers; see alarms.json for the meaning and source of each. */
export interface AlarmRuleSet {
  unit: string;
  /**
   * Quality flags that do not stop a value from triggering level/baseline/rate rules; every other flag does.
   */
  nonBlockingFlags: readonly string[];
  level: { rungs: readonly AlarmLevelRung[]; clearRatio: number; clearValues: number };
  baseline: {
    severity: AlarmSeverity;
    windowHours: number;
    excludeRecentHours: number;
    minValues: number;
    minExcess: number;
    sigmaMultiple: number;
    minRelativeSigma: number;
    confirmValues: number;
    clearRatio: number;
    clearValues: number;
  };
  rateOfRise: {
    severity: AlarmSeverity;
    windowMinutes: number;
    ratePerHour: number;
    minSigmas: number;
    smoothValues: number;
    confirmValues: number;
    clearRatio: number;
    clearValues: number;
  };
  offline: { severity: AlarmSeverity; missedIntervals: number; minMinutes: number };
  dataQuality: {
    severity: AlarmSeverity;
    windowHours: number;
    minValues: number;
    maxFlaggedFraction: number;
  };
  rain: {
    severity: AlarmSeverity;
    radiusKm: number;
    windowMinutes: number;
    minMm: number;
    leadMinutes: number;
    onsetToleranceMinutes: number;
    persistAfterRainHours: number;
    maxRatio: number;
    pb214HalfLifeMinutes: number;
    bi214HalfLifeMinutes: number;
    maxEffectiveHalfLifeMinutes: number;
    decayNoiseSigmas: number;
    onsetSigmas: number;
    onsetLookbackHours: number;
  };
  neighbours: {
    severity: AlarmSeverity;
    minStations: number;
    radiusKm: number;
    windowMinutes: number;
    /** Station rules whose unexplained conditions count as an elevation for neighbour agreement. */
    fromRules: readonly AlarmRule[];
  };
  episodes: {
    /** Minutes the condition must stay away before the episode ends, per rule. */
    clearMinutes: Readonly<Record<AlarmRule, number>>;
    /** Rules whose alarms close themselves when the episode ends (the others wait for an official). */
    autoResolve: readonly AlarmRule[];
  };
}

export const ALARM_REFERENCE_EDITION: string = data.edition;
export const ALARM_REFERENCE_SOURCES: Readonly<Record<string, string>> = data.sources;
/** The rules with every number's source and status, as in alarms.json. */
export const ALARM_REFERENCE: typeof data = data;

const isSourced = (x: unknown): x is AlarmReferenceValue =>
  typeof x === 'object' &&
  x !== null &&
  'value' in x &&
  'source' in x &&
  'status' in x &&
  typeof (x as AlarmReferenceValue).value === 'number';

/** Every sourced number of the reference, with its path (`level.rungs.0.threshold`, `rain.maxRatio`, …). */
export function alarmReferenceValues(): Array<AlarmReferenceValue & { path: string }> {
  const out: Array<AlarmReferenceValue & { path: string }> = [];
  const walk = (x: unknown, path: string): void => {
    if (isSourced(x)) out.push({ path, value: x.value, source: x.source, status: x.status });
    else if (Array.isArray(x)) x.forEach((y, i) => walk(y, path ? `${path}.${i}` : String(i)));
    else if (typeof x === 'object' && x !== null)
      for (const [k, y] of Object.entries(x)) walk(y, path ? `${path}.${k}` : k);
  };
  const { edition: _e, notes: _n, sources: _s, ...rules } = data;
  walk(rules, '');
  return out;
}

/** Replaces each {value, source, status} by its value and drops the notes. */
function plain(x: unknown): unknown {
  if (isSourced(x)) return x.value;
  if (Array.isArray(x)) return x.map(plain);
  if (typeof x === 'object' && x !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, y] of Object.entries(x)) if (k !== 'note' && k !== 'severityNote') out[k] = plain(y);
    return out;
  }
  return x;
}

function deepFreeze<T>(x: T): T {
  if (typeof x === 'object' && x !== null) {
    for (const y of Object.values(x)) deepFreeze(y);
    Object.freeze(x);
  }
  return x;
}

export interface AlarmRuleProblem {
  /** Path of the field, e.g. `baseline.minExcess`, `level.rungs.1.threshold`. */
  field: string;
  reason: string;
}

/**
 * Checks a rule set (e.g. one an official edited) before the engine uses it. Returns the problems, each
 * naming the field and the reason; an empty list means the set is usable.
 */
export function validateAlarmRuleSet(rules: unknown): AlarmRuleProblem[] {
  const problems: AlarmRuleProblem[] = [];
  const bad = (field: string, reason: string) => problems.push({ field, reason });
  if (typeof rules !== 'object' || rules === null) return [{ field: '', reason: 'must be an object' }];
  const r = rules as Record<string, Record<string, unknown> | undefined>;
  const get = (path: string): unknown =>
    path
      .split('.')
      .reduce<unknown>((o, k) => (typeof o === 'object' && o !== null ? (o as never)[k] : undefined), r);
  const num = (
    path: string,
    min: number,
    max = Infinity,
    opts: { integer?: boolean; minExclusive?: boolean } = {},
  ) => {
    const v = get(path);
    if (typeof v !== 'number' || !Number.isFinite(v)) return bad(path, 'must be a finite number');
    if (opts.minExclusive ? v <= min : v < min) bad(path, `must be ${opts.minExclusive ? '>' : '≥'} ${min}`);
    if (v > max) bad(path, `must be ≤ ${max}`);
    if (opts.integer && !Number.isInteger(v)) bad(path, 'must be a whole number');
  };
  const severity = (path: string) => {
    if (!ALARM_SEVERITIES.includes(get(path) as AlarmSeverity))
      bad(path, `must be one of ${ALARM_SEVERITIES.join(', ')}`);
  };
  const ruleList = (path: string) => {
    const v = get(path);
    if (!Array.isArray(v) || v.some((x) => !ALARM_RULES.includes(x as AlarmRule)))
      bad(path, `must be a list of ${ALARM_RULES.join(', ')}`);
  };
  const count = (path: string) => num(path, 1, 1000, { integer: true });
  const ratio = (path: string) => num(path, 0, 1, { minExclusive: true });
  const pos = (path: string, max = Infinity) => num(path, 0, max, { minExclusive: true });

  const flags = get('nonBlockingFlags');
  if (!Array.isArray(flags) || flags.some((f) => typeof f !== 'string'))
    bad('nonBlockingFlags', 'must be a list of flag codes');

  const rungs = get('level.rungs');
  if (!Array.isArray(rungs) || rungs.length === 0) bad('level.rungs', 'must be a non-empty list');
  else {
    const rank = (s: unknown) => ALARM_SEVERITIES.indexOf(s as AlarmSeverity);
    rungs.forEach((rung: unknown, i) => {
      const p = `level.rungs.${i}`;
      if (typeof rung !== 'object' || rung === null) return bad(p, 'must be an object');
      const g = rung as Record<string, unknown>;
      if (typeof g.id !== 'string' || g.id.length === 0) bad(`${p}.id`, 'must be a non-empty string');
      else if (g.id.length > 20) bad(`${p}.id`, 'must be at most 20 characters');
      else if (rungs.slice(0, i).some((o) => (o as { id?: unknown } | null)?.id === g.id))
        bad(`${p}.id`, 'must be unique');
      severity(`${p}.severity`);
      pos(`${p}.threshold`);
      count(`${p}.confirmValues`);
      if (typeof g.rainMayExplain !== 'boolean') bad(`${p}.rainMayExplain`, 'must be true or false');
      if (i > 0) {
        const prev = rungs[i - 1] as Record<string, unknown> | null;
        if (prev && typeof prev.threshold === 'number' && !((g.threshold as number) > prev.threshold))
          bad(`${p}.threshold`, 'must be above the previous rung');
        if (prev && rank(g.severity) < rank(prev.severity))
          bad(`${p}.severity`, 'must not be lower than the previous rung');
      }
    });
  }
  ratio('level.clearRatio');
  count('level.clearValues');

  severity('baseline.severity');
  pos('baseline.windowHours', 24 * 366);
  num('baseline.excludeRecentHours', 0, 24 * 30);
  count('baseline.minValues');
  num('baseline.minExcess', 0);
  num('baseline.sigmaMultiple', 0);
  num('baseline.minRelativeSigma', 0, 10);
  count('baseline.confirmValues');
  ratio('baseline.clearRatio');
  count('baseline.clearValues');

  severity('rateOfRise.severity');
  pos('rateOfRise.windowMinutes', 24 * 60);
  pos('rateOfRise.ratePerHour');
  num('rateOfRise.minSigmas', 0);
  num('rateOfRise.smoothValues', 1, 25, { integer: true });
  count('rateOfRise.confirmValues');
  ratio('rateOfRise.clearRatio');
  count('rateOfRise.clearValues');

  severity('offline.severity');
  pos('offline.missedIntervals', 1e6);
  num('offline.minMinutes', 0);

  severity('dataQuality.severity');
  pos('dataQuality.windowHours', 24 * 366);
  count('dataQuality.minValues');
  ratio('dataQuality.maxFlaggedFraction');

  severity('rain.severity');
  num('rain.radiusKm', 0);
  pos('rain.windowMinutes', 24 * 60);
  num('rain.minMm', 0);
  num('rain.leadMinutes', 0, 24 * 60);
  num('rain.onsetToleranceMinutes', 0, 24 * 60);
  pos('rain.persistAfterRainHours', 24 * 7);
  num('rain.maxRatio', 1);
  pos('rain.pb214HalfLifeMinutes');
  pos('rain.bi214HalfLifeMinutes');
  pos('rain.maxEffectiveHalfLifeMinutes', 24 * 60);
  num('rain.decayNoiseSigmas', 0);
  num('rain.onsetSigmas', 0);
  num('rain.onsetLookbackHours', 0, 24 * 7);

  severity('neighbours.severity');
  num('neighbours.minStations', 2, 1e6, { integer: true });
  pos('neighbours.radiusKm', 20_000);
  num('neighbours.windowMinutes', 0, 24 * 60 * 7);
  ruleList('neighbours.fromRules');

  for (const rule of ALARM_RULES) num(`episodes.clearMinutes.${rule}`, 0, 24 * 60 * 30);
  ruleList('episodes.autoResolve');
  return problems;
}

function loadDefault(): AlarmRuleSet {
  const { edition: _e, notes: _n, sources: _s, ...rules } = data;
  const { usableValues, ...rest } = plain(rules) as Omit<AlarmRuleSet, 'nonBlockingFlags'> & {
    usableValues: { nonBlockingFlags: string[] };
  };
  const set: AlarmRuleSet = { ...rest, nonBlockingFlags: usableValues.nonBlockingFlags };
  const problems = validateAlarmRuleSet(set);
  if (problems.length)
    throw new Error(`alarms.json: ${problems.map((p) => `${p.field} ${p.reason}`).join('; ')}`);
  return deepFreeze(set);
}

/** The default rule set (deeply frozen). */
export const DEFAULT_ALARM_RULE_SET: AlarmRuleSet = loadDefault();
