import { describe, expect, it } from 'vitest';
import { findNuclide } from '../reference/nuclides.js';
import {
  batemanParentProgeny,
  briggsBuoyantRise,
  briggsRiseFromStack,
  buoyancyFluxFromHeat,
  buoyancyFluxFromStack,
  decayFactor,
  effectiveHeight,
  isWellMixed,
  momentumFluxFromStack,
  plumeConcentration,
  plumeGrid,
  PROGENY,
  puffConcentration,
  stabilityParameter,
  timeIntegratedPuff,
  verticalDistribution,
} from './plume.js';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

/** Composite Simpson rule on [a, b] with n (even) intervals. */
function simpson(f: (t: number) => number, a: number, b: number, n = 2000): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

describe('plumeConcentration — published values', () => {
  it('Turner (1970) Workbook of Atmospheric Dispersion Estimates, AP-26, Example problem 1: burning dump', () => {
    // 3 g/s ground-level source, overcast night (class D), u = 7 m/s, x = 3 km: σy = 190 m, σz = 65 m read
    // from Turner's Figs. 3-2/3-3; published answer χ = 1.1 × 10⁻⁵ g/m³ (= Q/(π·σy·σz·u)).
    // The workbook itself was not re-read in the research library (only its title pages are stored): check the
    // inputs and the answer against AP-26 before treating this case as verified.
    const c = plumeConcentration({ q: 3, u: 7, h: 0, y: 0, z: 0, sigmaY: 190, sigmaZ: 65 });
    expect(c).toBeGreaterThan(1.05e-5);
    expect(c).toBeLessThan(1.15e-5);
  });

  it('physics.md §2.1 special cases (Fundamentals of Air Pollution 3E, ch. 19 p. 298): centre-line and ground source', () => {
    const q = 80;
    const u = 6;
    const [sy, sz, h] = [36, 18.5, 60];
    const ground = plumeConcentration({ q, u, h, y: 0, z: 0, sigmaY: sy, sigmaZ: sz });
    expect(rel(ground, (q / (Math.PI * u * sy * sz)) * Math.exp((-h * h) / (2 * sz * sz)))).toBeLessThan(
      1e-12,
    );
    const src0 = plumeConcentration({ q, u, h: 0, y: 0, z: 0, sigmaY: sy, sigmaZ: sz });
    expect(rel(src0, q / (Math.PI * u * sy * sz))).toBeLessThan(1e-12);
    // full formula off-axis and aloft
    const [y, z] = [20, 30];
    const full =
      (q / (2 * Math.PI * u * sy * sz)) *
      Math.exp((-y * y) / (2 * sy * sy)) *
      (Math.exp(-((z - h) ** 2) / (2 * sz * sz)) + Math.exp(-((z + h) ** 2) / (2 * sz * sz)));
    expect(rel(plumeConcentration({ q, u, h, y, z, sigmaY: sy, sigmaZ: sz }), full)).toBeLessThan(1e-12);
  });
});

