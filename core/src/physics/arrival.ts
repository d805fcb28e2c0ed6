/**
 * When the plume reaches each place, and the areas it has reached by given times (issue 5: arrival times).
 * Steady plume: t = x/u, the travel time of the plume's centre to the receptor's downwind distance (HotSpot's
 * arrival time). Puff train: puffs.ts gives each cell the time the first puff passes closest to it.
 */
import { zonesFromGrid, type ContourPolygon } from './contours.js';

/** Arrival time per cell of a downwind grid (row-major, `ny` rows of `xs`): x/u, +∞ upwind. */
export function plumeArrivalTimes(xs: ArrayLike<number>, ny: number, windSpeedMS: number): Float64Array {
  if (!(windSpeedMS > 0)) throw new RangeError('windSpeedMS must be > 0');
  const nx = xs.length;
  const out = new Float64Array(nx * ny);
  for (let i = 0; i < nx; i++) {
    const t = xs[i]! > 0 ? xs[i]! / windSpeedMS : Infinity;
    for (let j = 0; j < ny; j++) out[j * nx + i] = t;
  }
  return out;
}

export interface ArrivalArea {
  afterS: number;
  /** Polygons in the grid frame. */
  polygons: ContourPolygon[];
  /** Area (grid units², m² for a metric grid). */
  area: number;
}

/**
 * The areas the plume has reached by each of `timesS`: grid cells whose arrival time is ≤ t and whose `values`
 * (e.g. the 7-day projected effective dose) reach `threshold`. A time that adds no cell to the previous one is left
 * out, and the list ends at the first time by which every cell over the threshold has been reached.
 */
export function arrivalAreas(p: {
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
  values: ArrayLike<number>;
  arrivalS: ArrayLike<number>;
  threshold: number;
  timesS: readonly number[];
}): ArrivalArea[] {
  const cells = p.values.length;
  let total = 0;
  for (let c = 0; c < cells; c++) if (p.values[c]! >= p.threshold) total++;
  const out: ArrivalArea[] = [];
  if (total === 0) return out;
  const masked = new Float64Array(cells);
  let previous = 0;
  for (const t of [...p.timesS].sort((a, b) => a - b)) {
    let reached = 0;
    for (let c = 0; c < cells; c++) {
      const inside = p.values[c]! >= p.threshold && p.arrivalS[c]! <= t;
      masked[c] = inside ? p.values[c]! : 0;
      if (inside) reached++;
    }
    if (reached > previous) {
      const [zone] = zonesFromGrid({ values: masked, xs: p.xs, ys: p.ys }, [p.threshold]);
      if (zone && zone.polygons.length > 0) out.push({ afterS: t, polygons: zone.polygons, area: zone.area });
      previous = reached;
    }
    if (reached === total) break;
  }
  return out;
}
