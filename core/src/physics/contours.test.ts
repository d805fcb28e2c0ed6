import { describe, expect, it } from 'vitest';
import {
  contourPolygonArea,
  isobandPolygons,
  isolineRings,
  ringSignedArea,
  superlevelPolygons,
  zonesFromGrid,
  type ContourGrid,
} from './contours.js';

function axis(min: number, max: number, n: number): Float64Array {
  const a = new Float64Array(n);
  for (let k = 0; k < n; k++) a[k] = min + ((max - min) * k) / (n - 1);
  return a;
}

function gridOf(xs: Float64Array, ys: Float64Array, f: (x: number, y: number) => number): ContourGrid {
  const values = new Float64Array(xs.length * ys.length);
  for (let j = 0; j < ys.length; j++)
    for (let i = 0; i < xs.length; i++) values[j * xs.length + i] = f(xs[i]!, ys[j]!);
  return { values, xs, ys };
}

const SIGMA = 300;
const gauss = (x: number, y: number) => Math.exp(-(x * x + y * y) / (2 * SIGMA * SIGMA));
/** Level of the Gaussian hill at radius r. */
const levelAt = (r: number) => Math.exp(-(r * r) / (2 * SIGMA * SIGMA));

describe('superlevel polygons of a radially symmetric grid', () => {
  const xs = axis(-1000, 1000, 201);
  const grid = gridOf(xs, axis(-1000, 1000, 201), gauss);

  it('gives one counter-clockwise near-circle of area π r² (r = 500 m)', () => {
    const polys = superlevelPolygons(grid, levelAt(500));
    expect(polys).toHaveLength(1);
    expect(polys[0]).toHaveLength(1); // no holes
    const ring = polys[0]![0]!;
    expect(ring[0]).toEqual(ring[ring.length - 1]); // closed
    expect(ringSignedArea(ring)).toBeGreaterThan(0); // CCW outer ring
    expect(contourPolygonArea(polys[0]!)).toBeCloseTo(Math.PI * 500 * 500, -3); // within ~500 m² of 785 398 m²
    expect(Math.abs(contourPolygonArea(polys[0]!) / (Math.PI * 500 * 500) - 1)).toBeLessThan(2e-3);
    for (const [x, y] of ring) expect(Math.abs(Math.hypot(x, y) - 500)).toBeLessThan(2);
  });

  it('keeps outer rings counter-clockwise when the rows run north to south (ys decreasing)', () => {
    const flipped = gridOf(xs, axis(1000, -1000, 201), gauss);
    const polys = superlevelPolygons(flipped, levelAt(500));
    expect(polys).toHaveLength(1);
    expect(ringSignedArea(polys[0]![0]!)).toBeGreaterThan(0);
    expect(Math.abs(contourPolygonArea(polys[0]!) / (Math.PI * 500 * 500) - 1)).toBeLessThan(2e-3);
  });

  it('gives an annulus (one polygon, one clockwise hole) for a ring-shaped field', () => {
    const ringField = gridOf(xs, axis(-1000, 1000, 201), (x, y) =>
      Math.exp(-(((Math.hypot(x, y) - 400) / 100) ** 2)),
    );
    const polys = superlevelPolygons(ringField, 0.5);
    expect(polys).toHaveLength(1);
    expect(polys[0]).toHaveLength(2);
    expect(ringSignedArea(polys[0]![1]!)).toBeLessThan(0);
    const d = 100 * Math.sqrt(Math.LN2);
    const expected = Math.PI * ((400 + d) ** 2 - (400 - d) ** 2);
    expect(Math.abs(contourPolygonArea(polys[0]!) / expected - 1)).toBeLessThan(5e-3);
  });

  it('isobands: the band between r = 300 m and r = 600 m is an annulus of area π(600² − 300²)', () => {
    const band = isobandPolygons(grid, levelAt(600), levelAt(300));
    expect(band).toHaveLength(1);
    expect(band[0]).toHaveLength(2);
    const expected = Math.PI * (600 * 600 - 300 * 300);
    expect(Math.abs(contourPolygonArea(band[0]!) / expected - 1)).toBeLessThan(3e-3);
  });

  it('zonesFromGrid: nested superlevel zones by default, disjoint bands on request', () => {
    const t = [
      { level: levelAt(600), code: 'LOW' },
      { level: levelAt(300), code: 'HIGH' },
    ];
    const nested = zonesFromGrid(grid, [t[1]!, t[0]!]);
    expect(nested.map((z) => z.code)).toEqual(['LOW', 'HIGH']);
    expect(nested[0]!.area / (Math.PI * 600 * 600)).toBeCloseTo(1, 2);
    expect(nested[1]!.area / (Math.PI * 300 * 300)).toBeCloseTo(1, 2);
    expect(nested[1]!.upper).toBe(Infinity);
    const bands = zonesFromGrid(grid, t, { mode: 'bands' });
    expect(bands[0]!.upper).toBe(levelAt(300));
    expect(bands[0]!.area / (Math.PI * (600 * 600 - 300 * 300))).toBeCloseTo(1, 2);
    expect(bands[1]!.area / (Math.PI * 300 * 300)).toBeCloseTo(1, 2);
  });
});

