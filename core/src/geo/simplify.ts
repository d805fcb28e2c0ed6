/**
 * Lighter boundaries for maps seen from afar (the public portal on a phone): Douglas–Peucker on every ring with a
 * tolerance in degrees, coordinates rounded. A ring keeps at least its first, last and two more points so it stays
 * a polygon; a ring that would collapse is kept as it was rather than dropped (no commune may vanish).
 */
export type Position = [number, number];
export type Ring = Position[];

interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Ring[];
}
interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Ring[][];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

/** Squared distance from p to the segment a–b, in the plane of the coordinates. */
function segmentDistance2(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  const x = a[0] + t * dx - p[0];
  const y = a[1] + t * dy - p[1];
  return x * x + y * y;
}

/** Douglas–Peucker on an open line; iterative so a long coastline cannot overflow the stack. */
export function simplifyLine(points: readonly Position[], tolerance: number): Position[] {
  if (points.length <= 2) return points.slice();
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const tol2 = tolerance * tolerance;
  const stack: Array<[number, number]> = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let worst = -1;
    let worstD = tol2;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance2(points[i]!, points[first]!, points[last]!);
      if (d > worstD) {
        worst = i;
        worstD = d;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([first, worst], [worst, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

const round = (v: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
};

/** One closed ring (first point = last point), simplified; at least 4 positions, else the original. */
export function simplifyRing(ring: readonly Position[], tolerance: number, decimals = 5): Ring {
  const rounded = ring.map((p): Position => [round(p[0], decimals), round(p[1], decimals)]);
  if (rounded.length < 5) return rounded;
  // Split the closed ring at its point farthest from the start, so both halves are open lines with fixed ends.
  let far = 1;
  let farD = -1;
  for (let i = 1; i < rounded.length - 1; i++) {
    const dx = rounded[i]![0] - rounded[0]![0];
    const dy = rounded[i]![1] - rounded[0]![1];
    if (dx * dx + dy * dy > farD) {
      far = i;
      farD = dx * dx + dy * dy;
    }
  }
  const a = simplifyLine(rounded.slice(0, far + 1), tolerance);
  const b = simplifyLine(rounded.slice(far), tolerance);
  const out = [...a, ...b.slice(1)];
  return out.length >= 4 ? out : rounded;
}

export function simplifyGeometry(geometry: AreaGeometry, tolerance: number, decimals = 5): AreaGeometry {
  if (geometry.type === 'Polygon')
    return {
      type: 'Polygon',
      coordinates: geometry.coordinates.map((r) => simplifyRing(r, tolerance, decimals)),
    };
  return {
    type: 'MultiPolygon',
    coordinates: geometry.coordinates.map((poly) => poly.map((r) => simplifyRing(r, tolerance, decimals))),
  };
}