describe('plumeConcentration — properties', () => {
  it('is symmetric in y and falls off crosswind', () => {
    const base = { q: 1, u: 3, h: 20, z: 1.5, sigmaY: 50, sigmaZ: 25 };
    for (const y of [1, 10, 75, 300]) {
      expect(plumeConcentration({ ...base, y })).toBe(plumeConcentration({ ...base, y: -y }));
    }
    expect(plumeConcentration({ ...base, y: 100 })).toBeLessThan(plumeConcentration({ ...base, y: 0 }));
  });

  it('conserves mass with ground reflection: u·∫∫C dy dz = q', () => {
    const p = { q: 7, u: 4, h: 50, sigmaY: 80, sigmaZ: 40 };
    const flux =
      p.u *
      simpson(
        (z) => simpson((y) => plumeConcentration({ ...p, y, z }), -10 * p.sigmaY, 10 * p.sigmaY, 400),
        0,
        p.h + 12 * p.sigmaZ,
        400,
      );
    expect(rel(flux, p.q)).toBeLessThan(1e-6);
  });

  it('conserves mass between ground and lid, below and above the well-mixed switch', () => {
    const L = 300;
    for (const sigmaZ of [30, 150, 400, 479, 481, 2000]) {
      const p = { q: 2, u: 5, h: 120, sigmaY: 200, sigmaZ, mixingHeight: L };
      const column = simpson((z) => plumeConcentration({ ...p, y: 0, z }), 0, L, 3000);
      // ∫ over y of exp(−y²/2σy²) = √(2π)σy, so q = u·√(2π)σy·∫C(y=0) dz
      const flux = p.u * Math.sqrt(2 * Math.PI) * p.sigmaY * column;
      expect(rel(flux, p.q)).toBeLessThan(1e-5);
    }
  });

  it('matches the Fourier form of the lid image sum (physics.md §2.2)', () => {
    const [L, h] = [500, 100];
    for (const sigmaZ of [50, 200, 500, 790]) {
      for (const z of [0, 50, 100, 499]) {
        let series = 1;
        for (let n = 1; n < 200; n++) {
          series +=
            2 *
            Math.cos((n * Math.PI * z) / L) *
            Math.cos((n * Math.PI * h) / L) *
            Math.exp(-0.5 * ((n * Math.PI * sigmaZ) / L) ** 2);
        }
        const g = verticalDistribution({ h, z, sigmaZ, mixingHeight: L });
        expect(Math.abs(g - series / L)).toBeLessThan(1e-12 + 1e-9 * (series / L));
      }
    }
  });

  it('is continuous at the well-mixed switch σz = 1.6 L (Turner rule, Fundamentals of Air Pollution 3E p. 299)', () => {
    const L = 800;
    const p = { q: 1, u: 2, h: 30, y: 40, z: 0, sigmaY: 300, mixingHeight: L };
    expect(isWellMixed(1.6 * L * 0.999999, L)).toBe(false);
    expect(isWellMixed(1.6 * L * 1.000001, L)).toBe(true);
    const below = plumeConcentration({ ...p, sigmaZ: 1.6 * L * 0.999999 });
    const above = plumeConcentration({ ...p, sigmaZ: 1.6 * L * 1.000001 });
    expect(rel(below, above)).toBeLessThan(1e-4);
    const wellMixed =
      (p.q / (Math.sqrt(2 * Math.PI) * p.sigmaY * p.u * L)) * Math.exp((-p.y * p.y) / (2 * p.sigmaY ** 2));
    expect(rel(above, wellMixed)).toBeLessThan(1e-12);
  });

  it('returns 0 above the lid when h < L, and below the lid when the release is above it', () => {
    const p = { q: 1, u: 2, y: 0, sigmaY: 50, sigmaZ: 30, mixingHeight: 200 };
    expect(plumeConcentration({ ...p, h: 100, z: 250 })).toBe(0);
    expect(plumeConcentration({ ...p, h: 100, z: 200 })).toBeGreaterThan(0);
    expect(plumeConcentration({ ...p, h: 250, z: 0 })).toBe(0);
  });

  it('reduces to the unbounded plume when the lid is far away', () => {
    const p = { q: 1, u: 2, h: 40, y: 10, z: 2, sigmaY: 50, sigmaZ: 30 };
    expect(rel(plumeConcentration({ ...p, mixingHeight: 5000 }), plumeConcentration(p))).toBeLessThan(1e-12);
  });

  it('rejects bad input with a RangeError naming the argument', () => {
    const p = { q: 1, u: 2, h: 10, y: 0, z: 0, sigmaY: 10, sigmaZ: 5 };
    expect(() => plumeConcentration({ ...p, u: 0 })).toThrow(/u must be > 0/);
    expect(() => plumeConcentration({ ...p, u: -3 })).toThrow(RangeError);
    expect(() => plumeConcentration({ ...p, sigmaY: 0 })).toThrow(/sigmaY/);
    expect(() => plumeConcentration({ ...p, sigmaZ: -1 })).toThrow(/sigmaZ/);
    expect(() => plumeConcentration({ ...p, q: -1 })).toThrow(/q must be ≥ 0/);
    expect(() => plumeConcentration({ ...p, z: -0.1 })).toThrow(/z must be ≥ 0/);
    expect(() => plumeConcentration({ ...p, h: -5 })).toThrow(/h must/);
    expect(() => plumeConcentration({ ...p, y: Number.NaN })).toThrow(/y must be a finite number/);
    expect(() => plumeConcentration({ ...p, q: Infinity })).toThrow(/q must be a finite/);
    expect(() => plumeConcentration({ ...p, mixingHeight: 0 })).toThrow(/mixingHeight/);
    expect(() => plumeConcentration({ ...p, u: '3' as unknown as number })).toThrow(/u must be a finite/);
    expect(plumeConcentration({ ...p, q: 0 })).toBe(0);
  });
});

