/**
 * Runs stored by the first model (before the zones' communes were measured on the dose grid) named, for each zone,
 * the communes whose centre lies inside, and nothing more. Read today they keep that list and gain what can still be
 * measured honestly: the share of each commune's area inside the stored zone polygon, sampled on a lattice over the
 * part of the commune's bounding box that the zone covers. People and arrival times were not computed then and stay
 * null.
 */
import {
  frameCommunes,
  insideCommune,
  type FramedCommune,
  type RunCommuneInput,
  type RunZoneCommune,
} from '@sievert/core';

const M_PER_DEG = 111_320;
/** Samples per side of the lattice: at most 200 × 200 points per commune. */
const LATTICE = 200;

export interface FirstModelZone {
  coordinates: number[][][][];
  communes: Array<{ code: string; name: string }>;
}

export function firstModelZone<Z extends FirstModelZone>(
  zone: Z,
  shapes: ReadonlyMap<string, RunCommuneInput>,
): Omit<Z, 'communes'> & { communes: RunZoneCommune[]; population: null; populationMissing: number } {
  const [lon0, lat0] = zone.coordinates[0]?.[0]?.[0] ?? [0, 0];
  const cos = Math.cos((lat0! * Math.PI) / 180);
  const project = (lon: number, lat: number): [number, number] => [
    (lon - lon0!) * M_PER_DEG * cos,
    (lat - lat0!) * M_PER_DEG,
  ];
  const all: [number, number, number, number] = [-Infinity, -Infinity, Infinity, Infinity];
  const [area] = frameCommunes(
    [{ code: '', name: '', population: null, type: 'MultiPolygon', geometry: zone.coordinates }],
    project,
    all,
  );
  const communes = zone.communes
    .map((c) => {
      const shape = shapes.get(c.code);
      const [framed] = shape && area ? frameCommunes([shape], project, area.box) : [];
      const insideM2 = framed && area ? areaInBoth(area, framed) : 0;
      return {
        code: c.code,
        name: c.name,
        fraction: framed && framed.areaM2 > 0 ? Math.min(1, insideM2 / framed.areaM2) : 0,
        areaKm2: insideM2 / 1e6,
        population: null,
        arrivalS: null,
      };
    })
    .sort((a, b) => b.areaKm2 - a.areaKm2);
  return { ...zone, communes, population: null, populationMissing: communes.length };
}

/** Area (m²) inside both shapes, by sampling the overlap of their bounding boxes at cell centres. */
function areaInBoth(a: FramedCommune, b: FramedCommune): number {
  const x0 = Math.max(a.box[0], b.box[0]);
  const y0 = Math.max(a.box[1], b.box[1]);
  const x1 = Math.min(a.box[2], b.box[2]);
  const y1 = Math.min(a.box[3], b.box[3]);
  if (!(x1 > x0 && y1 > y0)) return 0;
  const dx = (x1 - x0) / LATTICE;
  const dy = (y1 - y0) / LATTICE;
  let hits = 0;
  for (let j = 0; j < LATTICE; j++) {
    const y = y0 + (j + 0.5) * dy;
    for (let i = 0; i < LATTICE; i++) {
      const x = x0 + (i + 0.5) * dx;
      if (insideCommune(a, x, y) && insideCommune(b, x, y)) hits++;
    }
  }
  return hits * dx * dy;
}
