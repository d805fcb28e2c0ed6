/**
 * Projected doses of members of the public from a release (issue 5, point 3) and the protective actions they call
 * for (point 4). Pathways (physics.md §4.1, adult outdoors and unshielded unless an age group is given):
 * - inhalation  E = BR · TIC · e_inh          (committed effective dose, ICRP 72);
 * - thyroid     H = BR · TIC · h_thyroid       (committed thyroid equivalent dose, radioiodine);
 * - cloudshine  E = DCF_sub · TIC              (semi-infinite cloud, FGR 15; conservative near the source);
 * - groundshine E = DCF_gs · Dep0 · ∫0^T e^(−λt) dt = DCF_gs · Dep0 · (1 − e^(−λT)) / λ   (FGR 15).
 * Short-lived daughters (Cs-137 → Ba-137m, Sr-90 → Y-90) are added to the external pathways with their branching
 * fraction, in equilibrium with the parent (they decay with the parent's half-life, physics.md §2.10); ICRP
 * inhalation coefficients already include progeny formed in the body. All coefficients come from
 * core/src/reference/dose.json; a coefficient the reference does not give is reported in `missing`, never guessed.
 * Pure functions, no I/O: run in Node and the browser.
 */
import {
  BREATHING_RATES,
  findDoseNuclide,
  type AgeCoefficientTable,
  type DoseAgeGroup,
  type ExternalCoefficient,
  type LungAbsorptionType,
  type NuclideDoseReference,
} from '../reference/dose.js';
import {
  DEFAULT_PROTECTIVE_ACTION_RULES,
  type GenericCriterionQuantity,
  type ProtectiveActionRuleSet,
  type ProtectiveRuleStatus,
} from '../reference/protective-actions.js';

export type DosePathway = 'inhalation' | 'thyroid' | 'cloudshine' | 'groundshine';

export type MissingDoseReason =
  | 'unknown_nuclide'
  | 'no_default_lung_type'
  | 'no_coefficient_for_lung_type'
  | 'no_coefficient_for_age'
  | 'no_breathing_rate'
  | 'no_thyroid_coefficient'
  | 'no_cloud_coefficient'
  | 'no_ground_coefficient'
  | 'no_half_life';

/** A gap in the reference data: the dose of `pathway` from `nuclide` is not included in the result. */
export interface MissingDoseData {
  nuclide: string;
  pathway: DosePathway;
  reason: MissingDoseReason;
}

export interface PathwayDoseResult {
  /** Sum of the contributions whose data exist (Sv); 0 when none do. */
  doseSv: number;
  /** False when some contribution is missing (then `doseSv` underestimates the dose). */
  complete: boolean;
  missing: MissingDoseData[];
}

export interface InhalationDoseResult extends PathwayDoseResult {
  lungType: LungAbsorptionType | null;
  coefficientSvPerBq: number | null;
  breathingRateM3PerS: number | null;
  intakeBq: number | null;
}

export interface ExternalDoseResult extends PathwayDoseResult {
  /** Parent coefficient plus Σ branching × daughter coefficient actually used. */
  coefficient: number;
  /** Nuclides whose coefficients were summed (parent first, then progeny). */
  contributors: string[];
  /** True when an adult coefficient stood in for a child age group that has no published external value. */
  adultCoefficientUsed: boolean;
}

export interface InhalationInput {
  nuclide: string;
  /** Time-integrated air concentration at the receptor, Bq·s/m³. */
  ticBqSPerM3: number;
  ageGroup?: DoseAgeGroup;
  /** Lung absorption type; defaults to the reference's default type for the public (physics.md §4.3). */
  lungType?: LungAbsorptionType;
  /** Overrides the reference breathing rate of the age group (m³/s). */
  breathingRateM3PerS?: number;
}

export interface CloudshineInput {
  nuclide: string;
  ticBqSPerM3: number;
  ageGroup?: DoseAgeGroup;
  /** Add short-lived daughters (default true). Set false when daughters are listed as nuclides of their own. */
  includeProgeny?: boolean;
}

