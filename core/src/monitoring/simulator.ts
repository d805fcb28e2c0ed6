/**
 * The station simulator: realistic, deterministic measurements of a gamma dose-rate station (demo network,
 * exercises, tests).
 *
 * Every value is a pure function of (seed, station, time): the same interval always gives the same value, so
 * backfilling the last days and stepping live produce the same data, a restart resends identical values
 * (duplicates, not revisions), and adding a station never changes the others. Things that last (a rain
 * shower and its washout, a stuck probe, a silent station) are drawn per day block from hashed seeds and looked
 * up, never carried as state; the caches on the objects only save work.
 *
 * What a value is made of (parameters and sources in core/src/reference/simulator.json):
 * - a station background (60–120 nSv/h, monitoring.md §5.1) with a small dawn maximum (radon progeny under the
 *   night inversion) and a slow drift;
 * - rain from cells tied to 1° tiles that drift across the map, so neighbouring stations see the same shower a
 *   few minutes apart; rain washes radon progeny down and raises the dose rate up to about ×2, decaying with an
 *   apparent half-time of about 35 min after the rain (monitoring.md §4.1, §5.4), a second shower soon after
 *   giving a smaller rise;
 * - an optional extra dose (`extraDose`, nSv/h), the hook through which exercises add a simulated release;
 * - counting noise (Poisson-like, 1/√(dose rate × interval)), or true counting statistics for counters;
 * - faults: a spike (one value ×5–20), a stuck probe (the same value for hours), silence (no data for hours);
 * - temperature and wind with daily and seasonal cycles, precipitation per interval.
 */
import { SIMULATOR_REFERENCE as REF } from '../reference/simulator.js';
import type { Quantity } from './quantities.js';

export {
  SIMULATOR_REFERENCE,
  type SimulatorReference,
  type SimulatorReferenceStatus,
  type SimulatorReferenceValue,
} from '../reference/simulator.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const KM_PER_DEG_LAT = 110.574;
const KM_PER_DEG_LON_EQUATOR = 111.32;
/** Below this share of its peak a rain cell's edge gives no rain at all (|cross-track| > 1.73 radii). */
const CELL_EDGE = 0.05;
/** The washout of a shower is ignored once it has decayed for this many half-times (2⁻¹² of its size). */
const TAIL_HALF_TIMES = 12;

// ---------------------------------------------------------------------------------------------------------
// Deterministic randomness: a 32-bit hash of integers (murmur3 finaliser) feeding mulberry32.

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mix(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    const lo = p >>> 0;
    const hi = Math.floor(p / 4294967296) >>> 0;
    for (const w of [lo, hi]) {
      h = Math.imul(h ^ w, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
    }
  }
  return h >>> 0;
}

/** mulberry32: a small, fast PRNG with a 32-bit state. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const uniform = (...parts: number[]): number => mulberry32(mix(...parts))();

function gaussian(rnd: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
}

function poisson(mean: number, rnd: () => number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rnd();
  while (p > limit) {
    k++;
    p *= rnd();
  }
  return k;
}

const lerp = (a: number, b: number, u: number): number => a + (b - a) * u;

/** Smooth noise in [-1, 1]: hashed values at knots, smoothstep between them. */
function smoothNoise(seed: number, tag: number, tMs: number, knotMs: number): number {
  const x = tMs / knotMs;
  const i = Math.floor(x);
  const f = x - i;
  const v0 = uniform(seed, tag, i) * 2 - 1;
  const v1 = uniform(seed, tag, i + 1) * 2 - 1;
  return v0 + (v1 - v0) * f * f * (3 - 2 * f);
}

const TAG = {
  background: hashString('background'),
  drift: hashString('drift'),
  noise: hashString('noise'),
  rain: hashString('rain'),
  spike: hashString('spike'),
  stuck: hashString('stuck'),
  silence: hashString('silence'),
  temperature: hashString('temperature'),
  temperatureOffset: hashString('temperature-offset'),
  windSpeed: hashString('wind-speed'),
  windDirection: hashString('wind-direction'),
  meteoNoise: hashString('meteo-noise'),
};

function resolveSeed(seed: number | string | undefined): number {
  if (seed === undefined) return 1;
  if (typeof seed === 'number' && Number.isInteger(seed)) return seed >>> 0;
  return hashString(String(seed));
}

// ---------------------------------------------------------------------------------------------------------
// Reference parameters.

