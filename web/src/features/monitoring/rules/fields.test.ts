import { describe, expect, it } from 'vitest';
import { DEFAULT_ALARM_RULE_SET, validateAlarmRuleSet, type AlarmRuleSet } from '@sievert/core';
import { vi as viMessages } from '../../../app/i18n/vi';
import {
  GROUP_FIELDS,
  NUMBER_FIELDS,
  RULE_GROUPS,
  RUNG_KEYS,
  countAdjusted,
  defaultPath,
  differsFromDefault,
  extraProblems,
  formFieldPaths,
  fromFormValues,
  labelKey,
  namePath,
  problemKey,
  serverProblems,
  sortRungs,
  toDisplay,
  toFormValues,
  type RungValues,
} from './fields';

const has = (key: string) =>
  typeof key
    .split('.')
    .reduce<unknown>(
      (node, part) => (typeof node === 'object' && node !== null ? (node as never)[part] : undefined),
      viMessages,
    ) === 'string';

const clone = (set: AlarmRuleSet): AlarmRuleSet => JSON.parse(JSON.stringify(set)) as AlarmRuleSet;

describe('alarm rule fields', () => {
  it('have a label for every field, rung column, group and unit', () => {
    const paths = [
      ...Object.values(GROUP_FIELDS)
        .flat()
        .map((field) => field.path),
      ...RUNG_KEYS.map((key) => `level.rungs.0.${key}`),
    ];
    expect(paths.filter((path) => !has(labelKey(path)))).toEqual([]);
    for (const group of RULE_GROUPS) {
      expect(has(`monitoring.rules.groups.${group}.title`), group).toBe(true);
      expect(has(`monitoring.rules.groups.${group}.description`), group).toBe(true);
    }
    for (const field of NUMBER_FIELDS)
      expect(has(`monitoring.rules.units.${field.unit}`), field.unit).toBe(true);
    for (const unit of ['values', 'intervals', 'stations'])
      expect(has(`monitoring.rules.units.${unit}One`), unit).toBe(true);
  });

  it('put every problem core can find next to a form field', () => {
    // Every number broken: core names each field it checks; each must be a field of the form.
    const broken = JSON.parse(
      JSON.stringify(DEFAULT_ALARM_RULE_SET, (_key, value: unknown) =>
        typeof value === 'number' ? 'x' : value,
      ),
    ) as unknown;
    const problems = validateAlarmRuleSet(broken);
    expect(problems.length).toBeGreaterThan(50);
    const known = formFieldPaths(DEFAULT_ALARM_RULE_SET.level.rungs.length);
    expect(problems.map((problem) => problem.field).filter((field) => !known.has(field))).toEqual([]);
    for (const problem of problems)
      expect(problemKey({ field: problem.field, detail: problem.reason }), problem.reason).not.toBeNull();
  });

  it('show dose rates in µSv/h and shares in % and give back the stored set exactly', () => {
    // alarms.json: L2 300 nSv/h (MON-5.2-L2, 0.3 µSv/h), L3 1000 nSv/h (NADAM 1 µSv/h), minRelativeSigma 0.05.
    const values = toFormValues(DEFAULT_ALARM_RULE_SET);
    expect(values.level.rungs.map((rung) => rung.threshold)).toEqual([0.3, 1, 100, 1000]);
    expect((values.baseline as { minExcess: number }).minExcess).toBe(0.1);
    expect((values.rateOfRise as { ratePerHour: number }).ratePerHour).toBe(0.05);
    expect((values.baseline as { minRelativeSigma: number }).minRelativeSigma).toBe(5);
    expect((values.dataQuality as { maxFlaggedFraction: number }).maxFlaggedFraction).toBe(50);
    expect((values.baseline as { windowHours: number }).windowHours).toBe(168);
    expect(fromFormValues(values, DEFAULT_ALARM_RULE_SET)).toEqual(DEFAULT_ALARM_RULE_SET);
  });

  it('keep what an official typed (0.25 µSv/h → 250 nSv/h) and leave empty numbers for the validator', () => {
    const values = toFormValues(DEFAULT_ALARM_RULE_SET);
    values.level.rungs[0]!.threshold = 0.25;
    (values.baseline as Record<string, unknown>).minValues = null;
    const set = fromFormValues(values, DEFAULT_ALARM_RULE_SET);
    expect(set.level.rungs[0]!.threshold).toBe(250);
    expect(validateAlarmRuleSet(set).map((problem) => problem.field)).toEqual(['baseline.minValues']);
  });

  it('sort the rungs by threshold, keeping the array when already sorted', () => {
    const rung = (id: string, threshold: number | null): RungValues => ({
      id,
      threshold,
      severity: 'alert',
      confirmValues: 1,
      rainMayExplain: false,
    });
    const sorted = [rung('A', 0.3), rung('B', 1)];
    expect(sortRungs(sorted)).toBe(sorted);
    expect(sortRungs([rung('B', 1), rung('N', null), rung('A', 0.3)]).map((r) => r.id)).toEqual([
      'A',
      'B',
      'N',
    ]);
  });

  it('read the server’s issues and translate core’s reasons with limits in the shown unit', () => {
    const problems = serverProblems({
      issues: [
        {
          field: '/level/rungs/1/threshold',
          reason: 'alarm_rule',
          message: 'không hợp lệ (must be above the previous rung)',
        },
        {
          field: '/dataQuality/maxFlaggedFraction',
          reason: 'alarm_rule',
          message: 'is invalid (must be ≤ 1)',
        },
        {
          field: '/episodes/clearMinutes/rate_of_rise',
          reason: 'alarm_rule',
          message: 'is invalid (must be ≥ 0)',
        },
        { nonsense: true },
      ],
    });
    expect(problems).toEqual([
      { field: 'level.rungs.1.threshold', detail: 'must be above the previous rung' },
      { field: 'dataQuality.maxFlaggedFraction', detail: 'must be ≤ 1' },
      { field: 'episodes.clearMinutes.rate_of_rise', detail: 'must be ≥ 0' },
    ]);
    expect(problemKey(problems[0]!)).toEqual({ key: 'aboveRung' });
    expect(problemKey(problems[1]!)).toEqual({ key: 'lte', limit: 100 });
    expect(problemKey({ field: 'level.rungs.0.threshold', detail: 'must be > 1000' })).toEqual({
      key: 'gt',
      limit: 1,
    });
    expect(problemKey({ field: 'x', detail: 'something new' })).toBeNull();
    expect(serverProblems('garbage')).toEqual([]);
    expect(serverProblems({ issues: 'garbage' })).toEqual([]);
    expect(namePath('level.rungs.1.threshold')).toEqual(['level', 'rungs', 1, 'threshold']);
  });

  it('match rungs by name for their defaults and count what officials adjusted', () => {
    const set = clone(DEFAULT_ALARM_RULE_SET);
    expect(countAdjusted(set, DEFAULT_ALARM_RULE_SET)).toBe(0);
    // A station by a facility: an extra rung below L2 and a longer baseline window.
    const own = { ...set.level.rungs[0]!, id: 'L1B', threshold: 200 };
    set.level.rungs = [own, ...set.level.rungs];
    set.baseline.windowHours = 336;
    expect(defaultPath(set, DEFAULT_ALARM_RULE_SET, 'level.rungs.1.threshold')).toBe(
      'level.rungs.0.threshold',
    );
    expect(defaultPath(set, DEFAULT_ALARM_RULE_SET, 'level.rungs.0.threshold')).toBeNull();
    expect(differsFromDefault(set, DEFAULT_ALARM_RULE_SET, 'level.rungs.1.threshold')).toBe(false);
    expect(differsFromDefault(set, DEFAULT_ALARM_RULE_SET, 'baseline.windowHours')).toBe(true);
    set.episodes = { ...set.episodes, autoResolve: ['data_quality', 'offline'] };
    expect(differsFromDefault(set, DEFAULT_ALARM_RULE_SET, 'episodes.autoResolve')).toBe(false);
    // The new rung's four values, and the window.
    expect(countAdjusted(set, DEFAULT_ALARM_RULE_SET)).toBe(5);
  });

  it('report two rungs with one name', () => {
    const set = clone(DEFAULT_ALARM_RULE_SET);
    set.level.rungs = [set.level.rungs[0]!, { ...set.level.rungs[1]!, id: 'l2' }];
    expect(extraProblems(set)).toEqual([{ field: 'level.rungs.1.id', detail: 'must be unique' }]);
    expect(toDisplay(Number.NaN, 'dose')).toBeNull();
  });
});
