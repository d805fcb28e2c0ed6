import { describe, expect, it } from 'vitest';
import doseJson from '../reference/dose.json' with { type: 'json' };
import paJson from '../reference/protective-actions.json' with { type: 'json' };
import { BREATHING_RATES, DOSE_REFERENCE_SOURCES, findDoseNuclide } from '../reference/dose.js';
import {
  DEFAULT_PROTECTIVE_ACTION_RULES,
  PROTECTIVE_ACTION_RULE_SETS,
  PROTECTIVE_ACTION_SOURCES,
} from '../reference/protective-actions.js';
import {
  cloudshineDose,
  decayIntegralS,
  groundshineDose,
  groundshineDoseRate,
  inhalationDose,
  protectiveActionPeriodsS,
  protectiveActions,
  thyroidDose,
  totalDose,
} from './dose.js';

const DAY = 86_400;
const WEEK = 7 * DAY;
const YEAR = 365.25 * DAY;
const rel = (a: number, b: number) => Math.abs(a / b - 1);

describe('reference data (dose.json, protective-actions.json)', () => {
  it('every value names a known source and a status', () => {
    const statuses = new Set(['verified', 'to_verify']);
    const keyOf = (s: string) => s.split(/[\s(:;]/)[0]!;
    const walk = (node: unknown, sources: Record<string, string>, path: string) => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, sources, `${path}[${i}]`));
      if (node === null || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      if ('source' in o && path !== '') {
        expect(statuses.has(o.status as string), `${path}.status`).toBe(true);
        expect(keyOf(o.source as string) in sources, `${path}.source ${String(o.source)}`).toBe(true);
      }
      for (const [k, v] of Object.entries(o)) if (k !== 'sources') walk(v, sources, `${path}.${k}`);
    };
    walk(doseJson.nuclides, DOSE_REFERENCE_SOURCES, 'nuclides');
    walk(doseJson.breathingRates, DOSE_REFERENCE_SOURCES, 'breathingRates');
    walk(paJson.ruleSets, PROTECTIVE_ACTION_SOURCES, 'ruleSets');
  });

  it('holds the ICRP 72 public inhalation coefficients of physics.md §4.3 (ICRP 119 Annex G) and the default types', () => {
    // physics.md §4.3 table (ICRP 119 Annex G = ICRP 72), Sv/Bq.
    const cs = findDoseNuclide('Cs-137')!;
    expect(cs.inhalation.F!.values).toEqual({
      infant: 8.8e-9,
      '1y': 5.4e-9,
      '5y': 3.6e-9,
      '10y': 3.7e-9,
      '15y': 4.4e-9,
      adult: 4.6e-9,
    });
    expect(cs.defaultLungType!.value).toBe('F');
    expect(findDoseNuclide('Co-60')!.inhalation.M!.values.adult).toBe(1.0e-8);
    expect(findDoseNuclide('Sr-90')!.inhalation.M!.values['10y']).toBe(5.1e-8);
    expect(findDoseNuclide('I-131')!.inhalation.F!.values['1y']).toBe(7.2e-8);
    expect(findDoseNuclide('I-131')!.inhalation.V!.values.adult).toBe(2.0e-8); // Annex H, elemental I2
    expect(findDoseNuclide('Pu-239')!.inhalation.M!.values.adult).toBe(5.0e-5);
    expect(findDoseNuclide('Am-241')!.inhalation.F!.values.adult).toBe(9.6e-5);
    expect(findDoseNuclide('Ir-192')!.inhalation.M!.values.adult).toBe(5.2e-9);
    expect(findDoseNuclide('Se-75')!.inhalation.S!.values.adult).toBe(1.3e-9);
    // Half-lives come from nuclides.json where it knows them (I-131 8.0252 d, ENSDF).
    expect(findDoseNuclide('I-131')!.halfLifeSeconds).toBeCloseTo(8.0252 * DAY, 3);
    expect(findDoseNuclide('Xx-999')).toBeNull();
  });

  it('cross-check (independent source): DOE-STD-1196-2011 Table A2 reference-person Cs-137 F 4.60e-9 Sv/Bq (physics.md §4.3)', () => {
    expect(rel(findDoseNuclide('Cs-137')!.inhalation.F!.values.adult!, 4.6e-9)).toBeLessThan(0.01);
  });

  it('cross-check (independent source): Cs-137 → Ba-137m branching 0.9457 used by SAFRAN after IAEA SRS-19', () => {
    // http://safran.facilia.se/safran/show/Dose%20coefficients%20for%20external%20exposure%20from%20the%20cloud:
    // "Cs-137 Ba-137m (0.9457)" (progeny added following IAEA Safety Reports Series No. 19).
    const b = findDoseNuclide('Cs-137')!.progeny.find((p) => p.nuclide === 'Ba-137m')!.branching;
    expect(rel(b, 0.9457)).toBeLessThan(0.002);
  });

  it('GSR Part 7 Appendix II generic criteria and GSG-2 Table 8 OILs as data (physics.md §5.1, §5.2)', () => {
    const g = Object.fromEntries(DEFAULT_PROTECTIVE_ACTION_RULES.generic.map((c) => [c.code, c]));
    expect(g['GSR7-URGENT-E']).toMatchObject({ quantity: 'effective', periodS: WEEK, thresholdSv: 0.1 });
    expect(g['GSR7-ITB']).toMatchObject({ quantity: 'thyroid', periodS: WEEK, thresholdSv: 0.05 });
    expect(g['GSR7-EARLY-E']).toMatchObject({ quantity: 'effective', periodS: YEAR, thresholdSv: 0.1 });
    const o = Object.fromEntries(DEFAULT_PROTECTIVE_ACTION_RULES.oils.map((c) => [c.code, c.threshold]));
    expect([o.OIL1, o.OIL2, o.OIL3, o.OIL4]).toEqual([1000, 100, 1, 1]);
    expect(protectiveActionPeriodsS()).toEqual([WEEK, 2629800, YEAR]);
    // ARPANSA RPS G-3 Table A.1 (amended) [V]: OIL1a 500 µSv/h, OIL2 50 µSv/h in the first 7 days.
    const a = Object.fromEntries(
      PROTECTIVE_ACTION_RULE_SETS['ARPANSA-G3']!.oils.map((c) => [c.code, c.threshold]),
    );
    expect([a.OIL1a, a['OIL2-7D']]).toEqual([500, 50]);
  });
});

