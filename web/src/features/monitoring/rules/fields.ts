/**
 * The alarm rule set as officials see and edit it: the groups and fields of core's AlarmRuleSet (meaning and
 * source of each number in core/src/reference/alarms.json), their units, the limits core's validator applies, the
 * conversion at the edge (dose rates stored in nSv/h, shown in µSv/h; shares shown in %), and the problems of a
 * failed check turned into form fields. Pure functions, tested in fields.test.ts.
 */
import {
  ALARM_RULES,
  fromCanonical,
  toCanonical,
  type AlarmLevelRung,
  type AlarmRule,
  type AlarmRuleSet,
  type AlarmSeverity,
} from '@sievert/core';

export const DOSE_RATE_QUANTITY = 'ambient_dose_rate';
export const DOSE_RATE_FORM_UNIT = 'µSv/h';

export type RuleGroup =
  'level' | 'baseline' | 'rateOfRise' | 'offline' | 'dataQuality' | 'rain' | 'neighbours' | 'episodes';

export const RULE_GROUPS: readonly RuleGroup[] = [
  'level',
  'baseline',
  'rateOfRise',
  'offline',
  'dataQuality',
  'rain',
  'neighbours',
  'episodes',
];

/** Keys of `monitoring.rules.units`. */
export type RuleUnit =
  | 'doseRate'
  | 'doseRatePerHour'
  | 'minutes'
  | 'hours'
  | 'km'
  | 'mm'
  | 'values'
  | 'intervals'
  | 'sigma'
  | 'percent'
  | 'ofThreshold'
  | 'ofBaseline'
  | 'sigmaPerHour'
  | 'stations';

/** How a stored number is shown: dose rates nSv/h → µSv/h, shares 0.5 → 50 %, the rest as stored. */
export type Display = 'dose' | 'percent' | 'plain';

export interface NumberField {
  type: 'number';
  /** Path in the rule set, as core's validator and the server name it (`baseline.minExcess`). */
  path: string;
  unit: RuleUnit;
  /** Limits of core's validateAlarmRuleSet, in the stored unit. */
  min: number;
  max?: number;
  minExclusive?: boolean;
  integer?: boolean;
}

export interface ChoiceField {
  type: 'severity' | 'rules' | 'flags';
  path: string;
}

export type RuleField = NumberField | ChoiceField;

const count = (path: string): NumberField => ({
  type: 'number',
  path,
  unit: 'values',
  min: 1,
  max: 1000,
  integer: true,
});
const ratio = (path: string, unit: RuleUnit = 'ofThreshold'): NumberField => ({
  type: 'number',
  path,
  unit,
  min: 0,
  max: 1,
  minExclusive: true,
});
const num = (
  path: string,
  unit: RuleUnit,
  min: number,
  max?: number,
  options: { minExclusive?: boolean; integer?: boolean } = {},
): NumberField => ({ type: 'number', path, unit, min, ...(max === undefined ? {} : { max }), ...options });
const pos = (path: string, unit: RuleUnit, max?: number) => num(path, unit, 0, max, { minExclusive: true });
const severity = (path: string): ChoiceField => ({ type: 'severity', path });

