/**
 * The Leaflet setup every province map shares: zoom steps, wheel zoom only once the map has focus (so a page
 * scrolls past it), resizing with its container, background tiles when the installation names a tile server, and
 * a removal that is safe while an animation or a resize is still under way.
 */
import { useEffect, useRef, type RefObject } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';

export interface ProvinceLeafletMap {
  map: L.Map;
  dispose(): void;
}

export function createProvinceLeafletMap(container: HTMLElement): ProvinceLeafletMap {
  const map = L.map(container, {
    zoomSnap: 0.25,
    zoomDelta: 0.5,
    attributionControl: false,
    scrollWheelZoom: false,
    minZoom: 7,
    maxZoom: 16,
  });
  map.on('focus', () => map.scrollWheelZoom.enable());
  map.on('blur', () => map.scrollWheelZoom.disable());
  let removed = false;
  // A resize reported after the map is gone (leaving the page mid-animation) must not touch it.
  const resize = new ResizeObserver(() => {
    if (!removed) map.invalidateSize({ animate: false });
  });
  resize.observe(container);
  return {
    map,
    dispose: () => {
      removed = true;
      resize.disconnect();
      map.stop();
      map.remove();
    },
  };
}

/**
 * The map for as long as the component lives; `onCreate` runs once after creation (first view, layer groups) and
 * may return its own clean-up.
 */
export function useProvinceLeafletMap(
  containerRef: RefObject<HTMLDivElement | null>,
  onCreate?: (map: L.Map) => (() => void) | void,
): RefObject<L.Map | null> {
  const mapRef = useRef<L.Map | null>(null);
  const onCreateRef = useRef(onCreate);
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const created = createProvinceLeafletMap(container);
    mapRef.current = created.map;
    const cleanUp = onCreateRef.current?.(created.map);
    return () => {
      cleanUp?.();
      created.dispose();
      mapRef.current = null;
    };
  }, [containerRef]);
  return mapRef;
}

/** Background tiles (with their attribution) only when the installation names a tile server. */
export function useTileLayer(
  mapRef: RefObject<L.Map | null>,
  tileUrl: string | null,
  tileAttribution: string | null,
): void {
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !tileUrl) return;
    const tiles = L.tileLayer(tileUrl, { attribution: tileAttribution ?? '', maxZoom: 18 });
    const attribution = L.control.attribution({ prefix: false }).addTo(map);
    tiles.addTo(map);
    return () => {
      tiles.remove();
      attribution.remove();
    };
  }, [mapRef, tileUrl, tileAttribution]);
}
