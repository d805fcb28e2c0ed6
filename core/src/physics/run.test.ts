import { describe, expect, it } from 'vitest';
import { depositionVelocity } from '../reference/deposition.js';
import { BREATHING_RATES, findDoseNuclide } from '../reference/dose.js';
import { nuclideDoseFactors } from './run-doses.js';
import { computeDispersionRun, crosswindRows, type DispersionRunInput } from './run.js';
import { briggsBuoyantRise, buoyancyFluxFromHeat } from './plume.js';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
const WEEK = 604_800;

const BASE: DispersionRunInput = {
  release: {
    lat: 20.65,
    lon: 106.2,
    heightM: 10,
    durationS: 1800,
    nuclides: [{ nuclide: 'Cs-137', activityBq: 1e15 }],
  },
  weather: { windSpeedMS: 3, windFromDeg: 0, stability: 'D', mixingHeightM: 800 },
};
const week = (r: ReturnType<typeof computeDispersionRun>) => r.maxima.find((m) => m.periodS === WEEK)!;
const lats = (coordinates: number[][][][]) => coordinates.flatMap((p) => p[0]!.map(([, lat]) => lat!));
const lons = (coordinates: number[][][][]) => coordinates.flatMap((p) => p[0]!.map(([lon]) => lon!));

describe('dispersion run: steady plume', () => {
  it('keeps its shape without the new inputs: plume, no rise, adult, assumptions with depletion', () => {
    const r = computeDispersionRun(BASE);
    expect(r.model).toBe('plume');
    expect(r.plumeRiseM).toBe(0);
    expect(r.effectiveHeightM).toBe(10);
    expect(r.ageGroup).toBe('adult');
    expect(r.grid.frame).toBe('downwind');
    expect(r.zones.length).toBeGreaterThan(0);
    for (const z of r.zones) {
      expect(z.communes).toEqual([]);
      expect(z.population).toBeNull();
      expect(z.populationMissing).toBe(0);
      // Wind from the north: every zone lies south of the release.
      for (const lat of lats(z.coordinates)) expect(lat).toBeLessThan(BASE.release.lat + 1e-3);
    }
    expect(r.assumptions).toEqual([
      'run.steady_gaussian_plume',
      'run.flat_terrain_100m_to_20km',
      'run.dry_deposition_depletes_plume',
      'run.no_rain',
      'run.unshielded_outdoors',
      'run.adult',
    ]);
  });

  it('reports each nuclide’s highest time-integrated concentration and deposition; dry deposit = v_d·TIC', () => {
    // Dry deposition flux = v_d·C (physics.md §2.8), so without rain the deposit is v_d times the TIC, cell by cell.
    const r = computeDispersionRun(BASE);
    const [cs] = r.nuclides;
    expect(cs!.nuclide).toBe('Cs-137');
    expect(cs!.ticBqSPerM3).toBeGreaterThan(0);
    expect(rel(cs!.depositionBqPerM2, depositionVelocity('Cs-137').value * cs!.ticBqSPerM3)).toBeLessThan(
      1e-9,
    );
    expect(cs!.depositionAtM).toBe(cs!.ticAtM);
    // Linear in the activity released.
    const double = computeDispersionRun({
      ...BASE,
      release: { ...BASE.release, nuclides: [{ nuclide: 'Cs-137', activityBq: 2e15 }] },
    });
    expect(rel(double.nuclides[0]!.ticBqSPerM3, 2 * cs!.ticBqSPerM3)).toBeLessThan(1e-12);
  });

  it('puts its axis on a row: rows geometric from a fraction of σy next to the axis to the edge', () => {
    const ys = crosswindRows(10_000, 161, 2);
    expect(ys.length).toBe(161);
    expect(ys[80]).toBe(0);
    expect(ys[81]).toBeCloseTo(2, 9);
    expect(ys[160]).toBe(10_000);
    expect(ys[0]).toBe(-10_000);
    for (let k = 1; k < 161; k++) expect(ys[k]!).toBeGreaterThan(ys[k - 1]!);
    expect(Array.from(crosswindRows(100, 5, 50))).toEqual([-100, -50, 0, 50, 100]);
  });

  it('arrivals: areas reached by 15 min, 30 min, … growing downwind, at x/u', () => {
    const r = computeDispersionRun({
      ...BASE,
      release: { ...BASE.release, nuclides: [{ nuclide: 'Cs-137', activityBq: 1e16 }] },
    });
    expect(r.arrivals.length).toBeGreaterThan(2);
    const times = r.arrivals.map((a) => a.afterS);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // By 15 min at 3 m/s (u at 10 m) the plume has come at most 2.7 km south (0.0243° of latitude).
    const first = r.arrivals[0]!;
    expect(first.afterS).toBe(900);
    expect(Math.min(...lats(first.coordinates))).toBeGreaterThan(BASE.release.lat - 2700 / 111_320 - 1e-3);
    const later = r.arrivals[r.arrivals.length - 1]!;
    expect(Math.min(...lats(later.coordinates))).toBeLessThan(Math.min(...lats(first.coordinates)));
  });

  it('a fire lifts the plume by the Briggs final rise from its heat release, lowering the doses near the source', () => {
    const fire = computeDispersionRun({ ...BASE, release: { ...BASE.release, fire: { heatReleaseMW: 5 } } });
    const rise = briggsBuoyantRise({
      buoyancyFlux: buoyancyFluxFromHeat(5),
      u: 3,
      stability: 'D',
      ambientTempK: 288.15,
    }).finalRiseM;
    expect(fire.plumeRiseM).toBeCloseTo(rise, 9);
    expect(fire.effectiveHeightM).toBeCloseTo(10 + rise, 9);
    expect(fire.assumptions).toContain('run.fire_rise_briggs_final');
    expect(week(fire).effectiveSv).toBeLessThan(week(computeDispersionRun(BASE)).effectiveSv);
    expect(week(fire).atDownwindM).toBeGreaterThan(week(computeDispersionRun(BASE)).atDownwindM);
  });

  it('a plume rising to the lid is held there and says so', () => {
    const r = computeDispersionRun({
      ...BASE,
      release: { ...BASE.release, fire: { heatReleaseMW: 500 } },
      weather: { ...BASE.weather, mixingHeightM: 300 },
    });
    expect(r.effectiveHeightM).toBe(300);
    expect(r.plumeRiseM).toBeGreaterThan(290);
    expect(r.assumptions).toContain('run.plume_capped_at_lid');
    // Mixed down under the lid, the plume still gives doses downwind.
    expect(week(r).effectiveSv).toBeGreaterThan(0);
  });

  it('rain washes the plume out: lower air concentrations far out, more deposit (groundshine) near the source', () => {
    const dry = computeDispersionRun(BASE);
    const wet = computeDispersionRun({ ...BASE, weather: { ...BASE.weather, rainMmH: 5 } });
    expect(wet.assumptions).toContain('run.wet_scavenging');
    expect(wet.assumptions).not.toContain('run.no_rain');
    const year = (r: typeof dry) => r.maxima.find((m) => m.periodS === 31_557_600)!.effectiveSv;
    expect(year(wet)).toBeGreaterThan(year(dry));
  });

  it('age group: the child’s coefficients and breathing rate (ICRP 72, ICRP 71), adult ones where none exist', () => {
    const infant = computeDispersionRun({ ...BASE, ageGroup: 'infant' });
    expect(infant.ageGroup).toBe('infant');
    expect(infant.assumptions).toContain('run.age_infant');
    // Cs-137 type F: infant 8.8e-9 Sv/Bq at 3.31e-5 m³/s against adult 4.6e-9 Sv/Bq at 3.33e-4 m³/s (dose.json).
    const child = nuclideDoseFactors('Cs-137', [WEEK], 'infant');
    const adult = nuclideDoseFactors('Cs-137', [WEEK], 'adult');
    const cloud = adult.effectivePerTic[0]! - 4.6e-9 * BREATHING_RATES.adult.value;
    expect(rel(child.effectivePerTic[0]! - cloud, 8.8e-9 * BREATHING_RATES.infant.value)).toBeLessThan(1e-9);
    // FGR 15 gives no infant external coefficient for Cs-137: the adult one stands in, reported.
    expect(child.missing).toContainEqual({
      nuclide: 'Cs-137',
      pathway: 'cloudshine',
      reason: 'adult_coefficient_used',
    });
    // Ir-192 has only adult inhalation coefficients: adult coefficient with the 5-year-old's breathing rate.
    const ir = nuclideDoseFactors('Ir-192', [WEEK], '5y');
    expect(ir.missing).toContainEqual({
      nuclide: 'Ir-192',
      pathway: 'inhalation',
      reason: 'adult_coefficient_used',
    });
    // Same cloudshine (adult FGR 15) for both, so the difference is e_adult × (BR_adult − BR_5y).
    const irAdult = nuclideDoseFactors('Ir-192', [WEEK], 'adult');
    const eAdult = findDoseNuclide('Ir-192')!.inhalation.M!.values.adult!;
    expect(
      rel(
        irAdult.effectivePerTic[0]! - ir.effectivePerTic[0]!,
        eAdult * (BREATHING_RATES.adult.value - BREATHING_RATES['5y'].value),
      ),
    ).toBeLessThan(1e-9);
    const run = computeDispersionRun({
      ...BASE,
      release: { ...BASE.release, nuclides: [{ nuclide: 'Ir-192', activityBq: 1e15 }] },
      ageGroup: '5y',
    });
    expect(run.missing).toContainEqual({
      nuclide: 'Ir-192',
      pathway: 'inhalation',
      reason: 'adult_coefficient_used',
    });
  });

  it('refuses what the physics cannot take, naming the input', () => {
    const bad = (input: DispersionRunInput, field: string) => {
      try {
        computeDispersionRun(input);
      } catch (error) {
        expect(error).toBeInstanceOf(RangeError);
        expect((error as { field?: string }).field).toBe(field);
        return;
      }
      throw new Error(`no error for ${field}`);
    };
    bad({ ...BASE, release: { ...BASE.release, fire: { heatReleaseMW: 0 } } }, 'release/fire/heatReleaseMW');
    bad({ ...BASE, weather: { ...BASE.weather, rainMmH: -1 } }, 'weather/rainMmH');
    bad(
      {
        ...BASE,
        weather: {
          ...BASE.weather,
          changes: [
            { afterS: 3600, windSpeedMS: 3, windFromDeg: 0 },
            { afterS: 3600, windSpeedMS: 3, windFromDeg: 90 },
          ],
        },
      },
      'weather/changes/1/afterS',
    );
    bad({ ...BASE, ageGroup: 'elder' as never }, 'ageGroup');
    bad(
      { ...BASE, release: { ...BASE.release, nuclides: [{ nuclide: 'Zz-1', activityBq: 1 }] } },
      'release/nuclides/0/nuclide',
    );
  });
});

