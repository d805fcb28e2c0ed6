import { useEffect, useRef } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useMeta } from '../../../app/meta';
import type { MultiPolygon, Polygon } from 'geojson';
import {
  RURAL_COLOUR,
  WARD_COLOUR,
  type CommuneShapeProperties,
  type CommuneShapes,
} from '../../../ui/map/ProvinceMap';

/**
 * Where a facility is: its commune highlighted among the province's communes and a marker on the spot. Like the
 * province map, no tile server is asked unless the installation names one; the marker is drawn, not an image.
 */
export function FacilityMap({
  shapes,
  lat,
  lon,
  communeCode,
  label,
}: {
  shapes: CommuneShapes;
  lat: number;
  lon: number;
  communeCode: string | null;
  label: string;
}) {
  const containerRef = useRef<HTMLDivElement>(null);
  const tileUrl = useMeta().data?.map.tileUrl ?? null;
  const tileAttribution = useMeta().data?.map.tileAttribution ?? null;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = L.map(container, {
      zoomSnap: 0.25,
      attributionControl: Boolean(tileUrl),
      scrollWheelZoom: false,
      minZoom: 7,
      maxZoom: 17,
    });
    if (tileUrl) L.tileLayer(tileUrl, { attribution: tileAttribution ?? '', maxZoom: 18 }).addTo(map);
    const communes = L.geoJSON<CommuneShapeProperties, Polygon | MultiPolygon>(shapes, {
      style: (feature) => {
        const own = feature?.properties?.code === communeCode;
        return {
          color: own ? '#12355b' : '#ffffff',
          weight: own ? 2 : 0.8,
          fillColor: own ? '#f5b041' : feature?.properties?.type === 'phuong' ? WARD_COLOUR : RURAL_COLOUR,
          fillOpacity: tileUrl ? 0.35 : own ? 0.75 : 0.55,
          interactive: false,
        };
      },
    });
    // The view first: Leaflet draws vector layers only on a map that has one.
    let own: L.LatLngBounds | null = null;
    communes.eachLayer((layer) => {
      const shape = layer as unknown as { feature?: { properties?: CommuneShapeProperties } };
      if (shape.feature?.properties?.code === communeCode) own = (layer as L.Polygon).getBounds();
    });
    const ownBounds = own as L.LatLngBounds | null;
    const spot = L.latLng(lat, lon);
    const view = ownBounds
      ? L.latLngBounds([ownBounds.getSouthWest(), ownBounds.getNorthEast(), spot])
      : L.latLngBounds([spot, spot]);
    map.fitBounds(view.pad(0.6), { maxZoom: 13 });
    communes.addTo(map);
    L.circleMarker(spot, {
      radius: 8,
      color: '#ffffff',
      weight: 2,
      fillColor: '#c0392b',
      fillOpacity: 1,
      className: 'facility-marker',
    })
      .bindTooltip(label, { direction: 'top', offset: [0, -8] })
      .addTo(map);
    container.setAttribute('data-ready', 'true');
    const resize = new ResizeObserver(() => map.invalidateSize());
    resize.observe(container);
    return () => {
      resize.disconnect();
      map.remove();
    };
  }, [shapes, lat, lon, communeCode, label, tileUrl, tileAttribution]);

  return (
    <div
      ref={containerRef}
      className="facility-map"
      data-testid="facility-map"
      role="img"
      aria-label={label}
    />
  );
}