const P = {
  bgMin: REF.doseRate.backgroundMin.value,
  bgMax: REF.doseRate.backgroundMax.value,
  relNoise: REF.doseRate.relativeNoise.value,
  noiseRefDose: REF.doseRate.noiseReferenceNSvH.value,
  noiseRefIntervalS: REF.doseRate.noiseReferenceIntervalS.value,
  dailyAmp: REF.doseRate.dailyAmplitude.value,
  dailyPeakHour: REF.doseRate.dailyPeakSolarHour.value,
  drift: REF.doseRate.slowVariation.value,
  driftKnotMs: REF.doseRate.slowVariationKnotH.value * HOUR,
  washMin: REF.washout.amplitudeMin.value,
  washMax: REF.washout.amplitudeMax.value,
  washLambdaPerMs: Math.LN2 / (REF.washout.halfTimeMin.value * MINUTE),
  washTailMs: TAIL_HALF_TIMES * REF.washout.halfTimeMin.value * MINUTE,
  washSatMmH: REF.washout.saturationMmH.value,
  recoveryMs: REF.washout.recoveryH.value * HOUR,
  rainPerWeek: REF.rain.eventsPerWeekByMonth.value,
  durMinMs: REF.rain.durationMinH.value * HOUR,
  durMaxMs: REF.rain.durationMaxH.value * HOUR,
  intMin: REF.rain.intensityMinMmH.value,
  intMax: REF.rain.intensityMaxMmH.value,
  ramp: REF.rain.rampFraction.value,
  radMin: REF.rain.cellRadiusMinKm.value,
  radMax: REF.rain.cellRadiusMaxKm.value,
  speedMin: REF.rain.speedMinKmH.value,
  speedMax: REF.rain.speedMaxKmH.value,
  lifeMs: REF.rain.cellLifeH.value * HOUR,
  gaugeMm: REF.rain.gaugeResolutionMm.value,
};

// ---------------------------------------------------------------------------------------------------------
// Weather: rain cells, temperature and wind shared by every station of a seed.

/** A rain cell: born in a 1° tile, it drifts in a straight line for its life and rains `durationMs` on each point it passes. */
export interface RainCell {
  /** `<tile lon>:<tile lat>:<day>:<n>`, unique per weather seed. */
  id: string;
  /** When the cell's centre is at (lat, lon): the middle of its life. */
  midMs: number;
  lat: number;
  lon: number;
  radiusKm: number;
  speedKmH: number;
  /** Direction of travel, degrees clockwise from north. */
  headingDeg: number;
  /** How long it rains on a point it passes (ms). */
  durationMs: number;
  /** Intensity on the cell's track (mm/h). */
  peakMmH: number;
  /** Relative dose-rate rise that long rain from this cell would reach on a rested station (0.7–1.0). */
  washoutAmplitude: number;
}

export interface Weather {
  readonly seed: number;
  /** @internal tile-day → cells */
  readonly cells: Map<string, RainCell[]>;
}

export interface WeatherOptions {
  /** The same seed gives the same weather everywhere; stations of one province share one. */
  seed?: number | string;
}

export function createWeather(options: WeatherOptions = {}): Weather {
  return { seed: resolveSeed(options.seed), cells: new Map() };
}

function limitCache<K, V>(map: Map<K, V>, max: number): void {
  while (map.size > max) {
    const first = map.keys().next();
    if (first.done) return;
    map.delete(first.value);
  }
}

/**
 * Cells per tile and day. `eventsPerWeekByMonth` counts showers passing over one point, so the rate per tile is
 * scaled by the tile's area over the mean area one cell rains on (its width across the track times its path).
 */
function tileRatePerDay(month: number, tileLat: number): number {
  const perWeek = P.rainPerWeek[month] ?? 0;
  const meanRadius = (P.radMin + P.radMax) / 2;
  const edge = Math.sqrt(-Math.log(CELL_EDGE));
  const sweptKm2 = 2 * edge * meanRadius * (((P.speedMin + P.speedMax) / 2) * (P.lifeMs / HOUR));
  const tileKm2 = KM_PER_DEG_LAT * KM_PER_DEG_LON_EQUATOR * Math.cos(((tileLat + 0.5) * Math.PI) / 180);
  return ((perWeek / 7) * tileKm2) / sweptKm2;
}

function cellsOf(weather: Weather, tileLon: number, tileLat: number, day: number): RainCell[] {
  const key = `${tileLon}:${tileLat}:${day}`;
  const cached = weather.cells.get(key);
  if (cached) return cached;
  const rnd = mulberry32(mix(weather.seed, TAG.rain, tileLon + 1000, tileLat + 1000, day));
  const month = new Date(day * DAY + DAY / 2).getUTCMonth();
  const n = poisson(tileRatePerDay(month, tileLat), rnd);
  const cells: RainCell[] = [];
  for (let i = 0; i < n; i++) {
    cells.push({
      id: `${key}:${i}`,
      midMs: Math.floor(day * DAY + rnd() * DAY),
      lon: tileLon + rnd(),
      lat: tileLat + rnd(),
      radiusKm: lerp(P.radMin, P.radMax, rnd()),
      speedKmH: lerp(P.speedMin, P.speedMax, rnd()),
      headingDeg: rnd() * 360,
      durationMs: Math.round(lerp(P.durMinMs, P.durMaxMs, rnd())),
      // Log-uniform: light showers are more common than downpours.
      peakMmH: P.intMin * Math.pow(P.intMax / P.intMin, rnd()),
      washoutAmplitude: lerp(P.washMin, P.washMax, rnd()),
    });
  }
  weather.cells.set(key, cells);
  limitCache(weather.cells, 20_000);
  return cells;
}

