/**
 * Reads a province folder (province.json manifest + commune GeoJSON + facts) and checks it before anything is
 * stored. Nothing here knows which province it is: another province is another folder.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface ProvinceCommune {
  code: string;
  name: string;
  fullName: string;
  nameEn: string;
  fullNameEn: string;
  type: 'xa' | 'phuong';
  areaKm2: number;
  labelLat: number;
  labelLon: number;
  oldUnits: string | null;
  geometry: unknown;
}

export interface ProvinceData {
  code: string;
  name: string;
  nameEn: string;
  timeZone: string;
  facts: Record<string, unknown>;
  communes: ProvinceCommune[];
  /** sha-256 of the files read, to notice when the folder changed. */
  hash: string;
  dir: string;
  demo: Record<string, string>;
}

export class ProvinceDataError extends Error {
  constructor(file: string, reason: string) {
    super(`Province data ${file}: ${reason}`);
  }
}

interface Manifest {
  code: string;
  name: string;
  nameEn: string;
  timeZone?: string;
  files: { communes: string; facts?: string };
  demo?: Record<string, string>;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw new ProvinceDataError(file, `cannot read JSON (${(error as Error).message})`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function loadProvinceData(dir: string): ProvinceData {
  const manifestFile = path.join(dir, 'province.json');
  const manifest = readJson(manifestFile);
  if (
    !isObject(manifest) ||
    typeof manifest.code !== 'string' ||
    typeof manifest.name !== 'string' ||
    typeof manifest.nameEn !== 'string' ||
    !isObject(manifest.files) ||
    typeof manifest.files.communes !== 'string'
  ) {
    throw new ProvinceDataError(manifestFile, 'needs code, name, nameEn and files.communes');
  }
  const m = manifest as unknown as Manifest;
  const hash = createHash('sha256');
  const communesFile = path.join(dir, m.files.communes);
  const communesText = readFileSync(communesFile, 'utf8');
  hash.update(communesText);
  const geo = JSON.parse(communesText) as unknown;
  if (!isObject(geo) || geo.type !== 'FeatureCollection' || !Array.isArray(geo.features)) {
    throw new ProvinceDataError(communesFile, 'is not a GeoJSON FeatureCollection');
  }
  const communes: ProvinceCommune[] = [];
  const seen = new Set<string>();
  geo.features.forEach((feature: unknown, index: number) => {
    const where = `${communesFile} feature ${index}`;
    if (!isObject(feature) || !isObject(feature.properties) || !isObject(feature.geometry))
      throw new ProvinceDataError(where, 'has no properties or geometry');
    const p = feature.properties;
    const g = feature.geometry;
    if (typeof p.code !== 'string' || !/^\d{5}$/.test(p.code))
      throw new ProvinceDataError(where, 'code must be 5 digits');
    if (seen.has(p.code)) throw new ProvinceDataError(where, `duplicate code ${p.code}`);
    seen.add(p.code);
    if (p.type !== 'xa' && p.type !== 'phuong')
      throw new ProvinceDataError(where, 'type must be xa or phuong');
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon')
      throw new ProvinceDataError(where, 'geometry must be a Polygon or MultiPolygon');
    for (const key of ['name', 'full_name', 'name_en'] as const) {
      if (typeof p[key] !== 'string' || p[key] === '')
        throw new ProvinceDataError(where, `${key} is missing`);
    }
    const num = (key: string) => {
      const v = p[key];
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new ProvinceDataError(where, `${key} must be a number`);
      return v;
    };
    communes.push({
      code: p.code,
      name: (p.name as string).normalize('NFC'),
      fullName: (p.full_name as string).normalize('NFC'),
      nameEn: p.name_en as string,
      fullNameEn: typeof p.full_name_en === 'string' ? p.full_name_en : (p.name_en as string),
      type: p.type,
      areaKm2: num('area_km2'),
      labelLat: num('label_lat'),
      labelLon: num('label_lon'),
      oldUnits: typeof p.old_units === 'string' ? p.old_units : null,
      geometry: g,
    });
  });
  if (communes.length === 0) throw new ProvinceDataError(communesFile, 'has no communes');

  let facts: Record<string, unknown> = {};
  if (m.files.facts) {
    const factsFile = path.join(dir, m.files.facts);
    const text = readFileSync(factsFile, 'utf8');
    hash.update(text);
    const parsed = JSON.parse(text) as unknown;
    if (!isObject(parsed)) throw new ProvinceDataError(factsFile, 'is not a JSON object');
    facts = parsed;
  }
  return {
    code: m.code,
    name: m.name,
    nameEn: m.nameEn,
    timeZone: m.timeZone ?? 'Asia/Ho_Chi_Minh',
    facts,
    communes,
    hash: hash.digest('hex'),
    dir,
    demo: m.demo ?? {},
  };
}