describe('plumeGrid', () => {
  const sigma = (x: number) => ({
    sigmaY: 0.08 * x * (1 + 0.0001 * x) ** -0.5,
    sigmaZ: 0.06 * x * (1 + 0.0015 * x) ** -0.5,
  });

  it('equals the point function cell by cell (row-major, y rows × x columns), zero upwind', () => {
    const xs = Float64Array.from([-100, 0, 50, 500, 2000, 15000]);
    const ys = Float64Array.from([-400, -20, 0, 20, 400]);
    for (const mixingHeight of [undefined, 400]) {
      const grid = plumeGrid({ q: 5, u: 3, h: 25, z: 1, xs, ys, sigma, mixingHeight });
      expect(grid.length).toBe(xs.length * ys.length);
      for (let iy = 0; iy < ys.length; iy++) {
        for (let ix = 0; ix < xs.length; ix++) {
          const v = grid[iy * xs.length + ix]!;
          if (xs[ix]! <= 0) {
            expect(v).toBe(0);
            continue;
          }
          const expected = plumeConcentration({
            q: 5,
            u: 3,
            h: 25,
            y: ys[iy]!,
            z: 1,
            ...sigma(xs[ix]!),
            mixingHeight,
          });
          expect(v === expected || rel(v, expected) < 1e-12).toBe(true);
        }
      }
    }
  });

  it('accepts σ arrays and an output buffer; validates lengths', () => {
    const xs = Float64Array.from([100, 1000]);
    const ys = Float64Array.from([0, 50]);
    const sigmaY = Float64Array.from(Array.from(xs, (x) => sigma(x).sigmaY));
    const sigmaZ = Float64Array.from(Array.from(xs, (x) => sigma(x).sigmaZ));
    const out = new Float64Array(4);
    const a = plumeGrid({ q: 1, u: 2, h: 10, z: 0, xs, ys, sigma: { sigmaY, sigmaZ }, out });
    expect(a).toBe(out);
    expect(Array.from(a)).toEqual(Array.from(plumeGrid({ q: 1, u: 2, h: 10, z: 0, xs, ys, sigma })));
    expect(() =>
      plumeGrid({ q: 1, u: 2, h: 10, z: 0, xs, ys, sigma: { sigmaY, sigmaZ: new Float64Array(1) } }),
    ).toThrow(RangeError);
    expect(() => plumeGrid({ q: 1, u: 2, h: 10, z: 0, xs, ys, sigma, out: new Float64Array(3) })).toThrow(
      /out/,
    );
    expect(() =>
      plumeGrid({ q: 1, u: 2, h: 10, z: 0, xs, ys, sigma: () => ({ sigmaY: 0, sigmaZ: 1 }) }),
    ).toThrow(/sigmaY at x=100/);
    expect(() => plumeGrid({ q: 1, u: 0, h: 10, z: 0, xs, ys, sigma })).toThrow(/u must be > 0/);
  });

  it('computes a 400 × 400 grid quickly (timing printed, not asserted)', () => {
    const n = 400;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      xs[i] = 50 + i * 50;
      ys[i] = -10000 + i * 50;
    }
    const out = new Float64Array(n * n);
    plumeGrid({ q: 1e9, u: 3, h: 30, z: 1, xs, ys, sigma, mixingHeight: 800, out }); // warm-up
    const runs = 10;
    const t0 = performance.now();
    for (let r = 0; r < runs; r++)
      plumeGrid({ q: 1e9, u: 3, h: 30, z: 1, xs, ys, sigma, mixingHeight: 800, out });
    const ms = (performance.now() - t0) / runs;
    console.log(`plumeGrid 400×400 (with lid): ${ms.toFixed(2)} ms per grid`);
    expect(out.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
  });
});