/** How far (km) a cell can rain from the tile it was born in, and for how long around its mid-life. */
const REACH_KM = P.speedMax * (P.lifeMs / HOUR / 2) + Math.sqrt(-Math.log(CELL_EDGE)) * P.radMax;
const REACH_MS = P.lifeMs / 2 + P.durMaxMs / 2;

/** One cell passing over one station. */
export interface RainPass {
  cell: RainCell;
  /** Rain at the station from `startMs` to `endMs`. */
  startMs: number;
  endMs: number;
  /** Share of the cell's peak intensity at the station (0.05–1, by the distance across the track). */
  factor: number;
  /** Reduction of the washout because earlier showers already cleaned the air (0–1, 1 = rested). */
  depletion: number;
}

function passOf(cell: RainCell, lat: number, lon: number): Omit<RainPass, 'depletion'> | null {
  const dx = (lon - cell.lon) * KM_PER_DEG_LON_EQUATOR * Math.cos((lat * Math.PI) / 180);
  const dy = (lat - cell.lat) * KM_PER_DEG_LAT;
  const h = (cell.headingDeg * Math.PI) / 180;
  const ux = Math.sin(h);
  const uy = Math.cos(h);
  const along = dx * ux + dy * uy;
  const cross = -dx * uy + dy * ux;
  if (Math.abs(along) > cell.speedKmH * (P.lifeMs / HOUR / 2)) return null;
  const factor = Math.exp(-((cross / cell.radiusKm) ** 2));
  if (factor < CELL_EDGE) return null;
  const over = cell.midMs + (along / cell.speedKmH) * HOUR;
  return {
    cell,
    startMs: Math.round(over - cell.durationMs / 2),
    endMs: Math.round(over + cell.durationMs / 2),
    factor,
  };
}

function rainShape(pass: Pick<RainPass, 'startMs' | 'endMs'>, tMs: number): number {
  const x = (tMs - pass.startMs) / (pass.endMs - pass.startMs);
  if (!(x >= 0 && x <= 1)) return 0;
  if (x < P.ramp) return x / P.ramp;
  if (x > 1 - P.ramp) return (1 - x) / P.ramp;
  return 1;
}

function passIntensity(pass: Pick<RainPass, 'startMs' | 'endMs' | 'factor' | 'cell'>, tMs: number): number {
  return pass.cell.peakMmH * pass.factor * rainShape(pass, tMs);
}

/** The rain passes at a point whose cells have their mid-life in day `day` (no depletion yet). */
function rawPassesOfDay(weather: Weather, lat: number, lon: number, day: number) {
  const dLat = REACH_KM / KM_PER_DEG_LAT;
  const dLon = REACH_KM / (KM_PER_DEG_LON_EQUATOR * Math.max(0.1, Math.cos((lat * Math.PI) / 180)));
  const passes: Omit<RainPass, 'depletion'>[] = [];
  for (let ty = Math.floor(lat - dLat); ty <= Math.floor(lat + dLat); ty++) {
    if (ty < -90 || ty > 89) continue;
    for (let tx = Math.floor(lon - dLon); tx <= Math.floor(lon + dLon); tx++) {
      for (const cell of cellsOf(weather, tx, ty, day)) {
        const pass = passOf(cell, lat, lon);
        if (pass) passes.push(pass);
      }
    }
  }
  return passes;
}

/**
 * The rain cells over a point between two instants, with the rain each brings. Pure in (seed, point, time).
 * Exercises (issue 6) can use it to show the rain radar next to the plume.
 */
export function rainPassesAt(
  weather: Weather,
  lat: number,
  lon: number,
  fromMs: number,
  toMs: number,
): RainPass[] {
  const out: RainPass[] = [];
  for (let day = Math.floor((fromMs - REACH_MS) / DAY); day <= Math.floor((toMs + REACH_MS) / DAY); day++) {
    for (const p of rawPassesOfDay(weather, lat, lon, day)) {
      if (p.endMs >= fromMs && p.startMs <= toMs)
        out.push({ ...p, depletion: depletionOf(weather, lat, lon, p) });
    }
  }
  return out.sort((a, b) => a.startMs - b.startMs || a.cell.id.localeCompare(b.cell.id));
}

/**
 * Earlier showers at the same point leave less radon progeny in the air: each multiplies the next rise by
 * 1 − w·exp(−gap / recovery), w its own strength (monitoring.md §5.4 'recovery takes days').
 */
