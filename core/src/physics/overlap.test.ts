import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { frameCommunes, insideCommune, zoneCommunes, type RunCommuneInput } from './overlap.js';
import { computeDispersionRun } from './run.js';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
const identity = (x: number, y: number): [number, number] => [x, y];
const square = (x0: number, y0: number, x1: number, y1: number): number[][] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const linspace = (a: number, b: number, n: number) =>
  Float64Array.from({ length: n }, (_, i) => a + (i * (b - a)) / (n - 1));

describe('communes covered by a zone (grid sampling)', () => {
  // Two 5 × 10 km communes side by side; a dose that grows eastwards, zone = east of x = 2.5 km.
  const communes: RunCommuneInput[] = [
    { code: 'A', name: 'Xã A', population: 1000, type: 'Polygon', geometry: [square(0, 0, 5000, 10_000)] },
    {
      code: 'B',
      name: 'Xã B',
      population: null,
      type: 'MultiPolygon',
      geometry: [[square(5000, 0, 10_000, 5000)], [square(5000, 5000, 10_000, 10_000)]],
    },
  ];
  const xs = linspace(0, 10_000, 101);
  const ys = linspace(0, 10_000, 101);
  const values = new Float64Array(101 * 101);
  for (let j = 0; j < 101; j++) for (let i = 0; i < 101; i++) values[j * 101 + i] = xs[i]!;
  const arrivalS = Float64Array.from(values, (x) => x / 2);
  const framed = frameCommunes(communes, identity, [0, 0, 10_000, 10_000]);

  it('area shares, areas inside, people (uniform over the commune) and earliest arrival', () => {
    expect(framed.map((c) => c.areaM2)).toEqual([5e7, 5e7]);
    const z = zoneCommunes({ xs, ys, values, level: 2500, arrivalS, communes: framed });
    const [b, a] = z.communes; // largest area first
    expect(b!.code).toBe('B');
    expect(b!.fraction).toBeCloseTo(1, 6);
    expect(b!.population).toBeNull();
    expect(b!.arrivalS).toBeCloseTo(2500, 6);
    expect(a!.code).toBe('A');
    expect(a!.fraction).toBeCloseTo(0.5, 2);
    expect(a!.areaKm2).toBeCloseTo(25, 1);
    expect(a!.population).toBeCloseTo(500, -1);
    expect(a!.arrivalS).toBeCloseTo(1250, -2);
    expect(z.population).toBeCloseTo(500, -1);
    expect(z.populationMissing).toBe(1);
  });

  it('no population anywhere: null, and every commune counted as missing', () => {
    const z = zoneCommunes({ xs, ys, values, level: 6000, arrivalS: null, communes: framed });
    expect(z.communes.map((c) => c.code)).toEqual(['B']);
    expect(z.communes[0]!.fraction).toBeCloseTo(0.8, 2);
    expect(z.communes[0]!.arrivalS).toBeNull();
    expect(z.population).toBeNull();
    expect(z.populationMissing).toBe(1);
  });

  it('holes are not part of a commune; communes off the grid are dropped', () => {
    const holed: RunCommuneInput = {
      code: 'H',
      name: 'Phường H',
      population: 100,
      type: 'Polygon',
      geometry: [square(0, 0, 4000, 4000), square(1000, 1000, 3000, 3000)],
    };
    const far: RunCommuneInput = { ...holed, code: 'F', geometry: [square(50_000, 0, 60_000, 10)] };
    const [h, ...rest] = frameCommunes([holed, far], identity, [0, 0, 10_000, 10_000]);
    expect(rest).toEqual([]);
    expect(h!.areaM2).toBe(16e6 - 4e6);
    expect(insideCommune(h!, 500, 500)).toBe(true);
    expect(insideCommune(h!, 2000, 2000)).toBe(false);
    const everywhere = new Float64Array(101 * 101).fill(1);
    const z = zoneCommunes({ xs, ys, values: everywhere, level: 0.5, arrivalS: null, communes: [h!] });
    expect(z.communes[0]!.areaKm2).toBeCloseTo(12, 1);
    expect(z.communes[0]!.fraction).toBeCloseTo(1, 2);
  });
});

