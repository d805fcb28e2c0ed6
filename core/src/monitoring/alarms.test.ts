import { describe, expect, it } from 'vitest';
import {
  ALARM_REFERENCE_SOURCES,
  DEFAULT_ALARM_RULE_SET,
  alarmReferenceValues,
  elevationFromConditions,
  evaluateStation,
  haversineKm,
  matchNeighbourClusters,
  neighbourAgreement,
  nextEpisodeAction,
  robustBaseline,
  transitionAlarm,
  validateAlarmRuleSet,
  type AlarmCondition,
  type AlarmRuleSet,
  type DosePoint,
  type EpisodeAction,
  type EpisodeAlarm,
  type EvaluateStationInput,
  type RainPoint,
  type StationElevation,
} from './alarms.js';
import type { AlarmRule, AlarmSeverity, AlarmState } from '../schemas/measurements.js';

const R = DEFAULT_ALARM_RULE_SET;
const MIN = 60_000;
const HOUR = 3_600_000;
const STEP = 10 * MIN; // BfS ODL and NADAM measure every 10 min (monitoring.md §4.1, §5.2)
const NOW = Date.parse('2025-06-10T12:00:00Z');
const STATION = { code: 'VN33001', lat: 20.6464, lon: 106.0511, intervalS: 600 };

/** Deterministic Gaussian noise (mulberry32 + Box–Muller), as in quality.test.ts. */
function noise(seed: number) {
  let a = seed >>> 0;
  const uni = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uni())) * Math.cos(2 * Math.PI * uni());
}

/**
 * 10-min background ending at `end`: `level` nSv/h (Red River delta stations 60–120 nSv/h, monitoring.md
 * §5.1) with a small daily cycle (±amp) and Gaussian noise σ (a GM probe's ~3–5 % at 10 min), one decimal
 * like EURDEP. `extra(t)` adds an excess (washout, step, plume).
 */
function series(
  o: {
    end?: number;
    days?: number;
    level?: number;
    amp?: number;
    sigma?: number;
    seed?: number;
    extra?: (t: number) => number;
  } = {},
): DosePoint[] {
  const { end = NOW, days = 8, level = 120, amp = 4, sigma = 4, seed = 1, extra = () => 0 } = o;
  const g = noise(seed);
  const n = Math.round((days * 24 * HOUR) / STEP);
  const out: DosePoint[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const t = end - i * STEP;
    const cycle = amp * Math.sin((2 * Math.PI * (t / HOUR - 9)) / 24);
    out.push({ t, v: Math.round((level + cycle + sigma * g() + extra(t)) * 10) / 10, flags: [] });
  }
  return out;
}

/**
 * Radon-progeny washout (monitoring.md §5.4): while it rains, Pb-214 and Bi-214 are deposited in equilibrium
 * at a rate ∝ √(rain rate) (the power law quoted there); afterwards both decay (T½ 27 and 20 min, Bi-214
 * growing in from Pb-214). The gamma excess is 0.15·A(Pb) + 0.85·A(Bi), scaled so that its maximum is `peak`
 * nSv/h.
 */
function washout(rainStart: number, rainEnd: number, peak: number, mmPerHour = 8): (t: number) => number {
  const lp = Math.LN2 / R.rain.pb214HalfLifeMinutes;
  const lb = Math.LN2 / R.rain.bi214HalfLifeMinutes;
  const dt = 0.1; // minutes
  const minutes = Math.ceil((rainEnd - rainStart) / MIN) + 8 * 60;
  const curve = new Float64Array(minutes + 1);
  let np = 0;
  let nbi = 0;
  let max = 0;
  for (let k = 0; k <= minutes / dt; k++) {
    const tm = k * dt;
    const dep = tm * MIN < rainEnd - rainStart ? Math.sqrt(mmPerHour) : 0;
    np += (dep / lp - lp * np) * dt;
    nbi += (dep / lb + lp * np - lb * nbi) * dt;
    const dose = 0.15 * lp * np + 0.85 * lb * nbi;
    if (Math.abs(tm - Math.round(tm)) < dt / 2) curve[Math.round(tm)] = dose;
    max = Math.max(max, dose);
  }
  return (t) => {
    const m = Math.round((t - rainStart) / MIN);
    return m < 0 || m > minutes ? 0 : (curve[m]! / max) * peak;
  };
}

/** 10-min rain points of `mmPerHour` from start to end at a gauge. */
function rainPoints(
  start: number,
  end: number,
  mmPerHour: number,
  stationCode = STATION.code,
  distanceKm = 0,
) {
  const out: RainPoint[] = [];
  for (let t = start + STEP; t <= end; t += STEP) out.push({ t, v: mmPerHour / 6, stationCode, distanceKm });
  return out;
}

const evaluate = (over: Partial<EvaluateStationInput> & { dose: DosePoint[] }) => {
  const dose = over.dose;
  const lastTime = dose.length ? dose[dose.length - 1]!.t : null;
  return evaluateStation({ station: STATION, now: NOW, rain: [], lastTime, ...over });
};
const byRule = (cs: AlarmCondition[], rule: AlarmRule) => cs.find((c) => c.rule === rule);
const codes = (c: AlarmCondition | undefined) => (c ? c.reasons.map((r) => r.code) : []);
const upTo = (dose: DosePoint[], now: number) => dose.filter((p) => p.t <= now);

/**
 * A minimal alarm store driven by nextEpisodeAction, as the server will run it: the latest alarm per rule.
 */