function depletionOf(weather: Weather, lat: number, lon: number, pass: Omit<RainPass, 'depletion'>): number {
  const lookback = 5 * P.recoveryMs;
  let depletion = 1;
  const first = Math.floor((pass.startMs - lookback - REACH_MS) / DAY);
  const last = Math.floor((pass.startMs + REACH_MS) / DAY);
  for (let day = first; day <= last; day++) {
    for (const p of rawPassesOfDay(weather, lat, lon, day)) {
      if (p.cell.id === pass.cell.id || p.startMs >= pass.startMs) continue;
      if (p.endMs < pass.startMs - lookback) continue;
      const gap = Math.max(0, pass.startMs - p.endMs);
      const strength = Math.min(1, Math.sqrt((p.cell.peakMmH * p.factor) / P.washSatMmH));
      depletion *= 1 - strength * Math.exp(-gap / P.recoveryMs);
    }
  }
  return depletion;
}

/** Solar time of day (h, 0–24) at a longitude: no time-zone data needed, dawn is dawn everywhere. */
function solarHour(tMs: number, lon: number): number {
  const h = (tMs / HOUR + lon / 15) % 24;
  return h < 0 ? h + 24 : h;
}

function dayOfYear(tMs: number): number {
  const year = new Date(tMs).getUTCFullYear();
  return (tMs - Date.UTC(year, 0, 1)) / DAY;
}

const cosHours = (hour: number, peak: number): number => Math.cos((2 * Math.PI * (hour - peak)) / 24);

/** The wind over the region (before local effects): for the simulated stations and for exercise plumes. */
export function regionalWind(
  weather: Weather,
  tMs: number,
  lon: number,
): { speedMS: number; fromDeg: number } {
  const W = REF.wind;
  const hour = solarHour(tMs, lon);
  const speed =
    W.meanSpeedMS.value *
    (1 + W.dailyAmplitude.value * cosHours(hour, W.windiestSolarHour.value)) *
    (1 + W.speedVariation.value * smoothNoise(weather.seed, TAG.windSpeed, tMs, 6 * HOUR));
  // 0 in mid-January (north-east monsoon), 1 in mid-July (south-east wind).
  const summer =
    (1 - Math.cos((2 * Math.PI * (dayOfYear(tMs) - REF.temperature.coldestDayOfYear.value)) / 365.25)) / 2;
  const from =
    lerp(W.winterFromDeg.value, W.summerFromDeg.value, summer) +
    W.directionVariationDeg.value * smoothNoise(weather.seed, TAG.windDirection, tMs, 6 * HOUR);
  return { speedMS: Math.max(0, speed), fromDeg: ((from % 360) + 360) % 360 };
}

// ---------------------------------------------------------------------------------------------------------
// Stations.

/** Added dose rate (nSv/h) at a station at an instant, e.g. a simulated release in an exercise. */
export type ExtraDose = (stationCode: string, tMs: number) => number;

export interface SimulatorFaultRates {
  /** Expected spikes (one value ×5–20) per station and day. */
  spikePerDay: number;
  /** Expected stuck episodes (the same value repeated for hours) per station and day. */
  stuckPerDay: number;
  /** Expected silences (no data for hours) per station and day. */
  silencePerDay: number;
}

export const DEFAULT_FAULT_RATES: Readonly<SimulatorFaultRates> = {
  spikePerDay: REF.faults.spikePerDay.value,
  stuckPerDay: REF.faults.stuckPerDay.value,
  silencePerDay: REF.faults.silencePerDay.value,
};

export interface SimulatedCounter {
  sensor: string;
  /** nSv/h per cps (the station's conversion factor). */
  nSvPerHourPerCps: number;
  /** The counter's own background (cps). */
  backgroundCps?: number;
}

export interface StationModelParams {
  code: string;
  lat: number;
  lon: number;
  /** Seed of the whole simulated network: the same seed and code give the same station. */
  seed?: number | string;
  /** Dry-weather background H*(10) (nSv/h); drawn in 60–120 nSv/h from the seed and code when absent. */
  backgroundNSvH?: number;
  /** Length of a measuring period (s), 10–86 400; 600 by default. */
  intervalS?: number;
  /** Unit in which the dose rate is sent: `nSv/h` (one decimal) or `uSv/h` (four decimals). */
  unit?: 'nSv/h' | 'uSv/h';
  /**
   * A counter sends its gross count rate (with `sensor`) instead of a dose rate, following true counting
   * statistics; the server derives H*(10) with the station's conversion factor, which must be this one.
   */
  counter?: SimulatedCounter | null;
  /** Sends precipitation (mm per period); true by default. */
  rainGauge?: boolean;
  /** Sends temperature, wind speed and wind direction; true by default. */
  meteo?: boolean;
  /** `false` for a perfect station; otherwise rates that replace the reference defaults. */
  faults?: boolean | Partial<SimulatorFaultRates>;
  /** Shared weather (one per network); by default one from `seed`. */
  weather?: Weather;
  /** Added to the dose rate (nSv/h); see `ExtraDose`. */
  extraDose?: ExtraDose | null;
}

