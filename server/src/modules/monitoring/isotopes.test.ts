import { gmwlD2h, writeCsv, writeXlsx, type Cell, type IsotopeSample } from '@sievert/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProvinceData } from '../geo/province-loader.js';
import { createTestApp, describeEachDatabase, type Session, type TestApp } from '../../test/harness.js';
import { DEMO_ISOTOPE_NOTE, demoRiverName, demoRiverNameEn, seedIsotopeDemo } from './isotope.demo.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = [
  'Mã điểm',
  'Mã mẫu',
  'Ngày lấy mẫu',
  'δ18O',
  'Sai số δ18O',
  'δ2H',
  'Sai số δ2H',
  'Tritium (TU)',
  'Ghi chú',
];

/** Deterministic Gaussian noise (mulberry32 + Box–Muller). */
function noise(seed: number) {
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

describe('demo river names', () => {
  it('reduce the demo points to their river', () => {
    expect(demoRiverName('sông Hồng (cửa Ba Lạt)')).toBe('sông Hồng');
    expect(demoRiverName('sông Hồng / sông Trà Lý')).toBe('sông Hồng');
    expect(demoRiverNameEn('Red River mouth (Ba Lat)')).toBe('Red River');
    expect(demoRiverNameEn('Tra Ly River mouth')).toBe('Tra Ly River');
    expect(demoRiverNameEn('Red River / Tra Ly offtake')).toBe('Red River');
  });
});

describeEachDatabase('river stable isotopes', (dialect) => {
  let app: TestApp;
  let dost: Session;
  let responder: Session;
  let commune: string;
  beforeAll(async () => {
    app = await createTestApp(dialect);
    dost = await app.login('demo.dost');
    responder = await app.login('demo.responder');
    commune = (await dost.request('GET', '/api/v1/geo/communes')).json()[0].code as string;
    // Start from an empty isotope store, whatever the demo seed put there.
    await app.database.db.deleteFrom('isotope_samples').execute();
    await app.database.db.deleteFrom('isotope_sampling_points').execute();
    // The sampling points are stations of kind river_sampling: made here when the demo seed did not make them.
    for (const [code, name, kind] of [
      ['VN33R01', 'Sông Hồng – Phụng Công', 'river_sampling'],
      ['VN33R02', 'Sông Hồng – Phố Hiến', 'river_sampling'],
      ['VN33R08', 'Sông Luộc – Tiên Lữ', 'river_sampling'],
      ['VN33G01', 'Trạm gamma thử', 'gamma_dose_rate'],
    ] as const) {
      if ((await dost.request('GET', `/api/v1/stations/${code}`)).statusCode === 200) continue;
      const res = await dost.request('POST', '/api/v1/stations', {
        code,
        name,
        kind,
        lat: 20.6,
        lon: 106.1,
        communeCode: commune,
      });
      expect(res.statusCode, code).toBe(201);
    }
  });
  afterAll(async () => app.close());

  const upload = (s: Session, query: string, body: Uint8Array | string, type = 'text/csv') =>
    app.app.inject({
      method: 'POST',
      url: `/api/v1/isotopes/import${query}`,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': type },
      payload: typeof body === 'string' ? body : Buffer.from(body),
    });
  const countSamples = async () =>
    Number(
      (
        await app.database.db
          .selectFrom('isotope_samples')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('sets the river of a sampling point and lists the points', async () => {
    for (const [code, riverVi, riverEn] of [
      ['VN33R01', 'sông Hồng', 'Red River'],
      ['VN33R02', 'sông Hồng', 'Red River'],
      ['VN33R08', 'sông Luộc', 'Luoc River'],
    ]) {
      const res = await dost.request('PUT', `/api/v1/isotopes/points/${code}`, { riverVi, riverEn });
      expect(res.statusCode, code).toBe(200);
      expect(res.json()).toMatchObject({ code, riverVi, riverEn, samples: 0 });
    }
    const points = (await responder.request('GET', '/api/v1/isotopes/points')).json();
    const codes = points.map((p: { code: string }) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['VN33R01', 'VN33R02', 'VN33R08']));
    expect(codes).not.toContain('VN33G01');
    expect(points.find((p: { code: string }) => p.code === 'VN33R08')).toMatchObject({
      riverVi: 'sông Luộc',
    });
    expect(
      (await dost.request('PUT', '/api/v1/isotopes/points/VN33G01', { riverVi: 'sông Hồng' })).statusCode,
    ).toBe(404);
    expect(
      (await responder.request('PUT', '/api/v1/isotopes/points/VN33R01', { riverVi: 'sông Hồng' }))
        .statusCode,
    ).toBe(403);
    const bad = await dost.request('PUT', '/api/v1/isotopes/points/VN33R01', { riverVi: 'x' });
    expect(bad.json().error.details.issues[0]).toMatchObject({ field: '/riverVi', reason: 'too_short' });
  });

  it('records, corrects and deletes a sample, with d-excess, version checks and audit', async () => {
    const created = await dost.request('POST', '/api/v1/isotopes/samples', {
      station: 'VN33R01',
      sampleCode: 'HY-2025-03-R01',
      sampledAt: '2025-03-15',
      d18o: -8.4,
      d18oUnc: 0.1,
      d2h: -57.2,
      d2hUnc: 1,
      tritiumTu: 3.1,
      tritiumUnc: 0.3,
      lab: ' Viện KH&KT Hạt nhân ',
      method: 'CRDS',
    });
    expect(created.statusCode).toBe(201);
    const sample = created.json<IsotopeSample>();
    expect(sample).toMatchObject({
      stationCode: 'VN33R01',
      riverVi: 'sông Hồng',
      riverEn: 'Red River',
      // A date alone is midnight in Asia/Ho_Chi_Minh (UTC+7).
      sampledAt: '2025-03-14T17:00:00.000Z',
      lab: 'Viện KH&KT Hạt nhân',
      flags: [],
      version: 1,
    });
    // On the GMWL (Craig 1961): 8·(−8.4) + 10 = −57.2, so d = 10 ‰ (Dansgaard 1964).
    expect(gmwlD2h(-8.4)).toBeCloseTo(-57.2, 10);
    expect(sample.dExcess).toBeCloseTo(10, 10);
    // u(d) = √(1² + 8²·0.1²) with the lab's ±0.1 ‰ and ±1 ‰.
    expect(sample.dExcessUnc).toBeCloseTo(Math.sqrt(1.64), 10);

    const problems: Array<[Record<string, unknown>, string, string]> = [
      [
        { station: 'VN33R01', sampleCode: 'HY-2025-03-R01', sampledAt: '2025-03-16', d18o: -8 },
        '/sampleCode',
        'sample_exists',
      ],
      [
        { station: 'VN33G01', sampleCode: 'X-1', sampledAt: '2025-03-16', d18o: -8 },
        '/station',
        'unknown_sampling_point',
      ],
      [
        { station: 'VN33R99', sampleCode: 'X-1', sampledAt: '2025-03-16', d18o: -8 },
        '/station',
        'unknown_sampling_point',
      ],
      [{ station: 'VN33R01', sampleCode: 'X-1', sampledAt: '2025-03-16' }, '/d18o', 'no_measurement'],
      [
        { station: 'VN33R01', sampleCode: 'X-1', sampledAt: '2025-03-16', d2h: -50, d18oUnc: 0.1 },
        '/d18oUnc',
        'uncertainty_without_value',
      ],
      [
        { station: 'VN33R01', sampleCode: 'X-1', sampledAt: '2027-01-01', d18o: -8 },
        '/sampledAt',
        'in_future',
      ],
      [{ station: 'VN33R01', sampleCode: 'X-1', sampledAt: '15/03/2025', d18o: -8 }, '/sampledAt', 'format'],
      [{ station: 'VN33R01', sampleCode: 'X-1', sampledAt: '2025-03-16', d18o: -200 }, '/d18o', 'too_small'],
      [
        { station: 'VN33R01', sampleCode: 'X-1', sampledAt: '2025-03-16', tritiumTu: -1 },
        '/tritiumTu',
        'too_small',
      ],
      [
        { station: 'VN33R01', sampleCode: '=1+1', sampledAt: '2025-03-16', d18o: -8 },
        '/sampleCode',
        'pattern',
      ],
      [
        { station: 'VN33R01', sampleCode: 'X-1', sampledAt: '2025-03-16', d18o: -8, extra: 1 },
        '/extra',
        'unknown_field',
      ],
    ];
    for (const [body, field, reason] of problems) {
      const res = await dost.request('POST', '/api/v1/isotopes/samples', body);
      expect(res.statusCode, `${field} ${reason}`).toBe(400);
      expect(res.json().error.details.issues[0], `${field} ${reason}`).toMatchObject({ field, reason });
    }

    const edited = await dost.request('PATCH', `/api/v1/isotopes/samples/${sample.id}`, {
      d2h: -60.2,
      note: 'Phân tích lại',
      version: 1,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, d2h: -60.2, note: 'Phân tích lại', d18o: -8.4 });
    expect(edited.json().dExcess).toBeCloseTo(7, 10);
    const stale = await dost.request('PATCH', `/api/v1/isotopes/samples/${sample.id}`, {
      d2h: -58,
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('entity.conflict');
    const emptied = await dost.request('PATCH', `/api/v1/isotopes/samples/${sample.id}`, {
      d18o: null,
      d2h: null,
      tritiumTu: null,
    });
    expect(emptied.json().error.details.issues.map((i: { field: string }) => i.field)).toEqual(
      expect.arrayContaining(['/d18o', '/d18oUnc']),
    );

    expect((await responder.request('GET', `/api/v1/isotopes/samples/${sample.id}`)).statusCode).toBe(200);
    expect(
      (await responder.request('PATCH', `/api/v1/isotopes/samples/${sample.id}`, { note: 'x' })).statusCode,
    ).toBe(403);
    expect((await responder.request('DELETE', `/api/v1/isotopes/samples/${sample.id}`)).statusCode).toBe(403);
    expect((await app.app.inject({ method: 'GET', url: '/api/v1/isotopes/samples' })).statusCode).toBe(401);

    expect((await dost.request('DELETE', `/api/v1/isotopes/samples/${sample.id}?version=1`)).statusCode).toBe(
      409,
    );
    expect((await dost.request('DELETE', `/api/v1/isotopes/samples/${sample.id}?version=2`)).statusCode).toBe(
      204,
    );
    expect((await dost.request('GET', `/api/v1/isotopes/samples/${sample.id}`)).statusCode).toBe(404);

    const audit = (
      await (await app.login('demo.admin')).request('GET', '/api/v1/audit?entityType=isotope_sample&limit=50')
    ).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['isotope_sample.create', 'isotope_sample.update', 'isotope_sample.delete']),
    );
    const deletion = audit.items.find((e: { action: string }) => e.action === 'isotope_sample.delete');
    expect(JSON.stringify(deletion)).toContain('HY-2025-03-R01');
  });

  it('imports a lab file: a dry run writes nothing, a confirmed import keeps the good rows, a second run changes nothing', async () => {
    const rows: Cell[][] = [
      ['KẾT QUẢ PHÂN TÍCH MẪU NƯỚC SÔNG – QUÝ I/2025'],
      HEADER,
      ['VN33R02', 'Q1-01', '15/01/2025', '−8,9', '0,1', '−61,3', 1, 3.4, null], // 3 good
      ['VN33R02', 'Q1-02', '15/02/2025', -8.6, 0.1, -59, 1, null, null], // 4 good
      ['VN33R99', 'Q1-03', '15/02/2025', -8.6, 0.1, -59, 1, null, null], // 5 unknown point
      ['VN33G01', 'Q1-04', '15/02/2025', -8.6, 0.1, -59, 1, null, null], // 6 a gamma station
      ['VN33R02', 'Q1-05', '30/02/2025', -8.6, 0.1, -59, 1, null, null], // 7 impossible date
      ['VN33R02', 'Q1-06', '15/03/2025', 'không đo', null, null, null, null, null], // 8 not a number
      ['VN33R02', 'Q1-01', '15/03/2025', -8.5, 0.1, -58, 1, null, null], // 9 duplicate of row 3
      ['VN33R02', 'Q1-08', '15/03/2025', -8.5, 0.1, -58, 1, null, '=HYPERLINK("http://x","y")'], // 10 formula
      ['VN33R08', 'Q1-09', '2025-03-16T09:00:00+07:00', -8.1, 0.1, -54.6, 0.9, null, 'mẫu lặp'], // 11 good
    ];
    // writeCsv defuses formulas with an apostrophe; a hostile file would not.
    const csv = writeCsv(rows).replace(`"'=HYPERLINK`, '"=HYPERLINK');
    expect(csv).toContain('"=HYPERLINK');
    const before = await countSamples();
    const dry = await upload(dost, '?format=csv', csv);
    expect(dry.statusCode).toBe(200);
    const report = dry.json();
    expect(report).toMatchObject({
      format: 'csv',
      dryRun: true,
      rows: 9,
      valid: 3,
      created: 0,
      unchanged: 0,
    });
    const byRow = Object.fromEntries(
      report.issues.map((i: { row: number; reason: string }) => [i.row, i.reason]),
    );
    expect(byRow).toEqual({
      5: 'unknown_sampling_point',
      6: 'unknown_sampling_point',
      7: 'format',
      8: 'type',
      9: 'duplicate_in_file',
      10: 'formula_like',
    });
    const issue7 = report.issues.find((i: { row: number }) => i.row === 7);
    expect(issue7).toMatchObject({ column: 'C (Ngày lấy mẫu)', field: 'sampledAt' });
    expect(issue7.message).toBe('sai định dạng (dd/mm/yyyy)');
    expect(await countSamples()).toBe(before);

    // The messages follow the caller's language.
    const english = await app.app.inject({
      method: 'POST',
      url: '/api/v1/isotopes/import',
      headers: {
        cookie: dost.cookie,
        'x-csrf-token': dost.csrfToken,
        'content-type': 'text/csv',
        'accept-language': 'en',
      },
      payload: csv,
    });
    expect(english.json().issues.find((i: { row: number }) => i.row === 5).message).toBe(
      'no river sampling point has this code',
    );

    const done = await upload(dost, '?dryRun=false', csv);
    expect(done.statusCode).toBe(201);
    expect(done.json()).toMatchObject({ dryRun: false, valid: 3, created: 3, unchanged: 0 });
    expect(await countSamples()).toBe(before + 3);
    const listed = (
      await responder.request('GET', '/api/v1/isotopes/samples?station=VN33R02&sort=sampledAt')
    ).json();
    expect(listed.items.map((s: IsotopeSample) => [s.sampleCode, s.d18o, s.d2h, s.sampledAt])).toEqual([
      ['Q1-01', -8.9, -61.3, '2025-01-14T17:00:00.000Z'],
      ['Q1-02', -8.6, -59, '2025-02-14T17:00:00.000Z'],
    ]);

    const again = await upload(dost, '?dryRun=false', csv);
    expect(again.json()).toMatchObject({ created: 0, unchanged: 3 });
    expect(await countSamples()).toBe(before + 3);
    const changed = writeCsv([HEADER, ['VN33R02', 'Q1-01', '15/01/2025', -8.8, 0.1, -61.3, 1, 3.4, null]]);
    const conflict = await upload(dost, '?dryRun=false', changed);
    expect(conflict.statusCode).toBe(400);
    expect(conflict.json().error).toMatchObject({ code: 'import.invalid' });
    expect(conflict.json().error.details.issues[0]).toMatchObject({
      row: 2,
      field: 'sampleCode',
      reason: 'sample_exists',
    });

    const audit = (
      await (await app.login('demo.admin')).request('GET', '/api/v1/audit?entityType=isotope_sample&limit=50')
    ).json();
    // (The demo seed imported its samples too, as the system.)
    const imported = audit.items.filter(
      (e: { action: string; actorName: string | null }) =>
        e.action === 'isotope_sample.import' && e.actorName === 'demo.dost',
    );
    expect(imported.length).toBe(1);
    expect(JSON.stringify(imported[0])).toMatch(/[0-9a-f]{64}/);
  });

  it('imports XLSX (by format, content type or content) and refuses unreadable, oversized and non-file bodies', async () => {
    const book = writeXlsx([
      {
        name: 'Kết quả',
        rows: [HEADER, ['VN33R08', 'X-01', 45748, -8.3, 0.1, -56.1, 1, null, null]],
      },
    ]);
    for (const [query, type] of [
      ['?format=xlsx', 'application/octet-stream'],
      ['', XLSX],
      ['', 'application/octet-stream'],
    ] as const) {
      const res = await upload(dost, query, book, type);
      expect(res.statusCode, `${query} ${type}`).toBe(200);
      expect(res.json(), `${query} ${type}`).toMatchObject({ format: 'xlsx', valid: 1, issues: [] });
    }
    const notXlsx = await upload(dost, '?format=xlsx', 'Mã điểm,Mã mẫu\n', 'application/octet-stream');
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json().error.code).toBe('import.unreadable');
    const badCsv = await upload(dost, '', 'Mã điểm,"never closed\n');
    expect(badCsv.json().error).toMatchObject({
      code: 'import.unreadable',
      details: { reason: 'unterminated_quote' },
    });
    const zipBomb = writeXlsx([{ name: 'x', rows: Array.from({ length: 5 }, () => ['a'.repeat(10)]) }]);
    expect((await upload(dost, '?format=xlsx', zipBomb.slice(0, 40), XLSX)).json().error.code).toBe(
      'import.unreadable',
    );
    const huge = Buffer.alloc(21 * 1024 * 1024, 0x41);
    expect((await upload(dost, '', huge)).statusCode).toBe(413);
    expect((await upload(dost, '', 'a,b', 'text/plain')).statusCode).toBe(415);
    const json = await dost.request('POST', '/api/v1/isotopes/import', { rows: [] });
    expect(json.statusCode).toBe(415);
    expect((await upload(responder, '', writeCsv([HEADER]))).statusCode).toBe(403);
  });

  it('checks a huge file in one dry run', async () => {
    const lines = [HEADER.join(',')];
    for (let i = 0; i < 100_000; i += 1) lines.push(`VN33R08,H-${i},2024-06-15,-8.${i % 10},,-5${i % 10},,,`);
    const res = await upload(dost, '', lines.join('\n'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ rows: 100_000, valid: 100_000, issues: [] });
  });

  it('analyses a river: its own line, d-excess, flagged outliers, and the same flags in every list', async () => {
    // Two years at VN33R01 (sông Hồng) on δ²H = 7.6·δ¹⁸O + 6, plus an evaporated sample and a mistyped δ²H.
    const g = noise(11);
    const table: Cell[][] = [HEADER];
    for (let m = 0; m < 24; m += 1) {
      const d18o = -8.4 + 0.6 * Math.sin((2 * Math.PI * m) / 12) + 0.1 * g();
      const date = new Date(Date.UTC(2023, m, 15)).toISOString().slice(0, 10);
      table.push([
        'VN33R01',
        `R01-${date}`,
        date,
        +d18o.toFixed(2),
        0.1,
        +(7.6 * d18o + 6 + g()).toFixed(1),
        1,
        null,
        null,
      ]);
    }
    table.push(['VN33R01', 'R01-EVAP', '2025-04-20', -3.2, 0.1, -41, 1, null, 'nước tù']);
    table.push(['VN33R01', 'R01-TYPO', '2025-05-20', -8.3, 0.1, -5.8, 1, null, null]);
    expect((await upload(dost, '?dryRun=false', writeCsv(table))).json()).toMatchObject({ created: 26 });

    const summary = (await responder.request('GET', '/api/v1/isotopes/summary')).json();
    expect(summary.gmwl).toMatchObject({ slope: 8, intercept: 10 });
    expect(summary.gmwl.source).toContain('Craig');
    expect(summary.dExcessSlope).toBe(8);
    const red = summary.rivers.find((r: { riverVi: string }) => r.riverVi === 'sông Hồng');
    expect(red.points.map((p: { code: string }) => p.code)).toEqual(['VN33R01', 'VN33R02']);
    expect(red.samples).toBe(28);
    expect(red.series).toBeUndefined();
    expect(red.line.slope).toBeGreaterThan(6.5);
    expect(red.line.slope).toBeLessThan(8.7);
    expect(red.line.r2).toBeGreaterThan(0.8);
    expect(red.meanDExcess).toBeGreaterThan(7);
    expect(red.meanDExcess).toBeLessThan(12);
    expect(red.outliers.map((s: IsotopeSample) => s.sampleCode).sort()).toEqual(['R01-EVAP', 'R01-TYPO']);
    for (const s of red.outliers as IsotopeSample[])
      expect(s.flags).toEqual(expect.arrayContaining(['d_excess_outlier', 'line_residual_outlier']));
    const luoc = summary.rivers.find((r: { riverVi: string }) => r.riverVi === 'sông Luộc');
    expect(luoc.line).toBeNull(); // one sample: no line

    const one = (
      await responder.request('GET', `/api/v1/isotopes/summary?river=${encodeURIComponent('Song Hong')}`)
    ).json();
    expect(one.rivers.length).toBe(1);
    expect(one.rivers[0].series.length).toBe(28);
    expect(one.rivers[0].series[0].sampledAt < one.rivers[0].series[27].sampledAt).toBe(true);
    expect(
      (await responder.request('GET', '/api/v1/isotopes/summary?river=Red%20River')).json().rivers.length,
    ).toBe(1);
    expect((await responder.request('GET', '/api/v1/isotopes/summary?river=Mekong')).json().rivers).toEqual(
      [],
    );

    const flagged = (await responder.request('GET', '/api/v1/isotopes/samples?flagged=true')).json();
    expect(flagged.total).toBe(2);
    expect(flagged.items.map((s: IsotopeSample) => s.sampleCode).sort()).toEqual(['R01-EVAP', 'R01-TYPO']);
    const page = (
      await responder.request('GET', '/api/v1/isotopes/samples?river=Red%20River&limit=500')
    ).json();
    expect(page.total).toBe(28);
    const typo = page.items.find((s: IsotopeSample) => s.sampleCode === 'R01-TYPO');
    expect(typo.flags).toContain('d_excess_outlier');
    expect(typo.zDExcess).toBeGreaterThan(3.5);
    // The point of another river is analysed with its own river only.
    const luocSample = (
      await responder.request('GET', '/api/v1/isotopes/samples?river=s%C3%B4ng%20Lu%E1%BB%99c')
    ).json();
    expect(luocSample.items.map((s: IsotopeSample) => s.flags)).toEqual([[]]);

    const window = (
      await responder.request('GET', '/api/v1/isotopes/samples?station=VN33R01&from=2025-04-01&to=2025-04-30')
    ).json();
    expect(window.items.map((s: IsotopeSample) => s.sampleCode)).toEqual(['R01-EVAP']);
    const search = (await responder.request('GET', '/api/v1/isotopes/samples?q=typo')).json();
    expect(search.items.map((s: IsotopeSample) => s.sampleCode)).toEqual(['R01-TYPO']);
    const bySort = (
      await responder.request('GET', '/api/v1/isotopes/samples?sort=d2h&limit=1&station=VN33R01')
    ).json();
    expect(bySort.items[0].d2h).toBeLessThan(-60);
    expect((await responder.request('GET', '/api/v1/isotopes/samples?sort=evil')).statusCode).toBe(400);
    expect((await responder.request('GET', '/api/v1/isotopes/samples?from=2025-13-01')).statusCode).toBe(400);

    // The point's count is every sample, flagged or not.
    const points = (await responder.request('GET', '/api/v1/isotopes/points')).json();
    expect(points.find((p: { code: string }) => p.code === 'VN33R01').samples).toBe(26);
  });

  it('seeds demo samples for the river points, labelled as demo, once', async () => {
    const province = loadProvinceData(app.config.provinceDir);
    for (let n = 3; n <= 13; n += 1) {
      const code = `VN33R${String(n).padStart(2, '0')}`;
      if ((await dost.request('GET', `/api/v1/stations/${code}`)).statusCode === 200) continue;
      const res = await dost.request('POST', '/api/v1/stations', {
        code,
        name: `Điểm lấy mẫu ${code}`,
        kind: 'river_sampling',
        lat: 20.6,
        lon: 106.2,
      });
      expect(res.statusCode, code).toBe(201);
    }
    const before = await countSamples();
    const result = await seedIsotopeDemo(app.services, province);
    expect(result.points).toBe(13);
    expect(result.samples).toBe(13 * 24);
    expect(await countSamples()).toBe(before + 13 * 24);
    const demo = await app.database.db
      .selectFrom('isotope_samples')
      .select(['note', 'sample_code'])
      .where('sample_code', 'like', 'DEMO-%')
      .execute();
    expect(demo.length).toBe(13 * 24);
    expect(demo.every((d) => d.note?.startsWith(DEMO_ISOTOPE_NOTE))).toBe(true);
    const summary = (await responder.request('GET', '/api/v1/isotopes/summary')).json();
    expect(summary.rivers.map((r: { riverVi: string }) => r.riverVi)).toEqual([
      'sông Hóa',
      'sông Hồng',
      'sông Luộc',
      'sông Thái Bình',
      'sông Trà Lý',
    ]);
    const flaggedCodes = summary.rivers.flatMap((r: { outliers: IsotopeSample[] }) =>
      r.outliers.filter((s) => s.sampleCode.startsWith('DEMO')).map((s) => s.stationCode),
    );
    expect(flaggedCodes).toEqual(expect.arrayContaining(['VN33R09', 'VN33R12']));
    expect((await seedIsotopeDemo(app.services, province)).samples).toBe(0);
    expect(await countSamples()).toBe(before + 13 * 24);
  });
});