export interface GroundshineInput {
  nuclide: string;
  /** Initial ground deposition, Bq/m². */
  depositionBqPerM2: number;
  /** Exposure duration from deposition, s. */
  durationS: number;
  /** Radioactive decay during the exposure (default true). Weathering is not modelled. */
  includeDecay?: boolean;
  ageGroup?: DoseAgeGroup;
  includeProgeny?: boolean;
}

function finiteNonNegative(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`${name} must be a finite number`);
  if (v < 0) throw new RangeError(`${name} must be ≥ 0 (got ${v})`);
  return v;
}

function ageOf(age: DoseAgeGroup | undefined): DoseAgeGroup {
  const a = age ?? 'adult';
  if (!(a in BREATHING_RATES))
    throw new RangeError(`ageGroup must be one of ${Object.keys(BREATHING_RATES).join(', ')}`);
  return a;
}

function missingResult(nuclide: string, pathway: DosePathway, reason: MissingDoseReason): PathwayDoseResult {
  return { doseSv: 0, complete: false, missing: [{ nuclide, pathway, reason }] };
}

interface IntakeCoefficient {
  lungType: LungAbsorptionType | null;
  coefficient: number | null;
  reason: MissingDoseReason | null;
}

function intakeCoefficient(
  ref: NuclideDoseReference,
  tables: Partial<Record<LungAbsorptionType, AgeCoefficientTable>> | null,
  age: DoseAgeGroup,
  lungType: LungAbsorptionType | undefined,
  noTableReason: MissingDoseReason,
): IntakeCoefficient {
  if (!tables) return { lungType: null, coefficient: null, reason: noTableReason };
  const type = lungType ?? ref.defaultLungType?.value ?? null;
  if (!type) return { lungType: null, coefficient: null, reason: 'no_default_lung_type' };
  const table = tables[type];
  if (!table) return { lungType: type, coefficient: null, reason: noTableReason };
  const c = table.values[age];
  if (c === undefined) return { lungType: type, coefficient: null, reason: 'no_coefficient_for_age' };
  return { lungType: type, coefficient: c, reason: null };
}

function intakeDose(input: InhalationInput, pathway: 'inhalation' | 'thyroid'): InhalationDoseResult {
  const tic = finiteNonNegative('ticBqSPerM3', input.ticBqSPerM3);
  const age = ageOf(input.ageGroup);
  const br =
    input.breathingRateM3PerS === undefined
      ? (BREATHING_RATES[age]?.value ?? null)
      : finiteNonNegative('breathingRateM3PerS', input.breathingRateM3PerS);
  const empty = { lungType: null, coefficientSvPerBq: null, breathingRateM3PerS: br, intakeBq: null };
  const ref = findDoseNuclide(input.nuclide);
  if (!ref) return { ...missingResult(input.nuclide, pathway, 'unknown_nuclide'), ...empty };
  const tables = pathway === 'inhalation' ? ref.inhalation : ref.thyroidInhalation;
  const c = intakeCoefficient(
    ref,
    tables,
    age,
    input.lungType,
    pathway === 'inhalation' ? 'no_coefficient_for_lung_type' : 'no_thyroid_coefficient',
  );
  if (c.reason || c.coefficient === null) {
    return {
      ...missingResult(ref.name, pathway, c.reason ?? 'no_coefficient_for_age'),
      ...empty,
      lungType: c.lungType,
    };
  }
  if (br === null)
    return { ...missingResult(ref.name, pathway, 'no_breathing_rate'), ...empty, lungType: c.lungType };
  const intakeBq = br * tic;
  return {
    doseSv: intakeBq * c.coefficient,
    complete: true,
    missing: [],
    lungType: c.lungType,
    coefficientSvPerBq: c.coefficient,
    breathingRateM3PerS: br,
    intakeBq,
  };
}

/** Committed effective dose from inhaling a time-integrated concentration (Sv): BR · TIC · e_inh (ICRP 72). */
export function inhalationDose(input: InhalationInput): InhalationDoseResult {
  return intakeDose(input, 'inhalation');
}