export interface StationModel {
  readonly code: string;
  readonly lat: number;
  readonly lon: number;
  readonly seed: number;
  readonly backgroundNSvH: number;
  readonly intervalS: number;
  readonly unit: 'nSv/h' | 'uSv/h';
  readonly counter: Required<SimulatedCounter> | null;
  readonly rainGauge: boolean;
  readonly meteo: boolean;
  readonly faults: Readonly<SimulatorFaultRates>;
  readonly weather: Weather;
  readonly extraDose: ExtraDose | null;
  /** @internal */
  readonly stationSeed: number;
  /** @internal day → rain passes of that day's cells */
  readonly passes: Map<number, RainPass[]>;
}

export interface SimulatedMeasurement {
  station: string;
  quantity: Quantity;
  value: number;
  unit: string;
  /** The measuring period (ISO 8601, UTC). */
  begin: string;
  end: string;
  /** Absolute 1σ uncertainty in `unit` (dose rate and count rate). */
  uncertainty?: number;
  /** The counter's sensor (count rate). */
  sensor?: string;
}

export type SimulatedFault = 'spike' | 'stuck' | 'silence';

/** Everything behind one interval's values, for tests, docs and exercise tooling. */
export interface StationSampleDetail {
  /** End of the measuring period (ms since the epoch); the period is (endMs − intervalS, endMs]. */
  endMs: number;
  /** Dry background with its daily cycle and drift (nSv/h). */
  baseNSvH: number;
  /** Rise from rain washout (nSv/h). */
  washoutNSvH: number;
  /** From the `extraDose` hook (nSv/h). */
  extraNSvH: number;
  /** base + washout + extra: what a perfect probe would read (nSv/h). */
  trueNSvH: number;
  /** What the station reports (nSv/h), after noise and faults; null when silent. */
  measuredNSvH: number | null;
  /** Rain intensity at the middle of the period (mm/h). */
  rainMmH: number;
  /** Rain over the period (mm, unrounded). */
  precipitationMm: number;
  fault: SimulatedFault | null;
  items: SimulatedMeasurement[];
}

export interface SampleOptions {
  /** Replaces the model's hook for this call; `null` switches it off. */
  extraDose?: ExtraDose | null;
}

function check(ok: boolean, field: string, reason: string): void {
  if (!ok) throw new RangeError(`simulator: ${field} ${reason}`);
}

export function createStationModel(params: StationModelParams): StationModel {
  check(typeof params.code === 'string' && params.code.length > 0, 'code', 'must be a non-empty string');
  check(Number.isFinite(params.lat) && Math.abs(params.lat) <= 90, 'lat', 'must be a latitude (-90…90)');
  check(Number.isFinite(params.lon) && Math.abs(params.lon) <= 180, 'lon', 'must be a longitude (-180…180)');
  const intervalS = params.intervalS ?? 600;
  check(
    Number.isInteger(intervalS) && intervalS >= 10 && intervalS <= 86_400,
    'intervalS',
    'must be an integer 10…86400',
  );
  const seed = resolveSeed(params.seed);
  const stationSeed = mix(seed, hashString(params.code));
  const backgroundNSvH =
    params.backgroundNSvH ?? lerp(P.bgMin, P.bgMax, uniform(stationSeed, TAG.background));
  check(
    Number.isFinite(backgroundNSvH) && backgroundNSvH > 0 && backgroundNSvH < 1e9,
    'backgroundNSvH',
    'must be a positive dose rate (nSv/h)',
  );
  let counter: Required<SimulatedCounter> | null = null;
  if (params.counter) {
    const { sensor, nSvPerHourPerCps, backgroundCps = 0 } = params.counter;
    check(typeof sensor === 'string' && sensor.length > 0, 'counter.sensor', 'must be a non-empty string');
    check(
      Number.isFinite(nSvPerHourPerCps) && nSvPerHourPerCps > 0,
      'counter.nSvPerHourPerCps',
      'must be positive',
    );
    check(Number.isFinite(backgroundCps) && backgroundCps >= 0, 'counter.backgroundCps', 'must be ≥ 0');
    counter = { sensor, nSvPerHourPerCps, backgroundCps };
  }
  const faults: SimulatorFaultRates =
    params.faults === false
      ? { spikePerDay: 0, stuckPerDay: 0, silencePerDay: 0 }
      : { ...DEFAULT_FAULT_RATES, ...(params.faults === true ? {} : (params.faults ?? {})) };
  for (const [name, rate] of Object.entries(faults))
    check(Number.isFinite(rate) && rate >= 0 && rate <= 1000, `faults.${name}`, 'must be 0…1000 per day');
  check(
    params.unit === undefined || ['nSv/h', 'uSv/h'].includes(params.unit),
    'unit',
    'must be nSv/h or uSv/h',
  );
  return {
    code: params.code,
    lat: params.lat,
    lon: params.lon,
    seed,
    backgroundNSvH,
    intervalS,
    unit: params.unit ?? 'nSv/h',
    counter,
    rainGauge: params.rainGauge ?? true,
    meteo: params.meteo ?? true,
    faults,
    weather: params.weather ?? createWeather({ seed }),
    extraDose: params.extraDose ?? null,
    stationSeed,
    passes: new Map(),
  };
}

