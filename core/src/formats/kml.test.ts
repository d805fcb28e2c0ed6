/**
 * The KML writer: the document must parse as XML, follow the KML 2.2 structure (OGC 07-147r2: Document, Style with
 * LineStyle/PolyStyle colours as aabbggrr, Placemark with Polygon outer/inner LinearRings, MultiGeometry), keep
 * hostile text as text, and stay fast on polygons with many vertices.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { KML_NAMESPACE, kmlColour, writeKml, type KmlPlacemark } from './kml.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => ['Placemark', 'Folder', 'Style', 'Polygon', 'Data', 'innerBoundaryIs'].includes(name),
});
type Node = Record<string, unknown> & { [key: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
const parse = (kml: string): Node => {
  expect(XMLValidator.validate(kml)).toBe(true);
  return parser.parse(kml) as Node;
};
const points = (text: string) => text.split(' ').map((p) => p.split(',').map(Number));

const square: number[][][] = [
  [
    [106, 20],
    [106.01, 20],
    [106.01, 20.01],
    [106, 20.01],
    [106, 20],
  ],
  [
    [106.002, 20.002],
    [106.004, 20.002],
    [106.004, 20.004],
  ],
];

describe('writeKml', () => {
  it('writes styled polygons, multipolygons and points in folders, as KML 2.2', () => {
    const kml = writeKml({
      name: 'Lần tính phát tán #3',
      description: 'Vùng hành động bảo vệ',
      styles: [{ id: 'GSR7-URGENT-E', lineColor: '#b91c1c', fillColor: '#b91c1c', fillOpacity: 0.4 }],
      placemarks: [
        { name: 'Điểm phát tán', geometry: { type: 'Point', coordinates: [106.06828, 20.66344] } },
      ],
      folders: [
        {
          name: 'Vùng',
          placemarks: [
            {
              name: 'Sơ tán hoặc trú ẩn',
              styleId: 'GSR7-URGENT-E',
              geometry: { type: 'Polygon', coordinates: square },
              data: { areaKm2: 1.25, population: null },
            },
            {
              name: 'Hai mảnh',
              geometry: { type: 'MultiPolygon', coordinates: [square, [square[0]!]] },
            },
          ],
        },
      ],
    });
    expect(kml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const doc = parse(kml).kml;
    expect(doc['@xmlns']).toBe(KML_NAMESPACE);
    const d = doc.Document;
    expect(d.name).toBe('Lần tính phát tán #3');
    // #b91c1c at 40 %: alpha round(0.4·255) = 102 = 0x66, then blue, green, red.
    expect(d.Style[0]).toMatchObject({
      '@id': 'GSR7-URGENT-E',
      LineStyle: { color: 'ff1c1cb9' },
      PolyStyle: { color: '661c1cb9' },
    });
    expect(d.Placemark[0].Point.coordinates).toBe('106.06828,20.66344');
    const [zone, multi] = d.Folder[0].Placemark;
    expect(zone.styleUrl).toBe('#GSR7-URGENT-E');
    expect(zone.ExtendedData.Data).toEqual([
      { '@name': 'areaKm2', value: '1.25' },
      { '@name': 'population', value: '' },
    ]);
    const polygon = zone.Polygon[0];
    expect(points(polygon.outerBoundaryIs.LinearRing.coordinates)).toEqual(square[0]);
    // The open hole ring is closed on output.
    const hole = points(polygon.innerBoundaryIs[0].LinearRing.coordinates);
    expect(hole).toHaveLength(4);
    expect(hole[3]).toEqual(hole[0]);
    expect(multi.MultiGeometry.Polygon).toHaveLength(2);
  });

  it('keeps hostile names and descriptions as text and drops what XML cannot carry', () => {
    const hostile = 'Cháy <kho> & "nguồn" ]]></name><script>x</script>\u0001\u0008';
    const kml = writeKml({
      name: hostile,
      description: hostile,
      styles: [{ id: '"><evil', lineColor: '#000000', fillColor: '#ffffff', fillOpacity: 2 }],
      placemarks: [
        {
          name: hostile,
          description: hostile,
          styleId: '"><evil',
          geometry: { type: 'Point', coordinates: [106, 20] },
          data: { [`x"<>&`]: hostile },
        },
      ],
    });
    const d = parse(kml).kml.Document;
    const expected = 'Cháy <kho> & "nguồn" ]]></name><script>x</script>';
    const unescape = (s: string) =>
      s
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&');
    expect(unescape(d.name)).toBe(expected);
    expect(unescape(d.Placemark[0].description)).toBe(expected);
    expect(unescape(d.Placemark[0].ExtendedData.Data[0].value)).toBe(expected);
    expect(d.Placemark[0].styleUrl).toBe(`#${d.Style[0]['@id']}`);
    expect(d.Style[0]['@id']).toMatch(/^[A-Za-z0-9_.-]+$/);
    // Opacity above 1 is opaque.
    expect(d.Style[0].PolyStyle.color).toBe('ffffffff');
    expect(kml).not.toContain('<script>');
  });

  it('refuses coordinates that are not finite longitude, latitude pairs and degenerate rings', () => {
    const at = (coordinates: number[]): KmlPlacemark => ({
      name: 'x',
      geometry: { type: 'Point', coordinates },
    });
    for (const bad of [[NaN, 20], [106, Infinity], [106], [200, 20], [106, -91]])
      expect(() => writeKml({ name: 'x', placemarks: [at(bad)] }), JSON.stringify(bad)).toThrow(RangeError);
    expect(() =>
      writeKml({
        name: 'x',
        placemarks: [
          {
            name: 'x',
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [1, 1],
                  [2, 2],
                ],
              ],
            },
          },
        ],
      }),
    ).toThrow(RangeError);
    expect(() => kmlColour('red')).toThrow(RangeError);
  });

  it('writes decimals without exponents and at most seven of them', () => {
    const kml = writeKml({
      name: 'x',
      placemarks: [{ name: 'p', geometry: { type: 'Point', coordinates: [1e-8, -1.234567891] } }],
    });
    expect(parse(kml).kml.Document.Placemark[0].Point.coordinates).toBe('0,-1.2345679');
  });

  it('writes a polygon of 200 000 vertices quickly, and it parses back whole', () => {
    const n = 200_000;
    const ringPoints: number[][] = [];
    for (let i = 0; i < n; i++) {
      const a = (2 * Math.PI * i) / n;
      ringPoints.push([106 + 0.1 * Math.cos(a), 20.5 + 0.1 * Math.sin(a)]);
    }
    const started = performance.now();
    const kml = writeKml({
      name: 'lớn',
      placemarks: [{ name: 'vòng', geometry: { type: 'Polygon', coordinates: [ringPoints] } }],
    });
    expect(performance.now() - started).toBeLessThan(2000);
    const ring = parse(kml).kml.Document.Placemark[0].Polygon[0].outerBoundaryIs.LinearRing.coordinates;
    expect(ring.split(' ')).toHaveLength(n + 1);
  });
});