describe('saddle, empty, full and NaN grids', () => {
  const xs = Float64Array.from([0, 1]);
  const ys = Float64Array.from([0, 1]);
  // Corners BL = 1, BR = 0, TL = 0, TR = 1: a saddle with mean 0.5.
  const saddle: ContourGrid = { values: Float64Array.from([1, 0, 0, 1]), xs, ys };

  it('joins the high corners when the cell mean is ≥ the level', () => {
    const polys = superlevelPolygons(saddle, 0.5);
    expect(polys).toHaveLength(1);
    // Hexagon: unit square minus two corner triangles of legs 0.5 → 1 − 2·0.125.
    expect(contourPolygonArea(polys[0]!)).toBeCloseTo(0.75, 12);
  });

  it('separates the high corners when the cell mean is below the level', () => {
    const polys = superlevelPolygons(saddle, 0.6);
    expect(polys).toHaveLength(2);
    // Each corner triangle has legs 0.4 (linear interpolation from 1 to 0 at 0.6): 0.5·0.4² = 0.08.
    for (const p of polys) expect(contourPolygonArea(p)).toBeCloseTo(0.08, 12);
  });

  it('empty grid (all below the level) gives nothing; full grid gives the grid rectangle', () => {
    const xs5 = axis(0, 4, 5);
    const low = gridOf(xs5, xs5, () => 1);
    expect(isolineRings(low, 2)).toEqual([]);
    expect(superlevelPolygons(low, 2)).toEqual([]);
    const full = superlevelPolygons(low, 1); // value == level counts as inside (≥)
    expect(full).toHaveLength(1);
    expect(contourPolygonArea(full[0]!)).toBeCloseTo(16, 12);
  });

  it('NaN cells are outside every zone: a NaN node cuts a diamond hole through its neighbours', () => {
    const xs5 = axis(0, 4, 5);
    const g = gridOf(xs5, xs5, (x, y) => (x === 2 && y === 2 ? NaN : 10));
    const polys = superlevelPolygons(g, 1);
    expect(polys).toHaveLength(1);
    expect(polys[0]).toHaveLength(2);
    expect(contourPolygonArea(polys[0]!)).toBeCloseTo(16 - 2, 12);
    const allNaN = gridOf(xs5, xs5, () => NaN);
    expect(superlevelPolygons(allNaN, 0)).toEqual([]);
  });

  it('a single cell above the level in a 1×1 or degenerate grid gives no zero-area ring', () => {
    expect(superlevelPolygons({ values: [5], xs: [0], ys: [0] }, 1)).toEqual([]);
  });

  it('rejects malformed grids and levels, naming the field', () => {
    expect(() => superlevelPolygons({ values: [1, 2, 3], xs: [0, 1], ys: [0, 1] }, 1)).toThrow(/values/);
    expect(() => superlevelPolygons({ values: [1, 2, 3, 4], xs: [0, 0], ys: [0, 1] }, 1)).toThrow(/xs/);
    expect(() => superlevelPolygons({ values: [1, 2, 3, 4], xs: [0, 1], ys: [0, NaN] }, 1)).toThrow(/ys/);
    expect(() => superlevelPolygons(saddle, NaN)).toThrow(/level/);
    expect(() => isobandPolygons(saddle, 0.6, 0.5)).toThrow(/hi/);
    expect(() => zonesFromGrid(saddle, [Infinity])).toThrow(/thresholds\[0\]/);
  });
});

describe('speed', () => {
  it('contours a 400 × 400 grid with several zones well under a second', () => {
    const xs = axis(-20000, 20000, 400);
    const g = gridOf(
      xs,
      xs,
      (x, y) => 1e-3 * Math.exp(-(x * x) / 2e7 - (y * y) / 2e8) * (1 + 0.1 * Math.sin(x / 700)),
    );
    const t0 = performance.now();
    const zones = zonesFromGrid(g, [1e-6, 1e-5, 1e-4, 5e-4], { mode: 'bands' });
    const ms = performance.now() - t0;
    expect(zones.every((z) => z.polygons.length > 0)).toBe(true);
    expect(ms).toBeLessThan(1000);
  });
});