/** The fields of each group in the order officials read them (the level rungs are a list of their own). */
export const GROUP_FIELDS: Record<RuleGroup, readonly RuleField[]> = {
  level: [ratio('level.clearRatio'), count('level.clearValues')],
  baseline: [
    severity('baseline.severity'),
    pos('baseline.windowHours', 'hours', 24 * 366),
    num('baseline.excludeRecentHours', 'hours', 0, 24 * 30),
    count('baseline.minValues'),
    num('baseline.minExcess', 'doseRate', 0),
    num('baseline.sigmaMultiple', 'sigma', 0),
    num('baseline.minRelativeSigma', 'percent', 0, 10),
    count('baseline.confirmValues'),
    ratio('baseline.clearRatio'),
    count('baseline.clearValues'),
  ],
  rateOfRise: [
    severity('rateOfRise.severity'),
    pos('rateOfRise.windowMinutes', 'minutes', 24 * 60),
    pos('rateOfRise.ratePerHour', 'doseRatePerHour'),
    num('rateOfRise.minSigmas', 'sigmaPerHour', 0),
    num('rateOfRise.smoothValues', 'values', 1, 25, { integer: true }),
    count('rateOfRise.confirmValues'),
    ratio('rateOfRise.clearRatio'),
    count('rateOfRise.clearValues'),
  ],
  offline: [
    severity('offline.severity'),
    pos('offline.missedIntervals', 'intervals', 1e6),
    num('offline.minMinutes', 'minutes', 0),
  ],
  dataQuality: [
    severity('dataQuality.severity'),
    pos('dataQuality.windowHours', 'hours', 24 * 366),
    count('dataQuality.minValues'),
    ratio('dataQuality.maxFlaggedFraction', 'percent'),
    { type: 'flags', path: 'nonBlockingFlags' },
  ],
  rain: [
    severity('rain.severity'),
    num('rain.radiusKm', 'km', 0),
    pos('rain.windowMinutes', 'minutes', 24 * 60),
    num('rain.minMm', 'mm', 0),
    num('rain.leadMinutes', 'minutes', 0, 24 * 60),
    num('rain.onsetToleranceMinutes', 'minutes', 0, 24 * 60),
    pos('rain.persistAfterRainHours', 'hours', 24 * 7),
    num('rain.maxRatio', 'ofBaseline', 1),
    pos('rain.maxEffectiveHalfLifeMinutes', 'minutes', 24 * 60),
    num('rain.decayNoiseSigmas', 'sigma', 0),
    num('rain.onsetSigmas', 'sigma', 0),
    num('rain.onsetLookbackHours', 'hours', 0, 24 * 7),
    pos('rain.pb214HalfLifeMinutes', 'minutes'),
    pos('rain.bi214HalfLifeMinutes', 'minutes'),
  ],
  neighbours: [
    severity('neighbours.severity'),
    num('neighbours.minStations', 'stations', 2, 1e6, { integer: true }),
    pos('neighbours.radiusKm', 'km', 20_000),
    num('neighbours.windowMinutes', 'minutes', 0, 24 * 60 * 7),
    { type: 'rules', path: 'neighbours.fromRules' },
  ],
  episodes: [
    ...ALARM_RULES.map((rule) => num(`episodes.clearMinutes.${rule}`, 'minutes', 0, 24 * 60 * 30)),
    { type: 'rules', path: 'episodes.autoResolve' },
  ],
};

/** The fields of a level rung, in the order of the ladder's columns. */
export const RUNG_FIELDS = {
  threshold: pos('threshold', 'doseRate'),
  confirmValues: count('confirmValues'),
} as const;

export const RUNG_KEYS = ['id', 'threshold', 'severity', 'confirmValues', 'rainMayExplain'] as const;
export type RungKey = (typeof RUNG_KEYS)[number];

/** The i18n key of a field's label (`monitoring.rules.fields.baseline.minExcess`); rungs use `level.<key>`. */
export function labelKey(path: string): string {
  const parts = path.split('.');
  if (parts[0] === 'level' && parts[1] === 'rungs')
    return `monitoring.rules.fields.level.${parts[3] ?? 'id'}`;
  if (parts[0] === 'nonBlockingFlags') return 'monitoring.rules.fields.dataQuality.nonBlockingFlags';
  if (parts[0] === 'episodes' && parts[1] === 'clearMinutes')
    return 'monitoring.rules.fields.episodes.clearMinutes';
  return `monitoring.rules.fields.${parts.join('.')}`;
}

/** The i18n key of a field's hint (may not exist). */
export function hintKey(path: string): string {
  return labelKey(path).replace('.fields.', '.hints.');
}

export function displayOf(unit: RuleUnit): Display {
  return unit === 'doseRate' || unit === 'doseRatePerHour'
    ? 'dose'
    : unit === 'percent'
      ? 'percent'
      : 'plain';
}

/** Keeps binary noise out of shown numbers (0.05 × 100 → 5, not 5.000000000000001). */
function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

/** A stored number as the form shows it; null when it cannot be converted. */
export function toDisplay(value: number, display: Display): number | null {
  if (!Number.isFinite(value)) return null;
  if (display === 'percent') return tidy(value * 100);
  if (display === 'dose') {
    const converted = fromCanonical(DOSE_RATE_QUANTITY, value, DOSE_RATE_FORM_UNIT);
    return 'value' in converted ? converted.value : null;
  }
  return value;
}

/** A number from the form in the stored unit; null when it cannot be converted. */
export function fromDisplay(value: number, display: Display): number | null {
  if (!Number.isFinite(value)) return null;
  if (display === 'percent') return tidy(value / 100);
  if (display === 'dose') {
    const converted = toCanonical(DOSE_RATE_QUANTITY, value, DOSE_RATE_FORM_UNIT);
    return 'value' in converted ? converted.value : null;
  }
  return value;
}

export function getPath(source: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, key) =>
        typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined,
      source,
    );
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node: Record<string, unknown> = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) return;
    node = next as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

/** A form path (`level.rungs.1.threshold`) as antd's name path (`['level', 'rungs', 1, 'threshold']`). */
export function namePath(path: string): (string | number)[] {
  return path.split('.').map((key) => (/^\d+$/.test(key) ? Number(key) : key));
}

export const NUMBER_FIELDS: readonly NumberField[] = Object.values(GROUP_FIELDS)
  .flat()
  .filter((field): field is NumberField => field.type === 'number');

