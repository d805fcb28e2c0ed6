import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CORDON_CRITERION_USV_PER_H,
  CORDON_DEFAULT_RADII,
  CORDON_MODEL_REFERENCE,
  CORDON_NUCLIDES,
  CORDON_REFERENCE_SOURCES,
  findCordonNuclide,
  type CordonReferenceValue,
} from '../reference/cordon.js';
import type * as CordonReference from '../reference/cordon.js';
import { findNuclide } from '../reference/nuclides.js';
import { CORDON_SITUATIONS, SHIELD_MATERIALS } from '../schemas/emergency.js';
import {
  cordon,
  cordonRadius,
  CordonInputError,
  doseRateAt,
  doseRateProfile,
  shieldTransmission,
  type ShieldingInput,
} from './cordon.js';

const TBQ = 1e12;
const GBQ = 1e9;

function fieldOf(fn: () => unknown): { field: string; code: string; message: string } {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CordonInputError);
    expect(e).toBeInstanceOf(RangeError);
    const err = e as CordonInputError;
    return { field: err.field, code: err.code, message: err.message };
  }
  throw new Error('expected a CordonInputError');
}

describe('cordon reference data', () => {
  // Γ H*(10) in µSv·m²/(MBq·h): shared/reference/physics.md §5.6 Γ table (computed from ENSDF/ICRP 107 lines with
  // ICRP 74 H*(10)/Φ), cross-checked there against Ahmed Table 11.2.3.
  it.each([
    ['Co-60', 0.348],
    ['Cs-137', 0.0926],
    ['Ir-192', 0.137],
    ['Se-75', 0.066],
    ['Am-241', 0.0059],
    ['Ra-226', 0.215],
  ])('Γ H*(10) of %s is %f µSv·m²/(MBq·h) (physics.md §5.6)', (name, gamma) => {
    expect(findCordonNuclide(name)!.gammaHStar10.value).toBe(gamma);
  });

  // Classic exposure-rate constants, R·cm²/(mCi·h): Ahmed, Physics and Engineering of Radiation Detection,
  // Table 11.2.3 (Co-60 13.2, Cs-137 3.3, Ir-192 4.8, Se-75 2.0); converted with 1 R·cm²/(mCi·h) =
  // 0.02368 µGy·m²/(MBq·h) (8.76 mGy/R) they agree with the computed air-kerma Γ within about 5 % (physics.md §5.6).
  it.each([
    ['Co-60', 13.2],
    ['Cs-137', 3.3],
    ['Ir-192', 4.8],
    ['Se-75', 2.0],
  ])('%s: Ahmed Table 11.2.3 Γ_X = %f R·cm²/(mCi·h) agrees with the air-kerma Γ within 6 %', (name, gx) => {
    const n = findCordonNuclide(name)!;
    expect(n.gammaExposureClassic.value).toBe(gx);
    const asKerma = gx * CORDON_MODEL_REFERENCE.exposureToAirKermaGamma.value;
    expect(Math.abs(asKerma / n.gammaAirKerma.value - 1)).toBeLessThan(0.06);
    // H*(10) exceeds air kerma for these energies (ICRP 74 H*(10)/Ka > 1): the two columns are not swapped.
    expect(n.gammaHStar10.value).toBeGreaterThan(n.gammaAirKerma.value);
  });

  it('Cs-137: Ionactive glossary "76 µSv/h per GBq at 1 m" is the air-kerma Γ (0.077) within 2 %', () => {
    // https://ionactive.co.uk/resource-hub/glossary/gamma-ray-constant (physics.md §5.6 [V])
    expect(Math.abs(0.076 / findCordonNuclide('Cs-137')!.gammaAirKerma.value - 1)).toBeLessThan(0.02);
  });

  // Broad-beam HVL / TVL (cm): NCRP Report 49 as read from USAF T.O. 33B-1-1 Table 6-28 (physics.md §5.6 [V]).
  it.each([
    ['Cs-137', 'lead', 0.65, 2.16],
    ['Co-60', 'lead', 1.2, 4.0],
    ['Ra-226', 'lead', 1.66, 5.5],
    ['Cs-137', 'steel', 1.6, 5.3],
    ['Co-60', 'steel', 2.1, 6.9],
    ['Ra-226', 'steel', 2.2, 7.4],
    ['Cs-137', 'concrete', 4.8, 15.7],
    ['Co-60', 'concrete', 6.2, 20.6],
    ['Ra-226', 'concrete', 6.9, 23.4],
  ] as const)('%s in %s: HVL %f cm, TVL %f cm (NCRP 49 / T.O. 33B-1-1 Table 6-28)', (name, mat, hvl, tvl) => {
    const layers = findCordonNuclide(name)!.shielding[mat];
    expect(layers.hvlCm!.value).toBe(hvl);
    expect(layers.tvlCm!.value).toBe(tvl);
    expect(layers.tvlCm!.status).toBe('verified');
    // Self-consistency of the table: one HVL through the TVL law passes half the dose rate (within 2 %).
    expect(shieldTransmission(name, { material: mat, thicknessCm: hvl }).transmission).toBeCloseTo(0.5, 1);
    expect(Math.abs(Math.pow(10, -hvl / tvl) / 0.5 - 1)).toBeLessThan(0.02);
  });

  it('Am-241 lead HVL is 0.12 mm (UW–L brachytherapy course, Americium-241; physics.md §5.6 [V])', () => {
    expect(findCordonNuclide('Am-241')!.shielding.lead.hvlCm).toMatchObject({
      value: 0.012,
      status: 'verified',
    });
  });

  // IAEA EPR-FIRST RESPONDERS 2006, Table 1 (inner cordoned area); physics.md §5.5.
  it.each([
    ['unshielded_source', 30],
    ['spill', 100],
    ['fire_or_explosion', 300],
    ['suspected_explosive', 400],
  ] as const)(
    'IAEA default inner-cordon radius for %s is %i m (EPR-FIRST RESPONDERS 2006 Table 1)',
    (s, r) => {
      expect(CORDON_DEFAULT_RADII[s]).toMatchObject({ value: r, status: 'verified' });
    },
  );

  it('the cordon criterion is 100 µSv/h (EPR-FIRST RESPONDERS 2006 Table 1, expansion based on monitoring)', () => {
    expect(CORDON_CRITERION_USV_PER_H).toMatchObject({ value: 100, status: 'verified' });
  });

  it('situations and materials match the API schema; every nuclide is in the nuclide table', () => {
    expect(Object.keys(CORDON_DEFAULT_RADII).sort()).toEqual([...CORDON_SITUATIONS].sort());
    for (const n of CORDON_NUCLIDES) {
      expect(Object.keys(n.shielding).sort(), n.name).toEqual([...SHIELD_MATERIALS].sort());
      expect(findNuclide(n.name)?.name, n.name).toBe(n.name);
    }
  });

  it('every value has a positive number, a marker, a status that follows the marker, and a known source key', () => {
    const values: Array<[string, CordonReferenceValue]> = [
      ['criterion', CORDON_CRITERION_USV_PER_H],
      ['airNeutralRangeM', CORDON_MODEL_REFERENCE.airNeutralRangeM],
      ['exposureToAirKermaGamma', CORDON_MODEL_REFERENCE.exposureToAirKermaGamma],
      ...Object.entries(CORDON_DEFAULT_RADII),
    ];
    for (const n of CORDON_NUCLIDES) {
      values.push([`${n.name} Γ`, n.gammaHStar10], [`${n.name} K`, n.gammaAirKerma]);
      values.push([`${n.name} ΓX`, n.gammaExposureClassic]);
      for (const [mat, l] of Object.entries(n.shielding)) {
        if (l.hvlCm) values.push([`${n.name} ${mat} HVL`, l.hvlCm]);
        if (l.tvlCm) values.push([`${n.name} ${mat} TVL`, l.tvlCm]);
      }
    }
    const keys = Object.keys(CORDON_REFERENCE_SOURCES);
    for (const [what, v] of values) {
      expect(v.value, what).toBeGreaterThan(0);
      expect(['V', 'C', 'M', ''], what).toContain(v.marker);
      expect(['verified', 'to_verify'], what).toContain(v.status);
      if (v.marker === 'M') expect(v.status, what).toBe('to_verify');
      if (v.marker === 'V') expect(v.status, what).toBe('verified');
      expect(keys.some((k) => v.source.startsWith(k)) || v.source.startsWith('IAEA-EPR-FR-2006'), what).toBe(
        true,
      );
    }
  });
});

