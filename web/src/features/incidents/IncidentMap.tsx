import { useEffect, useRef } from 'react';
import L from 'leaflet';
import type { MultiPolygon, Polygon } from 'geojson';
import { useMeta } from '../../app/meta';
import { useProvinceLeafletMap, useTileLayer } from '../../ui/map/leaflet';
import {
  RURAL_COLOUR,
  WARD_COLOUR,
  type CommuneShapeProperties,
  type CommuneShapes,
} from '../../ui/map/ProvinceMap';

export const INCIDENT_COLOUR = '#b91c1c';
const DEFAULT_CORDON_COLOUR = '#1f2937';
const AFFECTED_COLOUR = '#f5b041';
const FACILITY_COLOUR = '#7c3aed';
const STATION_COLOUR = '#0e7490';

export interface MapPoint {
  lat: number;
  lon: number;
}

export interface MapPlace extends MapPoint {
  key: string;
  label: string;
}

const NO_PLACES: readonly MapPlace[] = [];
/** Width of the board's first view around an incident without a cordon (m): the nearest places in view. */
const BOARD_VIEW_M = 4_000;
/** With a cordon the view frames it (eight radii, at least 600 m): a 30 m cordon is a dot at commune scale. */
const boardViewM = (radiusM: number | null) => (radiusM === null ? BOARD_VIEW_M : Math.max(600, 8 * radiusM));
/** The zoom a first pick on the report form brings the map to (streets and buildings tell apart). */
const PICK_ZOOM = 14;
/** A pane above Leaflet's markers: the incident's point is never hidden under a facility drawn at the same spot. */
const POINT_PANE = 'incident-point';
const NO_CODES: readonly string[] = [];

/**
 * The incident on the province's communes: its point, the cordon in force (red), the IAEA default radius for
 * its kind (a dashed circle), the communes the cordon
 * touches in amber, nearby facilities (violet squares) and stations (teal dots). With `onPick` a click (or a
 * tap) moves the point: the report form. Pass `point`, `facilities` and `stations` memoised: a new array redraws.
 */
