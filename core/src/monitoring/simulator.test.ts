import { describe, expect, it } from 'vitest';
import { SIMULATOR_REFERENCE, type SimulatorReferenceValue } from '../reference/simulator.js';
import { toCanonical } from './quantities.js';
import {
  alignToInterval,
  createStationModel,
  createWeather,
  DEFAULT_FAULT_RATES,
  explainStation,
  rainPassesAt,
  regionalWind,
  sampleStation,
  sampleStationRange,
  type StationModelParams,
} from './simulator.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const STEP = 600_000; // 10-min values as BfS ODL and EURDEP (monitoring.md §4.1)
const T0 = Date.UTC(2026, 0, 1);
/** Phố Hiến, Hưng Yên (Red River delta). */
const HY = { lat: 20.65, lon: 106.05 };

const model = (p: Partial<StationModelParams> = {}) =>
  createStationModel({ code: 'VN33001', ...HY, seed: 'test', ...p });

const ends = (from: number, to: number, step = STEP) => {
  const out: number[] = [];
  for (let t = from + step; t <= to; t += step) out.push(t);
  return out;
};

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('simulator reference data', () => {
  it('every parameter has a value, a source and a status', () => {
    for (const [group, values] of Object.entries(SIMULATOR_REFERENCE)) {
      if (group === 'edition' || group === 'sources' || group === 'notes') continue;
      for (const [name, v] of Object.entries(values as Record<string, SimulatorReferenceValue<unknown>>)) {
        const what = `${group}.${name}`;
        const numbers = Array.isArray(v.value) ? v.value : [v.value];
        for (const n of numbers) expect(Number.isFinite(n), what).toBe(true);
        expect(v.source.length, what).toBeGreaterThan(0);
        expect(['verified', 'to_verify'], what).toContain(v.status);
      }
    }
    expect(SIMULATOR_REFERENCE.rain.eventsPerWeekByMonth.value).toHaveLength(12);
  });
});