describe('dose rate and cordon radius (physics.md §5.6 model)', () => {
  it('1 TBq Cs-137 unshielded: Ḣ(1 m) = 0.0926 · 1e6 = 92 600 µSv/h, r = √926 = 30.43 m > 30 m default', () => {
    // Hand computation with Γ = 0.0926 µSv·m²/(MBq·h) (physics.md §5.6); worked table there gives 30.4 m.
    const c = cordon({ nuclide: 'Cs-137', activityBq: TBQ });
    expect(c.doseRateAt1mUSvPerH).toBeCloseTo(92_600, 6);
    expect(c.radiusM).toBeCloseTo(30.430248, 5);
    expect(c.criterionUSvPerH).toBe(100);
    expect(c.situation).toBe('unshielded_source');
    expect(c.defaultRadiusM).toBe(30);
    expect(c.exceedsDefault).toBe(true);
    expect(c.warnings).toContainEqual({
      code: 'cordon.exceeds_default',
      params: { radiusM: c.radiusM, defaultRadiusM: 30, situation: 'unshielded_source' },
    });
    expect(c.assumptions).toEqual([
      'cordon.point_source_inverse_square',
      'cordon.ambient_dose_equivalent',
      'cordon.air_neutral',
      'cordon.unshielded',
    ]);
    expect(doseRateAt('Cs-137', TBQ, 1)).toBeCloseTo(92_600, 6);
    expect(doseRateAt('Cs-137', TBQ, c.radiusM)).toBeCloseTo(100, 9);
  });

  // physics.md §5.6 "Worked cordon numbers" (1 TBq, 100 µSv/h), quoted to 0.1 m.
  it.each([
    ['Co-60', 59.0],
    ['Cs-137', 30.4],
    ['Ir-192', 37.0],
    ['Se-75', 25.7],
    ['Ra-226', 46.4],
    ['Am-241', 7.7],
  ])('1 TBq %s: 100 µSv/h radius %f m (physics.md §5.6 worked table)', (name, r) => {
    expect(cordonRadius({ nuclide: name, activityBq: TBQ })).toBeCloseTo(r, 1);
  });

  // Same table, one D-value (EPR-D-VALUES 2006 / EU BSS Annex III, from nuclides.json), and the largest activity
  // that stays at or below 100 µSv/h at the 30 m default (A = 100 · 30² / Γ).
  it.each([
    ['Co-60', 10.2, 0.26],
    ['Cs-137', 9.6, 0.97],
    ['Ir-192', 10.5, 0.66],
    ['Se-75', 11.5, 1.36],
    ['Ra-226', 9.3, 0.42],
    ['Am-241', 1.9, 15],
  ])('%s: 1 D gives %f m; %f TBq reaches 100 µSv/h at 30 m (physics.md §5.6)', (name, rD, aMax) => {
    const d = findNuclide(name)!.dValueTBq!.value;
    expect(cordonRadius({ nuclide: name, activityBq: d * TBQ })).toBeCloseTo(rD, 1);
    const gamma = findCordonNuclide(name)!.gammaHStar10.value;
    const a = (100 * 30 * 30) / gamma / 1e6; // TBq
    expect(Math.abs(a / aMax - 1)).toBeLessThan(0.02);
    const c = cordon({ nuclide: name, activityBq: a * TBQ });
    expect(c.radiusM).toBeCloseTo(30, 9);
    expect(c.exceedsDefault).toBe(false);
  });

  it('1 TBq Co-60 behind 5 cm lead: T = 10^(−5/4.0) = 0.0562, r = 14.0 m (physics.md §5.6 shielded example)', () => {
    const c = cordon({ nuclide: 'Co-60', activityBq: TBQ, shielding: { material: 'lead', thicknessCm: 5 } });
    expect(c.shielding.transmission).toBeCloseTo(0.0562341, 6);
    expect(c.shielding.method).toBe('tvl');
    expect(c.radiusM).toBeCloseTo(13.99, 2);
    expect(c.exceedsDefault).toBe(false);
    expect(c.assumptions).toContain('cordon.shield_broad_beam_tvl');
    expect(c.warnings).toEqual([]);
  });

  it('1 TBq Cs-137 behind 20 cm concrete: T = 10^(−20/15.7) = 0.0532, r = 7.0 m (physics.md §5.6)', () => {
    const c = cordon({
      nuclide: 'Cs-137',
      activityBq: TBQ,
      shielding: { material: 'concrete', thicknessCm: 20 },
    });
    expect(c.shielding.transmission).toBeCloseTo(0.0532249, 6);
    expect(c.radiusM).toBeCloseTo(7.02, 2);
  });

  it('API example, 1 TBq Cs-137 behind 5 cm lead: T = 10^(−5/2.16) = 4.844e-3, Ḣ(1 m) = 448.5 µSv/h, r = 2.12 m', () => {
    // Hand computation: 92 600 µSv/h · 10^(−2.31481) = 448.53 µSv/h; r = √(448.53/100) = 2.118 m.
    const c = cordon({ nuclide: 'Cs-137', activityBq: TBQ, shielding: { material: 'lead', thicknessCm: 5 } });
    expect(c.shielding.transmission).toBeCloseTo(0.00484379, 7);
    expect(c.doseRateAt1mUSvPerH).toBeCloseTo(448.535, 2);
    expect(c.radiusM).toBeCloseTo(2.1179, 3);
    expect(doseRateAt('Cs-137', TBQ, 2, { material: 'lead', thicknessCm: 5 })).toBeCloseTo(448.535 / 4, 2);
  });

  // Independent published Co-60 value: Wikipedia "Cobalt-60" (mirrored at https://pdfcoffee.com/cobalt-60-4-pdf-free.html):
  // "For 60Co it is equal to 0.35 mSv/(GBq h) at one meter from the source"; Health Canada's B. Gaulke (RADSAFE,
  // 1999, http://health.phys.iit.edu/extended_archive/9910/msg00687.html) quotes the same 350 µSv·m²/(h·GBq).
  it('1 GBq Co-60 at 1 m gives 0.35 mSv/h within 2 % (Wikipedia "Cobalt-60"; RADSAFE/Health Canada 1999)', () => {
    expect(Math.abs(doseRateAt('Co-60', GBQ, 1) / 350 - 1)).toBeLessThan(0.02);
  });

  // Ionactive "Dose Rates from HASS" (https://ionactive.co.uk/resource-hub/guidance/dose-rates-from-hass-high-activity-sealed-sources):
  // Co-60 370 TBq → 113 Sv/h at 1 m; Ir-192 370 GBq → 42 mSv/h at 1 m. Those are air-kerma-like rates; H*(10) is
  // higher by the ICRP 74 H*(10)/Ka ratio (≈1.14–1.2 here), so our values must exceed them by 5–25 %.
  it.each([
    ['Co-60', 370 * TBQ, 113e6],
    ['Ir-192', 370 * GBQ, 42e3],
  ])('%s: Ionactive HASS table dose rate at 1 m is 5–25 %% below our H*(10) rate', (name, a, published) => {
    const ratio = doseRateAt(name, a, 1) / published;
    expect(ratio).toBeGreaterThan(1.05);
    expect(ratio).toBeLessThan(1.25);
  });

  it('the profile follows the inverse square and crosses 100 µSv/h at the radius', () => {
    const src = { nuclide: 'Ir-192', activityBq: TBQ };
    const r = cordonRadius(src);
    const p = doseRateProfile(src, [1, 2, 10, r]);
    expect(p.map((x) => x.distanceM)).toEqual([1, 2, 10, r]);
    expect(p[0]!.doseRateUSvPerH).toBeCloseTo(137_000, 6);
    expect(p[0]!.doseRateUSvPerH / p[1]!.doseRateUSvPerH).toBeCloseTo(4, 12);
    expect(p[2]!.doseRateUSvPerH).toBeCloseTo(1370, 9);
    expect(p[3]!.doseRateUSvPerH).toBeCloseTo(100, 9);
    expect(doseRateProfile(src, [])).toEqual([]);
  });

  it('a custom limit scales the radius as 1/√limit', () => {
    const r100 = cordonRadius({ nuclide: 'Cs-137', activityBq: TBQ });
    expect(cordonRadius({ nuclide: 'Cs-137', activityBq: TBQ, limitUSvPerH: 1 })).toBeCloseTo(r100 * 10, 9);
  });

  it('names are found case-insensitively; 0 cm is unshielded; a very thick shield gives 0, not NaN', () => {
    const c = cordon({
      nuclide: ' cs-137 ',
      activityBq: TBQ,
      shielding: { material: 'Lead', thicknessCm: 0 },
    });
    expect(c.nuclide).toBe('Cs-137');
    expect(c.radiusM).toBeCloseTo(30.430248, 5);
    const thick = cordon({
      nuclide: 'Cs-137',
      activityBq: 1e20,
      shielding: { material: 'lead', thicknessCm: 1000 },
    });
    expect(thick.radiusM).toBe(0);
    expect(thick.doseRateAt1mUSvPerH).toBe(0);
    expect(thick.exceedsDefault).toBe(false);
  });

  it('situation picks the default radius: 1 TBq Cs-137 exceeds 30 m but not the 100 m spill radius', () => {
    const c = cordon({ nuclide: 'Cs-137', activityBq: TBQ, situation: 'spill' });
    expect(c.defaultRadiusM).toBe(100);
    expect(c.exceedsDefault).toBe(false);
    expect(c.warnings.map((w) => w.code)).not.toContain('cordon.exceeds_default');
    expect(
      cordon({ nuclide: 'Cs-137', activityBq: TBQ, situation: 'suspected_explosive' }).defaultRadiusM,
    ).toBe(400);
  });

  it('a 1000 TBq Co-60 irradiator source (r ≈ 1865 m) warns that air is no longer neutral beyond 100 m', () => {
    const c = cordon({ nuclide: 'Co-60', activityBq: 1000 * TBQ, situation: 'fire_or_explosion' });
    expect(c.radiusM).toBeCloseTo(1865.48, 1);
    expect(c.warnings.map((w) => w.code)).toEqual([
      'cordon.exceeds_default',
      'cordon.beyond_air_neutral_range',
    ]);
    expect(c.warnings[1]!.params).toEqual({ radiusM: c.radiusM, validUpToM: 100 });
  });

  it('HVL-only shielding (Se-75 in lead) is computed as 2^(−x/HVL) and warned about; [M] data is flagged', () => {
    const c = cordon({
      nuclide: 'Se-75',
      activityBq: TBQ,
      shielding: { material: 'lead', thicknessCm: 0.4 },
    });
    expect(c.shielding.method).toBe('hvl');
    expect(c.shielding.transmission).toBeCloseTo(0.25, 12);
    expect(c.assumptions).toContain('cordon.shield_hvl');
    expect(c.warnings).toContainEqual({
      code: 'cordon.shielding_hvl_only',
      params: { nuclide: 'Se-75', material: 'lead', hvlCm: 0.2 },
    });
    expect(c.warnings).toContainEqual({
      code: 'cordon.data_to_verify',
      params: { nuclide: 'Se-75', items: ['lead.hvl'] },
    });
    const am = cordon({ nuclide: 'Am-241', activityBq: TBQ });
    expect(am.warnings).toContainEqual({
      code: 'cordon.data_to_verify',
      params: { nuclide: 'Am-241', items: ['gamma'] },
    });
  });
});

