"""
Vectorised NumPy version of the Gaussian plume grid of core/src/physics/plume.ts (plumeGrid) with the ISC3
Pasquill-Gifford sigma curves of core/src/physics/sigma.ts, used by bench/dispersion.ts as the yardstick
(issue 5 point 9: aim to be faster than NumPy).

The same equations, in the same order of operations:
  sigma_y = constant * x_km * tan(degToRad * (c - d * ln x_km))                       (ISC3 Table 1-1)
  sigma_z = a * x_km ** b, piece by x_km, capped for the classes in capM               (ISC3 Table 1-2)
  C(x, y) = q / (sqrt(2 pi) u sigma_y) * g(z) * exp(-y^2 / (2 sigma_y^2))
  g: ground reflection, or with a lid L the image sum over n = -N..N, N = ceil((9 sigma_z + h + z) / (2L))
     per column, or 1/L when sigma_z > 1.6 L (well mixed).
All coefficients are read from core/src/reference/dispersion.json and plume.json, and the image cut-off (in
sigma_z) from plume.ts itself, so both sides use identical numbers.

Run standalone:  python3 bench/dispersion_numpy.py            (400 x 400 grid, class D, prints times)
From the bench:  python3 bench/dispersion_numpy.py --json --dir DIR ...   (reads xs, ys and the TS grids from
DIR as little-endian Float64 files, prints one JSON line with times, checksums and differences).
"""

import argparse
import json
import math
import os
import re
import sys
import time

import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
CORE = os.path.join(ROOT, 'core', 'src')


def load_reference(sigma_set, stability):
    with open(os.path.join(CORE, 'reference', 'dispersion.json'), encoding='utf-8') as f:
        disp = json.load(f)
    with open(os.path.join(CORE, 'reference', 'plume.json'), encoding='utf-8') as f:
        plume = json.load(f)
    with open(os.path.join(CORE, 'physics', 'plume.ts'), encoding='utf-8') as f:
        m = re.search(r'const IMAGE_CUTOFF_SIGMAS = ([0-9.]+);', f.read())
    if not m:
        raise SystemExit('IMAGE_CUTOFF_SIGMAS not found in core/src/physics/plume.ts')
    ref = disp['sigmaSets'][sigma_set]
    sy, sz = ref['sigmaY'], ref['sigmaZ']
    if sy['form'] != 'isc3' or sz['form'] != 'isc3':
        raise SystemExit('only the ISC3 form (pg-isc3) is implemented here')
    return {
        'sy_const': sy['constant']['value'],
        'sy_deg': sy['degToRad']['value'],
        'sy_c': sy['classes'][stability]['c'],
        'sy_d': sy['classes'][stability]['d'],
        'sz_pieces': sz['classes'][stability]['pieces'],
        'sz_cap': sz['capM']['value'] if stability in sz['capM']['classes'] else None,
        'well_mixed': plume['mixing']['wellMixedSigmaZOverL']['value'],
        'cutoff': float(m.group(1)),
    }


def sigmas(ref, xs):
    """sigma_y and sigma_z (m) per column, as sigma.ts computes them (x > 0)."""
    x_km = xs / 1000
    th = ref['sy_deg'] * (ref['sy_c'] - ref['sy_d'] * np.log(x_km))
    sigma_y = ref['sy_const'] * x_km * np.tan(th)
    pieces = ref['sz_pieces']
    conds = [x_km <= p['maxKm'] if p['maxKm'] is not None else np.ones_like(x_km, dtype=bool) for p in pieces]
    a = np.select(conds, [p['a'] for p in pieces], pieces[-1]['a'])
    b = np.select(conds, [p['b'] for p in pieces], pieces[-1]['b'])
    sigma_z = a * np.power(x_km, b)
    if ref['sz_cap'] is not None:
        sigma_z = np.minimum(sigma_z, ref['sz_cap'])
    return sigma_y, sigma_z


SQRT_2PI = math.sqrt(2 * math.pi)


def vertical(ref, h, z, sigma_z, lid):
    """g(z) per column (1/m), as verticalFactorUnchecked in plume.ts."""
    k = -0.5 / (sigma_z * sigma_z)
    if lid is None:
        a, b = z - h, z + h
        return (np.exp(k * a * a) + np.exp(k * b * b)) / (SQRT_2PI * sigma_z)
    if h >= lid:
        if z < lid:
            return np.zeros_like(sigma_z)
        a, b = z - h, z + h
        return (np.exp(k * a * a) + np.exp(k * b * b)) / (SQRT_2PI * sigma_z)
    if z > lid:
        return np.zeros_like(sigma_z)
    n = np.ceil((ref['cutoff'] * sigma_z + h + z) / (2 * lid))
    n_max = int(n.max())
    total = np.zeros_like(sigma_z)
    for i in range(-n_max, n_max + 1):
        a = z - h + 2 * i * lid
        b = z + h + 2 * i * lid
        term = np.exp(k * a * a) + np.exp(k * b * b)
        # Columns whose own N is smaller do not take this term (plume.ts sums exactly n = -N..N per column).
        total += np.where(abs(i) <= n, term, 0.0)
    g = total / (SQRT_2PI * sigma_z)
    return np.where(sigma_z > ref['well_mixed'] * lid, 1 / lid, g)