describe('puff', () => {
  const puff = { qTotal: 1e6, xCentre: 1000, yCentre: 0, h: 20, sigmaX: 60, sigmaY: 60, sigmaZ: 25 };

  it('matches the physics.md §2.3 formula at and off the centre', () => {
    for (const [x, y, z] of [
      [1000, 0, 0],
      [1050, -30, 10],
      [900, 80, 40],
    ] as const) {
      const { qTotal, xCentre, yCentre, h, sigmaX, sigmaY, sigmaZ } = puff;
      const expected =
        (qTotal / ((2 * Math.PI) ** 1.5 * sigmaX * sigmaY * sigmaZ)) *
        Math.exp(-((x - xCentre) ** 2) / (2 * sigmaX ** 2)) *
        Math.exp(-((y - yCentre) ** 2) / (2 * sigmaY ** 2)) *
        (Math.exp(-((z - h) ** 2) / (2 * sigmaZ ** 2)) + Math.exp(-((z + h) ** 2) / (2 * sigmaZ ** 2)));
      expect(rel(puffConcentration({ ...puff, x, y, z }), expected)).toBeLessThan(1e-12);
    }
  });

  it('holds its whole content: ∫∫∫C = qTotal (with and without lid)', () => {
    for (const mixingHeight of [undefined, 100]) {
      const p = { ...puff, mixingHeight };
      const column = simpson(
        (z) => puffConcentration({ ...p, x: p.xCentre, y: p.yCentre, z }),
        0,
        mixingHeight ?? 400,
        2000,
      );
      expect(rel(2 * Math.PI * p.sigmaX * p.sigmaY * column, p.qTotal)).toBeLessThan(1e-6);
    }
  });

  it('time-integrates to the plume formula with q → qTotal (physics.md §2.3 identity)', () => {
    const u = 3;
    const receptor = { x: 1000, y: 25, z: 1.5 };
    const tiac = simpson(
      (t) => puffConcentration({ ...puff, xCentre: u * t, ...receptor }),
      0,
      2 * (1000 / u),
      4000,
    );
    const expected = timeIntegratedPuff({
      qTotal: puff.qTotal,
      u,
      h: puff.h,
      y: 25,
      z: 1.5,
      sigmaY: 60,
      sigmaZ: 25,
    });
    expect(rel(tiac, expected)).toBeLessThan(1e-6);
    expect(
      rel(
        expected,
        plumeConcentration({ q: puff.qTotal, u, h: puff.h, y: 25, z: 1.5, sigmaY: 60, sigmaZ: 25 }),
      ),
    ).toBeLessThan(1e-15);
  });

  it('rejects bad input naming the argument', () => {
    expect(() => puffConcentration({ ...puff, x: 0, y: 0, z: 0, sigmaX: 0 })).toThrow(/sigmaX/);
    expect(() => puffConcentration({ ...puff, x: 0, y: 0, z: -1 })).toThrow(/z must be ≥ 0/);
    expect(() => puffConcentration({ ...puff, qTotal: -1, x: 0, y: 0, z: 0 })).toThrow(/qTotal/);
    expect(() => timeIntegratedPuff({ qTotal: 1, u: 0, h: 0, y: 0, z: 0, sigmaY: 1, sigmaZ: 1 })).toThrow(
      /u must be > 0/,
    );
  });
});

