/**
 * The demo province's monitoring network: fixed gamma dose-rate stations near the places that matter (hospitals
 * with radiation work, industrial zones, the provincial centre) and the river sampling points of the plan. The
 * places come from the demo data (approximate coordinates, see provinces/<province>/SOURCES.md); the stations
 * themselves are invented for the demo and say so in their note.
 */
import type { CreateStationBody } from '@sievert/core';
import type { Services } from '../services.js';
import { SYSTEM_ACTOR } from '../modules/auth/actor.js';

export interface DemoPlace {
  name: string;
  lat: number;
  lon: number;
  communeCode: string | null;
}

export const DEMO_STATION_PREFIX = 'VN33';

/** Codes of the demo gamma stations: VN33001… in the order of the places. */
export function demoGammaCode(i: number): string {
  return `${DEMO_STATION_PREFIX}${String(i + 1).padStart(3, '0')}`;
}

export async function seedMonitoringDemo(
  services: Services,
  places: { gamma: DemoPlace[]; river: Array<DemoPlace & { river: string; id: string }> },
  ownerId: number | null,
): Promise<{ gamma: string[]; river: string[] }> {
  const gamma: string[] = [];
  const river: string[] = [];
  const known = new Set((await services.geo.communes()).map((c) => c.code));
  const commune = (code: string | null) => (code && known.has(code) ? code : null);
  for (const [i, p] of places.gamma.entries()) {
    const code = demoGammaCode(i);
    const body: CreateStationBody = {
      code,
      name: `Trạm quan trắc phóng xạ ${p.name}`,
      kind: 'gamma_dose_rate',
      lat: p.lat,
      lon: p.lon,
      communeCode: commune(p.communeCode),
      heightM: 1,
      detectorType: i % 3 === 2 ? 'Ống đếm Geiger–Müller (hai dải)' : 'Buồng ion hóa / đầu dò NaI(Tl)',
      conversionFactors: i % 3 === 2 ? [{ sensor: 'GM-LOW', nSvPerHourPerCps: 8.5, backgroundCps: 0.3 }] : [],
      intervalS: 600,
      ownerId,
      note: 'Trạm minh họa (dữ liệu mô phỏng) — demo station with simulated data',
    };
    await services.stations.create(SYSTEM_ACTOR, body);
    gamma.push(code);
  }
  for (const [i, p] of places.river.entries()) {
    const code = `${DEMO_STATION_PREFIX}R${String(i + 1).padStart(2, '0')}`;
    await services.stations.create(SYSTEM_ACTOR, {
      code,
      name: `Điểm lấy mẫu ${p.river} — ${p.name}`.slice(0, 200),
      kind: 'river_sampling',
      lat: p.lat,
      lon: p.lon,
      communeCode: commune(p.communeCode),
      intervalS: 86_400,
      ownerId,
      note: `${p.river}; điểm ${p.id} của dữ liệu minh họa (vị trí gần đúng) — demo sampling point, approximate`,
    });
    river.push(code);
  }
  return { gamma, river };
}
