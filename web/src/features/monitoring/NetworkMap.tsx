import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router-dom';
import L from 'leaflet';
import { useProvinceLeafletMap, useTileLayer } from '../../ui/map/leaflet';
import { useCommuneBackground } from '../../ui/map/communeBackground';
import { useTranslation } from 'react-i18next';
import type { NetworkStation } from '@sievert/core';
import { useLanguage } from '../../app/i18n';
import { intlLocale, useFormat } from '../../app/i18n/format';
import { type CommuneShapes } from '../../ui/map/ProvinceMap';
import { stationPath } from './api';
import {
  ALARM_RING_COLOUR,
  DOSE_RATE_DISPLAY_UNIT,
  DOSE_RATE_SCALE,
  OFFLINE_COLOUR,
  doseRateForDisplay,
  formatDoseRate,
  relativeTime,
  stationFill,
  stationMapState,
} from './display';

function markerStyle(station: NetworkStation): L.CircleMarkerOptions {
  const state = stationMapState(station);
  const fillColor = stationFill(station);
  if (state === 'alarm') {
    return {
      radius: 10,
      color: ALARM_RING_COLOUR,
      weight: 4,
      opacity: 1,
      fillColor,
      fillOpacity: 1,
      dashArray: '',
    };
  }
  if (state === 'offline' || state === 'out_of_service' || state === 'no_data') {
    return {
      radius: 7,
      color: '#5f6b7a',
      weight: 1.5,
      opacity: 1,
      fillColor,
      fillOpacity: 0.85,
      dashArray: '3 2',
    };
  }
  return { radius: 8, color: '#1f2d3d', weight: 1, opacity: 1, fillColor, fillOpacity: 0.95, dashArray: '' };
}

/**
 * The monitoring network on the province's communes: one circle per station, coloured by its latest dose rate on
 * a colour-blind-safe scale, grey when silent, ringed in dark red with an open alarm. Hover for the value, click
 * for the station's card and the way to its page. Like the province map, no tile server is asked unless the
 * installation names one.
 */