/** Form values: the rule set with dose rates in µSv/h and shares in %; numbers may be empty while editing. */
export interface RungValues {
  id: string;
  severity: AlarmSeverity;
  threshold: number | null;
  confirmValues: number | null;
  rainMayExplain: boolean;
}
export type RuleFormValues = Record<string, unknown> & {
  level: { rungs: RungValues[]; clearRatio: number | null; clearValues: number | null };
};

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The rule set as the form shows it. */
export function toFormValues(set: AlarmRuleSet): RuleFormValues {
  const values = clone(set) as unknown as RuleFormValues;
  for (const field of NUMBER_FIELDS) {
    const display = displayOf(field.unit);
    if (display === 'plain') continue;
    const stored = getPath(set, field.path);
    setPath(values, field.path, typeof stored === 'number' ? toDisplay(stored, display) : null);
  }
  values.level.rungs = set.level.rungs.map((rung) => ({
    ...rung,
    threshold: toDisplay(rung.threshold, 'dose'),
  }));
  return values;
}

const byThreshold = (a: RungValues, b: RungValues) =>
  (a.threshold ?? Number.POSITIVE_INFINITY) - (b.threshold ?? Number.POSITIVE_INFINITY);

/** The rungs lowest first (the order the engine and the validator expect); the same array when already sorted. */
export function sortRungs(rungs: readonly RungValues[]): RungValues[] {
  const sorted = [...rungs].sort(byThreshold);
  return sorted.every((rung, index) => rung === rungs[index]) ? (rungs as RungValues[]) : sorted;
}

/**
 * The form's values as a rule set for the server, on top of `base` (so fields the form does not show, like
 * `unit`, are kept). Empty numbers stay null and are reported by the validator.
 */
export function fromFormValues(values: RuleFormValues, base: AlarmRuleSet): AlarmRuleSet {
  const set = clone(base) as unknown as Record<string, unknown>;
  for (const field of Object.values(GROUP_FIELDS).flat()) {
    const shown = getPath(values, field.path);
    if (field.type !== 'number') {
      setPath(set, field.path, Array.isArray(shown) ? [...(shown as unknown[])] : shown);
      continue;
    }
    setPath(
      set,
      field.path,
      typeof shown === 'number' ? fromDisplay(shown, displayOf(field.unit)) : (shown ?? null),
    );
  }
  (set.level as Record<string, unknown>).rungs = values.level.rungs.map(
    (rung): AlarmLevelRung =>
      ({
        id: typeof rung.id === 'string' ? rung.id.trim() : rung.id,
        severity: rung.severity,
        threshold: typeof rung.threshold === 'number' ? fromDisplay(rung.threshold, 'dose') : null,
        confirmValues: rung.confirmValues,
        rainMayExplain: rung.rainMayExplain === true,
      }) as AlarmLevelRung,
  );
  return set as unknown as AlarmRuleSet;
}

/** A problem the validator (core or server) found, in the form's terms. */
export interface RuleProblem {
  /** Dotted path (`level.rungs.1.threshold`); '' for the whole set. */
  field: string;
  /** Core's reason in English (`must be ≥ 0`), translated by `problemText`. */
  detail: string;
}

interface ServerIssue {
  field?: unknown;
  reason?: unknown;
  message?: unknown;
}

/**
 * The problems of a server answer `validation.failed` (`details.issues[{field: '/level/rungs/1/threshold',
 * message: 'không hợp lệ (must be above the previous rung)'}]`); [] for any other answer.
 */
