/**
 * The dispersion-run page's arithmetic that is not physics: the form and its scenario templates, the conversion to
 * core's run input (Turner's class, hourly wind changes, fire, rain, age group), the model wrapped so bad input
 * becomes a message, and the zones' colours and centroids.
 */
import {
  computeDispersionRun,
  RUN_MAX_CHANGE_AFTER_S,
  RUN_MAX_WEATHER_CHANGES,
  type Commune,
  type DispersionRunInput,
  type RunCommuneInput,
  type DispersionRunResult,
  type RunAgeGroup,
  type RunBody,
  type SigmaSet,
  type StabilityClass,
} from '@sievert/core';
import type { CommuneShapes } from '../../ui/map/ProvinceMap';
import { toBecquerel, type CordonActivityUnit } from './cordonView';
import { provinceLocalTime, turnerStability, type TurnerFormInput } from './runWeather';

export const STABILITY_OPTIONS: readonly StabilityClass[] = ['A', 'B', 'C', 'D', 'E', 'F'];

/** The most wind changes a run takes, and how far ahead (h) the last may be. */
export const MAX_WIND_CHANGES = RUN_MAX_WEATHER_CHANGES;
export const MAX_CHANGE_AFTER_H = RUN_MAX_CHANGE_AFTER_S / 3600;

/** A change of the weather `afterH` hours after the release starts; no stability: as before (or Turner's). */
export interface WindChangeRow {
  afterH: number | null;
  windSpeedMS: number | null;
  windFromDeg: number | null;
  stability: StabilityClass | null;
}

export interface RunNuclideRow {
  nuclide: string;
  activity: number | null;
  unit: CordonActivityUnit;
}

export interface RunFormState {
  nuclides: RunNuclideRow[];
  heightM: number | null;
  durationMin: number | null;
  windSpeedMS: number | null;
  windFromDeg: number | null;
  stability: StabilityClass;
  /** 'turner': the class comes from the time, place, cloud and wind (core's Turner method), not from `stability`. */
  stabilityMode: 'manual' | 'turner';
  turner: TurnerFormInput;
  mixingHeightM: number | null;
  sigma: SigmaSet;
  /** Heat released by a fire (MW): the plume rise is added to `heightM`, then the physical release height. */
  fireMW: number | null;
  /** Rain at the release (mm/h); null: dry. */
  rainMmH: number | null;
  changes: WindChangeRow[];
  ageGroup: RunAgeGroup;
}

/** The form's fields a scenario template does not set (they keep their values when one is applied). */
type KeptFields = 'sigma' | 'stabilityMode' | 'turner' | 'rainMmH' | 'changes' | 'ageGroup';

export type RunTemplateId = 'gauge_fire' | 'ir192_ndt' | 'co60_fire' | 'rdd_cs137' | 'i131_spill';

/**
 * Scenario templates. The activities, heights and weather are ILLUSTRATIVE starting points for an exercise (typical
 * orders of magnitude of such sources, not data of any real source or event): the officer replaces them with what
 * is known of the incident.
 */