describe('dispersion run: puff train when the weather changes', () => {
  it('a wind turn moves the zone: an hour from the north, then from the west → zones south and east', () => {
    const r = computeDispersionRun({
      ...BASE,
      release: { ...BASE.release, durationS: 2 * 3600, nuclides: [{ nuclide: 'Cs-137', activityBq: 1e16 }] },
      weather: { ...BASE.weather, changes: [{ afterS: 3600, windSpeedMS: 3, windFromDeg: 270 }] },
    });
    expect(r.model).toBe('puff_train');
    expect(r.grid.frame).toBe('east_north');
    expect(r.assumptions).toContain('run.puff_train');
    const zone = r.zones.reduce((a, b) => (b.areaKm2 > a.areaKm2 ? b : a));
    const { lat, lon } = BASE.release;
    // South of the release (first hour) and east of it (after the turn).
    expect(Math.min(...lats(zone.coordinates))).toBeLessThan(lat - 0.02);
    expect(Math.max(...lons(zone.coordinates))).toBeGreaterThan(lon + 0.02);
    // Nothing north or west of it.
    expect(Math.max(...lats(zone.coordinates))).toBeLessThan(lat + 0.01);
    expect(Math.min(...lons(zone.coordinates))).toBeGreaterThan(lon - 0.01);
    expect(r.arrivals.length).toBeGreaterThan(0);
  });

  it('a change that keeps the weather gives the plume’s zones (puff train and plume agree)', () => {
    const input = {
      ...BASE,
      release: { ...BASE.release, nuclides: [{ nuclide: 'Cs-137', activityBq: 1e16 }] },
    };
    const plume = computeDispersionRun(input);
    const puffs = computeDispersionRun({
      ...input,
      weather: { ...input.weather, changes: [{ afterS: 7200, windSpeedMS: 3, windFromDeg: 0 }] },
    });
    // The largest zone (kilometres long, well resolved by the puff grid's 250 m cells) within 10 %; the others,
    // near the source where the plume is tens of metres wide, within 35 % (the coarser grid draws them larger).
    const largest = plume.zones.reduce((a, b) => (b.areaKm2 > a.areaKm2 ? b : a));
    for (const z of plume.zones) {
      const other = puffs.zones.find((x) => x.code === z.code)!;
      expect(rel(other.areaKm2, z.areaKm2), z.code).toBeLessThan(z === largest ? 0.1 : 0.35);
    }
    // Wind along a grid axis, so the puff grid has nodes on the plume's axis.
    expect(rel(week(puffs).effectiveSv, week(plume).effectiveSv)).toBeLessThan(0.15);
  });
});
