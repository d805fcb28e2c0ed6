/**
 * The summary of a dispersion run in Vietnamese, as a Word document for the record and the response team: who ran
 * it and when, the release, the weather, the model and σ set, the highest projected doses, the protective-action
 * zones with their actions, the communes inside with their people and when the plume arrives, the assumptions and
 * validity range, and the data that were missing. Numbers are written the Vietnamese way (decimal comma, `1,2 mSv`)
 * and times in the province's time zone.
 */
import { administrativeHeading, para, writeDocx, type DocxBlock, type DocxTable } from '@sievert/core';
import type { Run } from '@sievert/core';

type Zone = Run['zones'][number];
type ZoneCommune = Zone['communes'][number];

export interface SummaryContext {
  provinceName: string;
  authority: string;
  /** IANA time zone of the province (Asia/Ho_Chi_Minh). */
  timeZone: string;
}

// ---------- numbers, times and words ----------

const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat('vi-VN', options)));
  return f;
}

/** `1234,5` → `1.234,5`; `digits` decimals at most. */
export function viNumber(x: number, digits = 2): string {
  return numberFormat({ maximumFractionDigits: digits }).format(x);
}

/** Two significant digits: a model's dose is not known better. */
function viSignificant(x: number): string {
  return numberFormat({ maximumSignificantDigits: 2 }).format(x);
}

