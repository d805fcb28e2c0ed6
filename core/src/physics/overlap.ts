/**
 * Which communes a zone covers, how much of each, how many people and how soon (issue 5, zones' communes).
 *
 * Method: a zone is a superlevel set of a dose grid, so its overlap with a commune is measured on that grid. Each
 * grid cell (the quadrilateral between four nodes) is sampled at evenly spread points, about SAMPLE_SPACING_M
 * apart (1 to MAX_SUBDIVISIONS per side); a point's dose is the bilinear interpolation of the four nodes, and a
 * point in the zone adds its share of the cell's area to the commune whose boundary contains it. Points are
 * located row by row with a scanline: the commune boundaries' crossings of the row, sorted, tell which commune each
 * point along it lies in (even–odd rule, holes included), so the cost is that of the crossings plus the points.
 * The commune boundaries are projected once into the grid's metric frame (an equirectangular projection about the
 * release, within 0.5 % of the area on the sphere over the province). Population inside = commune population ×
 * area share: people are taken as spread evenly over their commune (assumption `run.population_uniform_in_commune`).
 * The arrival in a commune's part of the zone is the earliest arrival time at the corners of the cells sampled there.
 */

export interface RunCommuneInput {
  code: string;
  name: string;
  /** Inhabitants; null when not recorded. */
  population: number | null;
  type: 'Polygon' | 'MultiPolygon';
  /** GeoJSON coordinates of `type`, [lon, lat]. */
  geometry: number[][][] | number[][][][];
}

export interface RunZoneCommune {
  code: string;
  name: string;
  /** Share of the commune's area inside the zone (0..1). */
  fraction: number;
  /** Area of the commune inside the zone (km²). */
  areaKm2: number;
  /** Commune population × fraction; null when the commune has no population recorded. */
  population: number | null;
  /** Earliest arrival of the plume in the commune's part of the zone (s after the release starts). */
  arrivalS: number | null;
}

export interface ZoneCommunes {
  /** Largest area inside first. */
  communes: RunZoneCommune[];
  /** People in the zone (sum over its communes); null when none of them has a population recorded. */
  population: number | null;
  /** Communes in the zone without a population recorded. */
  populationMissing: number;
}

/** A commune in the grid's metric frame. */
export interface FramedCommune {
  code: string;
  name: string;
  population: number | null;
  /** Whole commune area (m²). */
  areaM2: number;
  /** Every ring of every polygon as interleaved x, y (m); holes included (even–odd rule). */
  rings: Float64Array[];
  box: [number, number, number, number];
}

/** Target distance between sample points (m), and the most sample points per cell side. */
const SAMPLE_SPACING_M = 70;
const MAX_SUBDIVISIONS = 4;

/** The polygons of a commune ([outer, ...holes] each). */
function polygonsOf(c: RunCommuneInput): number[][][][] {
  if (c.type === 'Polygon') return [c.geometry as number[][][]];
  if (c.type === 'MultiPolygon') return c.geometry as number[][][][];
  throw new RangeError(`commune ${c.code}: geometry type must be Polygon or MultiPolygon`);
}

function signedArea(r: Float64Array): number {
  let s = 0;
  const n = r.length / 2;
  for (let k = 0, m = n - 1; k < n; m = k++) s += r[m * 2]! * r[k * 2 + 1]! - r[k * 2]! * r[m * 2 + 1]!;
  return s / 2;
}

/**
 * Projects communes into the grid frame with `project` ([lon, lat] → [x, y] m) and keeps those whose bounding box
 * meets `bounds` ([x0, y0, x1, y1]). Area: outer rings minus holes (a GeoJSON polygon's first ring is its outer one).
 */
export function frameCommunes(
  communes: ReadonlyArray<RunCommuneInput>,
  project: (lon: number, lat: number) => [number, number],
  bounds: [number, number, number, number],
): FramedCommune[] {
  const out: FramedCommune[] = [];
  for (const c of communes) {
    const polygons = polygonsOf(c);
    const rings: Float64Array[] = [];
    const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    let area = 0;
    for (const polygon of polygons) {
      polygon.forEach((ring, k) => {
        const r = new Float64Array(ring.length * 2);
        ring.forEach(([lon, lat], i) => {
          const [x, y] = project(lon!, lat!);
          r[i * 2] = x;
          r[i * 2 + 1] = y;
          if (x < box[0]) box[0] = x;
          if (y < box[1]) box[1] = y;
          if (x > box[2]) box[2] = x;
          if (y > box[3]) box[3] = y;
        });
        const a = Math.abs(signedArea(r));
        area += k === 0 ? a : -a;
        rings.push(r);
      });
    }
    if (box[2] < bounds[0] || box[0] > bounds[2] || box[3] < bounds[1] || box[1] > bounds[3]) continue;
    out.push({ code: c.code, name: c.name, population: c.population, areaM2: area, rings, box });
  }
  return out;
}

/** Even–odd point in polygon over all rings (holes and parts included). */
export function insideCommune(c: FramedCommune, x: number, y: number): boolean {
  if (x < c.box[0] || x > c.box[2] || y < c.box[1] || y > c.box[3]) return false;
  let inside = false;
  for (const r of c.rings) {
    const n = r.length / 2;
    for (let k = 0, m = n - 1; k < n; m = k++) {
      const xk = r[k * 2]!;
      const yk = r[k * 2 + 1]!;
      const xm = r[m * 2]!;
      const ym = r[m * 2 + 1]!;
      if (yk > y !== ym > y && x < ((xm - xk) * (y - yk)) / (ym - yk) + xk) inside = !inside;
    }
  }
  return inside;
}

