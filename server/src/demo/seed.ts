/**
 * The demo province: departments, a few commune committees, two hospitals and an industrial radiography
 * company, and one user per role, so that a newcomer can sign in and look around at once.
 * Runs only on a fresh database and only when SIEVERT_DEMO is on. Facility locations are approximate
 * (see provinces/<name>/SOURCES.md): this is not a licensed-facility inventory.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  parseCsvObjects,
  type CreateFacilityBody,
  type CreateOrganisationBody,
  type CreateSourceBody,
  type Role,
} from '@sievert/core';
import { SYSTEM_ACTOR } from '../modules/auth/actor.js';
import type { ProvinceData } from '../modules/geo/province-loader.js';
import type { Services } from '../services.js';
import { SettingsRepository } from '../db/settings.repository.js';
import { seedMonitoringDemo, type DemoPlace } from './monitoring.js';
import { seedIsotopeDemo } from '../modules/monitoring/isotope.demo.js';

export const DEMO_PASSWORD = 'Demo@Sievert2026';

export const DEMO_USERS: ReadonlyArray<{
  username: string;
  displayName: string;
  role: Role;
  organisation: string;
}> = [
  { username: 'demo.admin', displayName: 'Nguyễn Văn Quản (quản trị)', role: 'admin', organisation: 'SKHCN' },
  {
    username: 'demo.dost',
    displayName: 'Trần Thị Hà (chuyên viên Sở KH&CN)',
    role: 'dost_officer',
    organisation: 'SKHCN',
  },
  {
    username: 'demo.leader',
    displayName: 'Lê Minh Đức (lãnh đạo Sở KH&CN)',
    role: 'dost_leader',
    organisation: 'SKHCN',
  },
  {
    username: 'demo.inspector',
    displayName: 'Phạm Quốc Thanh (thanh tra)',
    role: 'inspector',
    organisation: 'SKHCN',
  },
  {
    username: 'demo.department',
    displayName: 'Hoàng Thu Trang (Sở Y tế)',
    role: 'department_officer',
    organisation: 'SYT',
  },
  {
    username: 'demo.commune',
    displayName: 'Vũ Đình Nam (UBND phường)',
    role: 'commune_officer',
    organisation: 'UBND-1',
  },
  {
    username: 'demo.facility',
    displayName: 'Đỗ Thị Lan (phụ trách an toàn bức xạ)',
    role: 'facility_operator',
    organisation: 'CS-1',
  },
  {
    username: 'demo.facility2',
    displayName: 'Ngô Văn Bình (phụ trách an toàn bức xạ)',
    role: 'facility_operator',
    organisation: 'CS-2',
  },
  {
    username: 'demo.responder',
    displayName: 'Bùi Anh Tuấn (lực lượng ứng phó)',
    role: 'responder',
    organisation: 'UPSC',
  },
  // Agencies an incident command gives tasks to (issue 6): fire and rescue, and the police.
  {
    username: 'demo.fire',
    displayName: 'Trịnh Văn Hùng (Cảnh sát PCCC và CNCH)',
    role: 'responder',
    organisation: 'PCCC',
  },
  {
    username: 'demo.police',
    displayName: 'Đặng Quốc Khánh (Công an tỉnh)',
    role: 'responder',
    organisation: 'CAT',
  },
];

const DEPARTMENTS: ReadonlyArray<[code: string, name: string, nameEn: string]> = [
  ['SYT', 'Sở Y tế', 'Department of Health'],
  ['SNNMT', 'Sở Nông nghiệp và Môi trường', 'Department of Agriculture and Environment'],
  ['SCT', 'Sở Công Thương', 'Department of Industry and Trade'],
  ['STC', 'Sở Tài chính', 'Department of Finance'],
  ['SGDDT', 'Sở Giáo dục và Đào tạo', 'Department of Education and Training'],
  ['CAT', 'Công an', 'Police'],
];

function readDemoCsv(province: ProvinceData, key: string): Array<Record<string, string>> {
  const rel = province.demo[key];
  if (!rel) return [];
  return parseCsvObjects(readFileSync(path.join(province.dir, rel), 'utf8'), { maxRows: 10_000 });
}

const num = (v: string | undefined) =>
  v && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null;

export async function seedDemo(
  services: Services,
  province: ProvinceData,
): Promise<{ organisations: number; users: number } | null> {
  const settings = new SettingsRepository();
  if (await settings.get(services.db, 'demo.seeded')) return null;
  const a = SYSTEM_ACTOR;
  const org = services.organisations;
  const byCode = new Map<string, number>();
  const create = async (body: CreateOrganisationBody) => {
    const created = await org.create(a, body);
    byCode.set(body.code, created.id);
  };
  const dost = await org.repo.findByCode(services.db, 'SKHCN');
  if (dost) byCode.set('SKHCN', dost.id);
  const provinceLabel = province.name.replace(/^Tỉnh /, 'tỉnh ');
  for (const [code, name, nameEn] of DEPARTMENTS)
    await create({
      kind: 'department',
      code,
      name: `${name} ${provinceLabel}`,
      nameEn: `${province.nameEn} ${nameEn}`,
    });
  await create({
    kind: 'response_agency',
    code: 'UPSC',
    name: `Bộ Chỉ huy Quân sự ${provinceLabel} (phòng hóa học)`,
    nameEn: `${province.nameEn} Military Command (chemical defence)`,
  });
  await create({
    kind: 'response_agency',
    code: 'PCCC',
    name: `Phòng Cảnh sát PCCC và CNCH – Công an ${provinceLabel}`,
    nameEn: 'Fire and Rescue Police',
  });

  const hospitals = readDemoCsv(province, 'hospitals').filter((h) => h.commune_code && num(h.lat) !== null);
  const zones = readDemoCsv(province, 'industrialZones').filter(
    (z) => z.commune_codes && num(z.lat) !== null,
  );
  const communes = await services.geo.communes();
  const communeName = new Map(communes.map((c) => [c.code, c]));

  // Commune committees: where the demo facilities are, plus the administrative centre's neighbours.
  const committeeCodes = [
    ...new Set([
      ...hospitals.map((h) => h.commune_code!),
      ...zones.slice(0, 1).map((z) => z.commune_codes!.split(';')[0]!.trim()),
    ]),
  ].filter((c) => communeName.has(c));
  for (const extra of communes.filter((c) => c.type === 'phuong')) {
    if (committeeCodes.length >= 4) break;
    if (!committeeCodes.includes(extra.code)) committeeCodes.push(extra.code);
  }
  let n = 0;
  for (const code of committeeCodes) {
    n += 1;
    const c = communeName.get(code)!;
    await create({
      kind: 'commune_committee',
      code: `UBND-${n}`,
      name: `UBND ${c.fullName.replace(/^Phường/, 'phường').replace(/^Xã/, 'xã')}`,
      nameEn: `${c.fullNameEn} People's Committee`,
      communeCode: code,
      latitude: c.labelLat,
      longitude: c.labelLon,
    });
  }

  let f = 0;
  const facility = async (body: CreateFacilityBody & { code: string }) => {
    const created = await services.facilities.create(a, body);
    byCode.set(body.code, created.id);
    return created.id;
  };
  const facilityIds: number[] = [];
  for (const h of hospitals.slice(0, 2)) {
    f += 1;
    facilityIds.push(
      await facility({
        kind: 'hospital',
        code: `CS-${f}`,
        name: h.name_vi!,
        nameEn: h.name_en || null,
        communeCode: h.commune_code!,
        address: `${h.commune}, ${province.name}`,
        lat: num(h.lat)!,
        lon: num(h.lon)!,
        practices: [
          'x_ray_diagnostic',
          'ct',
          ...(/accelerator|radiotherapy/i.test(h.radiation_uses ?? '') ? ['radiotherapy'] : []),
        ],
      }),
    );
  }
  const zone = zones[0];
  const zoneCommune = zone?.commune_codes?.split(';')[0]?.trim();
  if (zone && zoneCommune && communeName.has(zoneCommune)) {
    f += 1;
    facilityIds.push(
      await facility({
        kind: 'ndt_service',
        code: `CS-${f}`,
        name: `Công ty Kiểm tra không phá hủy (NDT) – dữ liệu minh họa, ${zone.name_vi}`,
        nameEn: `Industrial radiography (NDT) company – demo, ${zone.name_en}`,
        communeCode: zoneCommune,
        address: `${zone.name_vi}, ${zone.communes?.split(';')[0] ?? ''}, ${province.name}`,
        lat: num(zone.lat)!,
        lon: num(zone.lon)!,
        practices: ['industrial_radiography'],
      }),
    );
  }

  // A few illustrative sources (not a real inventory): a check source, a gauge, radiography sources.
  const [hospital1, , ndt] = facilityIds;
  const demoSources: CreateSourceBody[] = [
    ...(hospital1
      ? [
          {
            facilityId: hospital1,
            nuclide: 'Cs-137',
            serial: 'DEMO-CS-0001',
            manufacturer: 'Eckert & Ziegler',
            referenceActivityBq: 7.4e6,
            referenceDate: '2019-03-01',
            use: 'calibration' as const,
            location: 'Khoa Y học hạt nhân, tủ chì',
          },
        ]
      : []),
    ...(ndt
      ? [
          {
            facilityId: ndt,
            nuclide: 'Ir-192',
            serial: 'DEMO-IR-0001',
            manufacturer: 'QSA Global',
            model: '880 Delta',
            referenceActivityBq: 3.7e12,
            referenceDate: '2026-09-01',
            use: 'ndt' as const,
            location: 'Kho nguồn, nhà xưởng số 2',
            status: 'stored' as const,
          },
          {
            facilityId: ndt,
            nuclide: 'Se-75',
            serial: 'DEMO-SE-0001',
            manufacturer: 'QSA Global',
            referenceActivityBq: 2.2e12,
            referenceDate: '2026-06-15',
            use: 'ndt' as const,
            location: 'Kho nguồn, nhà xưởng số 2',
          },
          {
            facilityId: ndt,
            nuclide: 'Cs-137',
            serial: 'DEMO-CS-0002',
            manufacturer: 'Berthold',
            model: 'LB 7440',
            referenceActivityBq: 3.7e9,
            referenceDate: '2015-05-20',
            use: 'gauge' as const,
            location: 'Dây chuyền sản xuất',
            status: 'in_use' as const,
          },
        ]
      : []),
  ];
  const created = [];
  for (const body of demoSources) created.push(await services.sources.create(a, body));
  // The hospital's check source is covered by a (fictitious) licence of the national agency; the NDT company's
  // sources are not, so the demo shows both a covered source and the "without a licence" flag.
  const checkSource = created.find((s) => s.facilityId === hospital1);
  if (hospital1 && checkSource)
    await services.licences.create(a, {
      number: 'GP-VARANS-MINH-HOA-01',
      kind: 'national_licence',
      facilityId: hospital1,
      competentAuthority: 'varans',
      issuedOn: '2025-03-01',
      validUntil: '2035-03-01',
      sourceIds: [checkSource.id],
    });

  let users = 0;
  for (const u of DEMO_USERS) {
    const organisationId = byCode.get(u.organisation);
    if (organisationId === undefined) continue;
    await services.users.create(
      a,
      {
        username: u.username,
        displayName: u.displayName,
        organisationId,
        roles: [u.role],
        password: DEMO_PASSWORD,
      },
      { mustChangePassword: false },
    );
    users += 1;
  }
  // The monitoring network: a gamma station by each demo hospital and industrial zone (at least 2 km apart),
  // and the river sampling points of the plan.
  const gammaPlaces: DemoPlace[] = [];
  const farEnough = (lat: number, lon: number) =>
    gammaPlaces.every((p) => Math.hypot((p.lat - lat) * 111, (p.lon - lon) * 104) > 2);
  for (const h of hospitals) {
    const lat = num(h.lat)!;
    const lon = num(h.lon)!;
    if (farEnough(lat, lon))
      gammaPlaces.push({ name: h.name_vi!, lat, lon, communeCode: h.commune_code ?? null });
  }
  for (const z of zones) {
    const lat = num(z.lat)!;
    const lon = num(z.lon)!;
    if (gammaPlaces.length < 12 && farEnough(lat, lon))
      gammaPlaces.push({ name: z.name_vi!, lat, lon, communeCode: z.commune_codes!.split(';')[0]!.trim() });
  }
  const riverPlaces = readDemoCsv(province, 'riverPoints')
    .filter((r) => num(r.lat) !== null && num(r.lon) !== null)
    .map((r) => ({
      id: r.id!,
      river: r.river_vi!,
      name: r.commune!,
      lat: num(r.lat)!,
      lon: num(r.lon)!,
      communeCode: r.commune_code ?? null,
    }));
  await seedMonitoringDemo(services, { gamma: gammaPlaces, river: riverPlaces }, byCode.get('SKHCN') ?? null);
  await seedIsotopeDemo(services, province);

  await settings.set(services.db, 'demo.seeded', new Date().toISOString());
  return { organisations: byCode.size, users };
}
