import { describe, expect, it } from 'vitest';
import {
  MONITORING_QUANTITY_REFERENCE,
  MONITORING_REFERENCE_SOURCES,
  MONITORING_TIME_REFERENCE,
  MONITORING_UNCERTAINTY_REFERENCE,
  type MonitoringReferenceValue,
} from '../reference/monitoring.js';
import {
  flatlineMask,
  gaps,
  isOffline,
  OFFLINE_MISSED_INTERVALS,
  parseIsoTime,
  qualityFlags,
  spikeMask,
  type MonitoringPoint,
  type QualityFlag,
} from './quality.js';

const T0 = Date.parse('2025-01-01T00:00:00Z');
const STEP = 600_000; // 10 min: BfS ODL measures every 10 min (monitoring.md §4.1)
const NOW = '2025-03-01T00:00:00Z';
const iso = (i: number) => new Date(T0 + i * STEP).toISOString();

/** Deterministic Gaussian noise (mulberry32 + Box–Muller). */
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
 * A day of 10-min background: ~80 nSv/h, the Red River delta expectation of 60–120 nSv/h (monitoring.md §5.1),
 * σ ≈ 3 nSv/h, one decimal like the EURDEP feed (values 47–59 nSv/h around 50, §1.3).
 */
function background(n = 144, seed = 1, level = 80): MonitoringPoint[] {
  const g = noise(seed);
  return Array.from({ length: n }, (_, i) => ({
    time: iso(i),
    value: Math.round((level + 3 * g()) * 10) / 10,
    uncertainty: 4,
  }));
}

const flagged = (flags: ReadonlyArray<readonly QualityFlag[]>, flag: QualityFlag) =>
  flags.flatMap((f, i) => (f.includes(flag) ? [i] : []));

describe('monitoring reference data', () => {
  it('every threshold has a value, a source and a status', () => {
    const check = (v: MonitoringReferenceValue, what: string) => {
      expect(Number.isFinite(v.value), what).toBe(true);
      expect(v.source.length, what).toBeGreaterThan(0);
      expect(['verified', 'to_verify'], what).toContain(v.status);
    };
    for (const [q, r] of Object.entries(MONITORING_QUANTITY_REFERENCE)) {
      check(r.min, `${q}.min`);
      check(r.max, `${q}.max`);
      expect(r.min.value, q).toBeLessThan(r.max.value);
      if (r.typicalMax) check(r.typicalMax, `${q}.typicalMax`);
      if (r.spike) for (const [k, v] of Object.entries(r.spike)) check(v, `${q}.spike.${k}`);
      if (r.flatline) check(r.flatline.minRun, `${q}.flatline`);
    }
    for (const [k, v] of Object.entries(MONITORING_TIME_REFERENCE)) check(v, k);
    check(MONITORING_UNCERTAINTY_REFERENCE.maxRelative, 'maxRelative');
    expect(Object.keys(MONITORING_REFERENCE_SOURCES).length).toBeGreaterThan(5);
  });
});

describe('clean background', () => {
  it('a clean day of 10-min values gets no flag at all', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const flags = qualityFlags('ambient_dose_rate', background(144, seed), { now: NOW });
      expect(
        flags.every((f) => f.length === 0),
        `seed ${seed}`,
      ).toBe(true);
    }
  });
});