export interface ZoneOverlapInput {
  /** Grid node coordinates in the frame (m), ascending; `values[j·xs.length + i]` at (xs[i], ys[j]). */
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
  values: ArrayLike<number>;
  /** The zone is values ≥ level. */
  level: number;
  /** Arrival time per node (s), Infinity where the plume never came; null when unknown. */
  arrivalS: ArrayLike<number> | null;
  communes: ReadonlyArray<FramedCommune>;
}

/** Commune boundary crossings of the horizontal line at y, sorted by x (each toggles that commune). */
function crossings(communes: ReadonlyArray<FramedCommune>, y: number, xMin: number, xMax: number) {
  const xs: number[] = [];
  const ks: number[] = [];
  communes.forEach((c, k) => {
    if (y < c.box[1] || y > c.box[3] || c.box[2] < xMin || c.box[0] > xMax) return;
    for (const r of c.rings) {
      const n = r.length / 2;
      for (let a = 0, b = n - 1; a < n; b = a++) {
        const ya = r[a * 2 + 1]!;
        const yb = r[b * 2 + 1]!;
        if (ya > y === yb > y) continue;
        const xa = r[a * 2]!;
        xs.push(((r[b * 2]! - xa) * (y - ya)) / (yb - ya) + xa);
        ks.push(k);
      }
    }
  });
  const order = xs.map((_, i) => i).sort((a, b) => xs[a]! - xs[b]!);
  return { x: order.map((i) => xs[i]!), k: order.map((i) => ks[i]!) };
}

/** The communes a zone covers, see the module comment for the method. */
export function zoneCommunes(p: ZoneOverlapInput): ZoneCommunes {
  const { xs, ys, values, level, communes } = p;
  const nx = xs.length;
  const area = new Float64Array(communes.length);
  const arrival = new Float64Array(communes.length).fill(Infinity);
  const parity = new Uint8Array(communes.length);
  const subdivisions = (d: number) =>
    Math.min(MAX_SUBDIVISIONS, Math.max(1, Math.ceil(d / SAMPLE_SPACING_M)));
  const sx = Array.from({ length: nx - 1 }, (_, i) => subdivisions(xs[i + 1]! - xs[i]!));
  for (let j = 0; j + 1 < ys.length; j++) {
    // The row's cells that reach the level, and the x-range they span.
    let first = -1;
    let last = -1;
    for (let i = 0; i + 1 < nx; i++) {
      const c = j * nx + i;
      if (Math.max(values[c]!, values[c + 1]!, values[c + nx]!, values[c + nx + 1]!) >= level) {
        if (first < 0) first = i;
        last = i;
      }
    }
    if (first < 0) continue;
    const ya = ys[j]!;
    const yb = ys[j + 1]!;
    const sy = subdivisions(yb - ya);
    for (let b = 0; b < sy; b++) {
      const fy = (b + 0.5) / sy;
      const line = crossings(communes, ya + fy * (yb - ya), xs[first]!, xs[last + 1]!);
      parity.fill(0);
      let inside = -1;
      let next = 0;
      for (let i = first; i <= last; i++) {
        const c00 = j * nx + i;
        const v00 = values[c00]!;
        const v10 = values[c00 + 1]!;
        const v01 = values[c00 + nx]!;
        const v11 = values[c00 + nx + 1]!;
        const xa = xs[i]!;
        const xb = xs[i + 1]!;
        const w = ((xb - xa) * (yb - ya)) / (sx[i]! * sy);
        const corners = p.arrivalS
          ? Math.min(p.arrivalS[c00]!, p.arrivalS[c00 + 1]!, p.arrivalS[c00 + nx]!, p.arrivalS[c00 + nx + 1]!)
          : Infinity;
        for (let a = 0; a < sx[i]!; a++) {
          const fx = (a + 0.5) / sx[i]!;
          const x = xa + fx * (xb - xa);
          // Walk the crossings up to x: each one toggles its commune (communes do not overlap).
          while (next < line.x.length && line.x[next]! < x) {
            const k = line.k[next++]!;
            parity[k] = parity[k]! ^ 1;
            if (parity[k]) inside = k;
            else if (inside === k) inside = -1;
          }
          if (inside < 0) continue;
          const v = v00 * (1 - fx) * (1 - fy) + v10 * fx * (1 - fy) + v01 * (1 - fx) * fy + v11 * fx * fy;
          if (!(v >= level)) continue;
          area[inside]! += w;
          if (corners < arrival[inside]!) arrival[inside] = corners;
        }
      }
    }
  }
  const list: RunZoneCommune[] = [];
  let population = 0;
  let withPopulation = 0;
  let populationMissing = 0;
  communes.forEach((c, k) => {
    if (area[k]! <= 0) return;
    const fraction = c.areaM2 > 0 ? Math.min(1, area[k]! / c.areaM2) : 0;
    const people = c.population === null ? null : c.population * fraction;
    if (people === null) populationMissing++;
    else {
      population += people;
      withPopulation++;
    }
    list.push({
      code: c.code,
      name: c.name,
      fraction,
      areaKm2: area[k]! / 1e6,
      population: people,
      arrivalS: arrival[k]! < Infinity ? arrival[k]! : null,
    });
  });
  list.sort((a, b) => b.areaKm2 - a.areaKm2 || a.code.localeCompare(b.code));
  return { communes: list, population: withPopulation > 0 ? population : null, populationMissing };
}