function episodes(steps: Array<{ now: number; condition: AlarmCondition | null }>, rule: AlarmRule) {
  const alarms: Array<EpisodeAlarm & { startedAt: number; peak: number | null; cause: string }> = [];
  const actions: EpisodeAction[] = [];
  for (const { now, condition } of steps) {
    const current = alarms.at(-1) ?? null;
    const action = nextEpisodeAction(current, condition, now);
    actions.push(action);
    if (action === 'raise') {
      alarms.push({
        rule,
        severity: condition!.severity,
        lastSeenAt: now,
        clearSince: null,
        state: 'raised',
        startedAt: now,
        peak: condition!.peakValue,
        cause: condition!.cause,
      });
    } else if (current && (action === 'update' || action === 'escalate')) {
      current.lastSeenAt = now;
      current.clearSince = null;
      if (action === 'escalate') current.severity = condition!.severity;
      current.peak = Math.max(current.peak ?? -Infinity, condition!.peakValue ?? -Infinity);
    } else if (current && action === 'clear_pending') current.clearSince = now;
    else if (current && action === 'resolve') current.state = 'resolved';
  }
  return { alarms, actions };
}

// ---------------------------------------------------------------------------------------------------------------

describe('alarm reference data', () => {
  it('every number has a value, a known source and a status', () => {
    const values = alarmReferenceValues();
    expect(values.length).toBeGreaterThan(40);
    const keys = Object.keys(ALARM_REFERENCE_SOURCES);
    for (const v of values) {
      expect(Number.isFinite(v.value), v.path).toBe(true);
      expect(['verified', 'to_verify'], v.path).toContain(v.status);
      expect(
        keys.some((k) => v.source.includes(k)) || v.source.startsWith('as '),
        `${v.path}: ${v.source}`,
      ).toBe(true);
    }
  });

  it('the default rule set is valid, frozen, and a broken one is reported field by field', () => {
    expect(validateAlarmRuleSet(R)).toEqual([]);
    expect(Object.isFrozen(R.level.rungs[0])).toBe(true);
    const broken = JSON.parse(JSON.stringify(R)) as {
      baseline: Record<string, unknown>;
      level: { rungs: Array<Record<string, unknown>> };
      neighbours: Record<string, unknown>;
      rain: Record<string, unknown>;
    };
    broken.baseline.minExcess = -1;
    broken.level.rungs[1]!.threshold = 200; // below the 300 rung
    broken.neighbours.fromRules = ['level', 'nonsense'];
    broken.rain.severity = 'panic';
    const fields = validateAlarmRuleSet(broken).map((p) => p.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'baseline.minExcess',
        'level.rungs.1.threshold',
        'neighbours.fromRules',
        'rain.severity',
      ]),
    );
    expect(validateAlarmRuleSet(null)).toEqual([{ field: '', reason: 'must be an object' }]);
  });

  it('the ladder is 0.3 / 1 / 100 / 1000 µSv/h (monitoring.md §5.2: L2, NADAM, IAEA OIL2, OIL1)', () => {
    expect(R.level.rungs.map((r) => [r.threshold, r.severity])).toEqual([
      [300, 'warning'],
      [1000, 'alert'],
      [100_000, 'emergency'],
      [1_000_000, 'emergency'],
    ]);
    // L1 = baseline + max(0.1 µSv/h, 4σ) over a 7-day window (monitoring.md §5.2; STUK 7-day average + 0.1
    // µSv/h)
    expect([R.baseline.minExcess, R.baseline.sigmaMultiple, R.baseline.windowHours]).toEqual([100, 4, 168]);
    // rain recipe (monitoring.md §5.4): > 0.1 mm in 60 min, at most about 2×, gone 3 h after the rain
    expect([R.rain.minMm, R.rain.windowMinutes, R.rain.maxRatio, R.rain.persistAfterRainHours]).toEqual([
      0.1, 60, 2, 3,
    ]);
  });

  it('the allowed decay half-life covers Pb-214 → Bi-214 (T½ 27 and 20 min, monitoring.md §5.4)', () => {
    // Bateman: excess after deposition stops, equal activities at t = 0, dose weight w(Pb) : 1 − w (Bi).
    const lp = Math.LN2 / R.rain.pb214HalfLifeMinutes;
    const lb = Math.LN2 / R.rain.bi214HalfLifeMinutes;
    const bi = (t: number) => (lb / (lb - lp)) * (Math.exp(-lp * t) - Math.exp(-lb * t)) + Math.exp(-lb * t);
    const firstHalving = (w: number) => {
      let t = 0;
      while (w * Math.exp(-lp * t) + (1 - w) * bi(t) > 0.5) t += 0.1;
      return t;
    };
    for (const w of [0.5, 0.15]) {
      expect(firstHalving(w)).toBeGreaterThan(40);
      expect(firstHalving(w)).toBeLessThan(R.rain.maxEffectiveHalfLifeMinutes);
    }
  });
});