export function NetworkMap({
  shapes,
  stations,
  now,
  tileUrl = null,
  tileAttribution = null,
  ariaLabel,
}: {
  shapes: CommuneShapes | undefined;
  stations: readonly NetworkStation[];
  /** Epoch ms, for "5 phút trước". */
  now: number;
  tileUrl?: string | null;
  tileAttribution?: string | null;
  ariaLabel: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const navigate = useNavigate();
  const containerRef = useRef<HTMLDivElement>(null);
  const stationLayerRef = useRef<L.LayerGroup | null>(null);
  const markersRef = useRef(new Map<string, L.CircleMarker>());
  // What a marker's tooltip and popup say, rebuilt with every refresh; Leaflet asks for it when they open.
  const summaryRef = useRef<(code: string, withLink: boolean) => HTMLElement | string>(() => '');
  const fittedRef = useRef(false);
  const navigateRef = useRef(navigate);
  useEffect(() => {
    navigateRef.current = navigate;
  }, [navigate]);

  const mapRef = useProvinceLeafletMap(containerRef, (map) => {
    // A first view over Vietnam's north until the communes or the stations give a better one.
    map.setView([20.8, 106.0], 9);
    stationLayerRef.current = L.layerGroup().addTo(map);
    const markers = markersRef.current;
    fittedRef.current = false;
    return () => {
      stationLayerRef.current = null;
      markers.clear();
    };
  });
  useTileLayer(mapRef, tileUrl, tileAttribution);

  // The communes: a quiet background that places the stations.
  useCommuneBackground(mapRef, shapes, tileUrl, {
    onFitted: () => {
      fittedRef.current = true;
    },
  });

  // The stations: markers kept between refreshes (an open popup stays open), restyled with each new view.
  useEffect(() => {
    const map = mapRef.current;
    const group = stationLayerRef.current;
    const container = containerRef.current;
    if (!map || !group || !container) return;
    const markers = markersRef.current;
    const locale = intlLocale(language);
    const valueText = (station: NetworkStation) => {
      if (!station.latest) return t('monitoring.network.noValue');
      const shown = formatDoseRate(station.latest.value, locale);
      return shown === null ? '—' : `${shown} ${DOSE_RATE_DISPLAY_UNIT}`;
    };
    const line = (parent: HTMLElement, text: string, className?: string) => {
      const element = document.createElement('div');
      element.textContent = text;
      if (className) element.className = className;
      parent.append(element);
      return element;
    };
    const summary = (station: NetworkStation, withLink: boolean) => {
      const root = document.createElement('div');
      root.className = 'network-popup';
      const title = document.createElement('strong');
      title.textContent = station.name;
      root.append(title);
      line(root, station.code, 'mono muted');
      const state = stationMapState(station);
      const value = line(root, valueText(station), 'network-popup-value');
      value.setAttribute('data-testid', `station-popup-value-${station.code}`);
      if (station.latest) {
        const ago = relativeTime(station.latest.time, now, locale);
        line(root, `${format.dateTime(station.latest.time)}${ago ? ` (${ago})` : ''}`, 'muted');
      }
      if (station.rain) {
        line(root, t('monitoring.network.rain', { value: format.number(station.rain.value, 1) }), 'muted');
      }
      if (state !== 'normal') {
        const severity = station.alarm
          ? ` · ${t(`monitoring.alarm.severities.${station.alarm.severity}`)}`
          : '';
        line(
          root,
          `${t(`monitoring.network.states.${state}`)}${severity}`,
          `network-popup-state network-popup-${state}`,
        );
      }
      if (withLink) {
        const link = document.createElement('a');
        const path = stationPath(station.code);
        link.href = path;
        link.textContent = t('monitoring.network.openStation');
        link.setAttribute('data-testid', `station-popup-link-${station.code}`);
        link.addEventListener('click', (event) => {
          event.preventDefault();
          void navigateRef.current(path);
        });
        const wrap = document.createElement('div');
        wrap.className = 'network-popup-link';
        wrap.append(link);
        root.append(wrap);
      }
      return root;
    };

    const byCode = new Map(stations.map((station) => [station.code, station]));
    summaryRef.current = (code, withLink) => {
      const station = byCode.get(code);
      return station ? summary(station, withLink) : code;
    };

    const seen = new Set<string>();
    for (const station of stations) {
      if (!Number.isFinite(station.lat) || !Number.isFinite(station.lon)) continue;
      seen.add(station.code);
      const style = markerStyle(station);
      let marker = markers.get(station.code);
      if (!marker) {
        const code = station.code;
        marker = L.circleMarker([station.lat, station.lon], { ...style, className: 'network-marker' });
        marker.bindTooltip(() => summaryRef.current(code, false), {
          direction: 'top',
          offset: [0, -8],
          className: 'network-tooltip',
        });
        marker.bindPopup(() => summaryRef.current(code, true), { maxWidth: 260 });
        marker.addTo(group);
        markers.set(code, marker);
      } else {
        marker.setLatLng([station.lat, station.lon]);
        marker.setStyle(style);
        marker.setRadius(style.radius ?? 8);
        // Open ones show the new values at once.
        if (marker.isPopupOpen()) marker.getPopup()?.update();
        if (marker.isTooltipOpen()) marker.getTooltip()?.update();
      }
      if (station.alarm) marker.bringToFront();
      const element = marker.getElement();
      if (element) {
        element.setAttribute('data-testid', `station-marker-${station.code}`);
        element.setAttribute('data-state', stationMapState(station));
        element.setAttribute('data-value', station.latest ? String(station.latest.value) : '');
        element.setAttribute('role', 'button');
        element.setAttribute('aria-label', `${station.name}: ${valueText(station)}`);
      }
    }
    for (const [code, marker] of markers) {
      if (seen.has(code)) continue;
      marker.remove();
      markers.delete(code);
    }
    if (!fittedRef.current && seen.size > 0) {
      const bounds = L.latLngBounds([...seen].map((code) => markers.get(code)!.getLatLng()));
      map.fitBounds(bounds.pad(0.3), { maxZoom: 12, animate: false });
    }
    // Tests and tools read how many stations were drawn, once they are.
    container.setAttribute('data-station-count', String(seen.size));
  }, [mapRef, stations, now, language, t, format]);

  return (
    <div className="province-map-wrap">
      <div
        ref={containerRef}
        className="network-map"
        data-testid="network-map"
        role="region"
        aria-label={ariaLabel}
      />
      <div className="map-legend network-legend" data-testid="network-legend">
        <div className="map-legend-title">{t('monitoring.network.legendTitle')}</div>
        {DOSE_RATE_SCALE.colours.map((colour, index) => {
          const lower = index === 0 ? null : DOSE_RATE_SCALE.breaksNSvPerHour[index - 1];
          const upper = DOSE_RATE_SCALE.breaksNSvPerHour[index];
          const show = (value: number) => format.number(doseRateForDisplay(value) ?? 0, 3);
          const label =
            lower === undefined || lower === null
              ? `< ${show(upper ?? 0)}`
              : upper === undefined
                ? `≥ ${show(lower)}`
                : `${show(lower)}–${show(upper)}`;
          return (
            <div key={colour} className="network-legend-row">
              <span className="map-legend-swatch network-legend-dot" style={{ background: colour }} />
              {label}
            </div>
          );
        })}
        <div className="network-legend-row">
          <span
            className="map-legend-swatch network-legend-dot"
            style={{ background: OFFLINE_COLOUR, borderStyle: 'dashed' }}
          />
          {t('monitoring.network.legendGrey')}
        </div>
        <div className="network-legend-row">
          <span
            className="map-legend-swatch network-legend-dot"
            style={{ background: '#ffffff', border: `3px solid ${ALARM_RING_COLOUR}` }}
          />
          {t('monitoring.network.legendAlarm')}
        </div>
      </div>
    </div>
  );
}