describe('spike (monitoring.md §5.3: single-interval jump > k·σ that reverts at the next value)', () => {
  it('a single spike is flagged, its neighbours are not', () => {
    const s = background();
    s[70] = { ...s[70]!, value: 160 };
    const flags = qualityFlags('ambient_dose_rate', s, { now: NOW });
    expect(flagged(flags, 'spike')).toEqual([70]);
    expect(flags[69]).toEqual([]);
    expect(flags[71]).toEqual([]);
  });

  it('k = 5 robust σ: +15 nSv/h on σ≈3 at 80 nSv/h is noise, not a spike', () => {
    const s = background();
    s[70] = { ...s[70]!, value: 95 };
    expect(flagged(qualityFlags('ambient_dose_rate', s, { now: NOW }), 'spike')).toEqual([]);
  });

  it("σ floor: 5 % of the local median (EURDEP 47–59 around 50, §1.3) and the point's own uncertainty", () => {
    const s: MonitoringPoint[] = background().map((p) => ({ time: p.time, value: p.value }));
    s[70] = { ...s[70]!, value: 125 }; // +45 on 80: above k·5 % · 80 = 20
    expect(spikeMask('ambient_dose_rate', s)[70]).toBe(true);
    s[70] = { ...s[70], uncertainty: 10 }; // k·u = 50 > 45: within the stated counting uncertainty
    expect(spikeMask('ambient_dose_rate', s)[70]).toBe(false);
    s[70] = { ...s[70], uncertainty: 1e9 }; // implausible uncertainty is ignored, not trusted
    expect(spikeMask('ambient_dose_rate', s)[70]).toBe(true);
  });

  it('a rain-like smooth doubling over hours and decay over hours is NOT a spike (§4.1, §5.4: up to 2×, back within hours)', () => {
    const g = noise(7);
    const s: MonitoringPoint[] = Array.from({ length: 144 }, (_, i) => {
      // 80 → 160 over 2 h (12 steps) from i = 40, then exponential decay with τ ≈ 1.5 h
      const base = i < 40 ? 80 : i < 52 ? 80 + (80 * (i - 40)) / 12 : 80 + 80 * Math.exp(-(i - 52) / 9);
      return { time: iso(i), value: Math.round((base + 3 * g()) * 10) / 10 };
    });
    const flags = qualityFlags('ambient_dose_rate', s, { now: NOW });
    expect(flagged(flags, 'spike')).toEqual([]);
    expect(flags.every((f) => f.length === 0)).toBe(true);
  });

  it('a sudden rise that persists (washout onset, or a real release) is not a spike: it does not revert', () => {
    const s = background().map((p, i) => (i >= 70 ? { ...p, value: p.value + 80 } : p));
    expect(flagged(qualityFlags('ambient_dose_rate', s, { now: NOW }), 'spike')).toEqual([]);
  });

  it('two consecutive high values are not a spike (the next interval confirmed it, §5.3)', () => {
    const s = background();
    s[70] = { ...s[70]!, value: 160 };
    s[71] = { ...s[71]!, value: 158 };
    expect(spikeMask('ambient_dose_rate', s).some(Boolean)).toBe(false);
  });

  it('the first and last values are never spikes (reversion not observable); precipitation has no spike rule', () => {
    const s = background();
    s[0] = { ...s[0]!, value: 500 };
    s[143] = { ...s[143]!, value: 500 };
    expect(spikeMask('ambient_dose_rate', s).some(Boolean)).toBe(false);
    const rain = background().map((p, i) => ({ ...p, value: i === 50 ? 12 : 0 }));
    expect(spikeMask('precipitation', rain).some(Boolean)).toBe(false);
  });

  it('a spike in a count-rate series is flagged as well', () => {
    const s = background().map((p) => ({ time: p.time, value: p.value / 10 }));
    s[30] = { ...s[30]!, value: 30 };
    expect(flagged(qualityFlags('count_rate', s, { now: NOW }), 'spike')).toEqual([30]);
  });
});

describe('flatline (stuck sensor, §5.3: N identical values; N = 6 = 1 h)', () => {
  it('a stuck sensor is flagged for the whole run, nothing else', () => {
    const s = background();
    for (let i = 60; i < 72; i++) s[i] = { ...s[i]!, value: 81.3 };
    const flags = qualityFlags('ambient_dose_rate', s, { now: NOW });
    expect(flagged(flags, 'flatline')).toEqual([60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71]);
  });

  it('5 identical values are tolerated, 6 are not', () => {
    const s5 = background();
    for (let i = 60; i < 65; i++) s5[i] = { ...s5[i]!, value: 81.3 };
    expect(flatlineMask('ambient_dose_rate', s5).some(Boolean)).toBe(false);
    const s6 = background();
    for (let i = 60; i < 66; i++) s6[i] = { ...s6[i]!, value: 81.3 };
    expect(flatlineMask('ambient_dose_rate', s6).filter(Boolean)).toHaveLength(6);
  });

  it('a dead detector stuck at 0 cps is flatline and out of range (Safecast: no CPM ≤ 0)', () => {
    const s = background(20).map((p) => ({ time: p.time, value: 0 }));
    const flags = qualityFlags('count_rate', s, { now: NOW });
    expect(flags.every((f) => f.includes('flatline') && f.includes('out_of_range'))).toBe(true);
  });

  it('dry weather (precipitation 0 for hours) and calm temperature are not flatline', () => {
    const dry = background().map((p) => ({ time: p.time, value: 0 }));
    expect(qualityFlags('precipitation', dry, { now: NOW }).every((f) => f.length === 0)).toBe(true);
    const temp = background().map((p) => ({ time: p.time, value: 24.5 }));
    expect(qualityFlags('temperature', temp, { now: NOW }).every((f) => f.length === 0)).toBe(true);
  });
});