export const RUN_TEMPLATES: ReadonlyArray<{ id: RunTemplateId; form: Omit<RunFormState, KeptFields> }> = [
  {
    // An industrial level gauge (tens of GBq of Cs-137) caught in a warehouse fire: hot smoke lifts the release.
    id: 'gauge_fire',
    form: {
      nuclides: [{ nuclide: 'Cs-137', activity: 37, unit: 'GBq' }],
      // The warehouse's roof height; a fire of about 10 MW lifts the smoke further (Briggs rise, shown).
      heightM: 10,
      fireMW: 10,
      durationMin: 30,
      windSpeedMS: 3,
      windFromDeg: 45,
      stability: 'D',
      mixingHeightM: 800,
    },
  },
  {
    // A radiography camera's Ir-192 source (about 100 Ci) damaged and dispersed at ground level.
    id: 'ir192_ndt',
    form: {
      nuclides: [{ nuclide: 'Ir-192', activity: 100, unit: 'Ci' }],
      heightM: 1,
      fireMW: null,
      durationMin: 10,
      windSpeedMS: 2,
      windFromDeg: 90,
      stability: 'D',
      mixingHeightM: 800,
    },
  },
  {
    // A fire at a gamma irradiator releasing a fraction (about 100 TBq) of its Co-60 inventory with the smoke.
    id: 'co60_fire',
    form: {
      nuclides: [{ nuclide: 'Co-60', activity: 100, unit: 'TBq' }],
      heightM: 15,
      fireMW: 50,
      durationMin: 60,
      windSpeedMS: 3,
      windFromDeg: 135,
      stability: 'C',
      mixingHeightM: 1000,
    },
  },
  {
    // A radiological dispersal device: a large Cs-137 source (about 10 000 Ci) spread by an explosion, short puff.
    id: 'rdd_cs137',
    form: {
      nuclides: [{ nuclide: 'Cs-137', activity: 370, unit: 'TBq' }],
      heightM: 10,
      fireMW: null,
      durationMin: 1,
      windSpeedMS: 2,
      windFromDeg: 45,
      stability: 'E',
      mixingHeightM: 500,
    },
  },
  {
    // I-131 for therapy (a few Ci of stock) spilt in a hospital, vented through the building over an hour.
    id: 'i131_spill',
    form: {
      nuclides: [{ nuclide: 'I-131', activity: 200, unit: 'GBq' }],
      heightM: 5,
      fireMW: null,
      durationMin: 60,
      windSpeedMS: 2,
      windFromDeg: 180,
      stability: 'D',
      mixingHeightM: 800,
    },
  },
];

/** The form as the page opens: the RDD template, no fire, dry, steady wind, adults; Turner's time is now. */
export function initialRunForm(now: Date | number = Date.now()): RunFormState {
  return {
    ...RUN_TEMPLATES[3]!.form,
    sigma: 'pg-isc3',
    stabilityMode: 'manual',
    turner: { at: provinceLocalTime(now), cloudOktas: 4, ceilingM: null },
    fireMW: null,
    rainMmH: null,
    changes: [],
    ageGroup: 'adult',
  };
}

export interface LatLon {
  lat: number;
  lon: number;
}

/** The stability class the run uses at the start: the form's, or Turner's from time, place, cloud and wind. */
export function startStability(
  form: RunFormState,
  point: LatLon | null,
): { ok: true; stability: StabilityClass } | { ok: false; field: string } {
  if (form.stabilityMode === 'manual') return { ok: true, stability: form.stability };
  const turner = turnerStability(form.turner, point, form.windSpeedMS);
  return turner.ok ? { ok: true, stability: turner.result.stabilityClass } : turner;
}

type ChangeInput = NonNullable<RunBody['weather']['changes']>[number];

/** The hourly changes as the model takes them, or the first bad field (`changes.<row>.<field>`). */
function changesInput(
  form: RunFormState,
  point: LatLon | null,
): { ok: true; changes: ChangeInput[] } | { ok: false; field: string } {
  const changes: ChangeInput[] = [];
  let previousH = 0;
  for (const row of form.changes) {
    if (row.afterH === null || !(row.afterH > previousH) || row.afterH > MAX_CHANGE_AFTER_H)
      return { ok: false, field: 'changeAfter' };
    if (row.windSpeedMS === null || !(row.windSpeedMS >= 0.5) || row.windSpeedMS > 60)
      return { ok: false, field: 'changeWindSpeed' };
    if (row.windFromDeg === null || row.windFromDeg < 0 || row.windFromDeg > 360)
      return { ok: false, field: 'changeWindFrom' };
    previousH = row.afterH;
    const afterS = Math.round(row.afterH * 3600);
    let stability = row.stability;
    // In Turner's mode a change without its own class gets Turner's for its hour (the sun moves, the class too).
    if (stability === null && form.stabilityMode === 'turner') {
      const turner = turnerStability(form.turner, point, row.windSpeedMS, afterS);
      if (!turner.ok) return { ok: false, field: 'changeTurner' };
      stability = turner.result.stabilityClass;
    }
    changes.push({
      afterS,
      windSpeedMS: row.windSpeedMS,
      windFromDeg: row.windFromDeg,
      ...(stability !== null ? { stability } : {}),
    });
  }
  return { ok: true, changes };
}

