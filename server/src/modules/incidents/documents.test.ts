/**
 * The incident's documents through the API: the report as a Word document in the Decree 30/2020/NĐ-CP layout
 * (unzipped and read back), the register as a spreadsheet (read back with core's reader, a hostile title kept as
 * text), both within the reader's reach.
 */
import { readXlsx, type Incident } from '@sievert/core';
import { strFromU8, unzipSync } from 'fflate';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestApp,
  describeEachDatabase,
  orgId,
  type Session,
  type TestApp,
} from '../../test/harness.js';
import { REGISTER_HEADERS } from './incident-register.js';
import { placeName } from './incident-report.js';

/** The text of a Word document: the runs of document.xml, joined (markup removed). */
function docxText(bytes: Buffer): { xml: string; text: string } {
  const files = unzipSync(new Uint8Array(bytes));
  const xml = strFromU8(files['word/document.xml']!);
  expect(XMLValidator.validate(xml)).toBe(true);
  const text = [...xml.matchAll(/<w:t xml:space="preserve">([^<]*)<\/w:t>/g)]
    .map((m) => m[1]!)
    .join('')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return { xml, text };
}

describeEachDatabase('incident documents', (dialect) => {
  let app: TestApp;
  let dost: Session;
  let leader: Session;
  let responder: Session;
  let facility: Session;
  let facility2: Session;
  let commune: { code: string; fullName: string };
  let provinceName: string;

  const create = async (session: Session, body: Record<string, unknown>): Promise<Incident> => {
    const res = await session.request('POST', '/api/v1/incidents', {
      kind: 'security_event',
      title: 'Phát hiện người lạ vào kho nguồn',
      description: 'Khóa kho nguồn bị cắt lúc 7 giờ sáng.\nChưa xác định nguồn có bị lấy hay không.',
      lat: 20.65,
      lon: 106.05,
      communeCode: commune.code,
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Incident>();
  };
  const ok = async (session: Session, method: string, url: string, body?: unknown) => {
    const res = await session.request(method, url, body);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json<Record<string, unknown>>();
  };

  beforeAll(async () => {
    app = await createTestApp(dialect);
    dost = await app.login('demo.dost');
    leader = await app.login('demo.leader');
    responder = await app.login('demo.responder');
    facility = await app.login('demo.facility');
    facility2 = await app.login('demo.facility2');
    const cs1 = await app.database.db
      .selectFrom('organisations')
      .innerJoin('communes', 'communes.code', 'organisations.commune_code')
      .select(['communes.code', 'communes.full_name'])
      .where('organisations.code', '=', 'CS-1')
      .executeTakeFirstOrThrow();
    commune = { code: cs1.code, fullName: cs1.full_name };
    provinceName = (await app.services.geo.provinceSummary()).name;
  });
  afterAll(async () => app.close());

  it('writes the incident report in the layout of Decree 30, in Vietnamese, with the response so far', async () => {
    const incident = await create(facility, {});
    const id = incident.id;
    await ok(dost, 'PATCH', `/api/v1/incidents/${id}`, {
      state: 'assessed',
      severity: 'high',
      ines: 1,
      assessmentReasons: 'Có dấu hiệu tiếp cận trái phép nguồn nhóm 3',
    });
    await ok(dost, 'PATCH', `/api/v1/incidents/${id}`, { commanderUserId: dost.userId });
    await ok(dost, 'POST', `/api/v1/incidents/${id}/tasks`, {
      title: 'Phong tỏa kho nguồn',
      agencyKind: 'police',
      assigneeOrganisationId: await orgId(app, 'UPSC'),
    });
    app.clock.advance(600);
    const taskId = (await dost.request('GET', `/api/v1/incidents/${id}`)).json<Incident>().tasks[0]!.id;
    await ok(responder, 'PATCH', `/api/v1/incidents/${id}/tasks/${taskId}`, { status: 'acknowledged' });
    await ok(dost, 'POST', `/api/v1/incidents/${id}/timeline`, {
      kind: 'decision',
      text: 'Sơ tán nhân viên khỏi khu nhà kho',
    });
    await ok(dost, 'PATCH', `/api/v1/incidents/${id}`, { cordonRadiusM: 30 });
    await ok(dost, 'POST', `/api/v1/incidents/${id}/clocks/security.notify/met`);

    const res = await dost.request('GET', `/api/v1/incidents/${id}/report.docx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml.document');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="bao-cao-su-co-${incident.number.replace('/', '-')}.docx"`,
    );
    const { text } = docxText(res.rawPayload);
    // Heading: superior body, issuer, number; motto; place and date (the fake clock: 15:00 on 28/11/2026, GMT+7).
    expect(text).toContain(`UBND ${provinceName.toUpperCase()}`);
    expect(text).toContain('SỞ KHOA HỌC VÀ CÔNG NGHỆ');
    expect(text).toContain(`Số: ${incident.number.split('/')[0]}/BC-SKHCN`);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain(`${placeName(provinceName)}, ngày 28 tháng 11 năm 2026`);
    // Title and body.
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain(`Về sự cố số ${incident.number}: Phát hiện người lạ vào kho nguồn`);
    expect(text).toContain('Sự cố an ninh');
    expect(text).toContain('Chưa xác định nguồn có bị lấy hay không.');
    expect(text).toContain(commune.fullName);
    expect(text).toContain('15:00 ngày 28/11/2026 (GMT+7)');
    expect(text).toContain('Mức độ nghiêm trọng: Cao');
    expect(text).toContain('1 (Bất thường)');
    expect(text).toContain('Có dấu hiệu tiếp cận trái phép nguồn nhóm 3');
    expect(text).toContain('Phong tỏa kho nguồn');
    expect(text).toContain('Công an');
    expect(text).toContain('Đã xác nhận (xác nhận 15:10 ngày 28/11/2026 (GMT+7))');
    expect(text).toContain('Sơ tán nhân viên khỏi khu nhà kho');
    expect(text).toContain('Đã thực hiện đúng hạn');
    expect(text).toContain('Cục An toàn bức xạ và hạt nhân');
    expect(text).toContain('bán kính 30 m');
    expect(text).toContain('Tình hình hiện tại');
    // Recipients and signature.
    expect(text).toContain('Nơi nhận:');
    expect(text).toContain('- Công an tỉnh;');
    expect(text).toContain(`- UBND ${commune.fullName.charAt(0).toLowerCase()}${commune.fullName.slice(1)};`);
    expect(text).toContain('- Lưu: VT.');
    expect(text).toContain('(Ký, ghi rõ họ tên)');
    expect(text).not.toContain('DIỄN TẬP');

    // Within reach only: another facility does not learn that the incident exists.
    expect((await facility2.request('GET', `/api/v1/incidents/${id}/report.docx`)).statusCode).toBe(404);
    expect((await facility.request('GET', `/api/v1/incidents/${id}/report.docx`)).statusCode).toBe(200);
    expect((await dost.request('GET', '/api/v1/incidents/999999/report.docx')).statusCode).toBe(404);
  });

  it('labels an exercise’s report DIỄN TẬP and gives its timings; a closed incident its final report', async () => {
    const ex = await create(dost, { kind: 'fire', title: 'Cháy kho hóa chất', exercise: true });
    app.clock.advance(120);
    await ok(dost, 'POST', `/api/v1/incidents/${ex.id}/timeline`, {
      kind: 'decision',
      text: 'Lập sở chỉ huy',
    });
    const draft = await ok(dost, 'POST', `/api/v1/incidents/${ex.id}/notices`, {
      title: 'Cảnh báo cháy',
      body: 'Tránh xa khu vực.',
    });
    app.clock.advance(180);
    await ok(leader, 'POST', `/api/v1/incidents/${ex.id}/notices/${String(draft.id)}/approve`);
    const { text } = docxText(
      (await dost.request('GET', `/api/v1/incidents/${ex.id}/report.docx`)).rawPayload,
    );
    expect(text).toContain('DIỄN TẬP — KHÔNG PHẢI SỰ CỐ THẬT');
    expect(text).toContain('BÁO CÁO DIỄN TẬP');
    expect(text).toContain(`[DIỄN TẬP] Về sự cố số ${ex.number}: Cháy kho hóa chất`);
    expect(text).toContain('Kết quả diễn tập');
    expect(text).toContain('Quyết định đầu tiên2 phút');
    expect(text).toContain('Thông báo công chúng đầu tiên được duyệt5 phút');
    expect(text).toContain('Xác nhận nhiệm vụ đầu tiênChưa thực hiện');

    const closed = await create(dost, { kind: 'contamination', title: 'Nhiễm bẩn phòng thí nghiệm' });
    await ok(dost, 'PATCH', `/api/v1/incidents/${closed.id}`, { state: 'assessed', severity: 'low' });
    await ok(dost, 'PATCH', `/api/v1/incidents/${closed.id}`, { state: 'response' });
    await ok(dost, 'PATCH', `/api/v1/incidents/${closed.id}`, { state: 'recovery' });
    await ok(dost, 'PATCH', `/api/v1/incidents/${closed.id}`, {
      state: 'closed',
      finalReport: 'Đã tẩy xạ mặt bàn; suất liều về mức nền.',
    });
    const final = docxText(
      (await dost.request('GET', `/api/v1/incidents/${closed.id}/report.docx`)).rawPayload,
    ).text;
    expect(final).toContain('Kết quả xử lý');
    expect(final).toContain('Báo cáo kết thúc:');
    expect(final).toContain('Đã tẩy xạ mặt bàn; suất liều về mức nền.');
    expect(final).not.toContain('Kết quả diễn tập');
  });

  it('exports the register of the incidents one may see, a hostile title kept as text', async () => {
    const hostile = await create(dost, { title: '=HYPERLINK("x")', kind: 'fire' });
    const minus = await create(dost, { title: '-2+3', kind: 'fire', exercise: true });
    await ok(dost, 'POST', `/api/v1/incidents/${hostile.id}/clocks/safety.notify/met`);

    const res = await dost.request('GET', '/api/v1/incidents/register.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="so-theo-doi-su-co-2026-11-28\.xlsx"$/,
    );
    const sheetXml = strFromU8(unzipSync(new Uint8Array(res.rawPayload))['xl/worksheets/sheet1.xml']!);
    // Inline strings only: nothing a spreadsheet would evaluate.
    expect(sheetXml).not.toContain('<f>');
    const { rows } = readXlsx(new Uint8Array(res.rawPayload));
    expect(rows[0]).toEqual([...REGISTER_HEADERS]);
    const byNumber = new Map(rows.slice(1).map((r) => [r[0], r]));
    const all = (await dost.request('GET', '/api/v1/incidents?limit=500')).json<{ total: number }>();
    expect(rows.length - 1).toBe(all.total);
    expect(byNumber.get(hostile.number)).toEqual([
      hostile.number,
      '28/11/2026 15:15',
      'Cháy tại cơ sở bức xạ',
      '=HYPERLINK("x")',
      commune.fullName,
      'Mới tiếp nhận',
      null,
      null,
      'Không',
      null,
      1,
      1,
      0,
      0,
    ]);
    expect(byNumber.get(minus.number)![3]).toBe('-2+3');
    expect(byNumber.get(minus.number)![8]).toBe('Có');

    // The list's filters apply.
    const exercises = readXlsx(
      new Uint8Array((await dost.request('GET', '/api/v1/incidents/register.xlsx?exercise=true')).rawPayload),
    ).rows.slice(1);
    expect(exercises.length).toBeGreaterThan(0);
    expect(exercises.every((r) => r[8] === 'Có')).toBe(true);
    // A facility's register holds its own incidents only.
    const own = readXlsx(
      new Uint8Array((await facility2.request('GET', '/api/v1/incidents/register.xlsx')).rawPayload),
    ).rows.slice(1);
    const mine = (await facility2.request('GET', '/api/v1/incidents')).json<{ total: number }>();
    expect(own.length).toBe(mine.total);
    expect(own.map((r) => r[0])).not.toContain(hostile.number);

    const bad = await dost.request('GET', '/api/v1/incidents/register.xlsx?state=burning');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].field).toBe('query/state');
  });
});
