/**
 * Meteorology for the emergency module: solar altitude, Pasquill–Gifford stability class (Pasquill table and
 * Turner's net-radiation-index method) and the wind-profile power law. Tables live in
 * core/src/reference/dispersion.json. Pure functions, no I/O: run in Node and the browser.
 */
import type { PasquillCell, StabilityClass, TurnerClass } from '../reference/dispersion.js';
import {
  PASQUILL_REFERENCE,
  STABILITY_CLASSES,
  TURNER_REFERENCE,
  WIND_PROFILE_REFERENCE,
} from '../reference/dispersion.js';

export type Insolation = 'strong' | 'moderate' | 'slight';
export type Terrain = 'rural' | 'urban';

const RAD = Math.PI / 180;

function finite(name: string, value: unknown, check: (v: number) => boolean, reason: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !check(value)) {
    throw new RangeError(`${name} must be ${reason} (got ${String(value)})`);
  }
  return value;
}

function epochMs(timeUtc: Date | number): number {
  const ms = timeUtc instanceof Date ? timeUtc.getTime() : timeUtc;
  return finite('timeUtc', ms, () => true, 'a valid Date or epoch milliseconds');
}

/**
 * Position of the sun for a UTC instant: declination (deg) and equation of time (min). Algorithm of the NOAA solar
 * calculator (NOAA GML), i.e. Meeus, Astronomical Algorithms (2nd ed. 1998) ch. 25 low-accuracy solar coordinates
 * and eq. 28.3 for the equation of time; about 0.01° over 1950–2050. UT is used for TT (ΔT ≈ 1 min is negligible).
 */