describe('per-point checks', () => {
  const one = (quantity: string, p: Partial<MonitoringPoint>, now = NOW) =>
    qualityFlags(quantity, [{ time: iso(0), value: 80, ...p }], { now })[0];

  it('range and unit plausibility from monitoring.json', () => {
    expect(one('ambient_dose_rate', { value: -5 })).toEqual(['negative', 'out_of_range']);
    expect(one('ambient_dose_rate', { value: 0 })).toEqual(['out_of_range']);
    // 0.087 labelled nSv/h: ×1000 = 87 nSv/h, a normal background → most likely µSv/h mislabelled
    expect(one('ambient_dose_rate', { value: 0.087 })).toEqual(['out_of_range', 'unit_suspect']);
    expect(one('ambient_dose_rate', { value: 5 })).toEqual(['out_of_range']);
    // A real emergency (1 mSv/h, above OIL2 ~100 µSv/h) must never be called implausible
    expect(one('ambient_dose_rate', { value: 1e6 })).toEqual([]);
    expect(one('ambient_dose_rate', { value: 1e10 })).toEqual(['out_of_range']);
    expect(one('temperature', { value: -5 })).toEqual([]);
    expect(one('temperature', { value: 75 })).toEqual(['out_of_range']);
    expect(one('wind_direction', { value: 360 })).toEqual([]);
    expect(one('wind_direction', { value: 361 })).toEqual(['out_of_range']);
    expect(one('wind_speed', { value: -1 })).toEqual(['negative', 'out_of_range']);
    expect(one('precipitation', { value: -0.1 })).toEqual(['negative', 'out_of_range']);
  });

  it('a per-station reference overrides the default range (instrument max range, §5.3)', () => {
    const ref = MONITORING_QUANTITY_REFERENCE.ambient_dose_rate!;
    const probe = { ...ref, max: { ...ref.max, value: 1e7 } }; // a 10 mSv/h probe
    const f = qualityFlags('ambient_dose_rate', [{ time: iso(0), value: 2e7 }], {
      now: NOW,
      reference: probe,
    });
    expect(f[0]).toEqual(['out_of_range']);
  });

  it('future time: tolerance 300 s of clock skew (monitoring.json time.futureToleranceS)', () => {
    const now = iso(0);
    expect(one('ambient_dose_rate', { time: new Date(T0 + 240_000).toISOString() }, now)).toEqual([]);
    expect(one('ambient_dose_rate', { time: new Date(T0 + 360_000).toISOString() }, now)).toEqual([
      'future_time',
    ]);
  });

  it('begin after end: the Icelandic EURDEP date-rollover record (§1.3); equal begin and end too', () => {
    expect(one('ambient_dose_rate', { begin: '2013-12-15T23:50Z', time: '2013-12-15T00:00Z' })).toEqual([
      'begin_after_end',
    ]);
    expect(one('ambient_dose_rate', { begin: '2013-12-15T00:00Z', time: '2013-12-15T00:00Z' })).toEqual([
      'begin_after_end',
    ]);
    expect(one('ambient_dose_rate', { begin: '2013-12-14T23:50Z', time: '2013-12-15T00:00Z' })).toEqual([]);
    expect(one('ambient_dose_rate', { begin: 'garbage' })).toEqual(['invalid_time']);
  });

  it('implausible uncertainty: 1.5E+10 (§1.3), negative, NaN, or above 100 % of the value', () => {
    expect(one('ambient_dose_rate', { value: 49, uncertainty: 1.5e10 })).toEqual(['implausible_uncertainty']);
    expect(one('ambient_dose_rate', { uncertainty: -1 })).toEqual(['implausible_uncertainty']);
    expect(one('ambient_dose_rate', { uncertainty: NaN })).toEqual(['implausible_uncertainty']);
    expect(one('ambient_dose_rate', { uncertainty: 81 })).toEqual(['implausible_uncertainty']);
    expect(one('ambient_dose_rate', { uncertainty: 80 })).toEqual([]);
    expect(one('ambient_dose_rate', { uncertainty: 4.1 })).toEqual([]);
    expect(one('ambient_dose_rate', { uncertainty: null })).toEqual([]);
    expect(one('precipitation', { value: 0, uncertainty: 0.1 })).toEqual([]);
  });
});