describe('robust baseline', () => {
  it('is the 7-day median with σ from the MAD, floored at 5 % of the median', () => {
    const dose = series({ level: 80, sigma: 3, amp: 0 });
    const b = robustBaseline(dose, NOW)!;
    expect(b.median).toBeGreaterThan(79);
    expect(b.median).toBeLessThan(81);
    expect(b.sigma).toBeCloseTo(4, 5); // 1.4826·MAD ≈ 3 < floor 0.05 × 80 = 4
    expect(b.n).toBe((168 * 60) / 10);
    expect(b.to).toBe(NOW - 3 * HOUR);
    const noisy = robustBaseline(series({ level: 80, sigma: 10, amp: 0 }), NOW)!;
    expect(noisy.sigma).toBeGreaterThan(8.5);
    expect(noisy.sigma).toBeLessThan(11.5);
  });

  it('ignores flagged, rejected, negative and non-finite values, and rain-affected ones when rain is given', () => {
    const dose = series({ level: 80, sigma: 2, amp: 0 });
    const bad = dose.map((p, i) =>
      i % 3 === 0 ? { ...p, v: 5000, flags: ['spike'] } : i % 3 === 1 ? { ...p, v: 5000, rejected: true } : p,
    );
    const b = robustBaseline(bad, NOW)!;
    expect(b.median).toBeLessThan(82);
    const wet = series({ level: 80, sigma: 2, amp: 0, extra: (t) => (t > NOW - 30 * HOUR ? 80 : 0) });
    const rain = rainPoints(NOW - 30 * HOUR, NOW - 27 * HOUR, 4);
    expect(robustBaseline(wet, NOW)!.median).toBeGreaterThan(80); // 27 h of +80 are inside the window
    const dry = robustBaseline(wet, NOW, R, rain, STATION.code)!;
    expect(dry.rainExcluded).toBe(true);
    expect(dry.n).toBeLessThan(robustBaseline(wet, NOW)!.n);
  });

  it('is null with too few values and copes with empty and hostile input', () => {
    expect(robustBaseline([], NOW)).toBeNull();
    expect(robustBaseline(series({ days: 0.2 }), NOW - 3 * HOUR)).toBeNull();
    const junk = [
      null,
      'x',
      { t: NaN, v: 1 },
      { t: NOW, v: NaN },
      { t: NOW - HOUR },
    ] as unknown as DosePoint[];
    expect(robustBaseline(junk, NOW)).toBeNull();
    expect(() => robustBaseline([], NaN)).toThrow(RangeError);
  });

  it('is exact on sorted, reversed, constant and organ-pipe windows of a million values (linear select)', () => {
    const n = 1_000_000;
    const step = (168 * HOUR) / n;
    const make = (f: (i: number) => number) =>
      Array.from({ length: n }, (_, i) => ({ t: NOW - 3 * HOUR - (n - 1 - i) * step, v: f(i) }));
    const start = performance.now();
    expect(
      robustBaseline(
        make((i) => i),
        NOW,
      )!.median,
    ).toBe((n - 1) / 2);
    expect(
      robustBaseline(
        make((i) => n - i),
        NOW,
      )!.median,
    ).toBe(n / 2 + 0.5);
    expect(
      robustBaseline(
        make(() => 77),
        NOW,
      )!.median,
    ).toBe(77);
    expect(
      robustBaseline(
        make((i) => (i < n / 2 ? i : n - i)),
        NOW,
      )!.median,
    ).toBeCloseTo(n / 4, -1);
    expect(performance.now() - start).toBeLessThan(10_000);
  });
});

describe('rain washout vs release (monitoring.md §4.1, §5.4)', () => {
  // Rain 10 mm over 2 h (5 mm/h) from 5 h before NOW; the dose rises with it to ~1.95× and decays after.
  const rainStart = NOW - 5 * HOUR;
  const rainEnd = rainStart + 2 * HOUR;
  const rain = rainPoints(rainStart, rainEnd, 5);
  const base = 120;
  const bump = washout(rainStart, rainEnd, 0.95 * base, 5);
  const times = Array.from({ length: 31 }, (_, i) => rainStart + i * STEP); // the 5 h of the episode

  it('the synthetic washout looks like the reference says: up to ~2×, back within a few hours', () => {
    const peakAt = times.reduce((a, t) => (bump(t) > bump(a) ? t : a), rainStart);
    expect(bump(peakAt)).toBeCloseTo(114, 0);
    expect(peakAt).toBe(rainEnd); // rises while it rains
    expect(bump(rainEnd + HOUR)).toBeLessThan(0.5 * 114); // halved within the hour
    expect(bump(rainEnd + 3 * HOUR)).toBeLessThan(0.05 * 114); // back to background within a few hours
  });

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`washout is likely_natural_rain at every moment and never an alert (seed ${seed})`, () => {
      const dose = series({ level: base, seed, extra: bump });
      const seen = new Set<string>();
      for (const now of times) {
        const cs = evaluate({ dose: upTo(dose, now), now, rain: rain.filter((p) => p.t <= now) });
        for (const c of cs) {
          expect(c.cause, `${c.rule} at +${(now - rainStart) / MIN} min`).toBe('likely_natural_rain');
          expect(c.severity).toBe('info');
          seen.add(c.rule);
        }
      }
      expect(seen.has('baseline')).toBe(true); // the peak did cross L1: it was labelled, not ignored
      // at the peak: the reasons name the rain and the washout shape
      const atPeak = evaluate({ dose: upTo(dose, rainEnd), now: rainEnd, rain });
      const b = byRule(atPeak, 'baseline')!;
      expect(codes(b)).toEqual([
        'alarm.reason.above_baseline',
        'alarm.reason.rain_nearby',
        'alarm.reason.peak_shape_washout',
      ]);
      expect(b.reasons[1]!.params).toMatchObject({ mm: 10, station: STATION.code, distanceKm: 0 });
      expect(b.peakValue).toBeGreaterThan(215);
    });
  }

  it('rain at a gauge 6 km away explains it too; at 25 km it does not', () => {
    const dose = series({ level: base, extra: bump });
    const near = rainPoints(rainStart, rainEnd, 5, 'VN33007', 6);
    const far = rainPoints(rainStart, rainEnd, 5, 'VN33099', 25);
    const b1 = byRule(evaluate({ dose: upTo(dose, rainEnd), now: rainEnd, rain: near }), 'baseline')!;
    expect(b1.cause).toBe('likely_natural_rain');
    expect(b1.reasons[1]!.params).toMatchObject({ station: 'VN33007', distanceKm: 6 });
    const b2 = byRule(evaluate({ dose: upTo(dose, rainEnd), now: rainEnd, rain: far }), 'baseline')!;
    expect(b2.cause).toBe('unexplained');
  });

  it('the same rise without rain is an unexplained baseline alarm (L1 warning)', () => {
    const dose = series({ level: base, extra: bump });
    const cs = evaluate({ dose: upTo(dose, rainEnd), now: rainEnd, rain: [] });
    const b = byRule(cs, 'baseline')!;
    expect(b).toMatchObject({ severity: 'warning', cause: 'unexplained', valueUnit: 'nSv/h', unit: 'nSv/h' });
    expect(codes(b)).toEqual(['alarm.reason.above_baseline', 'alarm.reason.no_rain_nearby']);
    const p = b.reasons[0]!.params as { baseline: number; excess: number };
    expect(p.baseline).toBeGreaterThan(115);
    expect(p.baseline).toBeLessThan(125);
    expect(p.excess).toBe(100); // max(0.1 µSv/h, 4σ) with σ ≈ 6 → 0.1 µSv/h
    expect(byRule(cs, 'rate_of_rise')?.cause).toBe('unexplained');
    expect(cs.some((c) => c.severity === 'alert' || c.severity === 'emergency')).toBe(false);
  });

  it('rain does not explain a rise to 3× (monitoring.md §5.4 (b))', () => {
    const big = washout(rainStart, rainEnd, 2 * base);
    const dose = series({ level: base, extra: big });
    const cs = evaluate({ dose: upTo(dose, rainEnd), now: rainEnd, rain });
    const b = byRule(cs, 'baseline')!;
    expect(b.cause).toBe('unexplained');
    expect(codes(b)).toContain('alarm.reason.above_washout_ratio');
    const level = byRule(cs, 'level')!; // 360 nSv/h > 0.3 µSv/h
    expect(level).toMatchObject({ severity: 'warning', cause: 'unexplained' });
  });

  it('rain does not explain an excess still there hours after the rain stopped (§5.4 (a))', () => {
    const step = (t: number) => (t > rainStart + 20 * MIN ? 0.95 * base : 0); // rises with the rain, then stays
    const dose = series({ level: base, extra: step });
    const at = (now: number) => byRule(evaluate({ dose: upTo(dose, now), now, rain }), 'baseline')!;
    expect(at(rainEnd).cause).toBe('likely_natural_rain'); // while it rains, it looks like washout
    const later = at(rainEnd + 90 * MIN);
    expect(later.cause).toBe('unexplained'); // no decay with the progeny half-lives
    expect(codes(later)).toContain('alarm.reason.decay_too_slow');
    const much = at(rainEnd + 3.5 * HOUR);
    expect(codes(much)).toContain('alarm.reason.persists_after_rain');
  });

  it('rain does not explain a rise that began hours before the rain', () => {
    const early = washout(rainStart - 3 * HOUR, rainEnd, 0.95 * base, 5);
    const dose = series({ level: base, extra: early });
    const lateRain = rainPoints(rainStart + 20 * MIN, rainEnd, 5);
    const cs = evaluate({
      dose: upTo(dose, rainStart + 60 * MIN),
      now: rainStart + 60 * MIN,
      rain: lateRain,
    });
    const b = byRule(cs, 'baseline')!;
    expect(b.cause).toBe('unexplained');
    expect(codes(b)).toContain('alarm.reason.rise_before_rain');
  });

  it('at a high-background station a washout above 0.3 µSv/h keeps its warning but is labelled natural', () => {
    // 170 nSv/h is inside the natural range (monitoring.md §5.1: up to ~500 nSv/h); 1.9× crosses the L2 rung
    const high = washout(rainStart, rainEnd, 0.9 * 170, 5);
    const dose = series({ level: 170, sigma: 5, extra: high });
    const cs = evaluate({ dose: upTo(dose, rainEnd), now: rainEnd, rain });
    expect(byRule(cs, 'level')).toMatchObject({
      severity: 'warning',
      cause: 'likely_natural_rain',
      threshold: 300,
    });
    expect(byRule(cs, 'baseline')).toMatchObject({ severity: 'info', cause: 'likely_natural_rain' });
  });

  it('an episode at the alert level is never dismissed as rain', () => {
    const dose = series({ level: base, extra: (t) => (t > rainStart + 30 * MIN ? 1200 : 0) });
    const cs = evaluate({ dose: upTo(dose, rainEnd), now: rainEnd, rain });
    const level = byRule(cs, 'level')!;
    expect(level).toMatchObject({ severity: 'alert', cause: 'unexplained', threshold: 1000 });
    expect(codes(level)).toEqual(['alarm.reason.level_exceeded']);
  });
});

