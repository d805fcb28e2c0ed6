/**
 * The map of the home page, loaded in its own chunk with Leaflet so that the status and the station table show
 * before it. Communes are a light background; tiles are drawn only when the installation names a tile server.
 * Each station is a focusable marker (Tab to reach, Enter or Space to open its popup): a circle in its class colour,
 * a grey dashed square when offline, a hollow circle without a value, so that shape tells what colour alone would not.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { MetaResponse, PublicStation } from '@sievert/core';
import { getJson, isNotFound } from './api';
import { h } from './dom';
import { DOSE_RATE_UNIT, formatDateTime, formatDoseRate } from './format';
import type { Language, Messages } from './i18n';
import { pathFor } from './routes';
import { classLabel, markerKind, stationClass } from './scale';

export interface StationMapOptions {
  language: Language;
  text: Messages;
  signal: AbortSignal;
}

export interface StationMap {
  update(stations: readonly PublicStation[]): void;
  destroy(): void;
}

type CommuneShapes = FeatureCollection<Polygon | MultiPolygon, { code: string; name: string }>;

/** Simplified public boundaries first; the officials' file where the public one is not served (yet). */
async function loadCommunes(signal: AbortSignal): Promise<CommuneShapes> {
  try {
    return await getJson<CommuneShapes>('/public/communes.geojson', signal);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    return getJson<CommuneShapes>('/geo/communes.geojson', signal);
  }
}

/** What a marker's accessible name and tooltip say. */
export function markerLabel(station: PublicStation, language: Language, text: Messages): string {
  const status = station.status === 'online' ? text.status.online : text.status.offline;
  if (!station.latest) return `${station.name}: ${text.status.noValue}, ${status}`;
  const provisional = station.latest.provisional ? ` (${text.status.provisional})` : '';
  return `${station.name}: ${formatDoseRate(station.latest.value, language)} ${DOSE_RATE_UNIT}${provisional}, ${status}`;
}

function iconFor(station: PublicStation): L.DivIcon {
  const kind = markerKind(station);
  const shape = document.createElement('span');
  shape.className = `pm-shape pm-shape--${kind}`;
  const entry = stationClass(station);
  if (kind === 'value' && entry) shape.style.backgroundColor = entry.colour;
  return L.divIcon({
    className: `pm pm--${kind}`,
    html: shape,
    iconSize: [28, 28],
    iconAnchor: [14, 14],
    popupAnchor: [0, -12],
  });
}

function iconKey(station: PublicStation): string {
  return `${markerKind(station)}:${stationClass(station)?.index ?? '-'}`;
}

function popupContent(station: PublicStation, language: Language, text: Messages): HTMLElement {
  const latest = station.latest;
  const entry = stationClass(station);
  return h(
    'div',
    { class: 'map-popup' },
    h('p', { class: 'map-popup-name' }, station.name),
    station.communeName ? h('p', undefined, station.communeName) : null,
    latest
      ? h(
          'p',
          { class: 'map-popup-value' },
          h('strong', undefined, `${formatDoseRate(latest.value, language)} ${DOSE_RATE_UNIT}`),
          entry ? ` · ${classLabel(entry, language)}` : null,
        )
      : h('p', undefined, text.status.noValue),
    latest ? h('p', undefined, `${formatDateTime(latest.time, language)} (${text.time.zone})`) : null,
    latest?.provisional ? h('p', { class: 'map-popup-provisional' }, text.status.provisionalLong) : null,
    h('p', undefined, station.status === 'online' ? text.status.online : text.status.offline),
    h(
      'p',
      undefined,
      h('a', { href: pathFor({ name: 'station', code: station.code }) }, text.home.openStation),
    ),
  );
}