describe('cordon input errors name the field', () => {
  const cs = { nuclide: 'Cs-137', activityBq: TBQ };

  it('unknown or hostile nuclide → nuclide', () => {
    expect(fieldOf(() => cordon({ ...cs, nuclide: 'Xx-999' }))).toMatchObject({
      field: 'nuclide',
      code: 'cordon.unknown_nuclide',
    });
    expect(fieldOf(() => doseRateAt('', TBQ, 1)).field).toBe('nuclide');
    expect(fieldOf(() => cordon({ ...cs, nuclide: null as unknown as string })).field).toBe('nuclide');
    expect(fieldOf(() => cordon({ ...cs, nuclide: 137 as unknown as string })).field).toBe('nuclide');
    const huge = fieldOf(() => cordon({ ...cs, nuclide: 'A'.repeat(1_000_000) }));
    expect(huge.field).toBe('nuclide');
    expect(huge.message.length).toBeLessThan(300);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, '1e12' as unknown as number])(
    'activity %s → activityBq',
    (a) => {
      expect(fieldOf(() => cordon({ ...cs, activityBq: a }))).toMatchObject({
        field: 'activityBq',
        code: 'cordon.invalid_activity',
      });
      expect(fieldOf(() => cordonRadius({ ...cs, activityBq: a })).field).toBe('activityBq');
      expect(fieldOf(() => doseRateAt('Cs-137', a, 1)).field).toBe('activityBq');
    },
  );

  it('unknown material → shielding.material; bad thickness → shielding.thicknessCm', () => {
    for (const material of ['tungsten', '', 'LEAD ALLOY', null, 5]) {
      const e = fieldOf(() =>
        cordon({ ...cs, shielding: { material, thicknessCm: 1 } as unknown as ShieldingInput }),
      );
      expect(e).toMatchObject({ field: 'shielding.material', code: 'cordon.unknown_material' });
    }
    for (const thicknessCm of [-0.1, Number.NaN, Number.NEGATIVE_INFINITY, '5', undefined]) {
      const e = fieldOf(() =>
        cordon({ ...cs, shielding: { material: 'lead', thicknessCm } as unknown as ShieldingInput }),
      );
      expect(e).toMatchObject({ field: 'shielding.thicknessCm', code: 'cordon.invalid_thickness' });
    }
    expect(fieldOf(() => cordon({ ...cs, shielding: 'lead' as unknown as ShieldingInput })).field).toBe(
      'shielding',
    );
  });

  it('distance ≤ 0 → distanceM; bad profile entries name their index; over 10 000 points → distances', () => {
    expect(fieldOf(() => doseRateAt('Cs-137', TBQ, 0)).field).toBe('distanceM');
    expect(fieldOf(() => doseRateAt('Cs-137', TBQ, -5)).field).toBe('distanceM');
    expect(fieldOf(() => doseRateProfile(cs, [1, Number.NaN])).field).toBe('distances[1]');
    expect(fieldOf(() => doseRateProfile(cs, new Array<number>(10_001).fill(1))).field).toBe('distances');
  });

  it('unknown situation → situation; limit ≤ 0 → limitUSvPerH', () => {
    expect(fieldOf(() => cordon({ ...cs, situation: 'flood' as never })).field).toBe('situation');
    expect(fieldOf(() => cordonRadius({ ...cs, limitUSvPerH: 0 })).field).toBe('limitUSvPerH');
    expect(fieldOf(() => cordonRadius({ ...cs, limitUSvPerH: Number.NaN })).field).toBe('limitUSvPerH');
  });
});