/**
 * Committed thyroid equivalent dose from inhaling radioiodine (Sv): BR · TIC · h_thyroid. Only iodine has thyroid
 * coefficients in the reference; other nuclides are reported as `no_thyroid_coefficient`.
 */
export function thyroidDose(input: InhalationInput): InhalationDoseResult {
  return intakeDose(input, 'thyroid');
}

function externalCoefficient(c: ExternalCoefficient, age: DoseAgeGroup): { value: number; adult: boolean } {
  const byAge = c.byAge?.[age];
  if (byAge !== undefined) return { value: byAge, adult: false };
  return { value: c.value, adult: age !== 'adult' };
}

function externalDose(
  nuclide: string,
  pathway: 'cloudshine' | 'groundshine',
  age: DoseAgeGroup,
  includeProgeny: boolean,
  /** Exposure per unit coefficient (TIC in Bq·s/m³, or Dep0 · ∫ decay in Bq·s/m²), given the parent's data. */
  exposure: (ref: NuclideDoseReference) => { value: number } | { reason: MissingDoseReason },
): ExternalDoseResult {
  const ref = findDoseNuclide(nuclide);
  const base = { coefficient: 0, contributors: [] as string[], adultCoefficientUsed: false };
  if (!ref) return { ...missingResult(nuclide, pathway, 'unknown_nuclide'), ...base };
  const x = exposure(ref);
  if ('reason' in x) return { ...missingResult(ref.name, pathway, x.reason), ...base };
  const reason: MissingDoseReason =
    pathway === 'cloudshine' ? 'no_cloud_coefficient' : 'no_ground_coefficient';
  const pick = (r: NuclideDoseReference) => (pathway === 'cloudshine' ? r.cloudImmersion : r.groundSurface);
  const missing: MissingDoseData[] = [];
  let coefficient = 0;
  let adultUsed = false;
  const contributors: string[] = [];
  const parts: Array<{ name: string; ref: NuclideDoseReference | null; branching: number }> = [
    { name: ref.name, ref, branching: 1 },
    ...(includeProgeny
      ? ref.progeny.map((p) => ({ name: p.nuclide, ref: findDoseNuclide(p.nuclide), branching: p.branching }))
      : []),
  ];
  for (const part of parts) {
    const c = part.ref ? pick(part.ref) : null;
    if (!c) {
      missing.push({ nuclide: part.name, pathway, reason: part.ref ? reason : 'unknown_nuclide' });
      continue;
    }
    const v = externalCoefficient(c, age);
    coefficient += part.branching * v.value;
    adultUsed ||= v.adult;
    contributors.push(part.name);
  }
  return {
    doseSv: coefficient * x.value,
    complete: missing.length === 0,
    missing,
    coefficient,
    contributors,
    adultCoefficientUsed: adultUsed,
  };
}

/** Effective dose from immersion in the passing cloud (Sv): (DCF_sub + Σ b·DCF_sub,daughter) · TIC (FGR 15). */
export function cloudshineDose(input: CloudshineInput): ExternalDoseResult {
  const tic = finiteNonNegative('ticBqSPerM3', input.ticBqSPerM3);
  return externalDose(
    input.nuclide,
    'cloudshine',
    ageOf(input.ageGroup),
    input.includeProgeny ?? true,
    () => ({
      value: tic,
    }),
  );
}

/** ∫0^T e^(−λt) dt (s), with λ = ln2/T½; equals T when T½ is infinite. Uses expm1 so tiny λT stays exact. */
export function decayIntegralS(halfLifeS: number, durationS: number): number {
  const lambda = Math.LN2 / halfLifeS;
  const lt = lambda * durationS;
  if (lt === 0) return durationS;
  return -Math.expm1(-lt) / lambda;
}