describe('Briggs plume rise', () => {
  // Cases from aefarrell/GasDispersion.jl test suite (Briggs plume-rise testset, ISC3 User's Guide Vol. II
  // EPA-454/B-95-003b §1.1.4 equations as reproduced in physics.md §2.7): d_s = 1 m, T_a = 288.15 K, u = 4 m/s.
  const stack = { diameterM: 1, ambientTempK: 288.15, u: 4 };

  it('unstable buoyant, F_b = 50 and 60 (A): final rise, x_f and the 2/3 law at 50 m', () => {
    const a = briggsRiseFromStack({
      ...stack,
      exitVelocityMS: 72.93819699672669,
      stackTempK: 400,
      stability: 'A',
      x: 50,
    });
    expect(a.regime).toBe('buoyant');
    expect(a.buoyancyFlux).toBeCloseTo(50, 9);
    expect(a.finalRiseM).toBeCloseTo(100.71365158671999, 6);
    expect(a.distanceToFinalM).toBeCloseTo(565.0050541491846, 6);
    expect(a.riseM).toBeCloseTo(20, 9);
    const far = briggsRiseFromStack({
      ...stack,
      exitVelocityMS: 72.93819699672669,
      stackTempK: 400,
      stability: 'A',
      x: 1130.01,
    });
    expect(far.riseM).toBe(far.finalRiseM);
    const b = briggsRiseFromStack({
      ...stack,
      exitVelocityMS: 87.52583639607202,
      stackTempK: 400,
      stability: 'A',
    });
    expect(b.buoyancyFlux).toBeCloseTo(60, 9);
    expect(b.finalRiseM).toBeCloseTo(112.8895989623143, 6);
    expect(b.distanceToFinalM).toBeCloseTo(612.07897481385, 6);
  });

  it('unstable momentum-dominated (A): Δh = 3·d·v_s/u, gradual rise at 50 m', () => {
    const vs = 179.87751923862007;
    const r = briggsRiseFromStack({ ...stack, exitVelocityMS: vs, stackTempK: 325, stability: 'A', x: 50 });
    expect(r.regime).toBe('momentum');
    expect(r.momentumFlux).toBeCloseTo(7171.814541070672, 6);
    expect(r.finalRiseM).toBeCloseTo((3 * vs) / 4, 9);
    expect(r.distanceToFinalM).toBeCloseTo(565.0050541491846, 6);
    expect(r.riseM).toBeCloseTo(81.01824072514351, 6);
  });

  it('stable buoyant (E, F) with s = g/T·dθ/dz', () => {
    expect(stabilityParameter('E', 288.15)).toBeCloseTo(0.0006806288391462781, 12);
    expect(stabilityParameter('F', 288.15)).toBeCloseTo(0.0011911004685059867, 12);
    expect(stabilityParameter('D', 288.15)).toBeNull();
    const e = briggsRiseFromStack({
      ...stack,
      exitVelocityMS: 72.93819699672669,
      stackTempK: 400,
      stability: 'E',
    });
    expect(e.regime).toBe('buoyant');
    expect(e.finalRiseM).toBeCloseTo(68.59722859012221, 6);
    expect(e.distanceToFinalM).toBeCloseTo(317.60677324769046, 6);
    const f = briggsRiseFromStack({
      ...stack,
      exitVelocityMS: 72.93819699672669,
      stackTempK: 400,
      stability: 'F',
    });
    expect(f.finalRiseM).toBeCloseTo(56.92380039947288, 6);
    expect(f.distanceToFinalM).toBeCloseTo(240.0881533494489, 6);
  });

  it('stable momentum-dominated (E, F)', () => {
    const vs = 240.91531595745576;
    const e = briggsRiseFromStack({ ...stack, exitVelocityMS: vs, stackTempK: 325, stability: 'E', x: 50 });
    expect(e.regime).toBe('momentum');
    expect(e.momentumFlux).toBeCloseTo(12864.831225945449, 6);
    expect(e.riseM).toBeCloseTo(19.04522445600697, 6);
    expect(e.distanceToFinalM).toBeCloseTo(240.83782417699823, 6);
    const f = briggsRiseFromStack({ ...stack, exitVelocityMS: vs, stackTempK: 325, stability: 'F' });
    expect(f.finalRiseM).toBeCloseTo(17.349211998937378, 6);
    expect(f.distanceToFinalM).toBeCloseTo(182.0562825914961, 6);
  });

  it('fluxes from stack parameters follow physics.md §2.7', () => {
    const s = { exitVelocityMS: 10, diameterM: 2, stackTempK: 450, ambientTempK: 298 };
    expect(buoyancyFluxFromStack(s)).toBeCloseTo((9.80616 * 10 * 4 * 152) / 1800, 10);
    expect(momentumFluxFromStack(s)).toBeCloseTo((100 * 4 * 298) / 1800, 10);
    expect(buoyancyFluxFromStack({ ...s, stackTempK: 290 })).toBe(0);
  });

  it('heat release: F ≈ 8.8 m⁴/s³ per MW (Briggs 1975; Hanna, Briggs & Hosker 1982, DOE/TIC-11223)', () => {
    expect(rel(buoyancyFluxFromHeat(1), 8.8)).toBeLessThan(0.01);
    expect(buoyancyFluxFromHeat(0)).toBe(0);
    // a 20 MW fire in neutral air at 5 m/s: final rise 38.71·F^0.6/u (F ≥ 55)
    const F = buoyancyFluxFromHeat(20);
    const r = briggsBuoyantRise({ buoyancyFlux: F, u: 5, stability: 'D', ambientTempK: 300 });
    expect(r.finalRiseM).toBeCloseTo((38.71 * F ** 0.6) / 5, 9);
    expect(effectiveHeight(10, r.finalRiseM)).toBeCloseTo(10 + r.finalRiseM, 12);
    // stable: the calm-wind limit takes over at very low wind
    const calm = briggsBuoyantRise({ buoyancyFlux: F, u: 0.05, stability: 'F', ambientTempK: 300 });
    const s = stabilityParameter('F', 300)!;
    expect(calm.finalRiseM).toBeCloseTo(4 * F ** 0.25 * s ** -0.375, 9);
  });

  it('rejects bad input naming the argument', () => {
    expect(() => briggsBuoyantRise({ buoyancyFlux: 10, u: 0, stability: 'D', ambientTempK: 290 })).toThrow(
      /u must be > 0/,
    );
    expect(() =>
      briggsBuoyantRise({ buoyancyFlux: 10, u: 2, stability: 'G' as 'A', ambientTempK: 290 }),
    ).toThrow(/stability/);
    expect(() => buoyancyFluxFromHeat(-1)).toThrow(/heatReleaseMW/);
    expect(() =>
      briggsRiseFromStack({
        exitVelocityMS: 5,
        diameterM: 0,
        stackTempK: 400,
        ambientTempK: 290,
        u: 2,
        stability: 'C',
      }),
    ).toThrow(/diameterM/);
    expect(() => effectiveHeight(-1, 2)).toThrow(/stackHeightM/);
  });
});

