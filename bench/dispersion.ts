/**
 * Dispersion grid speed (issue 5 point 9), printed in one run and never asserted in tests: a 400 × 400 receptor
 * grid for one nuclide — x 100 m … 20 km downwind, y ±10 km crosswind, class D, σ set pg-isc3, source
 * q = 1e12 Bq/s at h = 30 m, u = 4 m/s, receptors at z = 1.5 m — without a lid and with a 1000 m lid.
 *
 *  - TypeScript: σy, σz per column (core sigmaY/sigmaZ) + plumeGrid into a reused buffer, median of the runs after
 *    a warm-up (the work done when a what-if change redraws the map);
 *  - NumPy: bench/dispersion_numpy.py, the same equations vectorised (σ arrays per column from the same
 *    dispersion.json, broadcasting for the grid, the same image terms for the lid), timed the same way in Python.
 * The TS grids are written to a temp dir as Float64 files; the Python script reads them, so both use the same xs
 * and ys, and reports the largest relative difference (must be < 1e-9) and its checksum.
 * Aim: faster than NumPy (ratio NumPy/TS > 1). Runs in Node only; the browser runs the same core code.
 *
 * Python: BENCH_PYTHON (default python3, then /usr/bin/python3); when none has numpy and we are root, the bench
 * tries `apt-get install -y python3-numpy` (Debian's package), else it prints a skip line.
 * BENCH_DISPERSION_RUNS (default 50) sets the number of timed runs on both sides.
 * Part of `npm run bench`; alone (no database benchmarks): `npm run bench:dispersion`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { endianness, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { plumeGrid, sigmaY, sigmaZ, type SigmaSet } from '@sievert/core';

const NX = 400;
const NY = 400;
const X_MIN = 100;
const X_MAX = 20_000;
const Y_HALF = 10_000;
const SET: SigmaSet = 'pg-isc3';
const STABILITY = 'D';
const SOURCE = { q: 1e12, u: 4, h: 30, z: 1.5 };
const LID = 1000;
const RUNS = Number(process.env.BENCH_DISPERSION_RUNS ?? 50);
const WARMUP = 10;
const MAX_REL_DIFF = 1e-9;
const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dispersion_numpy.py');

interface NumpyCase {
  medianMs: number;
  checksum: number;
  maxRelDiff: number;
  comparedCells: number;
  tailCells: number;
  tailMaxAbsDiffOverPeak: number;
}
interface NumpyResult {
  numpy: string;
  python: string;
  cases: Record<'nolid' | 'lid', NumpyCase>;
}

function linspace(a: number, b: number, n: number): Float64Array {
  const out = new Float64Array(n);
  const step = (b - a) / (n - 1);
  for (let i = 0; i < n; i++) out[i] = a + i * step;
  out[n - 1] = b;
  return out;
}

const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** One redraw: σ per column, then the grid. */
function tsGrid(
  xs: Float64Array,
  ys: Float64Array,
  sy: Float64Array,
  sz: Float64Array,
  out: Float64Array,
  lid: number | undefined,
): Float64Array {
  for (let i = 0; i < xs.length; i++) {
    sy[i] = sigmaY(SET, STABILITY, xs[i]!);
    sz[i] = sigmaZ(SET, STABILITY, xs[i]!);
  }
  return plumeGrid({ ...SOURCE, xs, ys, sigma: { sigmaY: sy, sigmaZ: sz }, mixingHeight: lid, out });
}

function timeTs(xs: Float64Array, ys: Float64Array, lid: number | undefined) {
  const sy = new Float64Array(xs.length);
  const sz = new Float64Array(xs.length);
  const out = new Float64Array(xs.length * ys.length);
  for (let i = 0; i < WARMUP; i++) tsGrid(xs, ys, sy, sz, out, lid);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    tsGrid(xs, ys, sy, sz, out, lid);
    times.push(performance.now() - t);
  }
  let checksum = 0;
  for (const v of out) checksum += v;
  return { ms: median(times), out, checksum };
}

