import { useEffect, useRef } from 'react';
import L from 'leaflet';
import { useProvinceLeafletMap, useTileLayer } from '../../ui/map/leaflet';
import { useCommuneBackground } from '../../ui/map/communeBackground';
import { type CommuneShapes } from '../../ui/map/ProvinceMap';

export const CORDON_COLOUR = '#b91c1c';
export const DEFAULT_RADIUS_COLOUR = '#1f2937';

export interface LatLon {
  lat: number;
  lon: number;
}

/**
 * The cordon on the province's communes: a click places the source, a red circle is the computed cordon and a
 * dashed dark circle the IAEA default radius. `zoomKey` changing flies the view to the two circles.
 */
export function CordonMap({
  shapes,
  source,
  onSource,
  radiusM,
  defaultRadiusM,
  labels,
  zoomKey,
  tileUrl = null,
  tileAttribution = null,
  ariaLabel,
}: {
  shapes: CommuneShapes | undefined;
  source: LatLon | null;
  onSource: (point: LatLon) => void;
  radiusM: number | null;
  defaultRadiusM: number;
  labels: { computed: string; default: string; source: string };
  zoomKey: number;
  tileUrl?: string | null;
  tileAttribution?: string | null;
  ariaLabel: string;
}) {
  const containerRef = useRef<HTMLDivElement>(null);
  const layerRef = useRef<L.LayerGroup | null>(null);
  const onSourceRef = useRef(onSource);
  useEffect(() => {
    onSourceRef.current = onSource;
  }, [onSource]);

  // The circles' sizes, read when the view moves to them.
  const circleRef = useRef({ source, radiusM, defaultRadiusM });
  useEffect(() => {
    circleRef.current = { source, radiusM, defaultRadiusM };
  }, [source, radiusM, defaultRadiusM]);
  const flyTo = (map: L.Map, centre: L.LatLng) => {
    const { radiusM: r, defaultRadiusM: d } = circleRef.current;
    map.fitBounds(centre.toBounds(2 * Math.max(r ?? 0, d)), { padding: [24, 24], maxZoom: 16 });
  };

  const mapRef = useProvinceLeafletMap(containerRef, (map) => {
    map.setView([20.8, 106.0], 9);
    layerRef.current = L.layerGroup().addTo(map);
    map.on('click', (event: L.LeafletMouseEvent) => {
      onSourceRef.current({ lat: event.latlng.lat, lon: event.latlng.lng });
      // From the province's view a cordon of tens of metres is a dot: come closer to see the circles.
      if (map.getZoom() < 14) flyTo(map, event.latlng);
    });
    return () => {
      layerRef.current = null;
    };
  });
  useTileLayer(mapRef, tileUrl, tileAttribution);

  useCommuneBackground(mapRef, shapes, tileUrl, {
    // Until a click places it, the source sits in the middle of the province.
    onFitted: (_map, bounds) => {
      if (circleRef.current.source) return;
      const centre = bounds.getCenter();
      onSourceRef.current({ lat: centre.lat, lon: centre.lng });
    },
  });

  // The source and its two circles, redrawn with every new result.
  useEffect(() => {
    const group = layerRef.current;
    if (!group || !source) return;
    const centre = L.latLng(source.lat, source.lon);
    const fallback = L.circle(centre, {
      radius: defaultRadiusM,
      color: DEFAULT_RADIUS_COLOUR,
      weight: 2,
      dashArray: '6 5',
      fill: false,
      interactive: false,
    }).bindTooltip(labels.default, { sticky: true });
    fallback.addTo(group);
    const computed =
      radiusM !== null
        ? L.circle(centre, {
            radius: radiusM,
            color: CORDON_COLOUR,
            weight: 2,
            fillColor: CORDON_COLOUR,
            fillOpacity: 0.18,
          }).bindTooltip(labels.computed, { sticky: true })
        : null;
    computed?.addTo(group);
    const marker = L.circleMarker(centre, {
      radius: 5,
      color: '#ffffff',
      weight: 2,
      fillColor: CORDON_COLOUR,
      fillOpacity: 1,
    }).bindTooltip(labels.source);
    marker.addTo(group);
    return () => {
      group.clearLayers();
    };
  }, [source, radiusM, defaultRadiusM, labels.computed, labels.default, labels.source]);

  // Fly to the circles when asked (the zoom button).
  useEffect(() => {
    const map = mapRef.current;
    const at = circleRef.current.source;
    if (!map || !at || zoomKey === 0) return;
    flyTo(map, L.latLng(at.lat, at.lon));
  }, [mapRef, zoomKey]);

  return (
    <div
      ref={containerRef}
      className="cordon-map"
      role="application"
      aria-label={ariaLabel}
      data-testid="cordon-map"
    />
  );
}