/** The last interval end at or before `tMs` on the station's grid (periods start at multiples of intervalS). */
export function alignToInterval(model: StationModel, tMs: number): number {
  const step = model.intervalS * 1000;
  return Math.floor(tMs / step) * step;
}

function passesOfDay(model: StationModel, day: number): RainPass[] {
  const cached = model.passes.get(day);
  if (cached) return cached;
  const passes = rawPassesOfDay(model.weather, model.lat, model.lon, day).map((p) => ({
    ...p,
    depletion: depletionOf(model.weather, model.lat, model.lon, p),
  }));
  model.passes.set(day, passes);
  limitCache(model.passes, 64);
  return passes;
}

function passesNear(model: StationModel, fromMs: number, toMs: number): RainPass[] {
  const out: RainPass[] = [];
  for (let day = Math.floor((fromMs - REACH_MS) / DAY); day <= Math.floor((toMs + REACH_MS) / DAY); day++)
    for (const p of passesOfDay(model, day)) if (p.endMs >= fromMs && p.startMs <= toMs) out.push(p);
  return out;
}

/** Relative dose-rate rise from washout at `tMs`: dE/dt = a·λ·min(1, √(R/Rsat)) − λ·E, integrated per minute. */
function washoutAt(passes: RainPass[], tMs: number): number {
  let excess = 0;
  for (const p of passes) {
    if (p.startMs >= tMs || tMs > p.endMs + P.washTailMs) continue;
    const amplitude = p.cell.washoutAmplitude * p.depletion;
    const until = Math.min(tMs, p.endMs);
    let sum = 0;
    for (let t0 = p.startMs; t0 < until; t0 += MINUTE) {
      const step = Math.min(MINUTE, until - t0);
      const mid = t0 + step / 2;
      const source = Math.min(1, Math.sqrt(passIntensity(p, mid) / P.washSatMmH));
      sum += source * Math.exp(-P.washLambdaPerMs * (tMs - mid)) * step;
    }
    excess += amplitude * P.washLambdaPerMs * sum;
  }
  return excess;
}

function rainAt(passes: RainPass[], tMs: number): number {
  let r = 0;
  for (const p of passes) r += passIntensity(p, tMs);
  return r;
}

function precipitationOver(passes: RainPass[], fromMs: number, toMs: number): number {
  let mm = 0;
  const steps = Math.max(1, Math.ceil((toMs - fromMs) / MINUTE));
  const step = (toMs - fromMs) / steps;
  for (const p of passes) {
    if (p.endMs <= fromMs || p.startMs >= toMs) continue;
    for (let i = 0; i < steps; i++) mm += (passIntensity(p, fromMs + (i + 0.5) * step) * step) / HOUR;
  }
  return mm;
}

interface FaultEpisode {
  startMs: number;
  endMs: number;
}

function episodesOfDay(
  model: StationModel,
  tag: number,
  perDay: number,
  minH: number,
  maxH: number,
  day: number,
) {
  if (perDay <= 0) return [];
  const rnd = mulberry32(mix(model.stationSeed, tag, day));
  const n = poisson(perDay, rnd);
  const out: FaultEpisode[] = [];
  for (let i = 0; i < n; i++) {
    const startMs = Math.floor(day * DAY + rnd() * DAY);
    out.push({ startMs, endMs: startMs + Math.round(lerp(minH, maxH, rnd()) * HOUR) });
  }
  return out;
}

/** The fault episode of a kind that covers the interval ending at `endMs`, if any (episodes last < 1 day). */
function episodeAt(model: StationModel, kind: 'stuck' | 'silence', endMs: number): FaultEpisode | null {
  const F = REF.faults;
  const [tag, perDay, minH, maxH] =
    kind === 'stuck'
      ? [TAG.stuck, model.faults.stuckPerDay, F.stuckMinH.value, F.stuckMaxH.value]
      : [TAG.silence, model.faults.silencePerDay, F.silenceMinH.value, F.silenceMaxH.value];
  const day = Math.floor(endMs / DAY);
  for (let d = day - 1; d <= day; d++)
    for (const e of episodesOfDay(model, tag, perDay, minH, maxH, d))
      if (endMs > e.startMs && endMs <= e.endMs) return e;
  return null;
}

