import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { QUALITY_FLAGS, type AlarmRuleSet } from '@sievert/core';
import { translateOptional } from '../../../app/i18n';
import { useFormat } from '../../../app/i18n/format';
import {
  NUMBER_FIELDS,
  RUNG_FIELDS,
  displayOf,
  getPath,
  hintKey,
  labelKey,
  problemKey,
  ruleLabelKey,
  toDisplay,
  type NumberField,
  type RuleProblem,
  type RuleUnit,
} from './fields';

/** `t` for keys built from field paths (every key is checked by fields.test.ts). */
export function useLooseT(): (key: string, options?: Record<string, unknown>) => string {
  const { t } = useTranslation();
  return t as unknown as (key: string, options?: Record<string, unknown>) => string;
}

export function useRuleLabel(): (path: string) => string {
  const tt = useLooseT();
  return useCallback((path: string) => tt(labelKey(path)), [tt]);
}

/** The hint of a field, or undefined when it has none. */
export function useRuleHint(): (path: string) => string | undefined {
  useTranslation();
  return useCallback((path: string) => {
    const text = translateOptional(hintKey(path), '');
    return text || undefined;
  }, []);
}

/** Units that say "1 value" but "2 values" (the same word in Vietnamese). */
const SINGULAR_UNITS: ReadonlySet<RuleUnit> = new Set(['values', 'intervals', 'stations']);

/** A unit's words; `count` picks the singular where the language has one. */
export function useUnitText(): (unit: RuleUnit, count?: number) => string {
  const tt = useLooseT();
  return useCallback(
    (unit: RuleUnit, count?: number) =>
      tt(`monitoring.rules.units.${unit}${count === 1 && SINGULAR_UNITS.has(unit) ? 'One' : ''}`),
    [tt],
  );
}

export function numberFieldOf(path: string): NumberField | undefined {
  const rung = /^level\.rungs\.\d+\.(threshold|confirmValues)$/.exec(path);
  if (rung) return RUNG_FIELDS[rung[1] as 'threshold' | 'confirmValues'];
  return NUMBER_FIELDS.find((field) => field.path === path);
}

/** A value of a rule set as officials read it: "0,3 µSv/h", "168 giờ", "Cảnh báo", "Có", "Vượt ngưỡng, …". */
export function useRuleValueText(): (path: string, set: AlarmRuleSet) => string {
  const tt = useLooseT();
  const format = useFormat();
  const unitText = useUnitText();
  return useCallback(
    (path: string, set: AlarmRuleSet) => {
      const value = getPath(set, path);
      const field = numberFieldOf(path);
      if (field && typeof value === 'number') {
        const shown = toDisplay(value, displayOf(field.unit));
        if (shown === null) return String(value);
        return `${format.number(shown, 4)} ${unitText(field.unit, shown)}`;
      }
      if (typeof value === 'boolean') return tt(value ? 'monitoring.rules.yes' : 'monitoring.rules.no');
      if (Array.isArray(value)) {
        if (value.length === 0) return tt('monitoring.rules.none');
        const name = (item: string) =>
          path === 'nonBlockingFlags'
            ? translateOptional(`monitoring.flags.${item}`, item)
            : translateOptional(ruleLabelKey(item as never), item);
        return (value as string[]).map(name).join(', ');
      }
      if (typeof value === 'string' && /severity$/.test(path))
        return translateOptional(`monitoring.alarm.severities.${value}`, value);
      return typeof value === 'string' || typeof value === 'number' ? String(value) : '—';
    },
    [format, tt, unitText],
  );
}

/** A problem of the validator in the user's words (core's English words when the reason is new). */
export function useProblemText(): (problem: RuleProblem) => string {
  const tt = useLooseT();
  const format = useFormat();
  const unitText = useUnitText();
  return useCallback(
    (problem: RuleProblem) => {
      const known = problemKey(problem);
      if (!known) return problem.detail;
      const field = numberFieldOf(problem.field);
      return tt(`monitoring.rules.problems.${known.key}`, {
        limit:
          known.limit === undefined
            ? undefined
            : `${format.number(known.limit, 4)}${field ? ` ${unitText(field.unit, known.limit)}` : ''}`,
      });
    },
    [format, tt, unitText],
  );
}

/** The quality flags an official may let through (labels from the monitoring flags). */
export function useFlagOptions(): { value: string; label: string }[] {
  useTranslation();
  return QUALITY_FLAGS.map((flag) => ({
    value: flag,
    label: translateOptional(`monitoring.flags.${flag}`, flag),
  }));
}