/** A dose in Sv in the unit that reads best: `120 mSv`, `1,2 mSv`, `35 µSv`, `1,5 Sv`. */
export function viDose(sv: number): string {
  if (!(sv > 0)) return '0 mSv';
  if (sv >= 1) return `${viSignificant(sv)} Sv`;
  if (sv >= 1e-3) return `${viSignificant(sv * 1e3)} mSv`;
  return `${viSignificant(sv * 1e6)} µSv`;
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/** `1e15` → `1,0 × 10¹⁵`. */
export function viScientific(x: number): string {
  if (!(x > 0) || !Number.isFinite(x)) return viNumber(x);
  const exponent = Math.floor(Math.log10(x));
  let mantissa = Math.round((x / 10 ** exponent) * 10) / 10;
  let e = exponent;
  if (mantissa >= 10) {
    mantissa /= 10;
    e += 1;
  }
  const sup = String(e)
    .split('')
    .map((d) => (d === '-' ? '⁻' : SUPERSCRIPT[Number(d)]))
    .join('');
  return `${numberFormat({ minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(mantissa)} × 10${sup}`;
}

/** `15:00 ngày 28/11/2026 (GMT+7)`. */
export function viDateTime(iso: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'shortOffset',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.hour}:${parts.minute} ngày ${parts.day}/${parts.month}/${parts.year} (${parts.timeZoneName})`;
}

/** `5400` → `1 giờ 30 phút`; whole days as days. */
export function viDuration(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes < 1) return `${Math.round(seconds)} giây`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [days ? `${days} ngày` : '', hours ? `${hours} giờ` : '', rest ? `${rest} phút` : '']
    .filter(Boolean)
    .join(' ');
}

/** The period of a criterion: `7 ngày`, `1 tháng`, `1 năm` (a month is 30.4375 d, a year 365.25 d). */
export function viPeriod(periodS: number): string {
  const days = periodS / 86_400;
  if (Math.abs(days - 365.25) < 1) return '1 năm';
  if (Math.abs(days - 30.4375) < 1) return '1 tháng';
  return `${viNumber(days, 1)} ngày`;
}

const COMPASS = ['Bắc', 'Đông Bắc', 'Đông', 'Đông Nam', 'Nam', 'Tây Nam', 'Tây', 'Tây Bắc'];
export function viDirection(deg: number): string {
  return `${viNumber(deg, 0)}° (${COMPASS[Math.round((((deg % 360) + 360) % 360) / 45) % 8]})`;
}

function viLatLon(lat: number, lon: number): string {
  return `${viNumber(Math.abs(lat), 5)}° ${lat >= 0 ? 'B' : 'N'}, ${viNumber(Math.abs(lon), 5)}° ${lon >= 0 ? 'Đ' : 'T'}`;
}

const STABILITY: Record<string, string> = {
  A: 'rất không ổn định',
  B: 'không ổn định vừa',
  C: 'hơi không ổn định',
  D: 'trung tính',
  E: 'hơi ổn định',
  F: 'ổn định',
};
const SIGMA: Record<string, string> = {
  'pg-isc3': 'Pasquill–Gifford (EPA ISC3, nông thôn)',
  'briggs-rural': 'Briggs nông thôn',
  'briggs-urban': 'Briggs đô thị',
};
const MODEL: Record<string, string> = {
  plume: 'Vệt khói Gauss ổn định (gió và cấp ổn định không đổi)',
  puff_train: 'Chuỗi đám mây Gauss (gió, cấp ổn định và mưa thay đổi theo thời gian)',
};
const AGE_GROUP: Record<string, string> = {
  adult: 'Người lớn',
  '15y': 'Trẻ 15 tuổi',
  '10y': 'Trẻ 10 tuổi',
  '5y': 'Trẻ 5 tuổi',
  '1y': 'Trẻ 1 tuổi',
  infant: 'Trẻ sơ sinh',
};
/** Names of the GSR Part 7 criteria's zones, as the run page shows them. */
const ZONE_NAME: Record<string, string> = {
  'GSR7-URGENT-E': 'Sơ tán hoặc trú ẩn',
  'GSR7-URGENT-FETUS': 'Sơ tán hoặc trú ẩn (thai nhi)',
  'GSR7-ITB': 'Uống iốt ổn định',
  'GSR7-EARLY-E': 'Di dời tạm thời',
  'GSR7-MEDICAL-E': 'Theo dõi sức khỏe',
};
const QUANTITY: Record<string, string> = {
  effective: 'liều hiệu dụng',
  thyroid: 'liều tuyến giáp',
  fetus: 'liều thai nhi',
};
const ACTION: Record<string, string> = {
  sheltering: 'trú ẩn',
  evacuation: 'sơ tán',
  decontamination: 'tẩy xạ',
  food_water_restriction: 'hạn chế dùng thực phẩm, nước uống',
  contamination_control: 'kiểm soát nhiễm bẩn',
  public_reassurance: 'thông tin, trấn an công chúng',
  iodine_thyroid_blocking: 'uống viên iốt ổn định',
  temporary_relocation: 'di dời tạm thời',
  food_water_replacement: 'thay thế thực phẩm, nước uống',
  health_screening: 'khám sàng lọc sức khỏe',
  counselling: 'tư vấn',
};
const ASSUMPTION: Record<string, string> = {
  steady_gaussian_plume:
    'Vệt khói Gauss ổn định: gió và cấp ổn định không đổi trong suốt thời gian phát tán.',
  puff_train: 'Chuỗi đám mây Gauss: gió, cấp ổn định và mưa thay đổi theo các mốc thời gian đã nhập.',
  flat_terrain_100m_to_20km: 'Địa hình bằng phẳng; kết quả có giá trị từ khoảng 100 m đến 20 km.',
  no_plume_depletion: 'Không tính sự suy giảm của vệt khói do lắng đọng (thiên về an toàn).',
  no_wet_deposition: 'Không tính lắng đọng ướt do mưa.',
  unshielded_outdoors: 'Người ở ngoài trời, không được che chắn.',
  adult: 'Hệ số liều của người lớn.',
  population_uniform_in_commune: 'Dân cư phân bố đều trên diện tích của mỗi xã, phường.',
};
const PATHWAY: Record<string, string> = {
  inhalation: 'hít thở',
  thyroid: 'liều tuyến giáp',
  cloudshine: 'chiếu ngoài từ đám mây',
  groundshine: 'chiếu ngoài từ mặt đất',
};

const MISSING_REASON: Record<string, string> = {
  unknown_nuclide: 'đồng vị không có trong dữ liệu tham chiếu',
  no_default_lung_type: 'chưa có dạng hấp thụ ở phổi mặc định',
  no_coefficient_for_lung_type: 'chưa có hệ số liều cho dạng hấp thụ ở phổi này',
  no_coefficient_for_age: 'chưa có hệ số liều cho nhóm tuổi này',
  no_breathing_rate: 'chưa có tốc độ hít thở của nhóm tuổi này',
  no_thyroid_coefficient: 'chưa có hệ số liều tuyến giáp',
  no_cloud_coefficient: 'chưa có hệ số liều chiếu ngoài từ đám mây',
  no_ground_coefficient: 'chưa có hệ số liều chiếu ngoài từ mặt đất',
  no_half_life: 'chưa có chu kỳ bán rã',
};

/** A code the labels do not know yet is shown as it is, readable. */
const label = (table: Record<string, string>, code: string) => table[code] ?? code.replace(/_/g, ' ');

export function zoneName(zone: Pick<Zone, 'code'>): string {
  return label(ZONE_NAME, zone.code);
}

/** `liều hiệu dụng 100 mSv trong 7 ngày`. */
export function zoneCriterion(zone: Pick<Zone, 'quantity' | 'thresholdSv' | 'periodS'>): string {
  return `${label(QUANTITY, zone.quantity)} ${viDose(zone.thresholdSv)} trong ${viPeriod(zone.periodS)}`;
}

export function zoneActions(zone: Pick<Zone, 'actions'>): string {
  const text = zone.actions.map((a) => label(ACTION, a)).join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function viPeople(n: number): string {
  return `${viNumber(Math.round(n), 0)} người`;
}

/** The people of a zone: the estimate, and how many communes in it have no population recorded. */
export function zonePopulation(zone: Zone): string {
  const missing = zone.populationMissing;
  const note = missing > 0 ? ` (${missing} xã, phường chưa có số liệu dân số)` : '';
  return zone.population === null ? `chưa có số liệu${note}` : `${viPeople(zone.population)}${note}`;
}

export function assumptionText(code: string): string {
  return label(ASSUMPTION, code.replace(/^run\./, ''));
}

// ---------- the document ----------

const heading = (text: string): DocxBlock => para({ text, bold: true }, { keepNext: true, spacingAfter: 4 });
const line = (name: string, value: string): DocxBlock => para([`${name}: `, { text: value, bold: true }]);
const italic = (text: string): DocxBlock => para({ text, italic: true });

function releaseBlocks(run: Run): DocxBlock[] {
  const { release } = run.inputs;
  const blocks: DocxBlock[] = [
    line('Vị trí', viLatLon(release.lat, release.lon)),
    line('Độ cao phát tán', `${viNumber(release.heightM, 1)} m`),
  ];
  if (release.fire)
    blocks.push(
      line('Nhiệt lượng đám cháy', `${viNumber(release.fire.heatReleaseMW, 2)} MW`),
      line('Độ nâng của khói nóng', `${viNumber(run.plumeRiseM, 0)} m`),
    );
  blocks.push(
    line('Độ cao hiệu dụng', `${viNumber(run.effectiveHeightM, 0)} m`),
    line('Thời gian phát tán', viDuration(release.durationS)),
    {
      type: 'table',
      header: true,
      widths: [60, 105],
      rows: [
        ['Đồng vị', 'Hoạt độ phát tán (Bq)'],
        ...release.nuclides.map((n) => [n.nuclide, viScientific(n.activityBq)]),
      ],
    },
  );
  return blocks;
}

function weatherBlocks(run: Run): DocxBlock[] {
  const { weather } = run.inputs;
  const blocks: DocxBlock[] = [
    line(
      'Gió ở độ cao 10 m',
      `${viNumber(weather.windSpeedMS, 1)} m/s, thổi từ hướng ${viDirection(weather.windFromDeg)}`,
    ),
    line('Gió tại độ cao phát tán', `${viNumber(run.windAtReleaseMS, 1)} m/s`),
    line('Cấp ổn định khí quyển', `${weather.stability} (${label(STABILITY, weather.stability)})`),
    line(
      'Độ cao lớp xáo trộn',
      weather.mixingHeightM === undefined ? 'không giới hạn' : `${viNumber(weather.mixingHeightM, 0)} m`,
    ),
    line('Địa hình', weather.terrain === 'urban' ? 'đô thị' : 'nông thôn'),
    line('Cường độ mưa', weather.rainMmH ? `${viNumber(weather.rainMmH, 1)} mm/h` : 'không mưa'),
  ];
  const changes = weather.changes ?? [];
  if (changes.length > 0)
    blocks.push(
      para('Thời tiết thay đổi theo thời gian (tính từ lúc bắt đầu phát tán):', { keepNext: true }),
      {
        type: 'table',
        header: true,
        widths: [30, 35, 45, 25, 30],
        rows: [
          ['Sau', 'Tốc độ gió (m/s)', 'Hướng gió thổi từ', 'Cấp ổn định', 'Mưa (mm/h)'],
          ...changes.map((c) => [
            viDuration(c.afterS),
            viNumber(c.windSpeedMS, 1),
            viDirection(c.windFromDeg),
            c.stability ?? '—',
            c.rainMmH === undefined ? '—' : viNumber(c.rainMmH, 1),
          ]),
        ],
      },
    );
  return blocks;
}

function maximaTable(run: Run): DocxTable {
  return {
    type: 'table',
    header: true,
    widths: [35, 45, 45, 40],
    rows: [
      ['Thời gian', 'Liều hiệu dụng', 'Liều tuyến giáp', 'Cách điểm phát tán'],
      ...run.maxima.map((m) => [
        viPeriod(m.periodS),
        viDose(m.effectiveSv),
        viDose(m.thyroidSv),
        `${viNumber(m.atDownwindM / 1000, 1)} km`,
      ]),
    ],
  };
}

/** Highest time-integrated air concentration and deposition of each nuclide (runs stored since they exist). */
function nuclideMaximaTable(nuclides: NonNullable<Run['nuclides']>): DocxTable {
  return {
    type: 'table',
    header: true,
    widths: [30, 70, 65],
    rows: [
      ['Đồng vị', 'Nồng độ tích phân theo thời gian (Bq·s/m³)', 'Lắng đọng trên mặt đất (kBq/m²)'],
      ...nuclides.map((n) => [
        n.nuclide,
        `${viScientific(n.ticBqSPerM3)} (cách ${viNumber(n.ticAtM / 1000, 1)} km)`,
        `${viScientific(n.depositionBqPerM2 / 1000)} (cách ${viNumber(n.depositionAtM / 1000, 1)} km)`,
      ]),
    ],
  };
}

function zonesTable(zones: readonly Zone[]): DocxTable {
  return {
    type: 'table',
    header: true,
    widths: [42, 55, 28, 40],
    rows: [
      ['Vùng (tiêu chí)', 'Hành động bảo vệ', 'Diện tích (km²)', 'Dân số ước tính'],
      ...zones.map((z) => [
        {
          blocks: [
            para({ text: zoneName(z), bold: true }, { spacingAfter: 0 }),
            para(zoneCriterion(z), { spacingAfter: 0 }),
          ],
        },
        zoneActions(z),
        viNumber(z.areaKm2, 2),
        zonePopulation(z),
      ]),
    ],
  };
}

function communeCells(c: ZoneCommune): string[] {
  return [
    c.name,
    numberFormat({ style: 'percent', maximumFractionDigits: 0 }).format(c.fraction),
    viNumber(c.areaKm2, 2),
    c.population === null ? 'chưa có số liệu' : viPeople(c.population),
    c.arrivalS === null ? '—' : `sau ${viDuration(c.arrivalS)}`,
  ];
}

function communeBlocks(zones: readonly Zone[]): DocxBlock[] {
  const blocks: DocxBlock[] = [];
  for (const zone of zones) {
    blocks.push(
      para({ text: `${zoneName(zone)} (${zoneCriterion(zone)})`, italic: true }, { keepNext: true }),
    );
    if (zone.communes.length === 0) {
      blocks.push(italic('Không có xã, phường nào trong vùng.'));
      continue;
    }
    blocks.push({
      type: 'table',
      header: true,
      widths: [50, 25, 30, 32, 28],
      rows: [
        [
          'Xã, phường',
          'Tỷ lệ diện tích trong vùng',
          'Diện tích trong vùng (km²)',
          'Dân số ước tính',
          'Khói tới',
        ],
        ...zone.communes.map(communeCells),
      ],
    });
  }
  return blocks;
}

function missingBlocks(run: Run): DocxBlock[] {
  if (run.missing.length === 0) return [para('Không thiếu số liệu nào.')];
  return [
    para('Liều tính được là cận dưới ở những đường chiếu sau:'),
    ...run.missing.map((m) =>
      para(`– ${m.nuclide}, ${label(PATHWAY, m.pathway)}: ${label(MISSING_REASON, m.reason)}.`, {
        spacingAfter: 2,
      }),
    ),
  ];
}

/** The Word document (A4, Times New Roman 13 pt, the margins of Decree 30/2020/NĐ-CP). */
export function runSummaryDocx(run: Run, context: SummaryContext): Uint8Array {
  const title = run.title ?? `Lần tính số ${run.id}`;
  const arrivals = run.arrivals.filter((a) => a.coordinates.length > 0).map((a) => viDuration(a.afterS));
  const blocks: DocxBlock[] = [
    administrativeHeading({ superior: `UBND ${context.provinceName}`, issuer: context.authority }),
    para(
      { text: 'KẾT QUẢ TÍNH TOÁN PHÁT TÁN PHÓNG XẠ', bold: true, size: 14 },
      { align: 'center', spacingAfter: 2 },
    ),
    para({ text: title, italic: true }, { align: 'center' }),
    heading('1. Thông tin chung'),
    line('Lần tính số', String(run.id)),
    line('Thời điểm tính', viDateTime(run.createdAt, context.timeZone)),
    line('Người thực hiện', run.createdBy ?? 'không rõ'),
    ...(run.inputs.incidentId !== undefined ? [line('Sự cố', `số ${run.inputs.incidentId}`)] : []),
    heading('2. Nguồn phát tán'),
    ...releaseBlocks(run),
    heading('3. Điều kiện khí tượng'),
    ...weatherBlocks(run),
    heading('4. Mô hình tính'),
    line('Mô hình', label(MODEL, run.model)),
    line('Bộ hệ số phát tán σ', label(SIGMA, run.sigma)),
    line('Nhóm tuổi tính liều', label(AGE_GROUP, run.ageGroup)),
    line('Hướng vệt khói đi tới', viDirection(run.downwindBearingDeg)),
    heading('5. Liều dự báo cao nhất'),
    maximaTable(run),
    ...(run.nuclides && run.nuclides.length > 0 ? [nuclideMaximaTable(run.nuclides)] : []),
    heading('6. Vùng hành động bảo vệ (IAEA GSR Part 7, tiêu chí chung)'),
    ...(run.zones.length === 0
      ? [italic('Liều dự báo chưa tới tiêu chí chung nào: không có vùng hành động bảo vệ.')]
      : [zonesTable(run.zones)]),
    heading('7. Xã, phường trong từng vùng'),
    ...(run.zones.length === 0 ? [italic('Không có vùng nào.')] : communeBlocks(run.zones)),
    ...(arrivals.length > 0
      ? [
          para(
            `Vùng khói đã tới được tính cho các mốc: ${arrivals.join('; ')} (bản đồ trong tệp GeoJSON hoặc KML của lần tính).`,
          ),
        ]
      : []),
    heading('8. Giả thiết tính toán và phạm vi áp dụng'),
    ...run.assumptions.map((a) => para(`– ${assumptionText(a)}`, { spacingAfter: 2 })),
    para(
      'Mô hình chỉ có giá trị trong khoảng 100 m đến 20 km từ điểm phát tán, trên địa hình bằng phẳng. Đây là ước tính ban đầu để ra quyết định, cần được khẳng định bằng đo đạc tại hiện trường.',
      { align: 'both' },
    ),
    heading('9. Số liệu còn thiếu'),
    ...missingBlocks(run),
  ];
  return writeDocx({ title: `Kết quả tính toán phát tán phóng xạ – ${title}`, blocks });
}