describe('inhalation and thyroid dose (physics.md §4.1: E = BR · TIC · e)', () => {
  it('worked example: 1 Bq·s/m³ of Cs-137 (type F) inhaled by an adult = 4.6e-9 Sv/Bq × 3.33e-4 m³/s', () => {
    // ICRP 72 / ICRP 119 Annex G adult Cs-137 F 4.6e-9 (physics.md §4.3); HotSpot breathing rate 3.33e-4 (§4.2).
    const r = inhalationDose({ nuclide: 'Cs-137', ticBqSPerM3: 1 });
    expect(r.lungType).toBe('F');
    expect(r.complete).toBe(true);
    expect(r.doseSv).toBeCloseTo(4.6e-9 * 3.33e-4, 25);
    expect(rel(r.doseSv, 1.5318e-12)).toBeLessThan(1e-4);
    expect(r.intakeBq).toBeCloseTo(3.33e-4, 12);
  });

  it('child (1 y) I-131 type F uses the 1 y coefficient 7.2e-8 Sv/Bq and the ICRP 71 1 y breathing rate', () => {
    const r = inhalationDose({ nuclide: 'i-131', ticBqSPerM3: 1e6, ageGroup: '1y' });
    expect(r.coefficientSvPerBq).toBe(7.2e-8);
    expect(r.breathingRateM3PerS).toBe(BREATHING_RATES['1y'].value);
    expect(r.doseSv).toBeCloseTo(1e6 * 5.972e-5 * 7.2e-8, 15);
  });

  it('a breathing-rate override and an explicit lung type are honoured (Co-60 type S adult 3.1e-8)', () => {
    const r = inhalationDose({
      nuclide: 'Co-60',
      ticBqSPerM3: 100,
      lungType: 'S',
      breathingRateM3PerS: 2.57e-4,
    });
    expect(r.doseSv).toBeCloseTo(100 * 2.57e-4 * 3.1e-8, 20);
  });

  it('reports missing data instead of guessing', () => {
    // Pu-239 default type M has only an adult value in physics.md §4.3.
    const pu = inhalationDose({ nuclide: 'Pu-239', ticBqSPerM3: 1, ageGroup: '10y' });
    expect(pu).toMatchObject({ doseSv: 0, complete: false, lungType: 'M' });
    expect(pu.missing).toEqual([
      { nuclide: 'Pu-239', pathway: 'inhalation', reason: 'no_coefficient_for_age' },
    ]);
    expect(inhalationDose({ nuclide: 'Se-75', ticBqSPerM3: 1 }).missing[0]!.reason).toBe(
      'no_default_lung_type',
    );
    expect(inhalationDose({ nuclide: 'Ba-137m', ticBqSPerM3: 1, lungType: 'F' }).missing[0]!.reason).toBe(
      'no_coefficient_for_lung_type',
    );
    expect(inhalationDose({ nuclide: 'Unobtainium-1', ticBqSPerM3: 1 }).missing[0]!.reason).toBe(
      'unknown_nuclide',
    );
    expect(thyroidDose({ nuclide: 'Cs-137', ticBqSPerM3: 1 }).missing[0]!.reason).toBe(
      'no_thyroid_coefficient',
    );
  });

  it('thyroid dose of I-131 (F, adult) uses h_thyroid ≈ 1.5e-7 Sv/Bq (physics.md §4.3, e/w_T); 50 mSv ↔ 1.0e9 Bq·s/m³', () => {
    const tic = 0.05 / (1.5e-7 * 3.33e-4);
    const r = thyroidDose({ nuclide: 'I-131', ticBqSPerM3: tic });
    expect(r.doseSv).toBeCloseTo(0.05, 12);
    expect(rel(tic, 1.0e9)).toBeLessThan(0.002);
  });

  it('rejects negative, NaN and infinite inputs naming the field', () => {
    expect(() => inhalationDose({ nuclide: 'Cs-137', ticBqSPerM3: -1 })).toThrow(/ticBqSPerM3/);
    expect(() => inhalationDose({ nuclide: 'Cs-137', ticBqSPerM3: NaN })).toThrow(/ticBqSPerM3/);
    expect(() => groundshineDose({ nuclide: 'Cs-137', depositionBqPerM2: 1, durationS: Infinity })).toThrow(
      /durationS/,
    );
    expect(() => inhalationDose({ nuclide: 'Cs-137', ticBqSPerM3: 1, ageGroup: 'old' as never })).toThrow(
      /ageGroup/,
    );
  });
});