function hasNumpy(python: string): boolean {
  try {
    execFileSync(python, ['-c', 'import numpy'], { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

/** A python3 with numpy, installing Debian's python3-numpy when we may; otherwise the reason to skip. */
function findPython(): { python: string } | { skip: string } {
  const candidates = [...new Set([process.env.BENCH_PYTHON ?? 'python3', '/usr/bin/python3'])];
  for (const c of candidates) if (hasNumpy(c)) return { python: c };
  if (process.getuid?.() !== 0) {
    return {
      skip: 'no python3 with numpy (not root: run apt-get install -y python3-numpy, or set BENCH_PYTHON)',
    };
  }
  try {
    console.log('dispersion bench: installing python3-numpy (apt-get) …');
    execFileSync('apt-get', ['install', '-y', '-q', 'python3-numpy'], { stdio: 'ignore', timeout: 300_000 });
  } catch {
    return { skip: 'no python3 with numpy and `apt-get install -y python3-numpy` failed' };
  }
  for (const c of candidates) if (hasNumpy(c)) return { python: c };
  return { skip: 'python3-numpy installed but no candidate python3 imports numpy (set BENCH_PYTHON)' };
}

export async function dispersionBench(): Promise<void> {
  const line = (name: string, value: string) => console.log(`${name.padEnd(64)} ${value}`);
  if (endianness() !== 'LE') throw new Error('dispersion bench writes little-endian Float64 files');
  const xs = linspace(X_MIN, X_MAX, NX);
  const ys = linspace(-Y_HALF, Y_HALF, NY);
  const cases = [
    { name: 'nolid' as const, label: 'no lid', lid: undefined },
    { name: 'lid' as const, label: `lid ${LID} m`, lid: LID },
  ];
  const ts = cases.map((c) => ({ ...c, ...timeTs(xs, ys, c.lid) }));

  console.log(
    `Dispersion grid ${NY} × ${NX} (x ${X_MIN} m … ${X_MAX / 1000} km, y ±${Y_HALF / 1000} km), class ${STABILITY}, ` +
      `${SET}, q=${SOURCE.q.toExponential()} Bq/s h=${SOURCE.h} m u=${SOURCE.u} m/s z=${SOURCE.z} m; median of ${RUNS} runs ` +
      `(Node ${process.version})`,
  );
  const found = findPython();
  if ('skip' in found) {
    for (const t of ts) line(`TS σ + plumeGrid, ${t.label} (ms)`, t.ms.toFixed(3));
    line('NumPy comparison', `SKIPPED: ${found.skip}`);
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'sievert-bench-dispersion-'));
  let np: NumpyResult;
  try {
    const f64 = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    writeFileSync(path.join(dir, 'xs.f64'), f64(xs));
    writeFileSync(path.join(dir, 'ys.f64'), f64(ys));
    for (const t of ts) writeFileSync(path.join(dir, `grid-${t.name}.f64`), f64(t.out));
    const args = [SCRIPT, '--json', '--dir', dir, '--runs', String(RUNS), '--lid', String(LID)];
    args.push('--set', SET, '--stability', STABILITY);
    for (const [k, v] of Object.entries(SOURCE)) args.push(`--${k}`, String(v));
    const stdout = execFileSync(found.python, args, { encoding: 'utf8', timeout: 120_000 });
    np = JSON.parse(stdout.trim().split('\n').pop()!) as NumpyResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  line('NumPy', `${np.numpy} (Python ${np.python}, ${found.python})`);
  for (const t of ts) {
    const n = np.cases[t.name];
    const ratio = n.medianMs / t.ms;
    line(`TS σ + plumeGrid, ${t.label} (ms)`, t.ms.toFixed(3));
    line(`NumPy σ + grid, ${t.label} (ms)`, n.medianMs.toFixed(3));
    line(
      `ratio NumPy/TS, ${t.label} (aim > 1: faster than NumPy)`,
      `${ratio.toFixed(2)} — ${ratio > 1 ? 'met, faster than NumPy' : 'NOT met, slower than NumPy'}`,
    );
    line(`checksum TS / NumPy, ${t.label}`, `${t.checksum.toPrecision(13)} / ${n.checksum.toPrecision(13)}`);
    line(
      `max relative difference, ${t.label} (${n.comparedCells} cells)`,
      `${n.maxRelDiff.toExponential(2)}${n.maxRelDiff < MAX_REL_DIFF ? '' : `  WARNING: above ${MAX_REL_DIFF}`}`,
    );
    if (n.tailCells > 0) {
      line(
        `  underflow tail (${n.tailCells} cells): max |diff| / peak`,
        n.tailMaxAbsDiffOverPeak.toExponential(2),
      );
    }
  }
}

// Run alone (npm run bench:dispersion), without the database benchmarks of run.ts.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  await dispersionBench();
