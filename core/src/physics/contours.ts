/**
 * Marching squares over a regular grid: iso-rings, superlevel polygons (value ≥ level) and iso-bands
 * (lo ≤ value < hi) as closed polygons with holes, for drawing dose or concentration zones on the map.
 *
 * Grid: `values` row-major, `values[j * xs.length + i]` is the value at (xs[i], ys[j]); xs and ys strictly monotonic
 * (increasing or decreasing), spacing may vary. Linear interpolation along cell edges; saddle cells are resolved by
 * the mean of the four corners (mean ≥ level joins the high corners).
 *
 * Conventions:
 * - The grid is padded (conceptually) with −∞, so every ring is closed: a zone that reaches the grid edge is closed
 *   along the edge nodes. NaN (no data) counts as −∞: outside every zone, boundaries snap to the last valid node.
 * - Output rings are closed ([first] repeated at the end). Outer rings are counter-clockwise and holes clockwise in
 *   the x/y frame (GeoJSON right-hand rule when x = east, y = north). A polygon is `[outer, ...holes]`.
 * - Rings of two nested levels never cross (they cut different corners of a cell), so bands are exact.
 * Work is O(cells) with typed arrays; only the output rings allocate per vertex.
 */

export interface ContourGrid {
  values: ArrayLike<number>;
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
}

export type ContourRing = Array<[number, number]>;
/** `[outer, ...holes]`, each ring closed. */
export type ContourPolygon = ContourRing[];

// Segments per marching-squares case (bit 0 = BL, 1 = BR, 2 = TR, 3 = TL inside), as [fromEdge, toEdge] pairs with the
// inside on the left (edges: 0 = bottom, 1 = right, 2 = top, 3 = left). Saddles 5 and 10 are resolved at run time.
const SEGMENTS: Int8Array = (() => {
  const t = new Int8Array(16 * 2).fill(-1);
  for (let code = 1; code < 15; code++) {
    if (code === 5 || code === 10) continue;
    let from = -1;
    let to = -1;
    for (let k = 0; k < 4; k++) {
      const a = (code >> k) & 1;
      const b = (code >> ((k + 1) & 3)) & 1;
      if (a && !b) from = k;
      if (!a && b) to = k;
    }
    t[code * 2] = from;
    t[code * 2 + 1] = to;
  }
  return t;
})();
// Saddles: [separated pairs..., joined pairs...] (from, to, from, to).
const SADDLE_5_SEPARATE = [0, 3, 2, 1];
const SADDLE_5_JOINED = [0, 1, 2, 3];
const SADDLE_10_SEPARATE = [1, 0, 3, 2];
const SADDLE_10_JOINED = [1, 2, 3, 0];

function checkGrid(grid: ContourGrid): { nx: number; ny: number } {
  const nx = grid.xs?.length ?? 0;
  const ny = grid.ys?.length ?? 0;
  if (nx < 1 || ny < 1) throw new RangeError('xs and ys must not be empty');
  if (grid.values?.length !== nx * ny) throw new RangeError('values must have length xs.length·ys.length');
  const mono = (a: ArrayLike<number>, name: string) => {
    if (a.length < 2) return;
    const s = Math.sign(a[1]! - a[0]!);
    for (let k = 1; k < a.length; k++) {
      const d = a[k]! - a[k - 1]!;
      if (!Number.isFinite(a[k]!) || !Number.isFinite(a[k - 1]!) || Math.sign(d) !== s || d === 0) {
        throw new RangeError(`${name} must be finite and strictly monotonic`);
      }
    }
  };
  mono(grid.xs, 'xs');
  mono(grid.ys, 'ys');
  return { nx, ny };
}

function checkLevel(level: number, name = 'level'): number {
  if (typeof level !== 'number' || !Number.isFinite(level))
    throw new RangeError(`${name} must be a finite number`);
  return level;
}

/** Signed area of a closed ring (shoelace): > 0 counter-clockwise. */
export function ringSignedArea(ring: ReadonlyArray<readonly [number, number]>): number {
  let s = 0;
  for (let k = 0, n = ring.length; k + 1 < n; k++) {
    s += ring[k]![0] * ring[k + 1]![1] - ring[k + 1]![0] * ring[k]![1];
  }
  return s / 2;
}

/** Area of a polygon with holes (outer minus holes), in squared grid units. */
export function contourPolygonArea(polygon: ContourPolygon): number {
  let a = 0;
  polygon.forEach((r, k) => (a += k === 0 ? Math.abs(ringSignedArea(r)) : -Math.abs(ringSignedArea(r))));
  return a;
}