describe('a nuclide without data for a material', () => {
  afterEach(() => {
    vi.doUnmock('../reference/cordon.js');
    vi.resetModules();
  });

  it('refuses the shielding with an error naming material and nuclide instead of guessing', async () => {
    vi.resetModules();
    vi.doMock('../reference/cordon.js', async (importOriginal) => {
      const real = await importOriginal<typeof CordonReference>();
      const se = real.findCordonNuclide('Se-75')!;
      const stripped = { ...se, shielding: { ...se.shielding, lead: { hvlCm: null, tvlCm: null } } };
      return {
        ...real,
        findCordonNuclide: (name: string) =>
          name.trim().toLowerCase() === 'se-75' ? stripped : real.findCordonNuclide(name),
      };
    });
    const mod = await import('./cordon.js');
    let err: unknown;
    try {
      mod.cordon({ nuclide: 'Se-75', activityBq: TBQ, shielding: { material: 'lead', thicknessCm: 1 } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(mod.CordonInputError);
    const e = err as CordonInputError;
    expect(e.field).toBe('shielding.material');
    expect(e.code).toBe('cordon.no_shielding_data');
    expect(e.params).toEqual({ nuclide: 'Se-75', material: 'lead' });
    expect(e.message).toContain('Se-75');
    expect(e.message).toContain('lead');
    // Unshielded still works.
    expect(mod.cordon({ nuclide: 'Se-75', activityBq: TBQ }).radiusM).toBeCloseTo(25.69, 2);
  });
});
