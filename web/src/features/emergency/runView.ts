/**
 * The dispersion-run page's arithmetic that is not physics: the form and its scenario templates, the conversion to
 * core's run input, the model wrapped so bad input becomes a message, the zones' colours and centroids, and the
 * GeoJSON export.
 */
import {
  computeDispersionRun,
  type DispersionRunInput,
  type DispersionRunResult,
  type RunBody,
  type SigmaSet,
  type StabilityClass,
} from '@sievert/core';
import { toBecquerel, type CordonActivityUnit } from './cordonView';

export const STABILITY_OPTIONS: readonly StabilityClass[] = ['A', 'B', 'C', 'D', 'E', 'F'];

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
  mixingHeightM: number | null;
  sigma: SigmaSet;
}

export type RunTemplateId = 'gauge_fire' | 'ir192_ndt' | 'co60_fire' | 'rdd_cs137' | 'i131_spill';

/**
 * Scenario templates. The activities, heights and weather are ILLUSTRATIVE starting points for an exercise (typical
 * orders of magnitude of such sources, not data of any real source or event): the officer replaces them with what
 * is known of the incident.
 */
export const RUN_TEMPLATES: ReadonlyArray<{ id: RunTemplateId; form: Omit<RunFormState, 'sigma'> }> = [
  {
    // An industrial level gauge (tens of GBq of Cs-137) caught in a warehouse fire: hot smoke lifts the release.
    id: 'gauge_fire',
    form: {
      nuclides: [{ nuclide: 'Cs-137', activity: 37, unit: 'GBq' }],
      heightM: 20,
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
      heightM: 30,
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
      durationMin: 60,
      windSpeedMS: 2,
      windFromDeg: 180,
      stability: 'D',
      mixingHeightM: 800,
    },
  },
];

export const INITIAL_RUN_FORM: RunFormState = { ...RUN_TEMPLATES[3]!.form, sigma: 'pg-isc3' };

export interface LatLon {
  lat: number;
  lon: number;
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
      },
      weather: {
        windSpeedMS: form.windSpeedMS,
        windFromDeg: form.windFromDeg,
        stability: form.stability,
        ...(form.mixingHeightM !== null ? { mixingHeightM: form.mixingHeightM } : {}),
      },
      sigma: form.sigma,
    },
  };
}

export type RunOutcome =
  { ok: true; result: DispersionRunResult; ms: number } | { ok: false; field: string; message?: string };

/** Runs the model in the browser; a RangeError naming a field becomes a message. */
export function computeRun(form: RunFormState, point: LatLon | null): RunOutcome {
  const built = runInput(form, point);
  if (!built.ok) return built;
  try {
    const started = performance.now();
    const result = computeDispersionRun(built.input);
    return { ok: true, result, ms: performance.now() - started };
  } catch (error) {
    if (error instanceof RangeError) {
      const field = (error as RangeError & { field?: string }).field ?? 'model';
      return { ok: false, field, message: error.message };
    }
    throw error;
  }
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
  communes?: Array<{ code: string; name: string }>;
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

/** The zones as a GeoJSON FeatureCollection with their criterion, area and (for a stored run) communes. */
export function zonesGeoJson(
  zones: readonly ZoneView[],
  extra: { runId?: number; sigma: string; release: LatLon; labels: Record<string, string> },
): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: [
      ...zones.map((zone) => ({
        type: 'Feature',
        geometry: { type: 'MultiPolygon', coordinates: zone.coordinates },
        properties: {
          code: zone.code,
          criterion: extra.labels[zone.code] ?? zone.code,
          quantity: zone.quantity,
          periodS: zone.periodS,
          thresholdSv: zone.thresholdSv,
          actions: zone.actions,
          areaKm2: zone.areaKm2,
          sigma: extra.sigma,
          ...(extra.runId !== undefined ? { runId: extra.runId } : {}),
          ...(zone.communes ? { communes: zone.communes } : {}),
        },
      })),
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [extra.release.lon, extra.release.lat] },
        properties: { kind: 'release', ...(extra.runId !== undefined ? { runId: extra.runId } : {}) },
      },
    ],
  });
}

/** Saves text as a file in the browser. */
export function downloadText(text: string, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