/** Ray casting: whether (x, y) lies inside a closed ring (GeoJSON rings work as [lon, lat]). */
export function pointInRing(x: number, y: number, ring: ReadonlyArray<readonly [number, number]>): boolean {
  let inside = false;
  for (let k = 0, m = ring.length - 1; k < ring.length; m = k++) {
    const [xk, yk] = ring[k]!;
    const [xm, ym] = ring[m]!;
    if (yk > y !== ym > y && x < ((xm - xk) * (y - yk)) / (ym - yk) + xk) inside = !inside;
  }
  return inside;
}

/** Whether (x, y) lies inside a polygon given as [outer, ...holes] (GeoJSON Polygon coordinates). */
export function pointInPolygon(
  x: number,
  y: number,
  polygon: ReadonlyArray<ReadonlyArray<readonly [number, number]>>,
): boolean {
  const [outer, ...holes] = polygon;
  return !!outer && pointInRing(x, y, outer) && !holes.some((hole) => pointInRing(x, y, hole));
}

/**
 * Closed rings around the region value ≥ level, outer boundaries counter-clockwise and boundaries of enclosed
 * low regions clockwise (in x/y). Rings along the grid edge close the region where it leaves the grid.
 */
export function isolineRings(grid: ContourGrid, level: number): ContourRing[] {
  const { nx, ny } = checkGrid(grid);
  checkLevel(level);
  const NX = nx + 2;
  const NY = ny + 2;
  const H = NX * NY;
  const P = new Float64Array(H).fill(-Infinity);
  const vals = grid.values;
  let any = false;
  for (let j = 0; j < ny; j++) {
    const row = (j + 1) * NX + 1;
    for (let i = 0; i < nx; i++) {
      const v = vals[j * nx + i]!;
      if (v >= level) any = true;
      P[row + i] = Number.isNaN(v) ? -Infinity : v;
    }
  }
  if (!any) return [];
  const next = new Int32Array(2 * H).fill(-1);
  for (let j = 0; j < NY - 1; j++) {
    for (let i = 0; i < NX - 1; i++) {
      const b = j * NX + i;
      const vbl = P[b]!;
      const vbr = P[b + 1]!;
      const vtr = P[b + NX + 1]!;
      const vtl = P[b + NX]!;
      const code =
        (vbl >= level ? 1 : 0) | (vbr >= level ? 2 : 0) | (vtr >= level ? 4 : 0) | (vtl >= level ? 8 : 0);
      if (code === 0 || code === 15) continue;
      // Global ids of the cell's edges: bottom, right, top, left.
      const e0 = b;
      const e1 = H + b + 1;
      const e2 = b + NX;
      const e3 = H + b;
      const ids = [e0, e1, e2, e3];
      if (code === 5 || code === 10) {
        const joined = (vbl + vbr + vtr + vtl) / 4 >= level;
        const pairs =
          code === 5
            ? joined
              ? SADDLE_5_JOINED
              : SADDLE_5_SEPARATE
            : joined
              ? SADDLE_10_JOINED
              : SADDLE_10_SEPARATE;
        next[ids[pairs[0]!]!] = ids[pairs[1]!]!;
        next[ids[pairs[2]!]!] = ids[pairs[3]!]!;
      } else {
        next[ids[SEGMENTS[code * 2]!]!] = ids[SEGMENTS[code * 2 + 1]!]!;
      }
    }
  }
  const xs = grid.xs;
  const ys = grid.ys;
  const point = (e: number): [number, number] => {
    const horizontal = e < H;
    const a = horizontal ? e : e - H;
    const bIdx = horizontal ? a + 1 : a + NX;
    const v0 = P[a]!;
    const v1 = P[bIdx]!;
    const t = v0 === -Infinity ? 1 : v1 === -Infinity ? 0 : (level - v0) / (v1 - v0);
    const j = Math.floor(a / NX);
    const i = a - j * NX;
    // Padded index p ↔ grid index p − 1; an outside (padded) node is never reached because t snaps to the inside node.
    if (horizontal) {
      const x0 = t === 1 ? 0 : xs[i - 1]!;
      const x1 = t === 0 ? 0 : xs[i]!;
      return [t === 0 ? x0 : t === 1 ? x1 : x0 + t * (x1 - x0), ys[j - 1]!];
    }
    const y0 = t === 1 ? 0 : ys[j - 1]!;
    const y1 = t === 0 ? 0 : ys[j]!;
    return [xs[i - 1]!, t === 0 ? y0 : t === 1 ? y1 : y0 + t * (y1 - y0)];
  };
  const flip = (nx > 1 && xs[nx - 1]! < xs[0]! ? -1 : 1) * (ny > 1 && ys[ny - 1]! < ys[0]! ? -1 : 1);
  const rings: ContourRing[] = [];
  for (let start = 0; start < 2 * H; start++) {
    if (next[start]! < 0) continue;
    const ring: ContourRing = [];
    let e = start;
    let lastX = NaN;
    let lastY = NaN;
    while (e >= 0) {
      const p = point(e);
      if (p[0] !== lastX || p[1] !== lastY) ring.push(p);
      lastX = p[0];
      lastY = p[1];
      const n = next[e]!;
      next[e] = -1;
      e = n;
    }
    while (
      ring.length > 1 &&
      ring[0]![0] === ring[ring.length - 1]![0] &&
      ring[0]![1] === ring[ring.length - 1]![1]
    ) {
      ring.pop();
    }
    if (ring.length < 3) continue;
    ring.push([ring[0]![0], ring[0]![1]]);
    if (ringSignedArea(ring) === 0) continue;
    if (flip < 0) ring.reverse();
    rings.push(ring);
  }
  return rings;
}