/** The model's input for the form and point, or the first field that is missing or out of range. */
export function runInput(
  form: RunFormState,
  point: LatLon | null,
): { ok: true; input: DispersionRunInput & RunBody } | { ok: false; field: string } {
  if (!point) return { ok: false, field: 'point' };
  if (form.nuclides.length === 0) return { ok: false, field: 'nuclides' };
  for (const row of form.nuclides)
    if (row.activity === null || !(row.activity > 0)) return { ok: false, field: 'activity' };
  if (form.heightM === null || form.heightM < 0 || form.heightM > 2000)
    return { ok: false, field: 'heightM' };
  if (form.durationMin === null || !(form.durationMin > 0) || form.durationMin > 7 * 1440)
    return { ok: false, field: 'durationMin' };
  if (form.windSpeedMS === null || !(form.windSpeedMS >= 0.5) || form.windSpeedMS > 60)
    return { ok: false, field: 'windSpeedMS' };
  if (form.windFromDeg === null || form.windFromDeg < 0 || form.windFromDeg > 360)
    return { ok: false, field: 'windFromDeg' };
  if (form.mixingHeightM !== null && !(form.mixingHeightM > 0 && form.mixingHeightM <= 10_000))
    return { ok: false, field: 'mixingHeightM' };
  // A release at or above the lid never reaches the ground in this model: say so rather than draw no zone.
  if (form.mixingHeightM !== null && form.heightM >= form.mixingHeightM)
    return { ok: false, field: 'mixingHeightM' };
  if (form.fireMW !== null && !(form.fireMW > 0 && form.fireMW <= 10_000))
    return { ok: false, field: 'fireMW' };
  if (form.rainMmH !== null && !(form.rainMmH >= 0 && form.rainMmH <= 200))
    return { ok: false, field: 'rainMmH' };
  const stability = startStability(form, point);
  if (!stability.ok) return stability;
  const changes = changesInput(form, point);
  if (!changes.ok) return changes;
  return {
    ok: true,
    input: {
      release: {
        lat: point.lat,
        lon: point.lon,
        heightM: form.heightM,
        durationS: form.durationMin * 60,
        nuclides: form.nuclides.map((row) => ({
          nuclide: row.nuclide,
          activityBq: toBecquerel(row.activity!, row.unit),
        })),
        ...(form.fireMW !== null ? { fire: { heatReleaseMW: form.fireMW } } : {}),
      },
      weather: {
        windSpeedMS: form.windSpeedMS,
        windFromDeg: form.windFromDeg,
        stability: stability.stability,
        ...(form.mixingHeightM !== null ? { mixingHeightM: form.mixingHeightM } : {}),
        ...(form.rainMmH !== null && form.rainMmH > 0 ? { rainMmH: form.rainMmH } : {}),
        ...(changes.changes.length > 0 ? { changes: changes.changes } : {}),
      },
      sigma: form.sigma,
      ...(form.ageGroup !== 'adult' ? { ageGroup: form.ageGroup } : {}),
    },
  };
}

export type RunOutcome =
  { ok: true; result: DispersionRunResult; ms: number } | { ok: false; field: string; message?: string };

/** Runs the model in the browser; a RangeError naming a field becomes a message. */
export function computeRun(
  form: RunFormState,
  point: LatLon | null,
  communes?: readonly RunCommuneInput[],
): RunOutcome {
  const built = runInput(form, point);
  if (!built.ok) return built;
  try {
    const started = performance.now();
    const result = computeDispersionRun(built.input, communes ? { communes } : {});
    return { ok: true, result, ms: performance.now() - started };
  } catch (error) {
    if (error instanceof RangeError) {
      const field = (error as RangeError & { field?: string }).field ?? 'model';
      return { ok: false, field, message: error.message };
    }
    throw error;
  }
}