describe('level ladder', () => {
  const withTail = (tail: number[], level = 100) => {
    const dose = series({ level, sigma: 0, amp: 0 });
    tail.forEach((v, i) => (dose[dose.length - tail.length + i]!.v = v));
    return byRule(evaluate({ dose }), 'level');
  };

  it('needs two consecutive values at or above a rung (0.3 and 1 µSv/h: confirmation by the next interval)', () => {
    expect(withTail([299.9, 299.9])).toBeUndefined();
    expect(withTail([300, 300])).toMatchObject({ severity: 'warning', threshold: 300, value: 300 });
    expect(withTail([100, 300])).toBeUndefined(); // one value: not yet
    expect(withTail([999.9, 999.9])?.severity).toBe('warning');
    expect(withTail([1000, 1000])).toMatchObject({ severity: 'alert', threshold: 1000 });
    expect(withTail([400, 1000])).toMatchObject({ severity: 'warning' }); // 1000 once, 300+ twice
  });

  it('acts on a single value at protective-action levels (IAEA OIL2 100 µSv/h, OIL1 1000 µSv/h)', () => {
    expect(withTail([400, 99_999.9])?.severity).toBe('warning');
    expect(withTail([100, 100_000])).toMatchObject({ severity: 'emergency', threshold: 100_000 });
    const oil1 = withTail([100, 1_000_000])!;
    expect(oil1).toMatchObject({ severity: 'emergency', threshold: 1_000_000 });
    expect(oil1.reasons[0]).toEqual({
      code: 'alarm.reason.level_exceeded',
      params: { value: 1_000_000, threshold: 1_000_000, unit: 'nSv/h', rung: 'OIL1' },
    });
  });

  it('keeps the episode start and peak', () => {
    const c = withTail([320, 350, 900, 420, 310])!;
    expect(c.since).toBe(NOW - 4 * STEP);
    expect(c.peakValue).toBe(900);
    expect(c.peakTime).toBe(NOW - 2 * STEP);
  });
});

