/**
 * The communes as a quiet background behind a map's own layers (stations, zones, a cordon): wards and rural
 * communes in two light colours, never clickable, lighter over background tiles. The map fits the province once
 * and cannot be dragged far from it; `onFitted` runs then (to place a default point, or to fit a result instead).
 */
import { useEffect, useRef, type RefObject } from 'react';
import L from 'leaflet';
import type { MultiPolygon, Polygon } from 'geojson';
import { RURAL_COLOUR, WARD_COLOUR, type CommuneShapeProperties, type CommuneShapes } from './ProvinceMap';

export interface CommuneBackgroundOptions {
  /** Fill opacity over background tiles and without them. */
  opacity?: { tiles: number; plain: number };
  onFitted?: (map: L.Map, bounds: L.LatLngBounds) => void;
}

export function useCommuneBackground(
  mapRef: RefObject<L.Map | null>,
  shapes: CommuneShapes | undefined,
  tileUrl: string | null,
  { opacity = { tiles: 0.25, plain: 0.45 }, onFitted }: CommuneBackgroundOptions = {},
): void {
  const onFittedRef = useRef(onFitted);
  useEffect(() => {
    onFittedRef.current = onFitted;
  });
  const { tiles: tilesOpacity, plain: plainOpacity } = opacity;
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !shapes) return;
    const layer = L.geoJSON<CommuneShapeProperties, Polygon | MultiPolygon>(shapes, {
      style: (feature) => ({
        color: '#ffffff',
        weight: 0.8,
        opacity: 1,
        fillColor: feature?.properties?.type === 'phuong' ? WARD_COLOUR : RURAL_COLOUR,
        fillOpacity: tileUrl ? tilesOpacity : plainOpacity,
        interactive: false,
      }),
    }).addTo(map);
    layer.bringToBack();
    const bounds = layer.getBounds();
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [12, 12], animate: false });
      map.setMaxBounds(bounds.pad(0.6));
      onFittedRef.current?.(map, bounds);
    }
    return () => {
      layer.remove();
    };
  }, [mapRef, shapes, tileUrl, tilesOpacity, plainOpacity]);
}