def grid(ref, p, xs, ys, lid, out):
    """The whole grid, row-major out[iy, ix]; sigma per column, then one broadcast multiply and exp."""
    sigma_y, sigma_z = sigmas(ref, xs)
    amp = (p.q / (SQRT_2PI * p.u * sigma_y)) * vertical(ref, p.h, p.z, sigma_z, lid)
    k = -0.5 / (sigma_y * sigma_y)
    y2 = ys * ys
    np.multiply(y2[:, None], k[None, :], out=out)
    np.exp(out, out=out)
    out *= amp[None, :]
    return out, k


def timed(ref, p, xs, ys, lid, runs, warmup):
    out = np.empty((ys.size, xs.size))
    for _ in range(warmup):
        grid(ref, p, xs, ys, lid, out)
    times = []
    k = None
    for _ in range(runs):
        t = time.perf_counter()
        _, k = grid(ref, p, xs, ys, lid, out)
        times.append((time.perf_counter() - t) * 1000)
    return float(np.median(times)), out, k


def compare(mine, k, ys, theirs):
    """Largest relative difference where exp(-y^2/2 sigma_y^2) is a normal double (argument > -708), and the
    largest absolute difference elsewhere (underflow to subnormals or zero) relative to the grid peak."""
    arg = ys[:, None] ** 2 * k[None, :]
    normal = arg > -708
    denom = np.maximum(np.abs(mine), np.abs(theirs))
    rel = np.zeros_like(mine)
    nz = normal & (denom > 0)
    rel[nz] = np.abs(mine[nz] - theirs[nz]) / denom[nz]
    peak = float(np.max(np.abs(mine)))
    tail = np.abs(mine - theirs)[~normal]
    return {
        'maxRelDiff': float(rel.max()),
        'comparedCells': int(nz.sum()),
        'tailCells': int((~normal).sum()),
        'tailMaxAbsDiffOverPeak': float(tail.max() / peak) if tail.size and peak > 0 else 0.0,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--dir', help='directory with xs.f64, ys.f64 and the TS grids (grid-nolid.f64, grid-lid.f64)')
    ap.add_argument('--nx', type=int, default=400)
    ap.add_argument('--ny', type=int, default=400)
    ap.add_argument('--q', type=float, default=1e12)
    ap.add_argument('--u', type=float, default=4)
    ap.add_argument('--h', type=float, default=30)
    ap.add_argument('--z', type=float, default=1.5)
    ap.add_argument('--lid', type=float, default=1000)
    ap.add_argument('--set', default='pg-isc3')
    ap.add_argument('--stability', default='D')
    ap.add_argument('--runs', type=int, default=50)
    ap.add_argument('--warmup', type=int, default=5)
    ap.add_argument('--json', action='store_true')
    p = ap.parse_args()
    ref = load_reference(p.set, p.stability)
    if p.dir:
        xs = np.fromfile(os.path.join(p.dir, 'xs.f64'), dtype='<f8')
        ys = np.fromfile(os.path.join(p.dir, 'ys.f64'), dtype='<f8')
    else:
        xs = np.linspace(100, 20000, p.nx)
        ys = np.linspace(-10000, 10000, p.ny)
    if not np.all(xs > 0):
        raise SystemExit('all xs must be > 0 m (upwind columns are not modelled here)')
    result = {'numpy': np.__version__, 'python': sys.version.split()[0], 'cases': {}}
    for name, lid in (('nolid', None), ('lid', p.lid)):
        ms, out, k = timed(ref, p, xs, ys, lid, p.runs, p.warmup)
        case = {'medianMs': ms, 'checksum': float(out.sum())}
        path = os.path.join(p.dir, f'grid-{name}.f64') if p.dir else None
        if path and os.path.exists(path):
            theirs = np.fromfile(path, dtype='<f8').reshape(ys.size, xs.size)
            case.update(compare(out, k, ys, theirs))
        result['cases'][name] = case
    if p.json:
        print(json.dumps(result))
    else:
        print(f'NumPy {result["numpy"]} (Python {result["python"]}), {ys.size} x {xs.size} grid')
        for name, case in result['cases'].items():
            print(f'  {name:6} median {case["medianMs"]:.3f} ms over {p.runs} runs, checksum {case["checksum"]:.12e}')


if __name__ == '__main__':
    main()