/** Effective dose from standing on a contaminated surface for `durationS` after deposition (Sv), FGR 15. */
export function groundshineDose(input: GroundshineInput): ExternalDoseResult {
  const dep = finiteNonNegative('depositionBqPerM2', input.depositionBqPerM2);
  const t = finiteNonNegative('durationS', input.durationS);
  const decay = input.includeDecay ?? true;
  return externalDose(
    input.nuclide,
    'groundshine',
    ageOf(input.ageGroup),
    input.includeProgeny ?? true,
    (ref) => {
      if (!decay) return { value: dep * t };
      if (ref.halfLifeSeconds === null) return { reason: 'no_half_life' };
      return { value: dep * decayIntegralS(ref.halfLifeSeconds, t) };
    },
  );
}

/**
 * Effective dose rate (Sv/s) from a contaminated surface `atS` seconds after deposition, FGR 15; useful to compare a
 * projected deposition with OILs (an effective-dose rate, not H*(10): OILs are ambient dose equivalent rates).
 */
export function groundshineDoseRate(input: {
  nuclide: string;
  depositionBqPerM2: number;
  atS?: number;
  ageGroup?: DoseAgeGroup;
  includeProgeny?: boolean;
}): ExternalDoseResult {
  const dep = finiteNonNegative('depositionBqPerM2', input.depositionBqPerM2);
  const at = finiteNonNegative('atS', input.atS ?? 0);
  return externalDose(
    input.nuclide,
    'groundshine',
    ageOf(input.ageGroup),
    input.includeProgeny ?? true,
    (ref) => {
      if (at === 0) return { value: dep };
      if (ref.halfLifeSeconds === null) return { reason: 'no_half_life' };
      return { value: dep * Math.exp((-Math.LN2 * at) / ref.halfLifeSeconds) };
    },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Total dose over projection periods

export interface TotalDoseNuclideInput {
  nuclide: string;
  /** Time-integrated air concentration, Bq·s/m³ (0 when only deposition is known). */
  ticBqSPerM3: number;
  /** Ground deposition at the end of plume passage, Bq/m² (0 when none). */
  depositionBqPerM2: number;
  lungType?: LungAbsorptionType;
}

export interface TotalDoseInput {
  nuclides: TotalDoseNuclideInput[];
  /** Projection periods (s) from the release, e.g. [604800] for 7 days; see `protectiveActionPeriodsS`. */
  durationsS: number[];
  ageGroup?: DoseAgeGroup;
  breathingRateM3PerS?: number;
  includeDecay?: boolean;
  includeProgeny?: boolean;
}

/** Projected dose over one period; the shape `protectiveActions` reads. */
export interface ProjectedDose {
  periodS: number;
  /** Effective dose E (Sv). */
  effectiveSv?: number;
  /** Thyroid equivalent dose (Sv). */
  thyroidSv?: number;
  /** Child thyroid dose, for rules on `thyroid_child` (compute `totalDose` with a child age group). */
  thyroidChildSv?: number;
  fetusSv?: number;
  /** False when some pathway lacked data (the dose is then a lower bound). */
  complete?: boolean;
}

export interface TotalDosePeriod extends ProjectedDose {
  inhalationSv: number;
  cloudshineSv: number;
  groundshineSv: number;
  effectiveSv: number;
  thyroidSv: number;
  complete: boolean;
}

export interface TotalDoseNuclideResult {
  nuclide: string;
  inhalationSv: number;
  thyroidSv: number;
  cloudshineSv: number;
  /** Groundshine per period, same order as `durationsS`. */
  groundshineSv: number[];
}

export interface TotalDoseResult {
  ageGroup: DoseAgeGroup;
  periods: TotalDosePeriod[];
  perNuclide: TotalDoseNuclideResult[];
  missing: MissingDoseData[];
  complete: boolean;
}

function isIodine(name: string): boolean {
  return /^i-\d+$/i.test(name.trim());
}

/**
 * Dose of an unshielded person outdoors, by pathway, over each projection period. The plume is assumed to have
 * passed within every period (inhalation and cloudshine count in full); groundshine runs from deposition to the end
 * of the period. Thyroid dose is the radioiodine inhalation dose (non-iodine nuclides are not counted as missing).
 */
export function totalDose(input: TotalDoseInput): TotalDoseResult {
  if (!Array.isArray(input.nuclides)) throw new RangeError('nuclides must be an array');
  if (!Array.isArray(input.durationsS)) throw new RangeError('durationsS must be an array');
  const durations = input.durationsS.map((d, i) => finiteNonNegative(`durationsS[${i}]`, d));
  const age = ageOf(input.ageGroup);
  const includeProgeny = input.includeProgeny ?? true;
  const includeDecay = input.includeDecay ?? true;
  const missing: MissingDoseData[] = [];
  const perNuclide: TotalDoseNuclideResult[] = [];
  let inh = 0;
  let thy = 0;
  let cloud = 0;
  const ground = durations.map(() => 0);
  const groundComplete = durations.map(() => true);
  let plumeComplete = true;
  input.nuclides.forEach((n, i) => {
    const tic = finiteNonNegative(`nuclides[${i}].ticBqSPerM3`, n.ticBqSPerM3);
    const dep = finiteNonNegative(`nuclides[${i}].depositionBqPerM2`, n.depositionBqPerM2);
    const common = { nuclide: n.nuclide, ageGroup: age };
    const row: TotalDoseNuclideResult = {
      nuclide: n.nuclide,
      inhalationSv: 0,
      thyroidSv: 0,
      cloudshineSv: 0,
      groundshineSv: [],
    };
    if (tic > 0) {
      const a = inhalationDose({
        ...common,
        ticBqSPerM3: tic,
        lungType: n.lungType,
        breathingRateM3PerS: input.breathingRateM3PerS,
      });
      const c = cloudshineDose({ ...common, ticBqSPerM3: tic, includeProgeny });
      row.inhalationSv = a.doseSv;
      row.cloudshineSv = c.doseSv;
      missing.push(...a.missing, ...c.missing);
      plumeComplete &&= a.complete && c.complete;
      if (isIodine(n.nuclide)) {
        const t = thyroidDose({
          ...common,
          ticBqSPerM3: tic,
          lungType: n.lungType,
          breathingRateM3PerS: input.breathingRateM3PerS,
        });
        row.thyroidSv = t.doseSv;
        missing.push(...t.missing);
        plumeComplete &&= t.complete;
      }
    }
    durations.forEach((d, k) => {
      if (dep === 0) {
        row.groundshineSv.push(0);
        return;
      }
      const g = groundshineDose({
        ...common,
        depositionBqPerM2: dep,
        durationS: d,
        includeDecay,
        includeProgeny,
      });
      row.groundshineSv.push(g.doseSv);
      ground[k]! += g.doseSv;
      if (!g.complete) {
        groundComplete[k] = false;
        for (const m of g.missing) {
          if (
            !missing.some((x) => x.nuclide === m.nuclide && x.pathway === m.pathway && x.reason === m.reason)
          )
            missing.push(m);
        }
      }
    });
    inh += row.inhalationSv;
    thy += row.thyroidSv;
    cloud += row.cloudshineSv;
    perNuclide.push(row);
  });
  const periods = durations.map((d, k) => ({
    periodS: d,
    inhalationSv: inh,
    cloudshineSv: cloud,
    groundshineSv: ground[k]!,
    effectiveSv: inh + cloud + ground[k]!,
    thyroidSv: thy,
    complete: plumeComplete && groundComplete[k]!,
  }));
  return { ageGroup: age, periods, perNuclide, missing, complete: missing.length === 0 };
}

// ---------------------------------------------------------------------------------------------------------------
// Protective actions

export interface ProtectiveActionInput {
  /** Projected doses by period (e.g. `totalDose(...).periods`). */
  doses?: ProjectedDose[];
  /** Measured or projected quantities for OILs, keyed as in the rule set (e.g. ambient_dose_rate_1m in µSv/h). */
  measurements?: Record<string, number>;
}

export interface ProtectiveActionFinding {
  code: string;
  kind: 'generic' | 'oil';
  quantity: string;
  unit: string;
  threshold: number;
  /** Null when not evaluated. */
  value: number | null;
  /** value / threshold. */
  ratio: number | null;
  periodS: number | null;
  actions: string[];
  source: string;
  /** Data status of the rule ('to_verify' rules need approval before operational use). */
  ruleStatus: ProtectiveRuleStatus;
  /** True when the dose was computed with missing pathway data (a lower bound). */
  incompleteData: boolean;
  /** Why the rule could not be evaluated. */
  reason?: 'no_dose_for_period' | 'no_value_for_quantity';
}

export interface ProtectiveActionResult {
  ruleSetId: string;
  exceeded: ProtectiveActionFinding[];
  notExceeded: ProtectiveActionFinding[];
  notEvaluated: ProtectiveActionFinding[];
  /** Union of the actions of every exceeded rule, in rule order. */
  actions: string[];
}

const DOSE_FIELD: Record<GenericCriterionQuantity, keyof ProjectedDose> = {
  effective: 'effectiveSv',
  thyroid: 'thyroidSv',
  thyroid_child: 'thyroidChildSv',
  fetus: 'fetusSv',
};

/** Period tolerance when matching a dose to a criterion (s). */
const PERIOD_TOLERANCE_S = 1;

/** The distinct projection periods (s) the generic criteria of a rule set need, for `totalDose({durationsS})`. */
export function protectiveActionPeriodsS(
  rules: ProtectiveActionRuleSet = DEFAULT_PROTECTIVE_ACTION_RULES,
): number[] {
  return [...new Set(rules.generic.map((g) => g.periodS))].sort((a, b) => a - b);
}

/**
 * Compares projected doses with the generic criteria and measurements with the OILs of a rule set (default:
 * IAEA GSR Part 7 + GSG-2 OILs from protective-actions.json). A criterion is exceeded when value ≥ threshold.
 */
export function protectiveActions(
  input: ProtectiveActionInput,
  rules: ProtectiveActionRuleSet = DEFAULT_PROTECTIVE_ACTION_RULES,
): ProtectiveActionResult {
  const exceeded: ProtectiveActionFinding[] = [];
  const notExceeded: ProtectiveActionFinding[] = [];
  const notEvaluated: ProtectiveActionFinding[] = [];
  const doses = input.doses ?? [];
  const measurements = input.measurements ?? {};
  const place = (f: ProtectiveActionFinding) => {
    if (f.value === null) notEvaluated.push(f);
    else if (f.value >= f.threshold) exceeded.push(f);
    else notExceeded.push(f);
  };
  for (const g of rules.generic) {
    const field = DOSE_FIELD[g.quantity];
    const d = doses.find(
      (x) => Math.abs(x.periodS - g.periodS) <= PERIOD_TOLERANCE_S && typeof x[field] === 'number',
    );
    const raw = d ? (d[field] as number) : null;
    const value = raw === null ? null : finiteNonNegative(`doses.${String(field)}`, raw);
    place({
      code: g.code,
      kind: 'generic',
      quantity: g.quantity,
      unit: 'Sv',
      threshold: g.thresholdSv,
      value,
      ratio: value === null ? null : value / g.thresholdSv,
      periodS: g.periodS,
      actions: g.actions,
      source: g.source,
      ruleStatus: g.status,
      incompleteData: d?.complete === false,
      ...(value === null ? { reason: 'no_dose_for_period' as const } : {}),
    });
  }
  for (const o of rules.oils) {
    const raw = Object.hasOwn(measurements, o.quantity) ? measurements[o.quantity] : undefined;
    const value = raw === undefined ? null : finiteNonNegative(`measurements.${o.quantity}`, raw);
    place({
      code: o.code,
      kind: 'oil',
      quantity: o.quantity,
      unit: o.unit,
      threshold: o.threshold,
      value,
      ratio: value === null ? null : value / o.threshold,
      periodS: null,
      actions: o.actions,
      source: o.source,
      ruleStatus: o.status,
      incompleteData: false,
      ...(value === null ? { reason: 'no_value_for_quantity' as const } : {}),
    });
  }
  const actions = [...new Set(exceeded.flatMap((f) => f.actions))];
  return { ruleSetId: rules.id, exceeded, notExceeded, notEvaluated, actions };
}