describe('gaps and offline', () => {
  const times = Array.from({ length: 20 }, (_, i) => iso(i));

  it('finds missing periods with the number of missing intervals', () => {
    const withHoles = times.filter((_, i) => ![5, 6, 7, 15].includes(i));
    expect(gaps(withHoles, 600)).toEqual([
      { from: iso(4), to: iso(8), missingIntervals: 3 },
      { from: iso(14), to: iso(16), missingIntervals: 1 },
    ]);
    expect(gaps(times, 600)).toEqual([]);
  });

  it('tolerates jitter, unsorted, duplicated and invalid times', () => {
    const jitter = times.map((_, i) => new Date(T0 + i * STEP + (i % 2) * 30_000).toISOString());
    expect(gaps(jitter, 600)).toEqual([]);
    const messy = [...times.filter((_, i) => i !== 10)].reverse().concat([iso(3), iso(3), 'nonsense', '']);
    expect(gaps(messy, 600)).toEqual([{ from: iso(9), to: iso(11), missingIntervals: 1 }]);
    expect(gaps([], 600)).toEqual([]);
    expect(gaps([iso(0)], 600)).toEqual([]);
    expect(() => gaps(times, 0)).toThrow(RangeError);
    expect(() => gaps(times, NaN)).toThrow(RangeError);
  });

  it('offline after N missed intervals (Safecast: 2, §3.4)', () => {
    expect(OFFLINE_MISSED_INTERVALS).toBe(2);
    const last = '2025-01-01T10:00:00Z';
    expect(isOffline(last, 600, 2, '2025-01-01T10:10:00Z')).toBe(false);
    expect(isOffline(last, 600, 2, '2025-01-01T10:20:00Z')).toBe(false);
    expect(isOffline(last, 600, 2, '2025-01-01T10:20:01Z')).toBe(true);
    expect(isOffline(last, 3600, 2, '2025-01-01T12:30:00Z')).toBe(true);
    expect(isOffline(last, 3600, 3, '2025-01-01T12:30:00Z')).toBe(false);
    expect(isOffline(last, 600, 2, new Date('2025-01-01T09:00:00Z'))).toBe(false); // last in the future
  });

  it('no or unreadable last time is offline: stale must never look normal (§5.3)', () => {
    expect(isOffline(null, 600, 2, NOW)).toBe(true);
    expect(isOffline(undefined, 600, 2, NOW)).toBe(true);
    expect(isOffline('yesterday', 600, 2, NOW)).toBe(true);
    expect(() => isOffline(iso(0), -600, 2, NOW)).toThrow(RangeError);
    expect(() => isOffline(iso(0), 600, 2, 'not a time')).toThrow(RangeError);
  });
});