export function solarPosition(timeUtc: Date | number): { declinationDeg: number; equationOfTimeMin: number } {
  const jd = epochMs(timeUtc) / 86_400_000 + 2_440_587.5;
  const t = (jd - 2_451_545) / 36_525;
  const l0 = (((280.46646 + t * (36000.76983 + 0.0003032 * t)) % 360) + 360) % 360;
  const m = 357.52911 + t * (35999.05029 - 0.0001537 * t);
  const e = 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
  const mr = m * RAD;
  const c =
    Math.sin(mr) * (1.914602 - t * (0.004817 + 0.000014 * t)) +
    Math.sin(2 * mr) * (0.019993 - 0.000101 * t) +
    Math.sin(3 * mr) * 0.000289;
  const omega = (125.04 - 1934.136 * t) * RAD;
  const lambda = (l0 + c - 0.00569 - 0.00478 * Math.sin(omega)) * RAD;
  const eps0 = 23 + (26 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60;
  const eps = (eps0 + 0.00256 * Math.cos(omega)) * RAD;
  const declination = Math.asin(Math.sin(eps) * Math.sin(lambda));
  const y = Math.tan(eps / 2) ** 2;
  const l0r = l0 * RAD;
  const eot =
    y * Math.sin(2 * l0r) -
    2 * e * Math.sin(mr) +
    4 * e * y * Math.sin(mr) * Math.cos(2 * l0r) -
    0.5 * y * y * Math.sin(4 * l0r) -
    1.25 * e * e * Math.sin(2 * mr);
  return { declinationDeg: declination / RAD, equationOfTimeMin: (4 * eot) / RAD };
}

/**
 * Geometric solar altitude in degrees (no refraction) at a UTC instant and place (latitude north +, longitude
 * east +). NOAA solar calculator algorithm (see solarPosition).
 */
export function solarAltitudeDeg(timeUtc: Date | number, latDeg: number, lonDeg: number): number {
  const ms = epochMs(timeUtc);
  finite('latDeg', latDeg, (v) => v >= -90 && v <= 90, 'a latitude between -90 and 90 degrees');
  finite('lonDeg', lonDeg, (v) => v >= -180 && v <= 180, 'a longitude between -180 and 180 degrees');
  const { declinationDeg, equationOfTimeMin } = solarPosition(ms);
  const utcMin = (((ms % 86_400_000) + 86_400_000) % 86_400_000) / 60_000;
  const trueSolarMin = utcMin + equationOfTimeMin + 4 * lonDeg;
  const hourAngle = (trueSolarMin / 4 - 180) * RAD;
  const lat = latDeg * RAD;
  const dec = declinationDeg * RAD;
  const cosZ = Math.sin(lat) * Math.sin(dec) + Math.cos(lat) * Math.cos(dec) * Math.cos(hourAngle);
  return 90 - Math.acos(Math.min(1, Math.max(-1, cosZ))) / RAD;
}

function rowIndex(value: number, upperBounds: (number | null)[]): number {
  const i = upperBounds.findIndex((b) => b === null || value < b);
  return i === -1 ? upperBounds.length - 1 : i;
}

const classOrder = (c: StabilityClass): number => STABILITY_CLASSES.indexOf(c);

/** Resolves a Pasquill cell ('A', 'A-B') to one class by the rule in dispersion.json (the more stable class). */
function resolveCell(cell: PasquillCell): StabilityClass {
  const parts = cell.split('-') as StabilityClass[];
  return parts.reduce((a, b) => (classOrder(b) > classOrder(a) ? b : a));
}

export interface PasquillInput {
  /** Wind speed at 10 m, m/s. */
  windSpeedMS: number;
  daytime: boolean;
  /** Daytime incoming solar radiation (required by day). */
  insolation?: Insolation;
  /** Night-time total cloud cover as a fraction 0–1 (required at night); 1 = overcast → D. */
  nightCloudFraction?: number;
}

export interface PasquillResult {
  stabilityClass: StabilityClass;
  /** The table cell, e.g. 'A-B' when the table gives two classes. */
  cell: PasquillCell;
}

/** Stability class from the Pasquill (1961) table as printed in Turner (1970) Table 1 / NOAA READY. */
export function stabilityFromPasquill(input: PasquillInput): PasquillResult {
  const ref = PASQUILL_REFERENCE;
  const u = finite('windSpeedMS', input.windSpeedMS, (v) => v >= 0, 'a wind speed >= 0 m/s');
  if (typeof input.daytime !== 'boolean') throw new RangeError('daytime must be true or false');
  const row = rowIndex(u, ref.windUpperBoundsMS.value);
  let cell: PasquillCell;
  if (input.daytime) {
    const ins = input.insolation;
    if (ins !== 'strong' && ins !== 'moderate' && ins !== 'slight') {
      throw new RangeError(
        `insolation must be strong, moderate or slight by day (got ${JSON.stringify(ins)})`,
      );
    }
    cell = ref.day[ins].classes[row]!;
  } else {
    const f = finite(
      'nightCloudFraction',
      input.nightCloudFraction,
      (v) => v >= 0 && v <= 1,
      'a fraction 0–1 at night',
    );
    if (f >= ref.overcastFraction.value) cell = ref.overcastClass.value;
    else cell = ref.night[f >= ref.nightCloudyMinFraction.value ? 'cloudy' : 'clear'].classes[row]!;
  }
  return { stabilityClass: resolveCell(cell), cell };
}

export interface TurnerInput {
  timeUtc: Date | number;
  lat: number;
  lon: number;
  /** Wind speed at 10 m, m/s. */
  windSpeedMS: number;
  /** Total cloud cover in oktas 0–8 (give this or cloudFraction). */
  cloudCoverOktas?: number;
  /** Total cloud cover as a fraction 0–1 (give this or cloudCoverOktas). */
  cloudFraction?: number;
  /** Cloud ceiling height in metres; omit or null for no ceiling (unlimited). */
  ceilingM?: number | null;
}

export interface TurnerResult {
  /** Class for the A–F σ curves (G mapped to F). */
  stabilityClass: StabilityClass;
  /** Turner's class, possibly G. */
  turnerClass: TurnerClass;
  netRadiationIndex: number;
  /** Insolation class 1–4 from solar altitude, null at night. */
  insolationClass: number | null;
  solarAltitudeDeg: number;
  /** Wind speed in whole knots as used in the table. */
  windKnots: number;
}

/** Insolation class 1–4 from solar altitude (Turner 1964; physics.md §2.4(b) Step 1). */
export function insolationClass(solarAltitude: number): number {
  finite('solarAltitude', solarAltitude, (v) => v >= -90 && v <= 90, 'an angle between -90 and 90 degrees');
  const rows = TURNER_REFERENCE.insolationClasses.rows;
  return rows.find((r) => r.minAltitudeDeg === null || solarAltitude > r.minAltitudeDeg)!.ic;
}

/**
 * Stability class by Turner's (1964) net-radiation-index method as in EPA-454/R-99-005 §6.4: solar altitude,
 * total cloud cover, ceiling and wind speed (rounded to whole knots).
 */
export function stabilityFromTurner(input: TurnerInput): TurnerResult {
  const ref = TURNER_REFERENCE;
  const u = finite('windSpeedMS', input.windSpeedMS, (v) => v >= 0, 'a wind speed >= 0 m/s');
  let fraction: number;
  if (input.cloudCoverOktas !== undefined) {
    fraction = finite('cloudCoverOktas', input.cloudCoverOktas, (v) => v >= 0 && v <= 8, 'oktas 0–8') / 8;
  } else if (input.cloudFraction !== undefined) {
    fraction = finite('cloudFraction', input.cloudFraction, (v) => v >= 0 && v <= 1, 'a fraction 0–1');
  } else {
    throw new RangeError('cloudCoverOktas or cloudFraction is required');
  }
  const ceilingM =
    input.ceilingM === undefined || input.ceilingM === null
      ? Infinity
      : finite('ceilingM', input.ceilingM, (v) => v >= 0, 'a height >= 0 m');
  const altitude = solarAltitudeDeg(input.timeUtc, input.lat, input.lon);
  const tenths = fraction * 10;
  const ceilingFt = ceilingM / ref.metresPerFoot.value;
  const overcast = tenths >= 10;
  const night = altitude <= ref.nightMaxAltitudeDeg.value;
  const ic = night ? null : insolationClass(altitude);

  let nri: number;
  if (overcast && ceilingFt < ref.lowCeilingFt.value) nri = ref.overcastLowCeilingNri.value;
  else if (night)
    nri = tenths <= ref.nightClearMaxTenths.value ? ref.nightClearNri.value : ref.nightCloudyNri.value;
  else if (tenths <= ref.dayClearMaxTenths.value) nri = ic!;
  else {
    nri = ic!;
    if (ceilingFt < ref.lowCeilingFt.value) nri -= ref.dayLowCeilingReduction.value;
    else if (ceilingFt <= ref.highCeilingFt.value) nri -= ref.dayMidCeilingReduction.value;
    if (overcast && ceilingFt >= ref.lowCeilingFt.value) nri -= ref.dayOvercastExtraReduction.value;
    nri = Math.max(nri, ref.dayMinNri.value);
  }

  const windKnots = Math.round(u / ref.metresPerKnot.value);
  const bounds = ref.windUpperBoundsKt.value;
  const k = bounds.findIndex((b) => b === null || windKnots <= b);
  const row = ref.table.rows[k === -1 ? bounds.length - 1 : k]!;
  const turnerClass = row[ref.nriColumns.indexOf(nri)]!;
  return {
    stabilityClass: turnerClass === 'G' ? ref.mapGTo.value : turnerClass,
    turnerClass,
    netRadiationIndex: nri,
    insolationClass: ic,
    solarAltitudeDeg: altitude,
    windKnots,
  };
}

/** Wind-profile power-law exponent p for a class and terrain (EPA ISC3 / Irwin 1979). */
export function windProfileExponent(stability: StabilityClass, terrain: Terrain): number {
  if (terrain !== 'rural' && terrain !== 'urban') {
    throw new RangeError(`terrain must be rural or urban (got ${JSON.stringify(terrain)})`);
  }
  const p = WIND_PROFILE_REFERENCE[terrain][stability] as { value: number } | undefined;
  if (!p)
    throw new RangeError(
      `stability must be one of ${STABILITY_CLASSES.join(', ')} (got ${JSON.stringify(stability)})`,
    );
  return p.value;
}

/**
 * Wind speed at height z from the speed measured at zRef: u(z) = u_ref·(z/zRef)^p. Heights below 10 m use the
 * 10 m value (Turner; physics.md §2.6): the profile is not extrapolated below that height.
 */
export function windAtHeight(
  u10: number,
  z: number,
  stability: StabilityClass,
  terrain: Terrain,
  zRef = 10,
): number {
  finite('u10', u10, (v) => v >= 0, 'a wind speed >= 0 m/s');
  finite('z', z, (v) => v > 0, 'a height > 0 m');
  finite('zRef', zRef, (v) => v > 0, 'a height > 0 m');
  const p = windProfileExponent(stability, terrain);
  const zEff = Math.max(z, Math.min(zRef, WIND_PROFILE_REFERENCE.minHeightM.value));
  return u10 * Math.pow(zEff / zRef, p);
}