describe('spikes and flagged values', () => {
  it('a flagged spike, a rejected value or a lone unflagged value raises no level or baseline alarm', () => {
    const dose = series({ level: 100 });
    const i = dose.length - 5;
    dose[i] = { ...dose[i]!, v: 2000, flags: ['spike'] };
    let cs = evaluate({ dose });
    expect(byRule(cs, 'level')).toBeUndefined();
    expect(byRule(cs, 'baseline')).toBeUndefined();
    expect(byRule(cs, 'rate_of_rise')).toBeUndefined();
    dose[i] = { ...dose[i], flags: [], rejected: true };
    expect(byRule(evaluate({ dose }), 'level')).toBeUndefined();
    dose[i] = { ...dose[i], rejected: false }; // unflagged but alone: no confirmation
    cs = evaluate({ dose });
    expect(byRule(cs, 'level')).toBeUndefined();
    expect(byRule(cs, 'baseline')).toBeUndefined();
  });

  it('non-blocking flags do not hide a real level; blocking and unknown ones do', () => {
    const dose = series({ level: 100 });
    for (let k = 1; k <= 3; k++) dose[dose.length - k]!.v = 1500;
    for (let k = 1; k <= 3; k++) dose[dose.length - k]!.flags = ['implausible_uncertainty'];
    expect(byRule(evaluate({ dose }), 'level')?.severity).toBe('alert');
    for (let k = 1; k <= 3; k++) dose[dose.length - k]!.flags = ['flatline'];
    expect(byRule(evaluate({ dose }), 'level')).toBeUndefined();
    for (let k = 1; k <= 3; k++) dose[dose.length - k]!.flags = 'spike' as unknown as string[];
    expect(byRule(evaluate({ dose }), 'level')).toBeUndefined();
  });
});

describe('offline', () => {
  const dose = series({ end: NOW - 45 * MIN });

  it('a station silent for longer than 2 intervals (and 30 min) is offline; shorter is not', () => {
    const cs = evaluate({ dose });
    const off = cs.filter((c) => c.rule === 'offline');
    expect(off).toHaveLength(1);
    expect(off[0]).toMatchObject({
      severity: 'warning',
      cause: 'technical',
      value: 45,
      threshold: 30,
      since: NOW - 45 * MIN,
    });
    expect(off[0]!.reasons[0]).toEqual({
      code: 'alarm.reason.offline',
      params: { minutes: 45, lastTime: new Date(NOW - 45 * MIN).toISOString(), intervalS: 600 },
    });
    expect(byRule(evaluate({ dose: series({ end: NOW - 25 * MIN }) }), 'offline')).toBeUndefined();
    // an hourly station: 2 intervals = 2 h
    const hourly = { ...STATION, intervalS: 3600 };
    expect(byRule(evaluate({ dose, station: hourly }), 'offline')).toBeUndefined();
    // a later lastTime (another quantity) counts as a sign of life
    expect(byRule(evaluate({ dose, lastTime: NOW - 5 * MIN }), 'offline')).toBeUndefined();
  });

  it('a long silence is one alarm that resolves itself 30 min after the data are back', () => {
    const full = series();
    const steps: Array<{ now: number; condition: AlarmCondition | null }> = [];
    const silentFrom = NOW - 6 * HOUR;
    const backAt = NOW - 2 * HOUR;
    for (let now = NOW - 7 * HOUR; now <= NOW; now += STEP) {
      const dose = full.filter((p) => p.t <= now && (p.t <= silentFrom || p.t >= backAt));
      const cs = evaluateStation({ station: STATION, now, dose, lastTime: dose.at(-1)?.t ?? null });
      steps.push({ now, condition: byRule(cs, 'offline') ?? null });
    }
    const { alarms, actions } = episodes(steps, 'offline');
    expect(alarms).toHaveLength(1);
    expect(actions.filter((a) => a === 'raise')).toHaveLength(1);
    expect(alarms[0]!.state).toBe('resolved');
    expect(alarms[0]!.startedAt).toBe(silentFrom + 40 * MIN); // first evaluation with > 30 min of silence
    expect(actions.indexOf('resolve') - actions.indexOf('clear_pending')).toBe(3);
  });

  it('a station that never reported is offline with unknown duration', () => {
    const cs = evaluateStation({ station: STATION, now: NOW, dose: [], lastTime: null });
    expect(cs).toHaveLength(1);
    expect(cs[0]).toMatchObject({ rule: 'offline', value: null, since: null });
  });
});

describe('data quality', () => {
  it('half or more flagged values in 6 h is one info condition naming the flags', () => {
    const dose = series({ level: 100 });
    for (let k = 1; k <= 20; k++) dose[dose.length - k]!.flags = k % 2 ? ['flatline'] : ['out_of_range'];
    const dq = byRule(evaluate({ dose }), 'data_quality')!;
    expect(dq).toMatchObject({ severity: 'info', cause: 'technical', value: 0.56, threshold: 0.5 });
    expect(dq.reasons[0]!.params).toMatchObject({
      flagged: 20,
      total: 36,
      flags: { flatline: 10, out_of_range: 10 },
    });
    for (let k = 1; k <= 20; k++) dose[dose.length - k]!.flags = k > 17 ? ['spike'] : [];
    expect(byRule(evaluate({ dose }), 'data_quality')).toBeUndefined();
  });
});

