import { useEffect, useRef } from 'react';
import L from 'leaflet';
import { useProvinceLeafletMap, useTileLayer } from '../../ui/map/leaflet';
import { useCommuneBackground } from '../../ui/map/communeBackground';
import { type CommuneShapes } from '../../ui/map/ProvinceMap';
import { arrivalColour } from './runFormat';
import { zoneColour, type LatLon, type ZoneView } from './runView';

const RELEASE_COLOUR = '#111827';
const WIND_COLOUR = '#0369a1';
/** Length of the wind arrow on the screen (px). */
const ARROW_PX = 56;
const EMPTY_ARRIVALS: readonly ArrivalView[] = [];
/** The view fits the isochrones up to this arrival time (s). */
const FIT_ARRIVALS_UP_TO_S = 3600;

/** Where the plume has arrived by `afterS` (GeoJSON MultiPolygon coordinates, [lon, lat]). */
export interface ArrivalView {
  afterS: number;
  coordinates: number[][][][];
}

export interface RunMapLabels {
  release: string;
  wind: string;
  zones: Record<string, string>;
  /** The isochrones' labels by arrival time (s): "15 phút", "2 giờ". */
  arrivals?: Record<number, string>;
}

/** The vertex of the isochrone farthest from the release: where its label reads best (at the plume's front). */
function frontVertex(coordinates: number[][][][], from: LatLon): [number, number] | null {
  let best: [number, number] | null = null;
  let bestD = -1;
  const cosLat = Math.cos((from.lat * Math.PI) / 180);
  for (const polygon of coordinates)
    for (const [lon, lat] of polygon[0] ?? []) {
      const d = ((lon! - from.lon) * cosLat) ** 2 + (lat! - from.lat) ** 2;
      if (d > bestD) {
        bestD = d;
        best = [lat!, lon!];
      }
    }
  return best;
}

/**
 * The run on the province's communes: the zones as filled polygons (largest first so the smaller, stricter ones
 * stay visible), the arrival isochrones as dashed outlines labelled with their time, the release point and an
 * arrow pointing downwind. When `onPoint` is given a click moves the release point; otherwise the map is
 * read-only.
 */