describe('cloudshine and groundshine (FGR 15, physics.md §4.4)', () => {
  it('Cs-137 + 0.944 Ba-137m: 2.550e-14 Sv·m³/(Bq·s) submersion and 3.760e-16 Sv·m²/(Bq·s) ground (§4.4 [C])', () => {
    const c = cloudshineDose({ nuclide: 'Cs-137', ticBqSPerM3: 1 });
    expect(rel(c.coefficient, 2.55e-14)).toBeLessThan(5e-4);
    expect(c.contributors).toEqual(['Cs-137', 'Ba-137m']);
    const g = groundshineDoseRate({ nuclide: 'Cs-137', depositionBqPerM2: 1 });
    expect(rel(g.coefficient, 3.76e-16)).toBeLessThan(5e-4);
    // Without progeny only the β bremsstrahlung of Cs-137 itself: 3.89e-16.
    expect(cloudshineDose({ nuclide: 'Cs-137', ticBqSPerM3: 1, includeProgeny: false }).doseSv).toBe(
      3.89e-16,
    );
  });

  it('Sr-90 + Y-90: 3.583e-15 submersion and 1.535e-16 ground (§4.4 [C])', () => {
    expect(rel(cloudshineDose({ nuclide: 'Sr-90', ticBqSPerM3: 1 }).doseSv, 3.583e-15)).toBeLessThan(5e-4);
    expect(
      rel(groundshineDoseRate({ nuclide: 'Sr-90', depositionBqPerM2: 1 }).doseSv, 1.535e-16),
    ).toBeLessThan(5e-4);
  });

  it('sanity check of §4.4: Cs-137 at 1 MBq/m² gives 1.35 µSv/h at 1 m', () => {
    const r = groundshineDoseRate({ nuclide: 'Cs-137', depositionBqPerM2: 1e6 });
    expect(r.doseSv * 3600 * 1e6).toBeCloseTo(1.35, 2);
  });

  it('Co-60 child (1 y) cloudshine uses the FGR 15 1 y value 1.45e-13; other child ages fall back to adult, flagged', () => {
    const c1 = cloudshineDose({ nuclide: 'Co-60', ticBqSPerM3: 1, ageGroup: '1y' });
    expect(c1.doseSv).toBe(1.45e-13);
    expect(c1.adultCoefficientUsed).toBe(false);
    const c10 = cloudshineDose({ nuclide: 'Co-60', ticBqSPerM3: 1, ageGroup: '10y' });
    expect(c10.doseSv).toBe(1.18e-13);
    expect(c10.adultCoefficientUsed).toBe(true);
  });

  it('I-131 groundshine over 7 days with decay equals the closed form DCF·Dep·T½/ln2·(1 − 2^(−T/T½))', () => {
    const dep = 1e6;
    const t12 = 8.0252 * DAY; // nuclides.json (ENSDF)
    const closed = 2.44e-16 * dep * (t12 / Math.LN2) * (1 - Math.pow(2, -WEEK / t12));
    const r = groundshineDose({ nuclide: 'I-131', depositionBqPerM2: dep, durationS: WEEK });
    expect(rel(r.doseSv, closed)).toBeLessThan(1e-12);
    // Independent numerical check: Simpson's rule on the decaying dose rate.
    const n = 2000;
    const h = WEEK / n;
    let s = 0;
    for (let k = 0; k <= n; k++) {
      const w = k === 0 || k === n ? 1 : k % 2 ? 4 : 2;
      s += w * groundshineDoseRate({ nuclide: 'I-131', depositionBqPerM2: dep, atS: k * h }).doseSv;
    }
    expect(rel(r.doseSv, (s * h) / 3)).toBeLessThan(1e-9);
    // Decay removes about 1 − (1 − 2^(−7/8.0252))/(7/8.0252·ln2) ≈ 25 % of the undecayed dose (ratio 0.750).
    const noDecay = groundshineDose({
      nuclide: 'I-131',
      depositionBqPerM2: dep,
      durationS: WEEK,
      includeDecay: false,
    });
    expect(rel(noDecay.doseSv, 2.44e-16 * dep * WEEK)).toBeLessThan(1e-12);
    expect(r.doseSv / noDecay.doseSv).toBeCloseTo(0.7504, 3);
  });

  it('decayIntegralS stays exact for very long half-lives (Pu-239) and short durations', () => {
    expect(rel(decayIntegralS(24110 * YEAR, 1), 1)).toBeLessThan(1e-12);
    expect(decayIntegralS(1, 0)).toBe(0);
  });
});