export function createStationMap(container: HTMLElement, options: StationMapOptions): StationMap {
  const { language, text, signal } = options;
  const map = L.map(container, {
    zoomSnap: 0.25,
    zoomDelta: 0.5,
    attributionControl: false,
    zoomControl: false,
    // The page scrolls past the map; the wheel zooms only once the map has focus.
    scrollWheelZoom: false,
    minZoom: 6,
    maxZoom: 16,
  });
  L.control.zoom({ zoomInTitle: text.home.zoomIn, zoomOutTitle: text.home.zoomOut }).addTo(map);
  map.on('focus', () => map.scrollWheelZoom.enable());
  map.on('blur', () => map.scrollWheelZoom.disable());
  // A first view over the north of Vietnam until the communes or the stations give a better one.
  map.setView([20.8, 106.0], 9);
  let removed = false;
  const resize = new ResizeObserver(() => {
    if (!removed) map.invalidateSize({ animate: false });
  });
  resize.observe(container);

  const stationLayer = L.layerGroup().addTo(map);
  const escapeHandled = new WeakSet<HTMLElement>();
  const markers = new Map<string, { marker: L.Marker; key: string }>();
  const current = new Map<string, PublicStation>();
  let fittedToCommunes = false;
  let fittedToStations = false;

  getJson<MetaResponse>('/meta', signal)
    .then((meta) => {
      if (removed || !meta.map.tileUrl) return;
      L.tileLayer(meta.map.tileUrl, { attribution: meta.map.tileAttribution ?? '', maxZoom: 18 }).addTo(map);
      L.control.attribution({ prefix: false }).addTo(map);
    })
    .catch(() => undefined);

  loadCommunes(signal)
    .then((shapes) => {
      if (removed) return;
      const layer = L.geoJSON(shapes, {
        style: () => ({
          color: '#7b8794',
          weight: 0.8,
          opacity: 0.8,
          fillColor: '#eef2f6',
          fillOpacity: 0.6,
          interactive: false,
        }),
      }).addTo(map);
      layer.bringToBack();
      const bounds = layer.getBounds();
      if (bounds.isValid()) {
        map.fitBounds(bounds, { padding: [8, 8], animate: false });
        map.setMaxBounds(bounds.pad(0.8));
        fittedToCommunes = true;
      }
    })
    // Without boundaries the stations still stand on their own.
    .catch(() => undefined);

  const placeMarker = (station: PublicStation) => {
    const label = markerLabel(station, language, text);
    const existing = markers.get(station.code);
    const key = iconKey(station);
    if (existing) {
      existing.marker.setLatLng([station.lat, station.lon]);
      // A new icon is a new element: only when the look changes, so a focused marker keeps focus over a refresh.
      if (existing.key !== key) {
        existing.marker.setIcon(iconFor(station));
        existing.key = key;
      }
      const element = existing.marker.getElement();
      element?.setAttribute('aria-label', label);
      element?.setAttribute('title', label);
      return;
    }
    const marker = L.marker([station.lat, station.lon], {
      icon: iconFor(station),
      keyboard: true,
      title: label,
      riseOnHover: true,
    });
    marker.bindPopup(() => {
      const latest = current.get(station.code);
      return latest ? popupContent(latest, language, text) : '';
    });
    let openedByKey = false;
    let focusInPopup = false;
    marker.on('add', () => {
      const element = marker.getElement();
      if (!element) return;
      element.setAttribute('aria-label', markerLabel(current.get(station.code) ?? station, language, text));
      element.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') openedByKey = true;
        // role="button" promises Space too; Leaflet only handles Enter.
        if (event.key === ' ') {
          event.preventDefault();
          openedByKey = true;
          marker.openPopup();
        }
      });
    });
    marker.on('popupopen', (event) => {
      const container = event.popup.getElement();
      // Leaflet names its close button in English.
      container
        ?.querySelector('.leaflet-popup-close-button')
        ?.setAttribute('aria-label', text.home.closePopup);
      if (container && !escapeHandled.has(container)) {
        escapeHandled.add(container);
        // Leaflet closes a popup with Escape only while the map itself has the focus, not a link in the popup.
        container.addEventListener('keydown', (keyEvent) => {
          if (keyEvent.key !== 'Escape') return;
          keyEvent.stopPropagation();
          marker.closePopup();
        });
      }
      if (!openedByKey) return;
      openedByKey = false;
      const link = event.popup.getElement()?.querySelector<HTMLElement>('a');
      if (!link) return;
      link.focus();
      focusInPopup = true;
    });
    marker.on('popupclose', (event) => {
      // Back to the marker the popup came from when the keyboard went into it (Escape, the close button), unless
      // the visitor has moved on. The popup fades out, so its link may still hold the focus at this moment.
      if (!focusInPopup) return;
      focusInPopup = false;
      const element = marker.getElement();
      const active = document.activeElement;
      const stranded =
        active === null || active === document.body || !!event.popup.getElement()?.contains(active);
      if (element && !removed && stranded) element.focus();
    });
    marker.addTo(stationLayer);
    markers.set(station.code, { marker, key });
  };

  return {
    update(stations) {
      if (removed) return;
      const seen = new Set<string>();
      for (const station of stations) {
        if (!Number.isFinite(station.lat) || !Number.isFinite(station.lon)) continue;
        seen.add(station.code);
        current.set(station.code, station);
        placeMarker(station);
      }
      for (const [code, entry] of markers) {
        if (seen.has(code)) continue;
        entry.marker.remove();
        markers.delete(code);
        current.delete(code);
      }
      if (!fittedToCommunes && !fittedToStations && seen.size > 0) {
        const bounds = L.latLngBounds(
          stations.map((station) => [station.lat, station.lon] as [number, number]),
        );
        if (bounds.isValid()) {
          map.fitBounds(bounds.pad(0.2), { animate: false, maxZoom: 11 });
          fittedToStations = true;
        }
      }
    },
    destroy() {
      removed = true;
      resize.disconnect();
      map.stop();
      map.remove();
    },
  };
}
