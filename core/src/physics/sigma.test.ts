import { describe, expect, it } from 'vitest';
import { DISPERSION_REFERENCE_SOURCES, SIGMA_SET_REFERENCE } from '../reference/dispersion.js';
import { DEFAULT_SIGMA_SET, SIGMA_SETS, sigmaSetInfo, sigmaY, sigmaZ } from './sigma.js';

const rel = (got: number, want: number, tol: number) =>
  expect(Math.abs(got - want) / want).toBeLessThanOrEqual(tol);

describe('σ reference data', () => {
  it('every coefficient row has a known source key and a status', () => {
    for (const set of SIGMA_SETS) {
      const ref = SIGMA_SET_REFERENCE[set];
      for (const axis of [ref.sigmaY, ref.sigmaZ]) {
        for (const row of Object.values(axis.classes)) {
          expect(row.source.split(/[\s:(;]/)[0]! in DISPERSION_REFERENCE_SOURCES, row.source).toBe(true);
          expect(['verified', 'to_verify']).toContain(row.status);
        }
      }
    }
    expect(DEFAULT_SIGMA_SET).toBe('pg-isc3');
    expect(sigmaSetInfo('briggs-urban').validityM).toEqual({ min: 100, max: 10000 });
  });
});

describe('pg-isc3 (EPA ISC3 User’s Guide Vol. II, EPA-454/B-95-003b, Tables 1-1 and 1-2)', () => {
  // Turner (1970) Workbook Figs 3-2/3-3 PG curves read at 1 km, as tabulated by Martin (1976), JAPCA 26:145
  // (σy = a at x = 1 km; σz = c + f at 1 km), reproduced in shared/reference/physics.md §2.5(d),
  // https://courses.washington.edu/cee490/DISPCOEF4WP.htm. Curve readings: 5 % tolerance.
  it.each([
    ['A', 213, 450.1],
    ['B', 156, 109.9],
    ['C', 104, 61.0],
    ['D', 68, 31.5],
    ['E', 50.5, 21.5],
    ['F', 34, 14.0],
  ] as const)(
    'class %s at 1 km matches the Turner (1970) curves (Martin 1976): σy ≈ %f m, σz ≈ %f m',
    (c, sy, sz) => {
      rel(sigmaY('pg-isc3', c, 1000), sy, 0.05);
      rel(sigmaZ('pg-isc3', c, 1000), sz, 0.05);
    },
  );

  // Exact ISC3 formula results: joshuanunn/really-simple-dispersion rsdm/rsdm_test.js testSigmaY/testSigmaZ
  // (class D 0.5 km case from U. Washington CEE 357 'air dispersion models' notes: σy 36.15 m, σz 18.30 m).
  it.each([
    ['D', 500, 36.146193496038],
    ['A', 997, 208.157523627706],
    ['B', 12.345, 2.835970876943],
    ['C', 27850, 2025.69610345891],
    ['E', 445, 24.275915684479],
    ['F', 7555.8, 210.931775211803],
  ] as const)('σy class %s at %f m = %f m (ISC3 Table 1-1 formula; rsdm tests)', (c, x, want) => {
    rel(sigmaY('pg-isc3', c, x), want, 1e-6);
  });

  it.each([
    ['D', 500, 18.296892641654],
    ['A', 50, 7.246283645973],
    ['A', 270, 41.523682287423],
    ['A', 2860, 4196.204889704382],
    ['A', 54000, 5000],
    ['B', 50, 5.558326444834],
    ['B', 270, 27.177523893054],
    ['B', 2860, 346.177898273921],
    ['B', 54000, 5000],
    ['C', 270, 18.459902569036],
    ['C', 54000, 2348.910612301645],
    ['D', 2860, 63.142784897226],
    ['D', 54000, 339.310493995667],
    ['E', 2860, 41.083717338729],
    ['E', 54000, 155.031915174584],
    ['F', 270, 5.178781257565],
    ['F', 2860, 26.28265822759],
    ['F', 54000, 80.882017663045],
  ] as const)('σz class %s at %f m = %f m (ISC3 Table 1-2, 5000 m cap; rsdm tests)', (c, x, want) => {
    rel(sigmaZ('pg-isc3', c, x), want, 1e-6);
  });

  // aefarrell/GasDispersion.jl test/utils/isc3_tests.jl (ISC3Rural plume σz), one per distance range.
  it.each([
    ['A', 125, 17.6538512508938],
    ['A', 450, 87.22955507375895],
    ['B', 300, 30.144226325216724],
    ['D', 15000, 169.67281358959912],
    ['D', 35000, 271.77785930262854],
    ['E', 30000, 127.31152395989899],
    ['F', 75000, 87.38876819912205],
  ] as const)('σz class %s at %f m = %f m (GasDispersion.jl isc3_tests.jl)', (c, x, want) => {
    rel(sigmaZ('pg-isc3', c, x), want, 1e-6);
  });

  it('σy near the source agrees with GasDispersion.jl isc3_tests.jl (x = 1.2 m, class D: 0.13092 m)', () => {
    rel(sigmaY('pg-isc3', 'D', 1.2), 0.1309207626723034, 2e-3);
  });
});

describe('briggs-rural and briggs-urban (Briggs 1973 / Gifford 1976; Fundamentals of Air Pollution 3E Tables 19-6, 19-7)', () => {
  // Values computed from the tabulated formulas in shared/reference/physics.md §2.5(e) [C].
  it.each([
    ['A', 100, 21.89, 20.0],
    ['A', 10000, 1555.6, 2000],
    ['C', 1000, 104.88, 73.03],
    ['D', 1000, 76.28, 37.95],
    ['D', 10000, 565.7, 150.0],
    ['E', 1000, 57.21, 23.08],
    ['F', 100, 3.98, 1.55],
    ['F', 10000, 282.8, 40.0],
  ] as const)('rural class %s at %f m: σy %f m, σz %f m', (c, x, sy, sz) => {
    // The printed values carry 2 decimals (1.55 m): compare within their rounding.
    rel(sigmaY('briggs-rural', c, x), sy, 0.005);
    rel(sigmaZ('briggs-rural', c, x), sz, 0.005);
  });

  it.each([
    ['A', 270.45, 339.41],
    ['B', 270.45, 339.41],
    ['C', 185.93, 200.0],
    ['D', 135.22, 122.79],
    ['E', 92.97, 50.6],
    ['F', 92.97, 50.6],
  ] as const)('urban class %s at 1 km: σy %f m, σz %f m (physics.md §2.5(e))', (c, sy, sz) => {
    rel(sigmaY('briggs-urban', c, 1000), sy, 0.001);
    rel(sigmaZ('briggs-urban', c, 1000), sz, 0.001);
  });

  // GasDispersion.jl test/utils/isc3_tests.jl: ISC3Urban = Briggs urban, x = 1.2 m.
  it.each([
    ['A', 0.38390787316433456, 0.2881727481910807],
    ['C', 0.26393666280048, 0.24],
    ['D', 0.19195393658216728, 0.16796976816235135],
    ['F', 0.13196833140024, 0.09591371646531512],
  ] as const)('urban class %s at 1.2 m (GasDispersion.jl)', (c, sy, sz) => {
    rel(sigmaY('briggs-urban', c, 1.2), sy, 1e-9);
    rel(sigmaZ('briggs-urban', c, 1.2), sz, 1e-9);
  });
});

describe('argument checks', () => {
  it.each([0, -5, NaN, Infinity])('x = %f throws a RangeError naming xM', (x) => {
    expect(() => sigmaY('pg-isc3', 'D', x)).toThrow(/xM/);
    expect(() => sigmaZ('briggs-rural', 'D', x)).toThrow(RangeError);
  });
  it('unknown class or set throws a RangeError naming the argument', () => {
    expect(() => sigmaY('pg-isc3', 'G' as never, 100)).toThrow(/stability/);
    expect(() => sigmaZ('pg-isc3', 'd' as never, 100)).toThrow(RangeError);
    expect(() => sigmaY('martin' as never, 'D', 100)).toThrow(/set/);
    expect(() => sigmaZ(undefined as never, 'D', 100)).toThrow(RangeError);
  });
  it('σ grows monotonically with distance for every set and class (100 m to 20 km)', () => {
    for (const set of SIGMA_SETS) {
      for (const c of ['A', 'B', 'C', 'D', 'E', 'F'] as const) {
        let py = 0;
        let pz = 0;
        for (let x = 100; x <= 20000; x *= 1.05) {
          const y = sigmaY(set, c, x);
          const z = sigmaZ(set, c, x);
          expect(y).toBeGreaterThan(py);
          expect(z).toBeGreaterThanOrEqual(pz);
          py = y;
          pz = z;
        }
      }
    }
  });
});