/**
 * The communes as core's run takes them: the boundaries of the map joined with the populations of the commune
 * list (as the server does when it stores a run), or undefined until both are loaded.
 */
export function runCommunes(
  shapes: CommuneShapes | undefined,
  communes: readonly Commune[] | undefined,
  language: 'vi' | 'en',
): RunCommuneInput[] | undefined {
  if (!shapes || !communes) return undefined;
  const population = new Map(communes.map((c) => [c.code, c.population]));
  return shapes.features.map((f) => ({
    code: f.properties.code,
    name: language === 'en' ? f.properties.full_name_en : f.properties.full_name,
    population: population.get(f.properties.code) ?? null,
    ...(f.geometry.type === 'Polygon'
      ? { type: 'Polygon' as const, geometry: f.geometry.coordinates }
      : { type: 'MultiPolygon' as const, geometry: f.geometry.coordinates }),
  }));
}

/** The zones the map and the legend show, whether computed here or read from a stored run. */
export interface ZoneView {
  code: string;
  quantity: string;
  periodS: number;
  thresholdSv: number;
  actions: string[];
  coordinates: number[][][][];
  areaKm2: number;
  /** For a stored run (or a run given the communes): the communes the zone covers, with their share. */
  communes?: ReadonlyArray<ZoneCommuneView>;
  /** People in the zone (null: no commune in it has a population recorded). */
  population?: number | null;
  /** Communes in the zone without a population recorded. */
  populationMissing?: number;
}

/** A commune's part of a zone: the share of the commune's area inside, the people there, the first arrival. */
export interface ZoneCommuneView {
  code: string;
  name: string;
  /** 0..1 share of the commune's area inside the zone. */
  fraction?: number;
  areaKm2?: number;
  population?: number | null;
  /** Earliest arrival of the plume in that part of the commune (s), null if not within the model's reach. */
  arrivalS?: number | null;
}

/** Colour per criterion: urgent actions darkest red, iodine purple, relocation orange, medical follow-up amber. */
const ZONE_COLOURS: Record<string, string> = {
  'GSR7-URGENT-E': '#b91c1c',
  'GSR7-URGENT-FETUS': '#be185d',
  'GSR7-ITB': '#7c3aed',
  'GSR7-EARLY-E': '#ea580c',
  'GSR7-MEDICAL-E': '#ca8a04',
};
export function zoneColour(code: string): string {
  return ZONE_COLOURS[code] ?? '#475569';
}

/** i18n key of a zone's criterion (by its rule code), or null when the code is not one the page knows. */
export type ZoneKey = 'urgent' | 'fetus' | 'itb' | 'relocation' | 'medical';
const ZONE_KEYS: Record<string, ZoneKey> = {
  'GSR7-URGENT-E': 'urgent',
  'GSR7-URGENT-FETUS': 'fetus',
  'GSR7-ITB': 'itb',
  'GSR7-EARLY-E': 'relocation',
  'GSR7-MEDICAL-E': 'medical',
};
export function zoneKey(code: string): ZoneKey | null {
  return ZONE_KEYS[code] ?? null;
}

/** The period as the criterion names it: "7 ngày", "1 tháng", "1 năm" (keys period.days/month/year). */
export function periodParts(periodS: number): { key: 'days' | 'month' | 'year'; count: number } {
  const days = periodS / 86_400;
  if (Math.abs(days - 365.25) < 1) return { key: 'year', count: 1 };
  if (Math.abs(days - 30.4375) < 1) return { key: 'month', count: 1 };
  return { key: 'days', count: Math.round(days * 10) / 10 };
}

/** The mean of the outer rings' vertices of every polygon of the zone, "lat,lon" to 5 decimals (for tests). */
export function zoneCentroid(coordinates: number[][][][]): string {
  let lat = 0;
  let lon = 0;
  let n = 0;
  for (const polygon of coordinates) {
    const ring = polygon[0] ?? [];
    for (const [x, y] of ring) {
      lon += x!;
      lat += y!;
      n++;
    }
  }
  return n === 0 ? '' : `${(lat / n).toFixed(5)},${(lon / n).toFixed(5)}`;
}