export function serverProblems(details: unknown): RuleProblem[] {
  if (typeof details !== 'object' || details === null) return [];
  const issues = (details as { issues?: unknown }).issues;
  if (!Array.isArray(issues)) return [];
  return (issues as ServerIssue[])
    .filter((issue) => typeof issue?.field === 'string')
    .map((issue) => {
      const field = (issue.field as string).replace(/^\/+/, '').replace(/\//g, '.');
      const message = typeof issue.message === 'string' ? issue.message : '';
      const detail = /\(([^()]*)\)\s*$/.exec(message)?.[1] ?? message;
      return { field, detail };
    });
}

export type ProblemKey =
  | 'number'
  | 'gt'
  | 'gte'
  | 'lte'
  | 'integer'
  | 'required'
  | 'boolean'
  | 'aboveRung'
  | 'severityOrder'
  | 'severity'
  | 'list'
  | 'rungs'
  | 'uniqueId';

/** The unit a path's numbers are shown in (for limits in messages). */
export function displayOfPath(path: string): Display {
  if (/^level\.rungs\.\d+\.threshold$/.test(path)) return 'dose';
  const field = NUMBER_FIELDS.find((candidate) => candidate.path === path);
  return field ? displayOf(field.unit) : 'plain';
}

/**
 * Core's reason as an i18n key and its parameters (limits converted to the unit the form shows), or null when the
 * reason is not one core gives (then its own words are shown).
 */
export function problemKey(problem: RuleProblem): { key: ProblemKey; limit?: number } | null {
  const detail = problem.detail.trim();
  const bound = /^must be (>|≥|≤) (-?[\d.]+(?:e[+-]?\d+)?)$/.exec(detail);
  if (bound) {
    const shown = toDisplay(Number(bound[2]), displayOfPath(problem.field));
    const limit = shown ?? Number(bound[2]);
    return { key: bound[1] === '>' ? 'gt' : bound[1] === '≥' ? 'gte' : 'lte', limit };
  }
  const fixed: Array<[RegExp, ProblemKey]> = [
    [/^must be a finite number$/, 'number'],
    [/^must be a whole number$/, 'integer'],
    [/^must be a non-empty string$/, 'required'],
    [/^must be true or false$/, 'boolean'],
    [/^must be above the previous rung$/, 'aboveRung'],
    [/^must not be lower than the previous rung$/, 'severityOrder'],
    [/^must be one of /, 'severity'],
    [/^must be a list of /, 'list'],
    [/^must be a non-empty list$/, 'rungs'],
    [/^must be unique$/, 'uniqueId'],
  ];
  for (const [pattern, key] of fixed) if (pattern.test(detail)) return { key };
  return null;
}

/** Problems core's validator does not look for: two rungs with one name. */
export function extraProblems(set: AlarmRuleSet): RuleProblem[] {
  const seen = new Set<string>();
  const problems: RuleProblem[] = [];
  set.level.rungs.forEach((rung, index) => {
    if (typeof rung.id !== 'string' || rung.id === '') return;
    const key = rung.id.toUpperCase();
    if (seen.has(key)) problems.push({ field: `level.rungs.${index}.id`, detail: 'must be unique' });
    seen.add(key);
  });
  return problems;
}

/** Every path the form has a field for (rungs by index), so a problem can be put next to its field. */
export function formFieldPaths(rungCount: number): Set<string> {
  const paths = new Set(Object.values(GROUP_FIELDS).flatMap((fields) => fields.map((field) => field.path)));
  for (let index = 0; index < rungCount; index += 1)
    for (const key of RUNG_KEYS) paths.add(`level.rungs.${index}.${key}`);
  return paths;
}

/** The default rung a rung of the set stands for (same id), for its source and default values. */
export function defaultRungIndex(defaults: AlarmRuleSet, id: string): number {
  return defaults.level.rungs.findIndex((rung) => rung.id === id);
}

/**
 * Where the default of a path lives: rungs are matched by id (a ladder officials reordered or extended keeps the
 * sources of the rungs it still has); null for a rung the defaults do not have.
 */
export function defaultPath(set: AlarmRuleSet, defaults: AlarmRuleSet, path: string): string | null {
  const rung = /^level\.rungs\.(\d+)\.(.+)$/.exec(path);
  if (!rung) return path;
  const id = set.level.rungs[Number(rung[1])]?.id;
  const index = id === undefined ? -1 : defaultRungIndex(defaults, id);
  return index < 0 ? null : `level.rungs.${index}.${rung[2]}`;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    const key = (list: unknown[]) => list.map(String).sort().join('\u0000');
    return a.length === b.length && key(a as unknown[]) === key(b as unknown[]);
  }
  return a === b;
}

/** Whether a value of `set` differs from the defaults (a rung the defaults lack counts as differing). */
export function differsFromDefault(set: AlarmRuleSet, defaults: AlarmRuleSet, path: string): boolean {
  const at = defaultPath(set, defaults, path);
  if (at === null) return true;
  return !sameValue(getPath(set, path), getPath(defaults, at));
}

/** Every value path of a set that officials may change (for counting adjustments). */
export function valuePaths(set: AlarmRuleSet): string[] {
  const paths = Object.values(GROUP_FIELDS).flatMap((fields) => fields.map((field) => field.path));
  set.level.rungs.forEach((_rung, index) => {
    for (const key of RUNG_KEYS) if (key !== 'id') paths.push(`level.rungs.${index}.${key}`);
  });
  return paths;
}

/** How many values of `set` differ from the defaults, plus default rungs that were removed. */
export function countAdjusted(set: AlarmRuleSet, defaults: AlarmRuleSet): number {
  const changed = valuePaths(set).filter((path) => differsFromDefault(set, defaults, path)).length;
  const ids = new Set(set.level.rungs.map((rung) => rung.id));
  return changed + defaults.level.rungs.filter((rung) => !ids.has(rung.id)).length;
}

export function ruleLabelKey(rule: AlarmRule): string {
  return `monitoring.alarm.rules.${rule}`;
}