describe('station simulator', () => {
  it('draws backgrounds in the Red River delta range of 60–120 nSv/h', () => {
    // monitoring.md §5.1: "expect typical station values of about 60–120 nSv/h" (Hien et al. 2002; Hanoi 0.068 µSv/h).
    const backgrounds = Array.from({ length: 400 }, (_, i) => model({ code: `VN3${i}` }).backgroundNSvH);
    expect(Math.min(...backgrounds)).toBeGreaterThanOrEqual(60);
    expect(Math.max(...backgrounds)).toBeLessThanOrEqual(120);
    expect(Math.min(...backgrounds)).toBeLessThan(65);
    expect(Math.max(...backgrounds)).toBeGreaterThan(115);
    expect(model({ backgroundNSvH: 75 }).backgroundNSvH).toBe(75);
  });

  it('dry values scatter by 3–5 % around a background with a small dawn maximum', () => {
    // Issue 4 point 9: noise 3–5 %, daily cycle ±2–3 %; monitoring.md §1.3: 47–59 nSv/h around 50 nSv/h.
    const m = model({ faults: false });
    const details = ends(T0, T0 + 60 * DAY).map((t) => explainStation(m, t));
    const dry = details.filter((d) => d.washoutNSvH < 0.001 * d.baseNSvH);
    expect(dry.length).toBeGreaterThan(details.length / 2);
    const rel = dry.map((d) => (d.measuredNSvH ?? 0) / d.baseNSvH - 1);
    const sd = Math.sqrt(mean(rel.map((r) => r * r)));
    expect(sd).toBeGreaterThan(0.03);
    expect(sd).toBeLessThan(0.05);
    expect(Math.abs(mean(dry.map((d) => d.baseNSvH)) / m.backgroundNSvH - 1)).toBeLessThan(0.01);

    const byHour = (h: number) =>
      mean(dry.filter((d) => new Date(d.endMs + 7 * HOUR).getUTCHours() === h).map((d) => d.baseNSvH));
    const dawn = byHour(5);
    const afternoon = byHour(17);
    // 2 × 2.5 % between maximum and minimum (simulator.json dailyAmplitude), ± the drift.
    expect(dawn / afternoon - 1).toBeGreaterThan(0.035);
    expect(dawn / afternoon - 1).toBeLessThan(0.065);
  });

  it('has a few rain events a week, shared by neighbours, that raise the dose rate ×1.5–2.2 and fade within hours', () => {
    const weather = createWeather({ seed: 'rain' });
    const m = model({ weather, faults: false });
    const years = rainPassesAt(weather, HY.lat, HY.lon, T0, T0 + 3 * 365 * DAY);
    const year = years.filter((p) => p.startMs < T0 + 365 * DAY);
    const perWeek = year.length / 52;
    const configured = mean(SIMULATOR_REFERENCE.rain.eventsPerWeekByMonth.value);
    expect(perWeek).toBeGreaterThan(configured * 0.6);
    expect(perWeek).toBeLessThan(configured * 1.5);
    const wet = year.filter((p) => new Date(p.startMs).getUTCMonth() === 6).length;
    const dry = year.filter((p) => new Date(p.startMs).getUTCMonth() === 0).length;
    expect(wet).toBeGreaterThan(dry);

    // monitoring.md §4.1 (BfS): rain can raise the ODL "up to about double", back to normal "within a few hours";
    // §5.4: peaks "decay within a few hours". A strong, long shower on a rested station rises ×1.5–2.2.
    const strong = years.filter(
      (p) =>
        p.factor > 0.8 &&
        p.cell.peakMmH * p.factor > 3 &&
        p.endMs - p.startMs >= 3 * HOUR &&
        p.depletion > 0.9,
    );
    expect(strong.length).toBeGreaterThanOrEqual(3);
    for (const p of strong) {
      const during = ends(alignToInterval(m, p.startMs), p.endMs + HOUR).map((t) => explainStation(m, t));
      const peak = Math.max(...during.map((d) => (d.baseNSvH + d.washoutNSvH) / d.baseNSvH));
      expect(peak).toBeGreaterThan(1.5);
      expect(peak).toBeLessThan(2.2);
      expect(during.some((d) => d.precipitationMm > 0)).toBe(true);
      const later = explainStation(m, alignToInterval(m, p.endMs + 3 * HOUR));
      expect(later.washoutNSvH / later.baseNSvH).toBeLessThan(0.05);
    }
    // A shower on the same day as an earlier one gives a smaller rise (§5.4: the air is already cleaned).
    const followers = year.filter((p) => p.depletion < 0.7);
    expect(followers.length).toBeGreaterThan(0);

    // Neighbours 3 km apart get (almost) the same rain; a station 400 km away does not.
    const hourly = (lat: number, lon: number) => {
      const s = createStationModel({ code: 'VN33009', lat, lon, seed: 'test', weather, faults: false });
      return ends(T0 + 180 * DAY, T0 + 240 * DAY, HOUR).map((t) =>
        ends(t - HOUR, t).reduce((sum, e) => sum + explainStation(s, e).precipitationMm, 0),
      );
    };
    const corr = (a: number[], b: number[]) => {
      const ma = mean(a);
      const mb = mean(b);
      const cov = mean(a.map((x, i) => (x - ma) * ((b[i] ?? 0) - mb)));
      return cov / Math.sqrt(mean(a.map((x) => (x - ma) ** 2)) * mean(b.map((x) => (x - mb) ** 2)));
    };
    const here = hourly(HY.lat, HY.lon);
    expect(here.some((x) => x > 0)).toBe(true);
    expect(corr(here, hourly(HY.lat + 0.02, HY.lon + 0.02))).toBeGreaterThan(0.8);
    expect(corr(here, hourly(HY.lat + 3.6, HY.lon))).toBeLessThan(0.3);
  });

  it('sends precipitation, temperature and wind that look like the delta', () => {
    const m = model({ faults: false });
    const jan = sampleStationRange(m, T0, T0 + 7 * DAY);
    const jul = sampleStationRange(m, T0 + 185 * DAY, T0 + 192 * DAY);
    const values = (items: typeof jan, q: string) =>
      items.filter((i) => i.quantity === q).map((i) => i.value);
    expect(mean(values(jan, 'temperature'))).toBeGreaterThan(12);
    expect(mean(values(jan, 'temperature'))).toBeLessThan(22);
    expect(mean(values(jul, 'temperature'))).toBeGreaterThan(25);
    expect(Math.min(...values(jan, 'precipitation'))).toBe(0);
    for (const q of ['wind_speed', 'precipitation'])
      expect(Math.min(...values(jul, q))).toBeGreaterThanOrEqual(0);
    for (const d of values(jan, 'wind_direction')) expect(d >= 0 && d < 360).toBe(true);
    // North-east monsoon in January, south-east wind in July (CLIMATE-HN).
    const w = createWeather({ seed: 1 });
    const dirs = (from: number) =>
      ends(from, from + 10 * DAY, HOUR).map((t) => regionalWind(w, t, HY.lon).fromDeg);
    expect(mean(dirs(T0))).toBeLessThan(mean(dirs(T0 + 190 * DAY)));
    // Every item's unit converts to the canonical one (so the server accepts it).
    for (const item of [...jan, ...jul]) {
      const r = toCanonical(item.quantity, item.value, item.unit);
      expect('value' in r, `${item.quantity} ${item.unit}`).toBe(true);
    }
  });

  it('produces spikes, stuck values and silences at roughly the configured rates', () => {
    const stations = Array.from({ length: 8 }, (_, i) => model({ code: `VN3300${i}` }));
    const days = 150;
    const counts = { spike: 0, stuck: 0, silence: 0 };
    const stuck: ReturnType<typeof explainStation>[] = [];
    for (const m of stations) {
      let previous: string | null = null;
      for (const t of ends(T0, T0 + days * DAY)) {
        const d = explainStation(m, t);
        if (d.fault === 'stuck' && (stuck.length === 0 || stuck[0]!.items[0]!.station === m.code))
          stuck.push(d);
        if (d.fault === 'spike') {
          counts.spike++;
          expect(d.measuredNSvH! / d.trueNSvH).toBeGreaterThan(3);
        }
        if (d.fault && d.fault !== previous && d.fault !== 'spike') counts[d.fault]++;
        if (d.fault === 'silence') expect(d.items).toEqual([]);
        previous = d.fault;
      }
    }
    const stationDays = stations.length * days;
    const expected = {
      spike: DEFAULT_FAULT_RATES.spikePerDay * stationDays,
      stuck: DEFAULT_FAULT_RATES.stuckPerDay * stationDays,
      silence: DEFAULT_FAULT_RATES.silencePerDay * stationDays,
    };
    // Poisson counts: within about ±3σ of the expectation (a stuck or silent episode may merge with a neighbour).
    for (const kind of ['spike', 'stuck', 'silence'] as const) {
      const e = expected[kind];
      expect(counts[kind], kind).toBeGreaterThan(e - 3 * Math.sqrt(e) - 0.1 * e);
      expect(counts[kind], kind).toBeLessThan(e + 3 * Math.sqrt(e));
    }

    // A stuck probe repeats exactly the same value; the other quantities go on.
    const first = stuck[0]!;
    const run = stuck.filter((d) => d.endMs - first.endMs < 2 * HOUR);
    expect(run.length).toBeGreaterThanOrEqual(6); // ≥ the 1-h flatline run of monitoring.json
    expect(new Set(run.map((d) => d.items[0]!.value)).size).toBe(1);
    expect(run.map((d) => d.items.find((i) => i.quantity === 'precipitation'))).not.toContain(undefined);

    expect(explainStation(model({ faults: false }), T0 + STEP).fault).toBeNull();
    const noisy = model({ faults: { spikePerDay: 144 } });
    expect(
      ends(T0, T0 + DAY).filter((t) => explainStation(noisy, t).fault === 'spike').length,
    ).toBeGreaterThan(100);
  });

  it('is deterministic: the same seed gives the same data, backfill and live agree', () => {
    const a = sampleStationRange(model(), T0, T0 + 3 * DAY);
    const b = sampleStationRange(model(), T0, T0 + 3 * DAY);
    expect(a).toEqual(b);
    expect(sampleStationRange(model({ seed: 'other' }), T0, T0 + 3 * DAY)).not.toEqual(a);
    // Live stepping on a fresh model (empty caches) from the middle gives the backfilled values.
    const live = model();
    const stepped = ends(T0 + 2 * DAY, T0 + 3 * DAY).flatMap((t) => sampleStation(live, t));
    const backfilled = a.filter((i) => Date.parse(i.end) > T0 + 2 * DAY);
    expect(stepped).toEqual(backfilled);
    // Periods are contiguous and aligned; nothing lies outside the range.
    const doses = a.filter((i) => i.quantity === 'ambient_dose_rate');
    for (const d of doses) {
      expect(Date.parse(d.end) - Date.parse(d.begin)).toBe(STEP);
      expect(Date.parse(d.end) % STEP).toBe(0);
    }
    expect(doses.length).toBeLessThanOrEqual(3 * 144);
    expect(doses.length).toBeGreaterThan(3 * 144 * 0.7);
  });

  it('adds the extraDose hook to the background (exercises)', () => {
    const release = (code: string, t: number) => (code === 'VN33001' && t > T0 + 6 * HOUR ? 500 : 0);
    const m = model({ faults: false });
    const before = explainStation(m, T0 + 6 * HOUR, { extraDose: release });
    const after = explainStation(m, T0 + 7 * HOUR, { extraDose: release });
    const plain = explainStation(m, T0 + 7 * HOUR);
    expect(before.extraNSvH).toBe(0);
    expect(after.extraNSvH).toBe(500);
    expect(after.trueNSvH - plain.trueNSvH).toBeCloseTo(500, 6);
    expect(after.measuredNSvH! / plain.measuredNSvH!).toBeGreaterThan(5);
    // The hook on the model, switched off per call; other stations are untouched.
    const hooked = model({ faults: false, extraDose: release });
    expect(explainStation(hooked, T0 + 7 * HOUR).extraNSvH).toBe(500);
    expect(explainStation(hooked, T0 + 7 * HOUR, { extraDose: null }).extraNSvH).toBe(0);
    expect(explainStation(model({ code: 'VN33002', extraDose: release }), T0 + 7 * HOUR).extraNSvH).toBe(0);
    // Hostile hooks: NaN, Infinity and negative values add nothing.
    for (const bad of [NaN, Infinity, -50, 'x' as unknown as number])
      expect(explainStation(m, T0 + 7 * HOUR, { extraDose: () => bad }).trueNSvH).toBe(plain.trueNSvH);
  });

  it('counters send their count rate with the sensor, from which the server derives the dose rate', () => {
    const counter = { sensor: 'GM-1', nSvPerHourPerCps: 8.5, backgroundCps: 0.2 };
    const m = model({ counter, faults: false });
    for (const t of ends(T0, T0 + DAY)) {
      const d = explainStation(m, t);
      expect(d.items.filter((i) => i.quantity === 'ambient_dose_rate')).toEqual([]);
      const cps = d.items.find((i) => i.quantity === 'count_rate')!;
      expect(cps).toMatchObject({ unit: 'cps', sensor: 'GM-1' });
      // H*(10) = (gross − counter background) × factor, as core/src/monitoring/ingest.ts derives it.
      expect((cps.value - 0.2) * 8.5).toBeCloseTo(d.measuredNSvH!, 0);
      expect(d.measuredNSvH! / d.trueNSvH).toBeGreaterThan(0.85);
      expect(d.measuredNSvH! / d.trueNSvH).toBeLessThan(1.15);
    }
    const dose = sampleStation(model({ unit: 'uSv/h' }), T0 + STEP)[0]!;
    expect(dose).toMatchObject({ quantity: 'ambient_dose_rate', unit: 'uSv/h' });
    expect(dose.value).toBeGreaterThan(0.05);
    expect(dose.value).toBeLessThan(0.15);
  });

  it('refuses impossible parameters and never sends impossible values', () => {
    for (const bad of [
      { code: '' },
      { lat: NaN },
      { lat: 91 },
      { lon: 200 },
      { intervalS: 0 },
      { intervalS: 1.5 },
      { intervalS: 100_000 },
      { backgroundNSvH: -1 },
      { backgroundNSvH: Infinity },
      { counter: { sensor: 'x', nSvPerHourPerCps: 0 } },
      { faults: { spikePerDay: -1 } },
      { unit: 'mSv/h' as 'nSv/h' },
    ])
      expect(() => model(bad), JSON.stringify(bad)).toThrow(/simulator: /);
    expect(() => sampleStation(model(), NaN)).toThrow(/endMs/);

    const hourly = model({ intervalS: 3600, backgroundNSvH: 60 });
    for (const item of sampleStationRange(hourly, T0, T0 + 30 * DAY)) {
      expect(Number.isFinite(item.value)).toBe(true);
      if (item.quantity !== 'temperature') expect(item.value).toBeGreaterThanOrEqual(0);
    }
  });
});