describe('communes of Hưng Yên in a real run (provinces/hung-yen/communes.geojson)', () => {
  const geojson = JSON.parse(
    readFileSync(new URL('../../../provinces/hung-yen/communes.geojson', import.meta.url), 'utf8'),
  ) as {
    features: Array<{
      properties: { code: string; full_name: string; area_km2: number };
      geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: number[][][] | number[][][][] };
    }>;
  };
  const communes: RunCommuneInput[] = geojson.features.map((f, k) => ({
    code: f.properties.code,
    name: f.properties.full_name,
    population: k % 4 === 0 ? null : 10_000 + k,
    type: f.geometry.type,
    geometry: f.geometry.coordinates,
  }));

  it('projected areas agree with the areas on the sphere (Chamberlain & Duquette 2007, JPL Publication 07-03)', () => {
    // Ring area on a sphere of radius R: |Σ (λ2 − λ1)·(2 + sin φ1 + sin φ2)|·R²/2 (as in mapbox geojson-area).
    const R = (111_320 * 180) / Math.PI;
    const rad = Math.PI / 180;
    const ringArea = (ring: number[][]) => {
      let s = 0;
      for (let k = 0; k + 1 < ring.length; k++) {
        const [l1, p1] = ring[k]!;
        const [l2, p2] = ring[k + 1]!;
        s += (l2! - l1!) * rad * (2 + Math.sin(p1! * rad) + Math.sin(p2! * rad));
      }
      return (Math.abs(s) * R * R) / 2;
    };
    const sphere = (c: RunCommuneInput) =>
      (c.type === 'Polygon' ? [c.geometry as number[][][]] : (c.geometry as number[][][][])).reduce(
        (sum, polygon) => sum + polygon.reduce((a, ring, k) => a + (k === 0 ? 1 : -1) * ringArea(ring), 0),
        0,
      );
    const cosLat = Math.cos((20.65 * Math.PI) / 180);
    const project = (lon: number, lat: number): [number, number] => [
      (lon - 106.2) * 111_320 * cosLat,
      (lat - 20.65) * 111_320,
    ];
    const framed = frameCommunes(communes, project, [-20_000, -20_000, 20_000, 20_000]);
    expect(framed.length).toBeGreaterThan(10);
    for (const c of framed) {
      expect(rel(c.areaM2, sphere(communes.find((x) => x.code === c.code)!)), c.code).toBeLessThan(0.005);
    }
  });

  it('a large zone inside the province: shares in [0, 1], commune areas adding up to the zone area', () => {
    const run = computeDispersionRun(
      {
        release: {
          lat: 20.65,
          lon: 106.2,
          heightM: 10,
          durationS: 3600,
          nuclides: [{ nuclide: 'Cs-137', activityBq: 1e17 }],
        },
        weather: { windSpeedMS: 3, windFromDeg: 300, stability: 'D' },
      },
      { communes },
    );
    const zone = run.zones.reduce((a, b) => (b.areaKm2 > a.areaKm2 ? b : a));
    expect(zone.areaKm2).toBeGreaterThan(40);
    expect(zone.communes.length).toBeGreaterThan(5);
    for (const c of zone.communes) {
      expect(c.fraction).toBeGreaterThan(0);
      expect(c.fraction).toBeLessThanOrEqual(1);
      expect(c.arrivalS).not.toBeNull();
    }
    const sum = zone.communes.reduce((s, c) => s + c.areaKm2, 0);
    expect(rel(sum, zone.areaKm2)).toBeLessThan(0.03);
    const people = zone.communes.reduce((s, c) => s + (c.population ?? 0), 0);
    expect(zone.population).toBeCloseTo(people, 6);
    expect(zone.populationMissing).toBe(zone.communes.filter((c) => c.population === null).length);
    expect(run.assumptions).toContain('run.population_uniform_in_commune');
  });
});