/** Groups oriented rings into polygons: each clockwise ring becomes a hole of the smallest enclosing outer ring. */
function assemble(rings: ContourRing[]): ContourPolygon[] {
  const outers: Array<{ ring: ContourRing; area: number; box: number[]; holes: ContourRing[] }> = [];
  const holes: ContourRing[] = [];
  for (const r of rings) {
    const a = ringSignedArea(r);
    if (a > 0) {
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      for (const [x, y] of r) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
      outers.push({ ring: r, area: a, box: [x0, y0, x1, y1], holes: [] });
    } else holes.push(r);
  }
  for (const h of holes) {
    // Rings never cross and touch only at degenerate nodes lying exactly on the level, so the hole's first vertex
    // decides containment. A hole without an enclosing outer ring cannot occur with the −∞ padding; it would be dropped.
    const [x, y] = h[0]!;
    let best: (typeof outers)[number] | null = null;
    for (const o of outers) {
      if (x < o.box[0]! || x > o.box[2]! || y < o.box[1]! || y > o.box[3]!) continue;
      if ((best === null || o.area < best.area) && pointInRing(x, y, o.ring)) best = o;
    }
    best?.holes.push(h);
  }
  return outers.map((o) => [o.ring, ...o.holes]);
}

/** Polygons (with holes) of the region value ≥ level. */
export function superlevelPolygons(grid: ContourGrid, level: number): ContourPolygon[] {
  return assemble(isolineRings(grid, level));
}

/** Polygons (with holes) of the band lo ≤ value < hi; hi = Infinity gives the superlevel set of lo. */
export function isobandPolygons(grid: ContourGrid, lo: number, hi: number): ContourPolygon[] {
  checkLevel(lo, 'lo');
  if (hi === Infinity) return superlevelPolygons(grid, lo);
  checkLevel(hi, 'hi');
  if (!(hi > lo)) throw new RangeError(`hi must be > lo (got lo ${lo}, hi ${hi})`);
  const inner = isolineRings(grid, hi).map((r) => r.slice().reverse());
  return assemble([...isolineRings(grid, lo), ...inner]);
}

export interface ContourZoneThreshold {
  level: number;
  /** E.g. the rule code (GSR7-URGENT-E) or a label key. */
  code?: string;
}

export interface ContourZone {
  level: number;
  /** Upper bound of the band (Infinity for the highest zone or in superlevel mode). */
  upper: number;
  code?: string;
  polygons: ContourPolygon[];
  /** Total area of the polygons, in squared grid units (m² for a metric grid). */
  area: number;
}

/**
 * Zones for the map from a dose grid. `superlevel` (default): each zone is value ≥ level (zones nest; draw the
 * lowest first). `bands`: each zone is level ≤ value < next higher level (zones do not overlap).
 */
export function zonesFromGrid(
  grid: ContourGrid,
  thresholds: ReadonlyArray<number | ContourZoneThreshold>,
  options: { mode?: 'superlevel' | 'bands' } = {},
): ContourZone[] {
  const mode = options.mode ?? 'superlevel';
  const ts = thresholds
    .map((t, k) => {
      const z = typeof t === 'number' ? { level: t } : t;
      checkLevel(z.level, `thresholds[${k}]`);
      return z;
    })
    .sort((a, b) => a.level - b.level);
  return ts.map((t, k) => {
    const upper = mode === 'bands' && k + 1 < ts.length ? ts[k + 1]!.level : Infinity;
    const polygons =
      upper === Infinity || upper === t.level
        ? superlevelPolygons(grid, t.level)
        : isobandPolygons(grid, t.level, upper);
    const area = polygons.reduce((s, p) => s + contourPolygonArea(p), 0);
    return { level: t.level, upper, ...(t.code === undefined ? {} : { code: t.code }), polygons, area };
  });
}
