import { useEffect, useMemo, useRef } from 'react';
import L from 'leaflet';
import { useProvinceLeafletMap, useTileLayer } from './leaflet';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../app/i18n';
import { useFormat } from '../../app/i18n/format';

/** Properties of a commune feature in /geo/communes.geojson (snake_case, as in the GeoJSON file). */
export interface CommuneShapeProperties {
  code: string;
  name: string;
  full_name: string;
  name_en: string;
  full_name_en: string;
  type: 'xa' | 'phuong';
  area_km2: number;
}
export type CommuneShapes = FeatureCollection<Polygon | MultiPolygon, CommuneShapeProperties>;
type CommuneFeature = Feature<Polygon | MultiPolygon, CommuneShapeProperties>;

export type MapMode = 'type' | 'facilities';

export const WARD_COLOUR = '#7d9fd0';
export const RURAL_COLOUR = '#b7cfa4';
/** "None" in a light grey that still stands out from the background, then sequential blues (ColorBrewer). */
const COUNT_COLOURS = ['#e1e7ee', '#9ecae1', '#6baed6', '#3182bd', '#08519c', '#08306b'];
const COUNT_BREAKS = [1, 2, 3, 5, 10];

function countClass(count: number): number {
  let index = 0;
  for (const lower of COUNT_BREAKS) if (count >= lower) index += 1;
  return index;
}

export interface ProvinceMapProps {
  shapes: CommuneShapes;
  mode: MapMode;
  facilitiesByCommune?: Record<string, number>;
  tileUrl?: string | null;
  tileAttribution?: string | null;
  onCommuneClick?: (code: string) => void;
  ariaLabel: string;
}

/**
 * The province as its communes and wards, drawn by Leaflet from the server's GeoJSON. Without a configured tile
 * server the communes are drawn on a plain background: nothing leaves the province's network.
 */
export function ProvinceMap({
  shapes,
  mode,
  facilitiesByCommune,
  tileUrl = null,
  tileAttribution = null,
  onCommuneClick,
  ariaLabel,
}: ProvinceMapProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const containerRef = useRef<HTMLDivElement>(null);
  const fittedRef = useRef(false);
  const clickRef = useRef(onCommuneClick);

  useEffect(() => {
    clickRef.current = onCommuneClick;
  }, [onCommuneClick]);

  // The map itself lives as long as the component.
  const mapRef = useProvinceLeafletMap(containerRef, () => {
    fittedRef.current = false;
  });
  useTileLayer(mapRef, tileUrl, tileAttribution);

  const counts = useMemo(() => facilitiesByCommune ?? {}, [facilitiesByCommune]);

  // The communes: redrawn when the data, the colouring or the language changes.
  useEffect(() => {
    const map = mapRef.current;
    const container = containerRef.current;
    if (!map || !container) return;
    const fillOpacity = tileUrl ? 0.55 : 0.9;
    const styleOf = (feature: CommuneFeature | undefined): L.PathOptions => {
      const props = feature?.properties;
      const fillColor =
        mode === 'facilities'
          ? (COUNT_COLOURS[countClass(counts[props?.code ?? ''] ?? 0)] ?? COUNT_COLOURS[0])
          : props?.type === 'phuong'
            ? WARD_COLOUR
            : RURAL_COLOUR;
      return {
        color: '#ffffff',
        weight: mode === 'facilities' ? 0.8 : 1,
        opacity: 1,
        fillColor,
        fillOpacity,
      };
    };

    // GeoJSON hands its options to every polygon it creates, so path options such as the CSS class apply too.
    const options: L.GeoJSONOptions<CommuneShapeProperties, Polygon | MultiPolygon> & L.PathOptions = {
      className: 'commune-shape',
      style: (feature) => styleOf(feature as CommuneFeature | undefined),
      onEachFeature: (feature, path) => {
        const props = feature.properties;
        const tooltip = document.createElement('div');
        const title = document.createElement('strong');
        title.textContent = language === 'en' ? props.full_name_en : props.full_name;
        tooltip.append(title);
        const line = document.createElement('div');
        line.textContent =
          mode === 'facilities'
            ? `${t('map.facilities')}: ${format.number(counts[props.code] ?? 0)}`
            : `${t(props.type === 'phuong' ? 'map.ward' : 'map.rural')} · ${format.number(props.area_km2, 1)} km²`;
        tooltip.append(line);
        path.bindTooltip(tooltip, {
          sticky: true,
          direction: 'top',
          className: 'commune-tooltip',
          offset: [0, -6],
        });
        path.on({
          mouseover: () => {
            (path as L.Path).setStyle({ weight: 2.5, color: '#12355b' });
            (path as L.Path).bringToFront();
          },
          mouseout: () => layer.resetStyle(path),
          click: () => clickRef.current?.(props.code),
        });
      },
    };
    const layer = L.geoJSON<CommuneShapeProperties, Polygon | MultiPolygon>(shapes, options).addTo(map);

    layer.eachLayer((path) => {
      const element = (path as L.Path).getElement();
      const props = (path as L.Path & { feature?: CommuneFeature }).feature?.properties;
      if (element && props) {
        element.setAttribute('data-code', props.code);
        element.setAttribute('data-type', props.type);
      }
    });

    if (!fittedRef.current) {
      const bounds = layer.getBounds();
      if (bounds.isValid()) {
        map.fitBounds(bounds, { padding: [12, 12] });
        map.setMaxBounds(bounds.pad(0.6));
        fittedRef.current = true;
      }
    }
    // Tests and tools read how many communes were drawn, once they are.
    container.setAttribute('data-commune-count', String(layer.getLayers().length));
    return () => {
      layer.remove();
    };
  }, [mapRef, shapes, mode, counts, language, tileUrl, t, format]);

  const wards = shapes.features.filter((feature) => feature.properties.type === 'phuong').length;
  const rural = shapes.features.length - wards;
  const maxCount = Math.max(0, ...Object.values(counts));

  return (
    <div className="province-map-wrap">
      <div
        ref={containerRef}
        className="province-map"
        data-testid="province-map"
        role="region"
        aria-label={ariaLabel}
      />
      <div className="map-legend" data-testid="map-legend">
        {mode === 'type' ? (
          <>
            <div>
              <span className="map-legend-swatch" style={{ background: WARD_COLOUR }} />
              {t('map.ward')} ({format.number(wards)})
            </div>
            <div>
              <span className="map-legend-swatch" style={{ background: RURAL_COLOUR }} />
              {t('map.rural')} ({format.number(rural)})
            </div>
          </>
        ) : (
          <>
            <div className="map-legend-title">{t('map.facilitiesLegend')}</div>
            {COUNT_COLOURS.map((colour, index) => {
              const lower = index === 0 ? 0 : (COUNT_BREAKS[index - 1] ?? 0);
              const upper = index < COUNT_BREAKS.length ? (COUNT_BREAKS[index] ?? 0) - 1 : null;
              if (index > 0 && lower > Math.max(maxCount, 1)) return null;
              const label =
                upper === null
                  ? `≥ ${format.number(lower)}`
                  : upper === lower
                    ? format.number(lower)
                    : `${format.number(lower)}–${format.number(upper)}`;
              return (
                <div key={colour}>
                  <span className="map-legend-swatch" style={{ background: colour }} />
                  {label}
                </div>
              );
            })}
          </>
        )}
      </div>
    </div>
  );
}