describe('hysteresis: one alarm per episode', () => {
  const run = (tail: (i: number) => number, tailLength: number, after = 3 * HOUR) => {
    const end = NOW + after;
    const start = NOW - tailLength * STEP;
    const inTail = (t: number) => t > start && t <= NOW;
    const dose = series({
      level: 110,
      sigma: 0,
      amp: 0,
      end,
      extra: (t) => (inTail(t) ? tail((t - start) / STEP) - 110 : 0),
    });
    const steps: Array<{ now: number; condition: AlarmCondition | null }> = [];
    for (let now = start; now <= end; now += STEP) {
      const cs = evaluate({ dose: upTo(dose, now), now });
      steps.push({ now, condition: byRule(cs, 'level') ?? null });
    }
    return episodes(steps, 'level');
  };

  it('values dithering around 0.3 µSv/h for 6 h raise one alarm, never closed automatically', () => {
    const dither = [305, 310, 295, 302, 288, 301, 304, 292, 299, 306, 285, 297];
    const { alarms, actions } = run((i) => dither[i % dither.length]!, 36);
    expect(alarms).toHaveLength(1);
    expect(actions.filter((a) => a === 'clear_pending')).toHaveLength(1);
    expect(actions.at(-1)).toBe('cleared'); // level: the episode ended, an official closes the alarm
    expect(alarms[0]!.state).toBe('raised');
    expect(alarms[0]!.peak).toBe(310);
  });

  it('a short dip below the clear level keeps the episode; a return within the hour continues it', () => {
    // 2 h at 320, 20 min at 200 (only 2 values: not cleared), 1 h at 320, 40 min at 110 (cleared), 1 h at 320
    const shape = (i: number) => (i < 12 ? 320 : i < 14 ? 200 : i < 20 ? 320 : i < 24 ? 110 : 320);
    const { alarms, actions } = run(shape, 30);
    expect(alarms).toHaveLength(1);
    expect(actions.filter((a) => a === 'clear_pending').length).toBeGreaterThanOrEqual(1);
  });

  it('a new excursion after the episode ended is a new alarm', () => {
    const shape = (i: number) => (i < 6 ? 320 : i < 24 ? 110 : 320); // 3 h of background in between
    const { alarms } = run(shape, 30);
    expect(alarms).toHaveLength(2);
  });

  it('severity only goes up within an episode', () => {
    const shape = (i: number) => (i < 6 ? 320 : i < 12 ? 1500 : 400);
    const { alarms, actions } = run(shape, 24, HOUR);
    expect(alarms).toHaveLength(1);
    expect(actions.filter((a) => a === 'escalate')).toHaveLength(1);
    expect(alarms[0]!.severity).toBe('alert');
  });
});

describe('nextEpisodeAction', () => {
  const open = (over: Partial<EpisodeAlarm> = {}): EpisodeAlarm => ({
    rule: 'baseline',
    severity: 'warning',
    lastSeenAt: NOW - STEP,
    clearSince: null,
    ...over,
  });
  const cond = (severity: AlarmSeverity, rule: AlarmRule = 'baseline') => ({ rule, severity });

  it('covers every branch', () => {
    expect(nextEpisodeAction(null, null, NOW)).toBe('none');
    expect(nextEpisodeAction(null, cond('info'), NOW)).toBe('raise');
    expect(nextEpisodeAction(open(), cond('warning'), NOW)).toBe('update');
    expect(nextEpisodeAction(open(), cond('info'), NOW)).toBe('update'); // never lowered
    expect(nextEpisodeAction(open(), cond('alert'), NOW)).toBe('escalate');
    expect(nextEpisodeAction(open(), null, NOW)).toBe('clear_pending');
    expect(nextEpisodeAction(open({ clearSince: NOW - 59 * MIN }), null, NOW)).toBe('none');
    expect(nextEpisodeAction(open({ clearSince: NOW - 60 * MIN }), null, NOW)).toBe('cleared');
    expect(nextEpisodeAction(open({ clearSince: NOW - 59 * MIN }), cond('warning'), NOW)).toBe('update');
    expect(nextEpisodeAction(open({ clearSince: NOW - 2 * HOUR }), cond('warning'), NOW)).toBe('raise');
    const off = open({ rule: 'offline', clearSince: NOW - 30 * MIN });
    expect(nextEpisodeAction(off, null, NOW)).toBe('resolve');
    expect(nextEpisodeAction(open({ rule: 'data_quality', clearSince: NOW - HOUR }), null, NOW)).toBe(
      'resolve',
    );
  });

  it('an alarm an official closed is not raised again while its condition continues, unless it gets worse', () => {
    const closed = (state: AlarmState, lastSeenAt = NOW - STEP) => open({ state, lastSeenAt });
    expect(nextEpisodeAction(closed('false_alarm'), cond('warning'), NOW)).toBe('update');
    expect(nextEpisodeAction(closed('resolved'), cond('alert'), NOW)).toBe('raise');
    expect(nextEpisodeAction(closed('resolved', NOW - 3 * HOUR), cond('warning'), NOW)).toBe('raise');
    expect(nextEpisodeAction(closed('resolved'), null, NOW)).toBe('none');
  });

  it('refuses a condition of another rule and a bad time', () => {
    expect(() => nextEpisodeAction(open(), cond('warning', 'level'), NOW)).toThrow(RangeError);
    expect(() => nextEpisodeAction(open(), null, NaN)).toThrow(RangeError);
  });
});

