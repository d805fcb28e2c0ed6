/**
 * Protective-action criteria (IAEA GSR Part 7 generic criteria, IAEA OILs, national variants) as rule data with
 * sources. The numbers live in protective-actions.json, never in code; the engine (physics/dose.ts
 * `protectiveActions`) takes a rule set as an argument so a jurisdiction can supply its own.
 */
import data from './protective-actions.json' with { type: 'json' };

export type ProtectiveRuleStatus = 'verified' | 'to_verify';
/** Dose quantity a generic criterion applies to (thyroid_child: projected thyroid dose of a child). */
export type GenericCriterionQuantity = 'effective' | 'thyroid' | 'thyroid_child' | 'fetus';

export interface GenericCriterion {
  code: string;
  timeFrame: 'urgent' | 'early' | 'longer_term';
  quantity: GenericCriterionQuantity;
  /** Projection period the dose is summed over, in seconds. */
  periodS: number;
  thresholdSv: number;
  actions: string[];
  source: string;
  status: ProtectiveRuleStatus;
}

export interface OperationalLevel {
  code: string;
  /** E.g. ambient_dose_rate_1m (µSv/h), skin_dose_rate_10cm (µSv/h), beta_surface_cps, food_Cs-137 (Bq/kg). */
  quantity: string;
  unit: string;
  threshold: number;
  actions: string[];
  source: string;
  status: ProtectiveRuleStatus;
}

export interface ProtectiveActionRuleSet {
  id: string;
  name: string;
  generic: GenericCriterion[];
  oils: OperationalLevel[];
}

interface RawRuleSet {
  name: string;
  genericFrom?: string;
  generic: GenericCriterion[];
  oils: OperationalLevel[];
}

const RAW = data.ruleSets as unknown as Record<string, RawRuleSet>;

export const PROTECTIVE_ACTION_EDITION: string = data.edition;
export const PROTECTIVE_ACTION_SOURCES: Readonly<Record<string, string>> = data.sources;

export const PROTECTIVE_ACTION_RULE_SETS: Readonly<Record<string, ProtectiveActionRuleSet>> =
  Object.fromEntries(
    Object.entries(RAW).map(([id, r]) => [
      id,
      {
        id,
        name: r.name,
        generic: [...(r.genericFrom ? (RAW[r.genericFrom]?.generic ?? []) : []), ...r.generic],
        oils: r.oils,
      },
    ]),
  );

export const DEFAULT_PROTECTIVE_ACTION_RULE_SET_ID: string = data.defaultRuleSet;

/** The default rule set (IAEA GSR Part 7 + GSG-2 OILs). */
export const DEFAULT_PROTECTIVE_ACTION_RULES: ProtectiveActionRuleSet =
  PROTECTIVE_ACTION_RULE_SETS[DEFAULT_PROTECTIVE_ACTION_RULE_SET_ID]!;
