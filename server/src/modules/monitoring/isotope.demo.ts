/**
 * Demo river stable-isotope samples: two years of monthly samples at the province's river sampling points, so the
 * analysis pages have something to show. Every sample says in its note that it is demo data, not a lab result.
 *
 * The sampling points must exist first as stations of kind `river_sampling` with codes `VN<province>R01…` made
 * from the demo file's `RIV-01…` ids (the demo seed creates them); points that do not exist are skipped. The river
 * of each point is set from the demo file. Samples go through the lab-file import (one transaction, one audit
 * entry), and a second run adds nothing (the rows are then unchanged).
 *
 * Values (illustrative, not measurements): the Red River at Hanoi averages δ¹⁸O −8.4 ‰ (−9.8…−6.9 ‰; Nguyen et al.
 * 2021, Water 13:2051, see core/src/reference/isotopes.json NGUYEN-2021), most depleted late in the rainy season;
 * δ²H follows a local line of slope 7.8 (d ≈ 10–11 ‰); river mouths mix with seawater (0 ‰) in the dry season,
 * which lowers d. Two deliberate outliers show the flags: an evaporated backwater sample and a mistyped δ²H.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isotopeResultTemplateHeaders, parseCsvObjects, writeCsv } from '@sievert/core';
import { SYSTEM_ACTOR } from '../auth/actor.js';
import type { ProvinceData } from '../geo/province-loader.js';
import type { Services } from '../../services.js';

export const DEMO_ISOTOPE_NOTE =
  'Dữ liệu minh họa (demo), không phải kết quả phân tích thật / demo data, not real lab results';
const DEMO_LAB = 'Phòng thí nghiệm minh họa (demo)';
const DEMO_METHOD = 'CRDS (quang phổ laser)';

/** "sông Hồng (cửa Ba Lạt)" → "sông Hồng"; "sông Hồng / sông Trà Lý" (an offtake) → "sông Hồng". */
export function demoRiverName(name: string): string {
  return name
    .split('/')[0]!
    .replace(/\(.*\)/g, '')
    .trim();
}
/** "Red River mouth (Ba Lat)" → "Red River"; "Tra Ly River mouth" → "Tra Ly River". */
export function demoRiverNameEn(name: string): string {
  return name
    .split('/')[0]!
    .replace(/\(.*\)/g, '')
    .replace(/\bmouth\b/i, '')
    .replace(/\s+/g, ' ')
    .trim();
}

interface RiverModel {
  /** Mean δ¹⁸O (‰). */
  base: number;
  /** Half the seasonal swing (‰). */
  amplitude: number;
}

/** Red River water by Nguyen et al. (2021); its delta branches alike; the Luộc, Hóa and lower rivers of the delta more local rain. */
function riverModel(river: string): RiverModel {
  if (/Hồng/.test(river)) return { base: -8.4, amplitude: 0.6 };
  if (/Trà Lý|Luộc/.test(river)) return { base: -8.2, amplitude: 0.6 };
  return { base: -7.4, amplitude: 0.8 };
}

/** Deterministic pseudo-random numbers (mulberry32), so every demo looks the same. */
function random(seed: number) {
  let a = seed >>> 0;
  const uni = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uni())) * Math.cos(2 * Math.PI * uni());
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export async function seedIsotopeDemo(
  services: Services,
  province: ProvinceData,
  options: { now?: Date; months?: number } = {},
): Promise<{ points: number; samples: number }> {
  const rel = province.demo['riverPoints'];
  if (!rel) return { points: 0, samples: 0 };
  const rows = parseCsvObjects(readFileSync(path.join(province.dir, rel), 'utf8'), { maxRows: 1000 });
  const existing = new Map((await services.isotopes.points(SYSTEM_ACTOR)).map((p) => [p.code, p]));
  const now = options.now ?? services.isotopes.now();
  const months = options.months ?? 24;
  const header = isotopeResultTemplateHeaders();
  const col = (name: string) => header.indexOf(name);
  const table: Array<Array<string | number | null>> = [header];
  let points = 0;

  for (const row of rows) {
    const match = /^RIV-(\d{2})$/.exec(row.id ?? '');
    if (!match || !row.river_vi) continue;
    const code = `VN${province.code}R${match[1]}`;
    if (!existing.has(code)) continue;
    points += 1;
    const riverVi = demoRiverName(row.river_vi);
    await services.isotopes.setRiver(SYSTEM_ACTOR, code, {
      riverVi,
      riverEn: row.river_en ? demoRiverNameEn(row.river_en) : null,
    });
    const model = riverModel(riverVi);
    const mouth = /cửa/i.test(row.river_vi);
    const g = random(Number(match[1]) * 7919);
    for (let k = months; k >= 1; k -= 1) {
      // The 15th of each of the last `months` months, 09:00 local time.
      const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - k, 15));
      const month = at.getUTCMonth() + 1;
      const ym = `${at.getUTCFullYear()}-${String(month).padStart(2, '0')}`;
      // Most depleted around September–October, the end of the rainy season.
      let d18o = model.base - model.amplitude * Math.cos((2 * Math.PI * (month - 9.5)) / 12) + 0.12 * g();
      let d2h = 7.8 * d18o + 9 + 0.8 * g();
      // River mouths in the dry season: up to a quarter seawater (δ¹⁸O = δ²H = 0 ‰ VSMOW).
      if (mouth && (month >= 12 || month <= 4)) {
        const f = 0.1 + 0.15 * Math.abs(g()) * 0.5;
        d18o *= 1 - f;
        d2h *= 1 - f;
      }
      let note = DEMO_ISOTOPE_NOTE;
      if (code.endsWith('R12') && k === months - 2) {
        // An evaporated backwater sample: enriched, far below the meteoric line.
        d18o = -3.2;
        d2h = -41;
        note = `${DEMO_ISOTOPE_NOTE}. Minh họa: mẫu nước tù, bốc hơi mạnh`;
      }
      if (code.endsWith('R09') && k === 7) {
        // δ²H typed with the decimal point one place off.
        d2h /= 10;
        note = `${DEMO_ISOTOPE_NOTE}. Minh họa: nghi nhầm dấu thập phân δ2H`;
      }
      const cells: Array<string | number | null> = header.map(() => null);
      cells[col('Mã điểm')] = code;
      cells[col('Mã mẫu')] = `DEMO-R${match[1]}-${ym}`;
      cells[col('Ngày lấy mẫu')] = `${ym}-15 09:00`;
      cells[col('δ18O')] = round(d18o, 2);
      cells[col('Sai số δ18O')] = 0.1;
      cells[col('δ2H')] = round(d2h, 1);
      cells[col('Sai số δ2H')] = 1;
      if (month % 3 === 1) {
        cells[col('Tritium (TU)')] = round(3.2 + 0.4 * g(), 1);
        cells[col('Sai số tritium (TU)')] = 0.3;
      }
      cells[col('Phòng thí nghiệm')] = DEMO_LAB;
      cells[col('Phương pháp')] = DEMO_METHOD;
      cells[col('Ghi chú')] = note;
      table.push(cells);
    }
  }
  if (table.length === 1) return { points, samples: 0 };
  const file = Buffer.from(writeCsv(table), 'utf8');
  const report = await services.isotopes.import(
    SYSTEM_ACTOR,
    new Uint8Array(file.buffer, file.byteOffset, file.byteLength),
    'csv',
    false,
    'vi',
    createHash('sha256').update(file).digest('hex'),
  );
  return { points, samples: report.created };
}