describe('neighbour agreement', () => {
  // Three stations within 10 km in Hưng Yên, one 60 km away, one nearby with rain.
  const sites = {
    A: { code: 'VN33001', lat: 20.6464, lon: 106.0511 },
    B: { code: 'VN33002', lat: 20.68, lon: 106.07 }, // ~4.3 km from A
    C: { code: 'VN33003', lat: 20.62, lon: 106.11 }, // ~6.8 km from A
    D: { code: 'VN33010', lat: 21.18, lon: 106.1 }, // ~59 km away
    E: { code: 'VN33004', lat: 20.66, lon: 106.02 }, // nearby, but it rains there
  };

  it('a step increase at 3 neighbouring stations raises one cluster; a far or rain-explained one is not in it', () => {
    expect(haversineKm(sites.A.lat, sites.A.lon, sites.B.lat, sites.B.lon)).toBeLessThan(10);
    expect(haversineKm(sites.A.lat, sites.A.lon, sites.C.lat, sites.C.lon)).toBeLessThan(10);
    const stepAt = { A: NOW - 80 * MIN, B: NOW - 70 * MIN, C: NOW - 60 * MIN, D: NOW - 75 * MIN, E: 0 };
    // E: 10 mm of rain from 2.5 h to 0.5 h ago and the washout that goes with it
    const rainE = rainPoints(NOW - 150 * MIN, NOW - 30 * MIN, 5, 'VN33004', 0);
    const washE = washout(NOW - 150 * MIN, NOW - 30 * MIN, 114, 5);
    const elevations: StationElevation[] = [];
    let seed = 10;
    for (const [k, site] of Object.entries(sites) as Array<[keyof typeof sites, (typeof sites)['A']]>) {
      const extra = k === 'E' ? washE : (t: number) => (t > stepAt[k] ? 140 : 0);
      const dose = series({ level: k === 'E' ? 120 : 110, seed: seed++, extra });
      const cs = evaluateStation({
        station: { ...site, intervalS: 600 },
        now: NOW,
        dose,
        rain: k === 'E' ? rainE : [],
        lastTime: NOW,
      });
      expect(byRule(cs, 'baseline')?.cause, k).toBe(k === 'E' ? 'likely_natural_rain' : 'unexplained');
      elevations.push(elevationFromConditions(site, cs));
    }
    const clusters = neighbourAgreement(elevations);
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toMatchObject({
      rule: 'neighbours',
      severity: 'alert',
      cause: 'unexplained',
      stations: ['VN33001', 'VN33002', 'VN33003'],
      value: 3,
      threshold: 2,
      valueUnit: 'stations',
      since: stepAt.A + STEP,
    });
    expect(clusters[0]!.peakValue).toBeGreaterThan(240);
    expect(clusters[0]!.reasons[0]!.code).toBe('alarm.reason.neighbours_agree');
  });

  it('the cluster stays one alarm while it lasts, even as its stations change', () => {
    const stepAt: Record<string, number> = { VN33001: NOW, VN33002: NOW + 20 * MIN, VN33003: NOW + 40 * MIN };
    const doses = Object.fromEntries(
      [sites.A, sites.B, sites.C].map((site, i) => [
        site.code,
        series({
          level: 110,
          seed: 20 + i,
          end: NOW + 6 * HOUR,
          extra: (t) => (t > stepAt[site.code]! ? 140 : 0),
        }),
      ]),
    );
    const open: Array<EpisodeAlarm & { id: string; stations: string[] }> = [];
    const actions: EpisodeAction[] = [];
    for (let now = NOW - HOUR; now <= NOW + 6 * HOUR; now += STEP) {
      const elevations = [sites.A, sites.B, sites.C].map((site) => {
        const cs = evaluateStation({
          station: { ...site, intervalS: 600 },
          now,
          dose: upTo(doses[site.code]!, now),
          lastTime: now,
        });
        return elevationFromConditions(site, cs);
      });
      const clusters = neighbourAgreement(elevations);
      const { matches, unmatchedOpenIds } = matchNeighbourClusters(open, clusters);
      for (const { cluster, openId } of matches) {
        const alarm = open.find((o) => o.id === openId) ?? null;
        const action = nextEpisodeAction(alarm, cluster, now);
        actions.push(action);
        if (action === 'raise')
          open.push({
            id: `n${open.length}`,
            rule: 'neighbours',
            severity: cluster.severity,
            lastSeenAt: now,
            clearSince: null,
            stations: cluster.stations,
          });
        else if (alarm && (action === 'update' || action === 'escalate'))
          Object.assign(alarm, { lastSeenAt: now, clearSince: null, stations: cluster.stations });
      }
      for (const id of unmatchedOpenIds) {
        const alarm = open.find((o) => o.id === id)!;
        const action = nextEpisodeAction(alarm, null, now);
        actions.push(action);
        if (action === 'clear_pending') alarm.clearSince = now;
      }
    }
    expect(open).toHaveLength(1);
    expect(actions.filter((a) => a === 'raise')).toHaveLength(1);
    expect(open[0]!.stations).toEqual(['VN33001', 'VN33002', 'VN33003']);
  });

  it('needs the elevations to start within the window, and chains stations within the radius', () => {
    const e = (code: string, lat: number, lon: number, since: number): StationElevation => ({
      code,
      lat,
      lon,
      elevated: true,
      since,
      cause: 'unexplained',
    });
    // 15 km apart each: a chain of 4 along a line is one cluster (a plume crossing the network)
    const dLat = 15 / 111.195;
    const chain = [0, 1, 2, 3].map((i) => e(`S${i}`, 20.5 + i * dLat, 106, NOW + i * 30 * MIN));
    expect(neighbourAgreement(chain).map((c) => c.stations)).toEqual([['S0', 'S1', 'S2', 'S3']]);
    // the same stations 3 h apart each: no agreement
    const slow = chain.map((x, i) => ({ ...x, since: NOW + i * 3 * HOUR }));
    expect(neighbourAgreement(slow)).toEqual([]);
    // two separate pairs: two clusters, earliest first
    const pairs = [
      e('P1', 20, 106, NOW + HOUR),
      e('P2', 20.05, 106, NOW + HOUR),
      e('Q1', 21, 105, NOW),
      e('Q2', 21.05, 105, NOW),
    ];
    expect(neighbourAgreement(pairs).map((c) => c.stations)).toEqual([
      ['Q1', 'Q2'],
      ['P1', 'P2'],
    ]);
    // hostile entries are skipped
    const junk = [
      null,
      { code: 'X', lat: NaN, lon: 1, elevated: true, since: NOW, cause: 'unexplained' },
      e('Y', 95, 0, NOW),
    ];
    expect(neighbourAgreement([...junk, e('Z', 20, 106, NOW)] as StationElevation[])).toEqual([]);
    expect(neighbourAgreement([])).toEqual([]);
  });

  it('matches clusters to open neighbour alarms by shared stations', () => {
    const c = (stations: string[]) => ({ stations }) as AlarmCondition;
    const m = matchNeighbourClusters(
      [
        { id: 'a1', stations: ['S1', 'S2'] },
        { id: 'a2', stations: ['T1', 'T2'] },
      ],
      [c(['S2', 'S3', 'S4']), c(['U1', 'U2'])],
    );
    expect(m.matches.map((x) => x.openId)).toEqual(['a1', null]);
    expect(m.unmatchedOpenIds).toEqual(['a2']);
  });

  it('20 000 elevated stations are clustered quickly', () => {
    const g = noise(3);
    const many: StationElevation[] = Array.from({ length: 20_000 }, (_, i) => ({
      code: `S${i}`,
      lat: 8 + 15 * Math.abs(g() % 1),
      lon: 102 + 8 * Math.abs(g() % 1),
      elevated: true,
      since: NOW + Math.round(g() * HOUR),
      cause: 'unexplained',
    }));
    const start = performance.now();
    const clusters = neighbourAgreement(many);
    expect(clusters.length).toBeGreaterThan(0);
    expect(performance.now() - start).toBeLessThan(5_000);
  });
});