describe('hostile inputs', () => {
  it('strict ISO time parsing: a zone is required, calendar must be real', () => {
    expect(parseIsoTime('2013-12-15T00:10Z')).toBe(Date.UTC(2013, 11, 15, 0, 10)); // EURDEP minute precision
    expect(parseIsoTime('2025-01-01T07:00:00+07:00')).toBe(Date.UTC(2025, 0, 1));
    expect(parseIsoTime('2025-01-01T07:00:00+0700')).toBe(Date.UTC(2025, 0, 1));
    expect(parseIsoTime('2025-01-01T00:00:00.123456Z')).toBe(Date.UTC(2025, 0, 1) + 123);
    for (const bad of [
      '2025-01-01T00:00:00',
      '2025-02-30T00:00Z',
      '2025-01-01T24:00Z',
      '12/15/2013',
      '',
      'x',
    ]) {
      expect(parseIsoTime(bad), bad).toBeNull();
    }
    expect(parseIsoTime(null)).toBeNull();
    expect(parseIsoTime(123)).toBeNull();
  });

  it('NaN and Infinity are flagged not_finite and do not disturb their neighbours', () => {
    const s = background();
    s[50] = { ...s[50]!, value: NaN };
    s[51] = { ...s[51]!, value: Infinity };
    s[52] = { ...s[52]!, value: -Infinity };
    const flags = qualityFlags('ambient_dose_rate', s, { now: NOW });
    expect(flagged(flags, 'not_finite')).toEqual([50, 51, 52]);
    expect(flags.filter((f) => f.length > 0)).toHaveLength(3);
    expect(flags[51]).toEqual(['not_finite']);
  });

  it('empty arrays', () => {
    expect(qualityFlags('ambient_dose_rate', [], { now: NOW })).toEqual([]);
    expect(spikeMask('ambient_dose_rate', [])).toEqual([]);
    expect(flatlineMask('ambient_dose_rate', [])).toEqual([]);
  });

  it('unsorted input gives the same flags per point as sorted input, at the original indices', () => {
    const s = background();
    s[70] = { ...s[70]!, value: 160 };
    for (let i = 100; i < 108; i++) s[i] = { ...s[i]!, value: 81.3 };
    const sorted = qualityFlags('ambient_dose_rate', s, { now: NOW });
    const perm = s.map((_, i) => (i * 37) % s.length); // 37 is coprime with 144
    const shuffled = perm.map((i) => s[i]!);
    const flags = qualityFlags('ambient_dose_rate', shuffled, { now: NOW });
    perm.forEach((orig, j) => expect(flags[j], `index ${orig}`).toEqual(sorted[orig]));
  });

  it('duplicated times are flagged; only the first copy feeds the series checks (a resend does not fake a flatline)', () => {
    const s = background(30);
    const resent = [...s, ...s.slice(10, 14)]; // four values sent twice
    const flags = qualityFlags('ambient_dose_rate', resent, { now: NOW });
    expect(flagged(flags, 'duplicate_time')).toEqual([10, 11, 12, 13, 30, 31, 32, 33]);
    expect(flagged(flags, 'flatline')).toEqual([]);
    expect(flagged(flags, 'spike')).toEqual([]);
  });

  it('invalid times and junk entries are flagged, never dropped', () => {
    const s: MonitoringPoint[] = [
      { time: 'yesterday', value: 80 },
      { time: '2025-01-01T00:00:00', value: 80 }, // no zone
      null as unknown as MonitoringPoint,
      { time: iso(3), value: '80' as unknown as number },
    ];
    const flags = qualityFlags('ambient_dose_rate', s, { now: NOW });
    expect(flags).toHaveLength(4);
    expect(flags[0]).toEqual(['invalid_time']);
    expect(flags[1]).toEqual(['invalid_time']);
    expect(flags[2]).toEqual(['not_finite', 'invalid_time']);
    expect(flags[3]).toEqual(['not_finite']);
    expect(() => qualityFlags('ambient_dose_rate', s, { now: 'garbage' })).toThrow(RangeError);
    expect(() => qualityFlags('radon', s, { now: NOW })).toThrow(RangeError);
  });

  it('1,000,000 points complete in one go, and a planted spike is still found', () => {
    const n = 1_000_000;
    const g = noise(42);
    const s: MonitoringPoint[] = new Array<MonitoringPoint>(n);
    for (let i = 0; i < n; i++) s[i] = { time: iso(i), value: Math.round((80 + 3 * g()) * 10) / 10 };
    s[500_000] = { ...s[500_000]!, value: 400 };
    const flags = qualityFlags('ambient_dose_rate', s, { now: '2045-01-01T00:00:00Z' });
    expect(flags).toHaveLength(n);
    expect(flags[500_000]).toEqual(['spike']);
    // and a million clean values (~19 years of 10-min data) raise no false flag at all
    expect(flags.filter((f) => f.length > 0)).toHaveLength(1);
    expect(
      gaps(
        s.map((p) => p.time),
        600,
      ),
    ).toEqual([]);
  });
});
