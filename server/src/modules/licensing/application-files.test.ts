import { createHash } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createTestApp,
  describeEachDatabase,
  orgId,
  type Session,
  type TestApp,
} from '../../test/harness.js';

const PDF = strToU8('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describeEachDatabase('files of an application dossier', (dialect) => {
  let app: TestApp;
  let hospital: number;
  let applicationId: number;
  const upload = (
    s: Session,
    id: number,
    documentType: string,
    filename: string,
    body: Uint8Array,
    type = 'application/pdf',
  ) =>
    app.app.inject({
      method: 'POST',
      url: `/api/v1/applications/${id}/files?documentType=${documentType}&filename=${encodeURIComponent(filename)}`,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': type },
      payload: Buffer.from(body),
    });
  const download = (s: Session, id: number, fileId: number) =>
    app.app.inject({ url: `/api/v1/applications/${id}/files/${fileId}`, headers: { cookie: s.cookie } });

  beforeAll(async () => {
    app = await createTestApp(dialect);
    hospital = await orgId(app, 'CS-1');
    const op = await app.login('demo.facility');
    const device = (
      await op.request('POST', '/api/v1/devices', {
        facilityId: hospital,
        type: 'xray_general',
        maker: 'Shimadzu',
        model: 'RADspeed Pro',
        serial: 'XR-FILES-1',
        yearMade: 2025,
      })
    ).json();
    const created = await op.request('POST', '/api/v1/applications', {
      facilityId: hospital,
      procedure: 'licence_new',
      deviceIds: [device.id],
    });
    applicationId = created.json().id;
  });
  afterAll(async () => app.close());

  it('attaches files under the documents of the procedure and gives the same bytes back', async () => {
    const op = await app.login('demo.facility');
    const res = await upload(op, applicationId, 'safety_assessment', 'Báo cáo đánh giá an toàn.pdf', PDF);
    expect(res.statusCode).toBe(201);
    const file = res.json();
    expect(file).toMatchObject({
      documentType: 'safety_assessment',
      filename: 'Báo cáo đánh giá an toàn.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.byteLength,
      sha256: createHash('sha256').update(PDF).digest('hex'),
    });
    // The browser's claimed type does not matter: the bytes say PNG, the name gets .png.
    const photo = await upload(
      op,
      applicationId,
      'other',
      'so-do-phong.pdf',
      PNG,
      'application/octet-stream',
    );
    expect(photo.json()).toMatchObject({ contentType: 'image/png', filename: 'so-do-phong.png' });

    const listed = (await op.request('GET', `/api/v1/applications/${applicationId}/files`)).json();
    expect(listed.map((f: { documentType: string }) => f.documentType)).toEqual([
      'safety_assessment',
      'other',
    ]);
    const back = await download(op, applicationId, file.id);
    expect(back.statusCode).toBe(200);
    expect(new Uint8Array(back.rawPayload)).toEqual(PDF);
    expect(back.headers['content-type']).toBe('application/pdf');
    expect(back.headers['x-content-type-options']).toBe('nosniff');
    expect(back.headers['content-disposition']).toBe(
      `attachment; filename="Bao cao danh gia an toan.pdf"; filename*=UTF-8''${encodeURIComponent('Báo cáo đánh giá an toàn.pdf')}`,
    );
  });

  it('refuses what is not a dossier file, naming the field, and keeps what was accepted', async () => {
    const op = await app.login('demo.facility');
    const cases: [string, Uint8Array, string, number, string][] = [
      ['safety_assessment', strToU8('<html><script>alert(1)</script>'), '/file', 400, 'file_type'],
      ['safety_assessment', strToU8('MZ\x90\x00'), '/file', 400, 'file_type'],
      ['safety_assessment', zipSync({ 'a.exe': strToU8('MZ') }), '/file', 400, 'file_type'],
      ['safety_assessment', new Uint8Array(), '/file', 400, 'required'],
      ['photo', PDF, '/documentType', 400, 'unknown_document'],
    ];
    for (const [documentType, body, field, status, reason] of cases) {
      const res = await upload(op, applicationId, documentType, 'x.pdf', body);
      expect(res.statusCode, reason).toBe(status);
      expect(res.json().error.details.issues[0]).toMatchObject({ field, reason });
    }
    const badQuery = await upload(op, applicationId, 'Robert"); drop', 'x.pdf', PDF);
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.json().error.details.issues[0].field).toBe('query/documentType');
    const huge = await upload(op, applicationId, 'other', 'big.pdf', new Uint8Array(10 * 1024 * 1024 + 1));
    expect(huge.statusCode).toBe(413);
    const listed = (await op.request('GET', `/api/v1/applications/${applicationId}/files`)).json();
    expect(listed).toHaveLength(2);
  });

  it("keeps a draft's files to its facility, and only the applicant changes them", async () => {
    const dost = await app.login('demo.dost');
    const other = await app.login('demo.facility2');
    const files = (
      await (await app.login('demo.facility')).request('GET', `/api/v1/applications/${applicationId}/files`)
    ).json();
    for (const s of [dost, other]) {
      expect((await s.request('GET', `/api/v1/applications/${applicationId}/files`)).statusCode).toBe(404);
      expect((await download(s, applicationId, files[0].id)).statusCode).toBe(404);
      expect((await upload(s, applicationId, 'other', 'x.pdf', PDF)).statusCode).toBe(404);
    }
    // A file id of another application is not reachable through this one.
    expect(
      (await download(await app.login('demo.facility'), applicationId + 1000, files[0].id)).statusCode,
    ).toBe(404);
  });

  it('freezes the dossier once sent; the officer reads it; returned, the facility completes it', async () => {
    const op = await app.login('demo.facility');
    expect((await op.request('POST', `/api/v1/applications/${applicationId}/submit`)).statusCode).toBe(200);
    const late = await upload(op, applicationId, 'other', 'muon.pdf', PDF);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('application.action_not_allowed');
    const files = (await op.request('GET', `/api/v1/applications/${applicationId}/files`)).json();
    expect(
      (await op.request('DELETE', `/api/v1/applications/${applicationId}/files/${files[0].id}`)).statusCode,
    ).toBe(409);

    const dost = await app.login('demo.dost');
    expect((await download(dost, applicationId, files[0].id)).statusCode).toBe(200);
    expect((await upload(dost, applicationId, 'other', 'x.pdf', PDF)).statusCode).toBe(403);
    await dost.request('POST', `/api/v1/applications/${applicationId}/return`, {
      reasons: ['Thiếu giấy chứng nhận kiểm định thiết bị'],
    });
    expect((await upload(op, applicationId, 'device_qa_certificate', 'kiem-dinh.pdf', PDF)).statusCode).toBe(
      201,
    );
    const removed = await op.request('DELETE', `/api/v1/applications/${applicationId}/files/${files[1].id}`);
    expect(removed.statusCode).toBe(204);
    const after = (await op.request('GET', `/api/v1/applications/${applicationId}/files`)).json();
    expect(after.map((f: { documentType: string }) => f.documentType)).toEqual([
      'safety_assessment',
      'device_qa_certificate',
    ]);
    // The same PDF twice is stored once; the PNG's bytes went with its only attachment.
    const blobs = await app.database.db.selectFrom('file_blobs').select('sha256').execute();
    expect(blobs).toHaveLength(1);

    const audit = (
      await (await app.login('demo.admin')).request('GET', '/api/v1/audit?entityType=application&limit=100')
    ).json();
    const actions = audit.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['application.attach', 'application.detach']));
    expect(JSON.stringify(audit)).not.toContain('%PDF');
  });
});
