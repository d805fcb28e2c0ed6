/**
 * A small writer of KML 2.2 (OGC 07-147r2) for maps that officials open in Google Earth or a GIS: styled polygons
 * and points in folders, with names, descriptions and extended data. Text is escaped, control characters that
 * XML 1.0 forbids are dropped, rings are closed, and coordinates that are not finite numbers are refused, so a
 * document written here always parses. No I/O.
 */
import { xmlText } from './docx.js';

export const KML_NAMESPACE = 'http://www.opengis.net/kml/2.2';
export const KML_MEDIA_TYPE = 'application/vnd.google-earth.kml+xml';

export interface KmlStyle {
  id: string;
  /** `#rrggbb`. */
  lineColor: string;
  /** `#rrggbb`. */
  fillColor: string;
  /** 0 (transparent) … 1 (opaque). */
  fillOpacity: number;
  /** Pixels (1 by default). */
  lineWidth?: number;
}

/** GeoJSON-ordered coordinates: [longitude, latitude]. */
export type KmlGeometry =
  | { type: 'Point'; coordinates: readonly number[] }
  | { type: 'Polygon'; coordinates: readonly (readonly (readonly number[])[])[] }
  | { type: 'MultiPolygon'; coordinates: readonly (readonly (readonly (readonly number[])[])[])[] };

export interface KmlPlacemark {
  name: string;
  description?: string;
  styleId?: string;
  geometry: KmlGeometry;
  data?: Readonly<Record<string, string | number | null>>;
}

export interface KmlFolder {
  name: string;
  placemarks: readonly KmlPlacemark[];
}

export interface KmlDocument {
  name: string;
  description?: string;
  styles?: readonly KmlStyle[];
  folders?: readonly KmlFolder[];
  placemarks?: readonly KmlPlacemark[];
}

const HEX_COLOUR = /^#([0-9a-fA-F]{6})$/;

/** KML colours are aabbggrr. */
export function kmlColour(hex: string, opacity = 1): string {
  const m = HEX_COLOUR.exec(hex);
  if (!m) throw new RangeError(`colour ${hex} is not #rrggbb`);
  const rgb = m[1]!.toLowerCase();
  const alpha = Math.round(Math.min(1, Math.max(0, Number.isFinite(opacity) ? opacity : 1)) * 255)
    .toString(16)
    .padStart(2, '0');
  return `${alpha}${rgb.slice(4, 6)}${rgb.slice(2, 4)}${rgb.slice(0, 2)}`;
}

/** Style ids become `#id` references: keep them to characters that need no escaping anywhere. */
function styleId(id: string): string {
  return id.replace(/[^A-Za-z0-9_.-]/g, '_');
}

function coordinate(point: readonly number[]): string {
  const [lon, lat] = point;
  if (
    typeof lon !== 'number' ||
    typeof lat !== 'number' ||
    !Number.isFinite(lon) ||
    !Number.isFinite(lat) ||
    Math.abs(lat) > 90 ||
    Math.abs(lon) > 180
  )
    throw new RangeError(`coordinate ${JSON.stringify(point)} is not a longitude, latitude pair`);
  return `${decimal(lon)},${decimal(lat)}`;
}

/**
 * Seven decimals of a degree are about a centimetre: more says nothing and only makes the file larger. Never in
 * exponent notation (`1e-7`), which KML readers need not understand.
 */
function decimal(x: number): string {
  const text = x.toFixed(7).replace(/\.?0+$/, '');
  return text === '-0' ? '0' : text;
}

/** A linear ring, closed when it is not, as KML requires (at least four positions). */
function ring(points: readonly (readonly number[])[]): string {
  if (points.length < 3) throw new RangeError('a ring needs at least three positions');
  const parts = points.map(coordinate);
  if (parts[0] !== parts[parts.length - 1]) parts.push(parts[0]!);
  return `<LinearRing><coordinates>${parts.join(' ')}</coordinates></LinearRing>`;
}

function polygon(rings: readonly (readonly (readonly number[])[])[]): string {
  const [outer, ...holes] = rings;
  if (!outer) throw new RangeError('a polygon needs an outer ring');
  return (
    `<Polygon><tessellate>1</tessellate><outerBoundaryIs>${ring(outer)}</outerBoundaryIs>` +
    holes.map((h) => `<innerBoundaryIs>${ring(h)}</innerBoundaryIs>`).join('') +
    '</Polygon>'
  );
}

function geometry(g: KmlGeometry): string {
  if (g.type === 'Point') return `<Point><coordinates>${coordinate(g.coordinates)}</coordinates></Point>`;
  if (g.type === 'Polygon') return polygon(g.coordinates);
  if (g.coordinates.length === 1) return polygon(g.coordinates[0]!);
  return `<MultiGeometry>${g.coordinates.map(polygon).join('')}</MultiGeometry>`;
}

function style(s: KmlStyle): string {
  return (
    `<Style id="${styleId(s.id)}">` +
    `<LineStyle><color>${kmlColour(s.lineColor)}</color><width>${s.lineWidth ?? 1}</width></LineStyle>` +
    `<PolyStyle><color>${kmlColour(s.fillColor, s.fillOpacity)}</color></PolyStyle>` +
    `<IconStyle><color>${kmlColour(s.lineColor)}</color></IconStyle>` +
    '</Style>'
  );
}

function placemark(p: KmlPlacemark): string {
  const data = p.data
    ? `<ExtendedData>${Object.entries(p.data)
        .map(
          ([name, value]) =>
            `<Data name="${xmlText(name)}"><value>${value === null ? '' : xmlText(String(value))}</value></Data>`,
        )
        .join('')}</ExtendedData>`
    : '';
  return (
    `<Placemark><name>${xmlText(p.name)}</name>` +
    (p.description ? `<description>${xmlText(p.description)}</description>` : '') +
    (p.styleId ? `<styleUrl>#${styleId(p.styleId)}</styleUrl>` : '') +
    data +
    geometry(p.geometry) +
    '</Placemark>'
  );
}

/** The document as KML text (UTF-8 when encoded). */
export function writeKml(doc: KmlDocument): string {
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<kml xmlns="${KML_NAMESPACE}"><Document><name>${xmlText(doc.name)}</name>`,
  ];
  if (doc.description) parts.push(`<description>${xmlText(doc.description)}</description>`);
  for (const s of doc.styles ?? []) parts.push(style(s));
  for (const p of doc.placemarks ?? []) parts.push(placemark(p));
  for (const f of doc.folders ?? []) {
    parts.push(`<Folder><name>${xmlText(f.name)}</name>`);
    for (const p of f.placemarks) parts.push(placemark(p));
    parts.push('</Folder>');
  }
  parts.push('</Document></kml>');
  return parts.join('\n');
}
