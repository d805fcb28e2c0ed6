import { parseCsv, readXlsx, writeXlsx, type Cell } from '@sievert/core';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestApp,
  describeEachDatabase,
  orgId,
  type Session,
  type TestApp,
} from '../../test/harness.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FACILITY_HEADERS = [
  'Mã cơ sở',
  'Tên cơ sở',
  'Loại cơ sở',
  'Mã xã',
  'Vĩ độ',
  'Kinh độ',
  'Mã số thuế',
  'Email',
  'Điện thoại',
  'Hạn chứng chỉ',
];
const good = (code: string, name = `Cơ sở ${code}`): Cell[] => [
  code,
  name,
  'Bệnh viện',
  '11953',
  '20,66',
  106.07,
  '0101234567',
  'atbx@example.vn',
  '0221 3862 000',
  '31/12/2028',
];

describeEachDatabase('spreadsheet import and export', (dialect) => {
  let app: TestApp;
  let dost: Session;
  beforeAll(async () => {
    app = await createTestApp(dialect);
    dost = await app.login('demo.dost');
  });
  afterAll(async () => app.close());

  const upload = (s: Session, kind: string, body: Uint8Array | string, dryRun: boolean, type = XLSX) =>
    app.app.inject({
      method: 'POST',
      url: `/api/v1/registry/import/${kind}?dryRun=${dryRun}`,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': type },
      payload: typeof body === 'string' ? body : Buffer.from(body),
    });
  const sheet = (rows: Cell[][]) => writeXlsx([{ name: 'Sheet1', rows }]);
  const countFacilities = async () =>
    Number(
      (
        await app.database.db
          .selectFrom('organisations')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('kind', '=', 'facility')
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('a dry run names every broken row by row and column, in Vietnamese, and a confirmation then writes nothing', async () => {
    const rows: Cell[][] = [
      [...FACILITY_HEADERS, 'Cột lạ'],
      ['', '', 'Bệnh viện', '11953', 20.6, 106, null, null, null, null], // 2: name required
      ['X2', 'Cơ sở 2', 'Tàu vũ trụ', '11953', 20.6, 106], // 3: unknown kind
      ['X3', 'Cơ sở 3', 'clinic', '123', 20.6, 106], // 4: commune pattern
      ['X4', 'Cơ sở 4', 'clinic', '99999', 20.6, 106], // 5: unknown commune
      ['X5', 'Cơ sở 5', 'clinic', '11953', 'abc', 106], // 6: lat type
      ['X6', 'Cơ sở 6', 'clinic', '11953', 95, 106], // 7: lat too large
      ['X7', 'Cơ sở 7', 'clinic', '11953', 20, -200], // 8: lon too small
      ['X8', 'Cơ sở 8', 'clinic', '11953', 20, 106, 'ABC'], // 9: tax code pattern
      ['X9', 'Cơ sở 9', 'clinic', '11953', 20, 106, null, 'not-an-email'], // 10: email format
      ['X10', 'Cơ sở 10', 'clinic', '11953', 20, 106, null, null, 'gọi tôi'], // 11: phone pattern
      ['X11', 'Cơ sở 11', 'clinic', '11953', 20, 106, null, null, null, '31/02/2027'], // 12: impossible date
      ['DUP', 'Cơ sở 12', 'clinic', '11953', 20, 106], // 13: first of a duplicate (valid)
      ['DUP', 'Cơ sở 13', 'clinic', '11953', 20, 106], // 14: duplicate code in the file
      ['CS-1', 'Cơ sở 14', 'clinic', '11953', 20, 106], // 15: code already in the registry
      ['X15', 'x'.repeat(5000), 'clinic', '11953', 20, 106], // 16: name too long
      ['X16', 'Cơ sở 16', 'clinic', '11953', 20, '106.5.5'], // 17: malformed number
      ['X17', 'Cơ sở 17', 'clinic', '11953', null, 106], // 18: lat required
      ['X18', 'Cơ sở 18', 'clinic', null, 20, 106], // 19: commune required
      ['C S 1!', 'Cơ sở 19', 'clinic', '11953', 20, 106], // 20: code pattern
      ['X20', 'A', 'clinic', '11953', 20, 106], // 21: name too short
      ['X21', 'Cơ sở 21', null, '11953', 20, 106], // 22: kind required
      ['X22', 'Cơ sở 22', 'clinic', '11953', true, 106], // 23: lat as a boolean
      ['X23', 'Cơ sở 23', 'clinic', '11953', '1e400', 106], // 24: infinite number
      good('OK-1'), // 25: valid
    ];
    const before = await countFacilities();
    const dry = await upload(dost, 'facilities', sheet(rows), true);
    expect(dry.statusCode).toBe(200);
    const report = dry.json();
    expect(report).toMatchObject({ kind: 'facilities', dryRun: true, rows: 24, created: 0 });
    const byRow = new Map<number, Array<{ column: string; reason: string; message: string }>>();
    for (const i of report.issues) byRow.set(i.row, [...(byRow.get(i.row) ?? []), i]);
    const expectIssue = (row: number, columnLetter: string | null, reason: string) => {
      const found = byRow.get(row) ?? [];
      expect(
        found.some(
          (i) =>
            i.reason === reason &&
            (columnLetter === null || (i.column ?? '').startsWith(`${columnLetter} (`)),
        ),
        `row ${row}: ${reason} in ${columnLetter} — got ${JSON.stringify(found)}`,
      ).toBe(true);
    };
    expectIssue(1, 'K', 'unknown_column');
    expectIssue(2, 'B', 'required');
    expectIssue(3, 'C', 'not_allowed_value');
    expectIssue(4, 'D', 'pattern');
    expectIssue(5, 'D', 'unknown_commune');
    expectIssue(6, 'E', 'type');
    expectIssue(7, 'E', 'too_large');
    expectIssue(8, 'F', 'too_small');
    expectIssue(9, 'G', 'pattern');
    expectIssue(10, 'H', 'format');
    expectIssue(11, 'I', 'pattern');
    expectIssue(12, 'J', 'format');
    expectIssue(14, 'A', 'duplicate_in_file');
    expectIssue(15, 'A', 'already_exists');
    expectIssue(16, 'B', 'too_long');
    expectIssue(17, 'F', 'type');
    expectIssue(18, 'E', 'required');
    expectIssue(19, 'D', 'required');
    expectIssue(20, 'A', 'pattern');
    expectIssue(21, 'B', 'too_short');
    expectIssue(22, 'C', 'required');
    expectIssue(23, 'E', 'type');
    expectIssue(24, 'E', 'type');
    expect(byRow.has(13)).toBe(false);
    expect(byRow.has(25)).toBe(false);
    expect(report.valid).toBe(2);
    expect(byRow.get(5)![0]!.message).toBe('mã xã/phường không có trong danh mục');

    const confirm = await upload(dost, 'facilities', sheet(rows), false);
    expect(confirm.statusCode).toBe(400);
    expect(confirm.json().error).toMatchObject({ code: 'import.invalid' });
    expect(await countFacilities()).toBe(before);
  });

  it('imports good rows after the dry run, reading Vietnamese labels, decimal commas and dd/mm/yyyy', async () => {
    const rows = [
      FACILITY_HEADERS,
      good('IMP-1', 'Bệnh viện Nhập 1'),
      good('IMP-2', 'Bệnh viện Nhập 2'),
      [null, 'Phòng khám Không mã', 'Phòng khám', '11953', 20.5, 106.1],
    ];
    expect((await upload(dost, 'facilities', sheet(rows), true)).json()).toMatchObject({
      valid: 3,
      issues: [],
    });
    const done = await upload(dost, 'facilities', sheet(rows), false);
    expect(done.statusCode).toBe(201);
    expect(done.json()).toMatchObject({ created: 3, dryRun: false });
    const list = (await dost.request('GET', `/api/v1/facilities?q=${encodeURIComponent('nhap')}`)).json();
    expect(list.items.map((f: { code: string }) => f.code).sort()).toEqual(['IMP-1', 'IMP-2']);
    const imp1 = list.items.find((f: { code: string }) => f.code === 'IMP-1');
    expect(imp1).toMatchObject({
      kind: 'hospital',
      lat: 20.66,
      taxCode: '0101234567',
      rsoCertificateExpiry: '2028-12-31',
    });
    const nocode = (
      await dost.request('GET', `/api/v1/facilities?q=${encodeURIComponent('khong ma')}`)
    ).json().items[0];
    expect(nocode.code).toBe(`CS-${String(nocode.id).padStart(5, '0')}`);
    const admin = await app.login('demo.admin');
    const audit = (await admin.request('GET', '/api/v1/audit?action=registry.import')).json();
    expect(audit.items[0].after).toMatchObject({
      kind: 'facilities',
      rows: 3,
      fileSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('imports a 5,000-row sheet in one transaction, and nothing of one with a single broken row', async () => {
    const rows: Cell[][] = [FACILITY_HEADERS, ...Array.from({ length: 5000 }, (_, i) => good(`BULK-${i}`))];
    const before = await countFacilities();
    const broken = rows.map((r) => [...r]);
    broken[5000]![3] = '00000';
    const refused = await upload(dost, 'facilities', sheet(broken), false);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.issues).toEqual([
      expect.objectContaining({ row: 5001, column: 'D (Mã xã)', reason: 'unknown_commune' }),
    ]);
    expect(await countFacilities()).toBe(before);
    const ok = await upload(dost, 'facilities', sheet(rows), false);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().created).toBe(5000);
    expect(await countFacilities()).toBe(before + 5000);
  });

  it('imports sources from CSV with a BOM, and refuses unknown nuclides, negative activities, future dates and duplicates', async () => {
    const header =
      'Mã cơ sở,Đồng vị,Số sê-ri,Nhà sản xuất,Hoạt độ ban đầu (Bq),Ngày xác định hoạt độ,Mục đích sử dụng';
    const bad = [
      header,
      'CS-3,Xx-999,S1,QSA,1e9,01/01/2020,đo mức',
      'CS-3,Cs-137,S2,QSA,-5,01/01/2020,đo mức',
      'CS-3,Cs-137,S3,QSA,1e9,01/01/2030,đo mức',
      'CS-3,Cs-137,S4,QSA,1e9,2020-13-01,đo mức',
      'NOPE,Cs-137,S5,QSA,1e9,01/01/2020,đo mức',
      'CS-3,Cs-137,S6,QSA,1e9,01/01/2020,làm bánh',
      'CS-3,Cs-137,S7,QSA,1e9,01/01/2020,đo mức',
      'CS-3,cs-137,S7,qsa,1e9,01/01/2020,đo mức',
      'CS-3,Ir-192,DEMO-IR-0001,QSA Global,1e9,01/01/2020,ndt',
    ].join('\r\n');
    const report = (await upload(dost, 'sources', `\uFEFF${bad}`, true, 'text/csv')).json();
    const reasons = report.issues.map((i: { row: number; reason: string }) => `${i.row}:${i.reason}`);
    expect(reasons).toEqual([
      '2:unknown_nuclide',
      '3:too_small',
      '4:in_future',
      '5:format',
      '6:unknown_facility',
      '7:not_allowed_value',
      '9:duplicate_in_file',
      '10:already_exists',
    ]);
    const goodCsv = [
      header,
      'CS-3,Co-60,CSV-1,Hopewell,3.7E+10,15/06/2024,đo mật độ',
      'CS-3,Cs-137,CSV-2,Berthold,"1850000000",2023-01-20,Thiết bị đo',
    ].join('\n');
    const done = await upload(dost, 'sources', goodCsv, false, 'text/csv');
    expect(done.statusCode).toBe(201);
    const co = (await dost.request('GET', '/api/v1/sources?q=CSV-1')).json().items[0];
    expect(co).toMatchObject({
      nuclide: 'Co-60',
      referenceActivityBq: 3.7e10,
      referenceDate: '2024-06-15',
      use: 'gauge',
      status: 'stored',
    });
    const ledger = (await dost.request('GET', `/api/v1/sources/${co.id}/transactions`)).json();
    expect(ledger.map((t: { type: string }) => t.type)).toEqual(['receipt']);
  });

  it('lets a facility import devices for itself only', async () => {
    const op = await app.login('demo.facility');
    expect((await upload(op, 'facilities', sheet([FACILITY_HEADERS, good('NOPE')]), true)).statusCode).toBe(
      403,
    );
    const rows = [
      ['Mã cơ sở', 'Loại thiết bị', 'Hãng sản xuất', 'Năm sản xuất'],
      ['CS-1', 'CT', 'Siemens', 2020],
      ['CS-2', 'X-quang', 'Shimadzu', 2018],
      ['CS-1', 'Máy bay', 'Boeing', 1800],
    ];
    const report = (await upload(op, 'devices', sheet(rows), true)).json();
    expect(
      report.issues.map(
        (i: { row: number; field: string; reason: string }) => `${i.row}:${i.field}:${i.reason}`,
      ),
    ).toEqual(['3:facilityCode:unknown_facility', '4:type:not_allowed_value', '4:yearMade:too_small']);
  });

  it('refuses hostile and broken files with a clear code, never a 500', async () => {
    const cases: Array<[Uint8Array | string, string, number, string]> = [
      [new Uint8Array([0x50, 0x4b, 1, 2, 3]), XLSX, 400, 'import.unreadable'],
      ['just text', XLSX, 400, 'import.unreadable'],
      [
        zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(300 * 1024 * 1024) }, { level: 9 }),
        XLSX,
        400,
        'import.unreadable',
      ],
      [
        zipSync({
          'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="a" r:id="1"/></sheets></workbook'),
          'xl/_rels/workbook.xml.rels': strToU8('<x/>'),
        }),
        XLSX,
        400,
        'import.unreadable',
      ],
      ['a,"unterminated\n1,2', 'text/csv', 400, 'import.unreadable'],
      ['{"a":1}', 'application/json', 415, 'request.unsupported_media_type'],
      ['', 'text/csv', 200, ''],
    ];
    for (const [body, type, status, code] of cases) {
      const res = await upload(dost, 'sources', body, true, type);
      expect(res.statusCode, `${type} ${String(body).slice(0, 20)}`).toBe(status);
      if (code) expect(res.json().error.code).toBe(code);
    }
    const empty = (await upload(dost, 'sources', '', true, 'text/csv')).json();
    expect(empty.issues.map((i: { reason: string }) => i.reason)).toContain('empty_file');
    const huge = await upload(dost, 'sources', new Uint8Array(21 * 1024 * 1024), true);
    expect(huge.statusCode).toBe(413);
  });

  it('exports lists as XLSX and CSV within scope and need to know', async () => {
    const ndt = await orgId(app, 'CS-3');
    const x = await app.app.inject({
      url: `/api/v1/registry/export/sources?format=xlsx&facilityId=${ndt}`,
      headers: { cookie: dost.cookie },
    });
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const table = readXlsx(new Uint8Array(x.rawPayload)).rows;
    expect(table[0]).toEqual(expect.arrayContaining(['Đồng vị', 'Số sê-ri', 'Nhóm (IAEA)']));
    expect(table.slice(1).some((r) => r.includes('DEMO-IR-0001'))).toBe(true);
    const responder = await app.login('demo.responder');
    const csv = await app.app.inject({
      url: '/api/v1/registry/export/sources?format=csv',
      headers: { cookie: responder.cookie, 'accept-language': 'en' },
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = parseCsv(csv.body);
    expect(rows[0]).toContain('Serial');
    expect(csv.body).not.toContain('DEMO-IR-0001');
    const template = await app.app.inject({
      url: '/api/v1/registry/import/devices/template.xlsx',
      headers: { cookie: dost.cookie },
    });
    expect(readXlsx(new Uint8Array(template.rawPayload)).rows[0]).toContain('Loại thiết bị');
  });

  it('exports every list, in the order and with the search the list shows', async () => {
    const get = async (url: string, cookie = dost.cookie) =>
      app.app.inject({ url, headers: { cookie, 'accept-language': 'vi' } });
    const sorted = parseCsv((await get('/api/v1/registry/export/sources?format=csv&sort=-nuclide')).body);
    const nuclides = sorted.slice(1).map((r) => r[1]!);
    expect(nuclides.length).toBeGreaterThan(1);
    expect(nuclides).toEqual([...nuclides].sort((a, b) => b.localeCompare(a, 'vi')));
    const searched = parseCsv((await get('/api/v1/registry/export/sources?format=csv&q=DEMO-IR-0001')).body);
    expect(searched.slice(1).map((r) => r[2])).toEqual(['DEMO-IR-0001']);
    for (const kind of ['applications', 'inspections', 'licences', 'facilities', 'devices']) {
      const res = await get(`/api/v1/registry/export/${kind}?format=csv`);
      expect(res.statusCode, kind).toBe(200);
      expect(parseCsv(res.body)[0]!.length, kind).toBeGreaterThan(3);
    }
    expect((await get('/api/v1/registry/export/users?format=csv')).statusCode).toBe(400);
    expect((await get('/api/v1/registry/export/sources?sort=nuclide;drop')).statusCode).toBe(400);
    // Export obeys the same permissions as the list: a responder reads no applications.
    const responder = await app.login('demo.responder');
    expect((await get('/api/v1/registry/export/applications', responder.cookie)).statusCode).toBe(403);
  });
});