describe('totalDose and protectiveActions', () => {
  it('sums pathways per period and matches the single-pathway functions', () => {
    const r = totalDose({
      nuclides: [
        { nuclide: 'Cs-137', ticBqSPerM3: 1e9, depositionBqPerM2: 1e7 },
        { nuclide: 'I-131', ticBqSPerM3: 2e9, depositionBqPerM2: 2e7 },
      ],
      durationsS: [WEEK, YEAR],
    });
    expect(r.complete).toBe(true);
    const inh =
      inhalationDose({ nuclide: 'Cs-137', ticBqSPerM3: 1e9 }).doseSv +
      inhalationDose({ nuclide: 'I-131', ticBqSPerM3: 2e9 }).doseSv;
    const cloud =
      cloudshineDose({ nuclide: 'Cs-137', ticBqSPerM3: 1e9 }).doseSv +
      cloudshineDose({ nuclide: 'I-131', ticBqSPerM3: 2e9 }).doseSv;
    const g7 =
      groundshineDose({ nuclide: 'Cs-137', depositionBqPerM2: 1e7, durationS: WEEK }).doseSv +
      groundshineDose({ nuclide: 'I-131', depositionBqPerM2: 2e7, durationS: WEEK }).doseSv;
    expect(r.periods[0]!.inhalationSv).toBeCloseTo(inh, 15);
    expect(r.periods[0]!.cloudshineSv).toBeCloseTo(cloud, 15);
    expect(r.periods[0]!.groundshineSv).toBeCloseTo(g7, 15);
    expect(r.periods[0]!.effectiveSv).toBeCloseTo(inh + cloud + g7, 15);
    expect(r.periods[1]!.groundshineSv).toBeGreaterThan(g7);
    expect(r.periods[0]!.thyroidSv).toBeCloseTo(
      thyroidDose({ nuclide: 'I-131', ticBqSPerM3: 2e9 }).doseSv,
      15,
    );
    expect(r.perNuclide[0]!.thyroidSv).toBe(0); // Cs-137 is not radioiodine: not counted, not missing
  });

  it('lists missing pathways and marks the periods incomplete', () => {
    const r = totalDose({
      nuclides: [{ nuclide: 'Pu-239', ticBqSPerM3: 1e3, depositionBqPerM2: 1e3 }],
      durationsS: [WEEK],
      ageGroup: '5y',
    });
    expect(r.complete).toBe(false);
    expect(r.periods[0]!.complete).toBe(false);
    expect(r.missing).toEqual([
      { nuclide: 'Pu-239', pathway: 'inhalation', reason: 'no_coefficient_for_age' },
    ]);
  });

  it('flags GSR Part 7 urgent criteria (100 mSv E and 50 mSv thyroid in 7 days) with codes', () => {
    const res = protectiveActions({
      doses: [
        { periodS: WEEK, effectiveSv: 0.12, thyroidSv: 0.04, complete: true },
        { periodS: YEAR, effectiveSv: 0.09 },
      ],
    });
    expect(res.ruleSetId).toBe('IAEA-GSR7');
    expect(res.exceeded.map((f) => f.code)).toEqual(['GSR7-URGENT-E']);
    expect(res.exceeded[0]!.ratio).toBeCloseTo(1.2, 12);
    expect(res.actions).toContain('evacuation');
    expect(res.actions).toContain('sheltering');
    expect(res.notExceeded.map((f) => f.code)).toEqual(['GSR7-ITB', 'GSR7-EARLY-E']);
    const notEval = Object.fromEntries(res.notEvaluated.map((f) => [f.code, f.reason]));
    expect(notEval['GSR7-URGENT-FETUS']).toBe('no_dose_for_period');
    expect(notEval['GSR7-MEDICAL-E']).toBe('no_dose_for_period');
    expect(notEval.OIL1).toBe('no_value_for_quantity');
  });

  it('a dose exactly at the criterion exceeds it; totalDose periods feed the engine directly', () => {
    expect(
      protectiveActions({ doses: [{ periodS: WEEK, thyroidSv: 0.05 }] }).exceeded.map((f) => f.code),
    ).toEqual(['GSR7-ITB']);
    const tic = 0.06 / (1.5e-7 * 3.33e-4); // 60 mSv adult thyroid
    const t = totalDose({
      nuclides: [{ nuclide: 'I-131', ticBqSPerM3: tic, depositionBqPerM2: 0 }],
      durationsS: protectiveActionPeriodsS(),
    });
    const res = protectiveActions({ doses: t.periods });
    expect(res.exceeded.map((f) => f.code)).toContain('GSR7-ITB');
  });

  it('evaluates OILs (GSG-2 Table 8): 150 µSv/h exceeds OIL2 and OIL3, not OIL1', () => {
    const res = protectiveActions({ measurements: { ambient_dose_rate_1m: 150 } });
    expect(res.exceeded.map((f) => f.code)).toEqual(['OIL2', 'OIL3']);
    expect(res.notExceeded.map((f) => f.code)).toEqual(['OIL1']);
    expect(() => protectiveActions({ measurements: { ambient_dose_rate_1m: -1 } })).toThrow(
      /ambient_dose_rate_1m/,
    );
  });

  it('takes another rule set: ARPANSA RPS G-3 OIL2 50 µSv/h in the first 7 days, plus a hand-made provincial rule', () => {
    const arpansa = PROTECTIVE_ACTION_RULE_SETS['ARPANSA-G3']!;
    const res = protectiveActions({ measurements: { ambient_dose_rate_1m: 60 } }, arpansa);
    expect(res.exceeded.map((f) => f.code)).toEqual(['ITB-CHILD', 'OIL2-7D', 'OIL3']); // 60 < 100 µSv/h adult ITB
    expect(arpansa.generic.map((g) => g.code)).toContain('GSR7-URGENT-E'); // inherited generic criteria
    const provincial = {
      id: 'provincial-test',
      name: 'test',
      generic: [{ ...DEFAULT_PROTECTIVE_ACTION_RULES.generic[1]!, code: 'P-SHELTER', thresholdSv: 0.01 }],
      oils: [],
    };
    expect(
      protectiveActions({ doses: [{ periodS: WEEK, effectiveSv: 0.02 }] }, provincial).exceeded[0]!.code,
    ).toBe('P-SHELTER');
  });
});
