/**
 * A stored dispersion run as map files: GeoJSON (RFC 7946) for GIS and the web, KML 2.2 for Google Earth. Both hold
 * the release point, the protective-action zones (with their criterion, actions, area, people and communes) and,
 * for models that compute them, the areas the plume has reached by each time after the release starts.
 */
import { writeKml, type KmlPlacemark, type KmlStyle, type Run } from '@sievert/core';

import { viDuration, viNumber, zoneActions, zoneCriterion, zoneName, zonePopulation } from './run-summary.js';

/** The colours of the run page's map: urgent actions darkest red, iodine purple, relocation orange, medical amber. */
const ZONE_COLOURS: Record<string, string> = {
  'GSR7-URGENT-E': '#b91c1c',
  'GSR7-URGENT-FETUS': '#be185d',
  'GSR7-ITB': '#7c3aed',
  'GSR7-EARLY-E': '#ea580c',
  'GSR7-MEDICAL-E': '#ca8a04',
};
const OTHER_ZONE = '#475569';
const ARRIVAL = '#2563eb';
const RELEASE = '#111827';

const drawn = <T extends { coordinates: unknown[] }>(items: readonly T[]) =>
  items.filter((i) => i.coordinates.length > 0);

export function runGeoJson(run: Run): object {
  const { release } = run.inputs;
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [release.lon, release.lat] },
        properties: {
          kind: 'release',
          runId: run.id,
          title: run.title,
          createdAt: run.createdAt,
          model: run.model,
          heightM: release.heightM,
          effectiveHeightM: run.effectiveHeightM,
          durationS: release.durationS,
          nuclides: release.nuclides,
        },
      },
      ...drawn(run.zones).map((z) => ({
        type: 'Feature',
        geometry: { type: 'MultiPolygon', coordinates: z.coordinates },
        properties: {
          kind: 'zone',
          code: z.code,
          quantity: z.quantity,
          periodS: z.periodS,
          thresholdSv: z.thresholdSv,
          actions: z.actions,
          areaKm2: z.areaKm2,
          population: z.population,
          populationMissing: z.populationMissing,
          communes: z.communes,
        },
      })),
      ...drawn(run.arrivals).map((a) => ({
        type: 'Feature',
        geometry: { type: 'MultiPolygon', coordinates: a.coordinates },
        properties: { kind: 'arrival', afterS: a.afterS },
      })),
    ],
  };
}

function zonePlacemark(z: Run['zones'][number]): KmlPlacemark {
  const communes = z.communes.map((c) => c.name).join(', ');
  return {
    name: zoneName(z),
    description: [
      `Tiêu chí: ${zoneCriterion(z)}.`,
      `Hành động bảo vệ: ${zoneActions(z)}.`,
      `Diện tích: ${viNumber(z.areaKm2, 2)} km².`,
      `Dân số ước tính: ${zonePopulation(z)}.`,
      `Xã, phường: ${communes || 'không có'}.`,
    ].join('\n'),
    styleId: z.code,
    geometry: { type: 'MultiPolygon', coordinates: z.coordinates },
    data: {
      code: z.code,
      thresholdSv: z.thresholdSv,
      periodS: z.periodS,
      areaKm2: z.areaKm2,
      population: z.population,
    },
  };
}

export function runKml(run: Run): string {
  const { release } = run.inputs;
  const zones = drawn(run.zones);
  const styles: KmlStyle[] = [...new Set(zones.map((z) => z.code))].map((code) => ({
    id: code,
    lineColor: ZONE_COLOURS[code] ?? OTHER_ZONE,
    fillColor: ZONE_COLOURS[code] ?? OTHER_ZONE,
    fillOpacity: 0.35,
    lineWidth: 2,
  }));
  styles.push(
    { id: 'arrival', lineColor: ARRIVAL, fillColor: ARRIVAL, fillOpacity: 0.1, lineWidth: 1 },
    { id: 'release', lineColor: RELEASE, fillColor: RELEASE, fillOpacity: 1 },
  );
  const title = run.title ?? `Lần tính phát tán số ${run.id}`;
  return writeKml({
    name: title,
    description: `Lần tính phát tán số ${run.id}. Ước tính ban đầu, cần khẳng định bằng đo đạc tại hiện trường.`,
    styles,
    placemarks: [
      {
        name: 'Điểm phát tán',
        description: release.nuclides.map((n) => n.nuclide).join(', '),
        styleId: 'release',
        geometry: { type: 'Point', coordinates: [release.lon, release.lat] },
      },
    ],
    folders: [
      // Larger zones first, so that the smaller, more urgent ones are drawn over them.
      {
        name: 'Vùng hành động bảo vệ',
        placemarks: [...zones].sort((a, b) => b.areaKm2 - a.areaKm2).map(zonePlacemark),
      },
      ...(run.arrivals.length > 0
        ? [
            {
              name: 'Vùng khói đã tới theo thời gian',
              placemarks: drawn(run.arrivals).map((a): KmlPlacemark => ({
                name: `Sau ${viDuration(a.afterS)}`,
                styleId: 'arrival',
                geometry: { type: 'MultiPolygon', coordinates: a.coordinates },
                data: { afterS: a.afterS },
              })),
            },
          ]
        : []),
    ],
  });
}