function cleanExtra(hook: ExtraDose | null, code: string, tMs: number): number {
  if (!hook) return 0;
  const v = hook(code, tMs);
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0;
}

const round = (v: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
};

interface DoseReading {
  nSvH: number;
  /** 1σ (nSv/h). */
  sigmaNSvH: number;
  cps: number | null;
  cpsSigma: number | null;
}

/** The probe's reading of a true dose rate over one period: counting noise, but no faults. */
function read(model: StationModel, trueNSvH: number, endMs: number): DoseReading {
  const intervalIndex = Math.floor(endMs / (model.intervalS * 1000));
  const z = gaussian(mulberry32(mix(model.stationSeed, TAG.noise, intervalIndex)));
  if (model.counter) {
    const { nSvPerHourPerCps: f, backgroundCps } = model.counter;
    const counts = (trueNSvH / f + backgroundCps) * model.intervalS;
    const measuredCounts = Math.max(0, counts + Math.sqrt(counts) * z);
    const cps = measuredCounts / model.intervalS;
    const cpsSigma = Math.sqrt(Math.max(1, measuredCounts)) / model.intervalS;
    return { nSvH: Math.max(0, (cps - backgroundCps) * f), sigmaNSvH: cpsSigma * f, cps, cpsSigma };
  }
  const rel =
    P.relNoise *
    Math.sqrt((P.noiseRefDose * P.noiseRefIntervalS) / (Math.max(trueNSvH, 1) * model.intervalS));
  return {
    nSvH: Math.max(0, trueNSvH * (1 + rel * z)),
    sigmaNSvH: trueNSvH * rel,
    cps: null,
    cpsSigma: null,
  };
}

interface Physical {
  baseNSvH: number;
  washoutNSvH: number;
  extraNSvH: number;
  passes: RainPass[];
}

function physical(model: StationModel, endMs: number, hook: ExtraDose | null): Physical {
  const intervalMs = model.intervalS * 1000;
  const mid = endMs - intervalMs / 2;
  const B = model.backgroundNSvH;
  const baseNSvH =
    B *
    (1 + P.dailyAmp * cosHours(solarHour(mid, model.lon), P.dailyPeakHour)) *
    (1 + P.drift * smoothNoise(model.stationSeed, TAG.drift, mid, P.driftKnotMs));
  // Showers that ended hours ago still count: their washout decays after the rain.
  const passes = passesNear(model, endMs - intervalMs - P.washTailMs, endMs);
  return {
    baseNSvH,
    washoutNSvH: B * washoutAt(passes, mid),
    extraNSvH: cleanExtra(hook, model.code, mid),
    passes,
  };
}

/** What the probe reads at the interval ending `endMs`, spikes excluded (used for the value a stuck probe repeats). */
function readingAt(model: StationModel, endMs: number, hook: ExtraDose | null): DoseReading {
  const p = physical(model, endMs, hook);
  return read(model, p.baseNSvH + p.washoutNSvH + p.extraNSvH, endMs);
}

/**
 * The values a station sends for the period ending at `endMs` (normally on the interval grid, see
 * `alignToInterval`), with what they are made of. Pure: the same model parameters and time give the same result.
 */
