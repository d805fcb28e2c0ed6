/**
 * The inner loop of `plumeGrid` (plume.ts) on evenly spaced crosswind rows: the Gaussian factor
 * exp(−y²/2σy²) of every cell without an exp per cell. Pure arithmetic on typed arrays; the only allocations
 * are two column-sized scratch arrays per call.
 *
 * Along a column, moving one step d from y multiplies the value by r = exp(k·(2yd + d²)), and r itself by
 * g = exp(2kd²) at every further step (k = −1/2σy² of the column). Starting from the row nearest the plume
 * axis and moving outwards, values only shrink, so nothing overflows; what underflows is what exp would
 * have underflowed too. Same equation as the exp per cell, rounding differences ~1e-12 relative.
 *
 * Speed, without changing a single result bit of that recurrence:
 *  - rows are filled ROWS_PER_PASS at a time: each column's r and g are loaded once per pass, and the value
 *    and r stay in registers between the rows instead of a load and a store of both per cell;
 *  - a column whose value has underflowed to exactly 0 stays 0 (0 × r = 0 for any finite r), so the
 *    columns at either end of a row that are already 0 are written as zeros without the recurrence: narrow
 *    plumes near the source are 0 over most of the crosswind range, and this also skips the slow arithmetic
 *    on subnormal ratios there.
 */

/** Rows per pass of the recurrence: the number of steps written out in `fillRows` (change both together). */
const ROWS_PER_PASS = 8;

/**
 * True when ys is evenly spaced (within 1e-9 of a step) with a non-zero step, so that the crosswind factor
 * can be filled by `crosswindByRecurrence`.
 */
export function evenlySpaced(ys: Float64Array): boolean {
  const n = ys.length;
  const step = (ys[n - 1]! - ys[0]!) / (n - 1);
  if (!(Math.abs(step) > 0)) return false;
  const tolerance = 1e-9 * Math.abs(step);
  for (let j = 1; j < n; j++) if (Math.abs(ys[j]! - (ys[0]! + j * step)) > tolerance) return false;
  return true;
}

/**
 * out[iy·nx + ix] = amp[ix]·exp(k[ix]·ys[iy]²) for evenly spaced ys (see `evenlySpaced`), by the recurrence
 * above; amp[ix] = 0 gives a column of zeros.
 */
export function crosswindByRecurrence(
  ys: Float64Array,
  amp: Float64Array,
  k: Float64Array,
  out: Float64Array,
): void {
  const nx = amp.length;
  const ny = ys.length;
  const step = (ys[ny - 1]! - ys[0]!) / (ny - 1);
  const j0 = Math.min(ny - 1, Math.max(0, Math.round(-ys[0]! / step)));
  const y0 = ys[0]! + j0 * step;
  const row0 = j0 * nx;
  const ratio = new Float64Array(nx);
  const growth = new Float64Array(nx);
  for (let ix = 0; ix < nx; ix++) {
    const a = amp[ix]!;
    out[row0 + ix] = a === 0 ? 0 : a * Math.exp(k[ix]! * y0 * y0);
    // The same for both directions: (2k·(−s))·(−s) = (2k·s)·s exactly.
    growth[ix] = Math.exp(2 * k[ix]! * step * step);
  }
  for (let direction = 1; direction >= -1; direction -= 2) {
    const d = direction * step;
    const rows = direction > 0 ? ny - 1 - j0 : j0;
    for (let ix = 0; ix < nx; ix++) ratio[ix] = Math.exp(k[ix]! * (2 * y0 * d + d * d));
    fillRows(out, nx, row0, direction * nx, rows, ratio, growth);
  }
}

/**
 * Fills `rows` rows after the row starting at `from` (each `stride` further on) from that row, by the
 * recurrence; ratio is advanced in place. Columns outside [lo, hi) have reached exactly 0 and stay 0.
 * One function with the loops inline, so that V8 optimises it while it runs (on-stack replacement) during
 * the first grid rather than after dozens of calls.
 */
function fillRows(
  out: Float64Array,
  nx: number,
  from: number,
  stride: number,
  rows: number,
  ratio: Float64Array,
  growth: Float64Array,
): void {
  const s = stride;
  let lo = 0;
  let hi = nx;
  let prev = from;
  let left = rows;
  while (left > 0) {
    while (lo < hi && out[prev + lo] === 0) lo++;
    while (hi > lo && out[prev + hi - 1] === 0) hi--;
    const pass = left >= ROWS_PER_PASS ? ROWS_PER_PASS : 1;
    for (let m = 1, row = prev + s; m <= pass; m++, row += s) {
      for (let ix = 0; ix < lo; ix++) out[row + ix] = 0;
      for (let ix = hi; ix < nx; ix++) out[row + ix] = 0;
    }
    if (pass === 1) {
      // The last rows (fewer than ROWS_PER_PASS) one at a time.
      for (let ix = lo; ix < hi; ix++) {
        const r = ratio[ix]!;
        out[prev + s + ix] = out[prev + ix]! * r;
        ratio[ix] = r * growth[ix]!;
      }
    } else {
      // ROWS_PER_PASS (8) rows: the same two multiplications per cell, written out so that V8 keeps the value
      // and the ratio in registers (about three times faster than a loop over the rows).
      for (let ix = lo; ix < hi; ix++) {
        const g = growth[ix]!;
        let r = ratio[ix]!;
        let p = prev + ix;
        let v = out[p]!;
        v *= r;
        r *= g;
        out[(p += s)] = v;
        v *= r;
        r *= g;
        out[(p += s)] = v;
        v *= r;
        r *= g;
        out[(p += s)] = v;
        v *= r;
        r *= g;
        out[(p += s)] = v;
        v *= r;
        r *= g;
        out[(p += s)] = v;
        v *= r;
        r *= g;
        out[(p += s)] = v;
        v *= r;
        r *= g;
        out[(p += s)] = v;
        v *= r;
        r *= g;
        out[p + s] = v;
        ratio[ix] = r;
      }
    }
    prev += pass * s;
    left -= pass;
  }
}