describe('alarm lifecycle', () => {
  it('raised → acknowledged → resolved | false_alarm, and reopen of a closed alarm', () => {
    expect(transitionAlarm('raised', 'acknowledge')).toEqual({
      ok: true,
      state: 'acknowledged',
      stamp: 'acknowledged',
    });
    expect(transitionAlarm('acknowledged', 'resolve')).toEqual({
      ok: true,
      state: 'resolved',
      stamp: 'closed',
    });
    expect(transitionAlarm('acknowledged', 'false_alarm')).toEqual({
      ok: true,
      state: 'false_alarm',
      stamp: 'closed',
    });
    expect(transitionAlarm('raised', 'resolve')).toMatchObject({ ok: true, state: 'resolved' });
    expect(transitionAlarm('raised', 'false_alarm')).toMatchObject({ ok: true, state: 'false_alarm' });
    expect(transitionAlarm('false_alarm', 'reopen')).toEqual({
      ok: true,
      state: 'acknowledged',
      stamp: 'reopened',
    });
    expect(transitionAlarm('resolved', 'reopen')).toMatchObject({ ok: true, state: 'acknowledged' });
  });

  it('refuses everything else with a code naming the action and the state', () => {
    const refused: Array<[AlarmState, Parameters<typeof transitionAlarm>[1]]> = [
      ['acknowledged', 'acknowledge'],
      ['resolved', 'acknowledge'],
      ['resolved', 'resolve'],
      ['false_alarm', 'false_alarm'],
      ['raised', 'reopen'],
      ['acknowledged', 'reopen'],
    ];
    for (const [state, action] of refused)
      expect(transitionAlarm(state, action)).toEqual({
        ok: false,
        code: 'alarm.action_not_allowed',
        params: { action, state },
      });
    expect(transitionAlarm('raised', 'explode' as never)).toMatchObject({ ok: false });
  });
});

describe('broken, unsorted and huge input', () => {
  it('empty, NaN and junk points are skipped, never thrown on', () => {
    const junk = [
      null,
      undefined,
      42,
      'x',
      { t: NaN, v: 100 },
      { t: NOW, v: NaN },
      { t: NOW - STEP, v: Infinity, flags: null },
      { t: NOW + HOUR, v: 5000 },
      { t: NOW - 2 * STEP, v: -5 },
    ] as unknown as DosePoint[];
    const cs = evaluateStation({
      station: STATION,
      now: NOW,
      dose: junk,
      rain: junk as never,
      lastTime: null,
    });
    expect(cs.map((c) => c.rule)).toEqual([]); // the junk's times are recent, so not offline; too few for quality
    expect(() => evaluateStation({ station: STATION, now: NaN, dose: [], lastTime: null })).toThrow(
      RangeError,
    );
    expect(() =>
      evaluateStation({ station: { ...STATION, intervalS: 0 }, now: NOW, dose: [], lastTime: null }),
    ).toThrow(RangeError);
  });

  it('unsorted and duplicated input gives the same conditions as sorted input', () => {
    const rainStart = NOW - 3 * HOUR;
    const rainEnd = rainStart + 90 * MIN;
    const dose = series({ level: 120, extra: washout(rainStart, rainEnd, 108) }).filter(
      (p) => p.t <= rainEnd,
    );
    const rain = rainPoints(rainStart, rainEnd, 8);
    const sorted = evaluate({ dose, rain, now: rainEnd });
    const g = noise(9);
    const shuffle = <T>(a: T[]) =>
      a
        .map((x) => [g(), x] as const)
        .sort((p, q) => p[0] - q[0])
        .map((p) => p[1]);
    const shuffled = evaluate({
      dose: shuffle([...dose, ...dose.slice(-50)]),
      rain: shuffle(rain),
      now: rainEnd,
    });
    expect(shuffled).toEqual(sorted);
    expect(sorted.length).toBeGreaterThan(0);
  });

  it('a million points (19 years of 10-min values) are evaluated in linear time; a step at the end is found', () => {
    const n = 1_000_000;
    const g = noise(42);
    const dose: DosePoint[] = new Array<DosePoint>(n);
    for (let i = 0; i < n; i++) {
      const t = NOW - (n - 1 - i) * STEP;
      dose[i] = { t, v: Math.round((110 + 4 * g() + (i >= n - 12 ? 1500 : 0)) * 10) / 10 };
    }
    let start = performance.now();
    const cs = evaluate({ dose });
    const sortedMs = performance.now() - start;
    expect(byRule(cs, 'level')?.severity).toBe('alert');
    expect(byRule(cs, 'baseline')?.cause).toBe('unexplained');
    expect(sortedMs).toBeLessThan(5_000);
    const reversed = dose.slice().reverse();
    start = performance.now();
    expect(byRule(evaluate({ dose: reversed }), 'level')?.severity).toBe('alert');
    expect(performance.now() - start).toBeLessThan(10_000);
  });

  it('a custom rule set is honoured (e.g. a stricter level ladder for one station)', () => {
    const strict: AlarmRuleSet = {
      ...R,
      level: {
        ...R.level,
        rungs: [{ id: 'STUK', severity: 'warning', threshold: 250, confirmValues: 1, rainMayExplain: true }],
      },
    };
    expect(validateAlarmRuleSet(strict)).toEqual([]);
    const dose = series({ level: 100, sigma: 0, amp: 0 });
    dose[dose.length - 1]!.v = 260;
    expect(byRule(evaluate({ dose, rules: strict }), 'level')?.threshold).toBe(250);
    expect(byRule(evaluate({ dose }), 'level')).toBeUndefined();
  });
});