export function IncidentMap({
  shapes,
  point,
  onPick,
  cordon = null,
  defaultRadiusM = null,
  affected = NO_CODES,
  facilities = NO_PLACES,
  stations = NO_PLACES,
  labels,
  ariaLabel,
  testId,
  className = 'incident-map',
}: {
  shapes: CommuneShapes | undefined;
  point: MapPoint | null;
  onPick?: (point: MapPoint) => void;
  /** The cordon the command set (its centre may differ from the point). */
  cordon?: (MapPoint & { radiusM: number }) | null;
  /** The IAEA default inner cordon for the kind, around the point. */
  defaultRadiusM?: number | null;
  affected?: readonly string[];
  facilities?: readonly MapPlace[];
  stations?: readonly MapPlace[];
  labels: { point: string; cordon?: string; defaultCordon?: string };
  ariaLabel: string;
  testId: string;
  className?: string;
}) {
  const meta = useMeta().data;
  const containerRef = useRef<HTMLDivElement>(null);
  const layerRef = useRef<L.LayerGroup | null>(null);
  const onPickRef = useRef(onPick);
  useEffect(() => {
    onPickRef.current = onPick;
  }, [onPick]);
  const pointRef = useRef(point);
  // How wide the first view of the board is: a few kilometres, more when the cordon is larger.
  const viewRef = useRef(BOARD_VIEW_M);
  useEffect(() => {
    pointRef.current = point;
    viewRef.current = boardViewM(cordon?.radiusM ?? defaultRadiusM ?? null);
  }, [point, cordon?.radiusM, defaultRadiusM]);

  const mapRef = useProvinceLeafletMap(containerRef, (map) => {
    map.setView([20.8, 106.0], 9);
    map.createPane(POINT_PANE).style.zIndex = '650';
    layerRef.current = L.layerGroup().addTo(map);
    map.on('click', (event: L.LeafletMouseEvent) => {
      if (!onPickRef.current) return;
      onPickRef.current({ lat: event.latlng.lat, lon: event.latlng.lng });
      // From the province's view a tap is a kilometre wide: come closer, so that the next tap can be exact.
      if (map.getZoom() < PICK_ZOOM) map.setView(event.latlng, PICK_ZOOM);
    });
    return () => {
      layerRef.current = null;
    };
  });
  useTileLayer(mapRef, meta?.map.tileUrl ?? null, meta?.map.tileAttribution ?? null);

  const affectedKey = affected.join(',');
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !shapes) return;
    const touched = new Set(affectedKey ? affectedKey.split(',') : []);
    const tiles = Boolean(meta?.map.tileUrl);
    const layer = L.geoJSON<CommuneShapeProperties, Polygon | MultiPolygon>(shapes, {
      style: (feature) => {
        const hit = touched.has(feature?.properties?.code ?? '');
        return {
          color: hit ? '#8a5a00' : '#ffffff',
          weight: hit ? 3 : 0.8,
          opacity: 1,
          fillColor: hit
            ? AFFECTED_COLOUR
            : feature?.properties?.type === 'phuong'
              ? WARD_COLOUR
              : RURAL_COLOUR,
          fillOpacity: tiles ? 0.25 : hit ? 0.3 : 0.45,
          interactive: false,
        };
      },
    }).addTo(map);
    layer.bringToBack();
    const bounds = layer.getBounds();
    if (bounds.isValid()) {
      map.setMaxBounds(bounds.pad(0.6));
      const at = pointRef.current;
      // The board opens on a few kilometres around the incident (the cordon and the nearest places in view);
      // the report form shows the whole province to click in.
      if (at && !onPickRef.current)
        map.fitBounds(L.latLng(at.lat, at.lon).toBounds(viewRef.current), { animate: false });
      else map.fitBounds(bounds, { padding: [12, 12], animate: false });
    }
    containerRef.current?.setAttribute('data-ready', 'true');
    return () => {
      layer.remove();
    };
  }, [mapRef, shapes, affectedKey, meta?.map.tileUrl]);

  useEffect(() => {
    const group = layerRef.current;
    if (!group) return;
    for (const facility of facilities) {
      L.marker([facility.lat, facility.lon], {
        icon: L.divIcon({
          className: 'incident-map-facility',
          html: `<span style="background:${FACILITY_COLOUR}"></span>`,
          iconSize: [12, 12],
        }),
        keyboard: false,
      })
        .bindTooltip(facility.label)
        .addTo(group);
    }
    for (const station of stations) {
      L.circleMarker([station.lat, station.lon], {
        radius: 6,
        color: '#ffffff',
        weight: 2,
        fillColor: STATION_COLOUR,
        fillOpacity: 1,
      })
        .bindTooltip(station.label)
        .addTo(group);
    }
    if (cordon) {
      L.circle([cordon.lat, cordon.lon], {
        radius: cordon.radiusM,
        color: INCIDENT_COLOUR,
        weight: 2,
        fillColor: INCIDENT_COLOUR,
        fillOpacity: 0.18,
      })
        .bindTooltip(labels.cordon ?? '', { sticky: true })
        .addTo(group);
    }
    if (point) {
      const centre = L.latLng(point.lat, point.lon);
      if (defaultRadiusM !== null) {
        L.circle(centre, {
          radius: defaultRadiusM,
          color: DEFAULT_CORDON_COLOUR,
          weight: 2,
          dashArray: '6 5',
          fill: false,
        })
          .bindTooltip(labels.defaultCordon ?? '', { sticky: true })
          .addTo(group);
      }
      L.circleMarker(centre, {
        pane: POINT_PANE,
        radius: 8,
        color: '#ffffff',
        weight: 2,
        fillColor: INCIDENT_COLOUR,
        fillOpacity: 1,
      })
        .bindTooltip(labels.point)
        .addTo(group);
    }
    return () => {
      group.clearLayers();
    };
  }, [
    point,
    cordon,
    defaultRadiusM,
    facilities,
    stations,
    labels.point,
    labels.cordon,
    labels.defaultCordon,
  ]);

  // A cordon set or resized on the board: frame it.
  const cordonKey = cordon ? `${cordon.lat},${cordon.lon},${cordon.radiusM}` : '';
  const framedRef = useRef(cordonKey);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !cordon || cordonKey === framedRef.current) return;
    framedRef.current = cordonKey;
    map.fitBounds(L.latLng(cordon.lat, cordon.lon).toBounds(boardViewM(cordon.radiusM)));
  }, [mapRef, cordon, cordonKey]);

  // The form: follow the point when it is typed in rather than clicked.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !point || !onPickRef.current) return;
    if (!map.getBounds().contains([point.lat, point.lon])) map.panTo([point.lat, point.lon]);
  }, [mapRef, point]);

  return (
    <div
      ref={containerRef}
      className={className}
      role="application"
      aria-label={ariaLabel}
      data-testid={testId}
    />
  );
}