export function explainStation(
  model: StationModel,
  endMs: number,
  options: SampleOptions = {},
): StationSampleDetail {
  check(Number.isFinite(endMs), 'endMs', 'must be a finite time');
  const hook = options.extraDose === undefined ? model.extraDose : options.extraDose;
  const intervalMs = model.intervalS * 1000;
  const beginMs = endMs - intervalMs;
  const phys = physical(model, endMs, hook);
  const trueNSvH = phys.baseNSvH + phys.washoutNSvH + phys.extraNSvH;
  const mid = endMs - intervalMs / 2;
  const rainMmH = rainAt(phys.passes, mid);
  const precipitationMm = precipitationOver(phys.passes, beginMs, endMs);
  const detail: StationSampleDetail = {
    endMs,
    baseNSvH: phys.baseNSvH,
    washoutNSvH: phys.washoutNSvH,
    extraNSvH: phys.extraNSvH,
    trueNSvH,
    measuredNSvH: null,
    rainMmH,
    precipitationMm,
    fault: null,
    items: [],
  };
  if (episodeAt(model, 'silence', endMs)) {
    detail.fault = 'silence';
    return detail;
  }

  let reading = read(model, trueNSvH, endMs);
  const stuck = episodeAt(model, 'stuck', endMs);
  const stuckFrom = stuck ? Math.ceil(stuck.startMs / intervalMs) * intervalMs : null;
  if (stuckFrom !== null && stuckFrom < endMs) {
    // The probe repeats the value of the first period of the episode.
    reading = readingAt(model, stuckFrom, hook);
    detail.fault = 'stuck';
  } else {
    const index = Math.floor(endMs / intervalMs);
    const pSpike = (model.faults.spikePerDay * intervalMs) / DAY;
    if (pSpike > 0 && uniform(model.stationSeed, TAG.spike, index) < pSpike) {
      const factor = lerp(
        REF.faults.spikeFactorMin.value,
        REF.faults.spikeFactorMax.value,
        uniform(model.stationSeed, TAG.spike, index, 1),
      );
      const nSvH = reading.nSvH * factor;
      const cps = model.counter ? nSvH / model.counter.nSvPerHourPerCps + model.counter.backgroundCps : null;
      reading = { ...reading, nSvH, cps };
      detail.fault = 'spike';
    }
  }
  detail.measuredNSvH = reading.nSvH;

  const begin = new Date(beginMs).toISOString();
  const end = new Date(endMs).toISOString();
  const at = { station: model.code, begin, end };
  const items = detail.items;
  if (model.counter && reading.cps !== null && reading.cpsSigma !== null)
    // A counter sends what it measures; the server derives H*(10) with the station's conversion factor.
    items.push({
      ...at,
      quantity: 'count_rate',
      value: round(reading.cps, 3),
      unit: 'cps',
      uncertainty: round(reading.cpsSigma, 3),
      sensor: model.counter.sensor,
    });
  else
    items.push(
      model.unit === 'uSv/h'
        ? {
            ...at,
            quantity: 'ambient_dose_rate',
            value: round(reading.nSvH / 1000, 4),
            unit: 'uSv/h',
            uncertainty: round(reading.sigmaNSvH / 1000, 4),
          }
        : {
            ...at,
            quantity: 'ambient_dose_rate',
            value: round(reading.nSvH, 1),
            unit: 'nSv/h',
            uncertainty: round(reading.sigmaNSvH, 1),
          },
    );
  if (model.rainGauge)
    items.push({
      ...at,
      quantity: 'precipitation',
      value: round(Math.round(precipitationMm / P.gaugeMm) * P.gaugeMm, 3),
      unit: 'mm',
    });
  if (model.meteo) items.push(...meteo(model, mid, rainMmH, at));
  return detail;
}

function meteo(
  model: StationModel,
  mid: number,
  rainMmH: number,
  at: { station: string; begin: string; end: string },
): SimulatedMeasurement[] {
  const T = REF.temperature;
  const W = REF.wind;
  const rnd = mulberry32(mix(model.stationSeed, TAG.meteoNoise, Math.floor(mid / MINUTE)));
  const temperature =
    T.annualMeanC.value -
    T.annualAmplitudeC.value *
      Math.cos((2 * Math.PI * (dayOfYear(mid) - T.coldestDayOfYear.value)) / 365.25) +
    T.dailyAmplitudeC.value * cosHours(solarHour(mid, model.lon), T.warmestSolarHour.value) +
    T.variationC.value * smoothNoise(model.weather.seed, TAG.temperature, mid, 12 * HOUR) +
    T.stationOffsetC.value * (2 * uniform(model.stationSeed, TAG.temperatureOffset) - 1) -
    T.rainCoolingC.value * Math.min(1, rainMmH / T.rainFullEffectMmH.value) +
    T.noiseC.value * gaussian(rnd);
  const wind = regionalWind(model.weather, mid, model.lon);
  const speed = Math.max(
    0,
    wind.speedMS +
      W.rainGustMS.value * Math.min(1, rainMmH / W.rainFullEffectMmH.value) +
      W.noiseMS.value * gaussian(rnd),
  );
  const from = Math.round(wind.fromDeg + W.stationDirectionNoiseDeg.value * gaussian(rnd));
  return [
    { ...at, quantity: 'temperature', value: round(temperature, 1), unit: '°C' },
    { ...at, quantity: 'wind_speed', value: round(speed, 1), unit: 'm/s' },
    { ...at, quantity: 'wind_direction', value: ((from % 360) + 360) % 360, unit: 'deg' },
  ];
}

/** The values a station sends for the period ending at `endMs` (see `explainStation`). */
export function sampleStation(
  model: StationModel,
  endMs: number,
  options: SampleOptions = {},
): SimulatedMeasurement[] {
  return explainStation(model, endMs, options).items;
}

/**
 * Every period whose end lies in (fromMs, toMs] on the station's grid, in time order: a backfill. The same as
 * calling `sampleStation` for each end, so backfilled and live data agree.
 */
export function sampleStationRange(
  model: StationModel,
  fromMs: number,
  toMs: number,
  options: SampleOptions = {},
): SimulatedMeasurement[] {
  check(Number.isFinite(fromMs) && Number.isFinite(toMs), 'fromMs/toMs', 'must be finite times');
  const step = model.intervalS * 1000;
  const out: SimulatedMeasurement[] = [];
  for (let end = alignToInterval(model, fromMs) + step; end <= toMs; end += step)
    out.push(...sampleStation(model, end, options));
  return out;
}