export function RunMap({
  shapes,
  point,
  onPoint,
  zones,
  arrivals = EMPTY_ARRIVALS,
  downwindBearingDeg,
  labels,
  tileUrl = null,
  tileAttribution = null,
  fitKey = 0,
  ariaLabel,
  compact = false,
}: {
  shapes: CommuneShapes | undefined;
  point: LatLon | null;
  onPoint?: (point: LatLon) => void;
  zones: readonly ZoneView[];
  arrivals?: readonly ArrivalView[];
  downwindBearingDeg: number | null;
  labels: RunMapLabels;
  tileUrl?: string | null;
  tileAttribution?: string | null;
  /** Changing it moves the view to the zones and the release point (0: stay on the province). */
  fitKey?: number;
  ariaLabel: string;
  /** A lower map (several side by side). */
  compact?: boolean;
}) {
  const containerRef = useRef<HTMLDivElement>(null);
  const layerRef = useRef<L.LayerGroup | null>(null);
  const onPointRef = useRef(onPoint);
  useEffect(() => {
    onPointRef.current = onPoint;
  }, [onPoint]);
  const pointRef = useRef(point);
  const zonesRef = useRef(zones);
  const arrivalsRef = useRef(arrivals);
  const fitKeyRef = useRef(fitKey);
  useEffect(() => {
    pointRef.current = point;
    zonesRef.current = zones;
    arrivalsRef.current = arrivals;
    fitKeyRef.current = fitKey;
  }, [point, zones, arrivals, fitKey]);
  /**
   * The view on the zones, the first hour's isochrones and the release point (a few km around the point when
   * there is neither): later isochrones may reach 20 km and would shrink small zones to nothing.
   */
  const fitToRun = (map: L.Map) => {
    const at = pointRef.current;
    if (!at) return;
    const bounds = L.latLng(at.lat, at.lon).toBounds(4000);
    const shown = [
      ...zonesRef.current,
      ...arrivalsRef.current.filter((a) => a.afterS <= FIT_ARRIVALS_UP_TO_S),
    ];
    for (const area of shown)
      for (const polygon of area.coordinates)
        for (const [lon, lat] of polygon[0] ?? []) bounds.extend([lat!, lon!]);
    map.fitBounds(bounds, { padding: [32, 32], maxZoom: 14 });
  };

  const mapRef = useProvinceLeafletMap(containerRef, (map) => {
    map.setView([20.8, 106.0], 9);
    layerRef.current = L.layerGroup().addTo(map);
    map.on('click', (event: L.LeafletMouseEvent) => {
      onPointRef.current?.({ lat: event.latlng.lat, lon: event.latlng.lng });
    });
    return () => {
      layerRef.current = null;
    };
  });
  useTileLayer(mapRef, tileUrl, tileAttribution);

  useCommuneBackground(mapRef, shapes, tileUrl, {
    opacity: { tiles: 0.2, plain: 0.35 },
    onFitted: (map, bounds) => {
      // Until a click places it, the release sits in the middle of the province.
      if (!pointRef.current && onPointRef.current) {
        const centre = bounds.getCenter();
        onPointRef.current({ lat: centre.lat, lon: centre.lng });
      }
      if (fitKeyRef.current > 0) fitToRun(map);
    },
  });

  // Zones, release point and wind arrow, redrawn with every result.
  useEffect(() => {
    const group = layerRef.current;
    if (!group) return;
    const ordered = [...zones].sort((a, b) => b.areaKm2 - a.areaKm2);
    for (const zone of ordered) {
      const colour = zoneColour(zone.code);
      L.polygon(
        zone.coordinates.map((polygon) =>
          polygon.map((ring) => ring.map(([lon, lat]): [number, number] => [lat!, lon!])),
        ),
        {
          color: colour,
          weight: 1.5,
          fillColor: colour,
          fillOpacity: 0.32,
          className: `run-zone-${zone.code}`,
        },
      )
        .bindTooltip(labels.zones[zone.code] ?? zone.code, { sticky: true })
        .addTo(group);
    }
    // Isochrones over the zones, as outlines only: the zones' colours stay readable beneath.
    for (const arrival of arrivals) {
      const colour = arrivalColour(arrival.afterS);
      const label = labels.arrivals?.[arrival.afterS];
      L.polygon(
        arrival.coordinates.map((polygon) =>
          polygon.map((ring) => ring.map(([lon, lat]): [number, number] => [lat!, lon!])),
        ),
        {
          color: colour,
          weight: 1.5,
          dashArray: '6 5',
          fill: false,
          interactive: false,
          className: `run-arrival run-arrival-${arrival.afterS}`,
        },
      ).addTo(group);
      const at = point && label ? frontVertex(arrival.coordinates, point) : null;
      if (at && label)
        L.tooltip({
          permanent: true,
          direction: 'center',
          className: 'run-arrival-label',
          interactive: false,
        })
          .setLatLng(at)
          .setContent(label)
          .addTo(group);
    }
    if (point) {
      if (downwindBearingDeg !== null) {
        // An arrow of constant size on screen, from the release point towards where the wind blows.
        L.marker([point.lat, point.lon], {
          icon: L.divIcon({
            className: 'run-wind-marker',
            html: `<svg width="${ARROW_PX * 2}" height="${ARROW_PX * 2}" viewBox="-${ARROW_PX} -${ARROW_PX} ${ARROW_PX * 2} ${ARROW_PX * 2}" style="transform: rotate(${downwindBearingDeg}deg)" aria-hidden="true"><line x1="0" y1="0" x2="0" y2="-${ARROW_PX - 8}" stroke="${WIND_COLOUR}" stroke-width="3" stroke-linecap="round"/><path d="M -7 -${ARROW_PX - 16} L 0 -${ARROW_PX - 2} L 7 -${ARROW_PX - 16} Z" fill="${WIND_COLOUR}"/></svg>`,
            iconSize: [ARROW_PX * 2, ARROW_PX * 2],
            iconAnchor: [ARROW_PX, ARROW_PX],
          }),
          interactive: false,
          keyboard: false,
        }).addTo(group);
      }
      L.circleMarker([point.lat, point.lon], {
        radius: 6,
        color: '#ffffff',
        weight: 2,
        fillColor: RELEASE_COLOUR,
        fillOpacity: 1,
      })
        .bindTooltip(labels.release)
        .addTo(group);
    }
    return () => {
      group.clearLayers();
    };
  }, [zones, arrivals, point, downwindBearingDeg, labels]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || fitKey === 0) return;
    // fitToRun reads the latest zones through refs: only a new fitKey moves the view.
    fitToRun(map);
  }, [mapRef, fitKey]);

  return (
    <div
      ref={containerRef}
      className={['run-map', onPoint ? 'run-map-editable' : '', compact ? 'run-map-compact' : '']
        .filter(Boolean)
        .join(' ')}
      role="application"
      aria-label={ariaLabel}
      data-testid="run-map"
    />
  );
}