describe('decay in transit and progeny', () => {
  it('I-131 after 10 km at 2 m/s keeps 0.99501 (physics.md §2.10)', () => {
    const i131 = findNuclide('I-131')!;
    expect(decayFactor(i131.halfLifeSeconds, 10_000 / 2)).toBeCloseTo(0.99501, 5);
    expect(decayFactor(Infinity, 1e9)).toBe(1);
    expect(decayFactor(100, 0)).toBe(1);
    expect(() => decayFactor(0, 1)).toThrow(/halfLifeS/);
    expect(() => decayFactor(10, -1)).toThrow(/travelTimeS/);
  });

  it('Ba-137m decayed on its own would lose ~99% over 1 km at 1 m/s (physics.md §2.10), Bateman keeps equilibrium', () => {
    const cs = PROGENY['Cs-137']!;
    expect(cs.progeny).toBe('Ba-137m');
    expect(cs.branching).toBe(0.944);
    expect(decayFactor(cs.progenyHalfLifeS, 1000)).toBeLessThan(0.015);
    const parentHalfLifeS = findNuclide('Cs-137')!.halfLifeSeconds;
    const eq = batemanParentProgeny({
      parentInitialBq: 1e12,
      parentHalfLifeS,
      progenyHalfLifeS: cs.progenyHalfLifeS,
      branching: cs.branching,
      timeS: 1000,
    });
    expect(rel(eq.progenyBq / eq.parentBq, 0.944)).toBeLessThan(1e-6);
    // pure parent: Ba-137m grows in to 0.944·A(Cs) after ~10 of its half-lives
    const grown = batemanParentProgeny({
      parentInitialBq: 1e12,
      parentHalfLifeS,
      progenyHalfLifeS: cs.progenyHalfLifeS,
      branching: cs.branching,
      timeS: 10 * cs.progenyHalfLifeS,
      progenyInitialBq: 0,
    });
    expect(rel(grown.progenyBq / grown.parentBq, 0.944)).toBeLessThan(2e-3);
  });

  it('Sr-90 → Y-90 ingrowth: half of equilibrium after one Y-90 half-life', () => {
    const sr = PROGENY['Sr-90']!;
    expect(sr.progeny).toBe('Y-90');
    expect(sr.branching).toBe(1);
    const r = batemanParentProgeny({
      parentInitialBq: 1,
      parentHalfLifeS: findNuclide('Sr-90')!.halfLifeSeconds,
      progenyHalfLifeS: sr.progenyHalfLifeS,
      branching: 1,
      timeS: sr.progenyHalfLifeS,
      progenyInitialBq: 0,
    });
    expect(r.progenyBq).toBeCloseTo(0.5, 3);
    expect(() =>
      batemanParentProgeny({
        parentInitialBq: 1,
        parentHalfLifeS: 1,
        progenyHalfLifeS: 2,
        branching: 1,
        timeS: 1,
      }),
    ).toThrow(/progenyInitialBq/);
    expect(() =>
      batemanParentProgeny({
        parentInitialBq: 1,
        parentHalfLifeS: 1,
        progenyHalfLifeS: 0.1,
        branching: 2,
        timeS: 1,
      }),
    ).toThrow(/branching/);
  });
});
