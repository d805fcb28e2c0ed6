import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  describeEachDatabase,
  orgId,
  type Session,
  type TestApp,
} from '../../test/harness.js';

describeEachDatabase('registry: facilities, sources and the ledger', (dialect) => {
  let app: TestApp;
  let dost: Session;
  let hospitalOp: Session; // demo.facility → CS-1
  let responder: Session;
  let inspector: Session;
  let hospital: number;
  let ndt: number;

  beforeAll(async () => {
    app = await createTestApp(dialect);
    dost = await app.login('demo.dost');
    hospitalOp = await app.login('demo.facility');
    responder = await app.login('demo.responder');
    inspector = await app.login('demo.inspector');
    hospital = await orgId(app, 'CS-1');
    ndt = await orgId(app, 'CS-3');
  });
  afterAll(async () => app.close());

  describe('facilities', () => {
    it('registers a facility from the minimal contract and answers with its id', async () => {
      const res = await dost.request('POST', '/api/v1/facilities', {
        name: 'Phòng khám Đa khoa Minh An',
        kind: 'clinic',
        communeCode: '11953',
        lat: 20.66,
        lon: 106.06,
      });
      expect(res.statusCode).toBe(201);
      const f = res.json();
      expect(f).toMatchObject({
        id: expect.any(Number),
        kind: 'clinic',
        communeCode: '11953',
        lat: 20.66,
        lon: 106.06,
        status: 'active',
        sourceCount: 0,
      });
      expect(f.code).toBe(`CS-${String(f.id).padStart(5, '0')}`);
      // It is an organisation its staff can belong to.
      const org = await dost.request('GET', `/api/v1/organisations/${f.id}`);
      expect(org.json().kind).toBe('facility');
    });

    it('names the field that is wrong', async () => {
      const missing = await dost.request('POST', '/api/v1/facilities', {
        name: 'X',
        kind: 'clinic',
        communeCode: '11953',
        lon: 106,
      });
      expect(missing.json().error.details.issues.map((i: { field: string }) => i.field)).toEqual(
        expect.arrayContaining(['/name', '/lat']),
      );
      const kind = await dost.request('POST', '/api/v1/facilities', {
        name: 'Cơ sở X',
        kind: 'spaceport',
        communeCode: '11953',
        lat: 20,
        lon: 106,
      });
      expect(kind.json().error.details.issues[0]).toMatchObject({
        field: '/kind',
        reason: 'not_allowed_value',
      });
      const tax = await dost.request('POST', '/api/v1/facilities', {
        name: 'Cơ sở X',
        kind: 'other',
        communeCode: '11953',
        lat: 20,
        lon: 106,
        taxCode: '12AB',
      });
      expect(tax.json().error.details.issues[0].field).toBe('/taxCode');
      const commune = await dost.request('POST', '/api/v1/facilities', {
        name: 'Cơ sở X',
        kind: 'other',
        communeCode: '99999',
        lat: 20,
        lon: 106,
      });
      expect(commune.json().error.code).toBe('geo.unknown_commune');
    });

    it('lets a facility keep its own contacts and safety officer up to date, and nothing else', async () => {
      const own = await hospitalOp.request('PATCH', `/api/v1/facilities/${hospital}`, {
        rsoName: 'Đỗ Thị Lan',
        rsoCertificateNumber: 'CC-2026-001',
        rsoCertificateExpiry: '2029-12-31',
        phone: '0221 3863 000',
      });
      expect(own.statusCode).toBe(200);
      expect(own.json()).toMatchObject({
        rsoName: 'Đỗ Thị Lan',
        rsoCertificateExpiry: '2029-12-31',
        phone: '0221 3863 000',
        kind: 'hospital',
      });
      expect(
        (await hospitalOp.request('PATCH', `/api/v1/facilities/${hospital}`, { kind: 'industrial' }))
          .statusCode,
      ).toBe(403);
      expect(
        (await hospitalOp.request('PATCH', `/api/v1/facilities/${ndt}`, { phone: '1' })).statusCode,
      ).toBe(404);
      const list = (await hospitalOp.request('GET', '/api/v1/facilities')).json();
      expect(list.items.map((f: { id: number }) => f.id)).toEqual([hospital]);
    });

    it('audits facility changes', async () => {
      const admin = await app.login('demo.admin');
      const audit = (
        await admin.request('GET', `/api/v1/audit?entityType=facility&entityId=${hospital}`)
      ).json();
      expect(audit.items[0]).toMatchObject({ action: 'facility.update', actorName: 'demo.facility' });
    });
  });

  describe('sources', () => {
    it('registers a source from the minimal contract, with decay and category computed', async () => {
      const res = await dost.request('POST', '/api/v1/sources', {
        facilityId: ndt,
        nuclide: 'Ir-192',
        serial: 'T-IR-1',
        referenceActivityBq: 3.7e12,
        referenceDate: '2026-08-30',
      });
      expect(res.statusCode).toBe(201);
      const s = res.json();
      // Fake clock: 2026-11-28T08:00Z, i.e. 90 d 8 h after the reference date. Ir-192 T½ = 73.829 d (ENSDF),
      // D = 0.08 TBq (EU BSS Annex III): A = 3.7 TBq · 2^(−90.333/73.829) = 1.586 TBq; A/D = 19.8 → Category 2.
      const expected = 3.7e12 * Math.pow(2, -(90 + 8 / 24) / 73.829);
      expect(s).toMatchObject({
        nuclide: 'Ir-192',
        referenceActivityBq: 3.7e12,
        referenceDate: '2026-08-30',
        status: 'stored',
        category: 2,
        restricted: false,
      });
      expect(s.currentActivityBq / expected).toBeCloseTo(1, 6);
      expect(s.aOverD).toBeCloseTo(expected / 1e12 / 0.08, 6);
    });

    it('refuses an unknown nuclide, a negative activity and a future reference date, naming the field', async () => {
      const base = {
        facilityId: ndt,
        serial: 'BAD-1',
        referenceActivityBq: 1e9,
        referenceDate: '2020-01-01',
        nuclide: 'Cs-137',
      };
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ nuclide: 'Xx-999' }, '/nuclide', 'not_allowed_value'],
        [{ nuclide: 'cesium' }, '/nuclide', 'not_allowed_value'],
        [{ referenceActivityBq: -5 }, '/referenceActivityBq', 'too_small'],
        [{ referenceActivityBq: 0 }, '/referenceActivityBq', 'too_small'],
        [{ referenceActivityBq: '1e9' }, '/referenceActivityBq', 'type'],
        [{ referenceDate: '2027-01-01' }, '/referenceDate', 'in_future'],
        [{ referenceDate: '01/01/2020' }, '/referenceDate', 'format'],
        [{ referenceDate: '2020-02-30' }, '/referenceDate', 'format'],
      ];
      for (const [patch, field, reason] of cases) {
        const res = await dost.request('POST', '/api/v1/sources', { ...base, ...patch });
        expect(res.statusCode, JSON.stringify(patch)).toBe(400);
        expect(res.json().error.details.issues[0], JSON.stringify(patch)).toMatchObject({ field, reason });
      }
      const vi = await dost.request('POST', '/api/v1/sources', { ...base, referenceDate: '2027-01-01' });
      expect(vi.json().error.message).toBe('Dữ liệu không hợp lệ: /referenceDate — không được ở tương lai.');
    });

    it('refuses the same source twice (nuclide, manufacturer, serial)', async () => {
      const body = {
        facilityId: ndt,
        nuclide: 'Co-60',
        serial: 'DUP-CO',
        manufacturer: 'Hopewell',
        referenceActivityBq: 1e10,
        referenceDate: '2024-01-01',
      };
      expect((await dost.request('POST', '/api/v1/sources', body)).statusCode).toBe(201);
      const again = await dost.request('POST', '/api/v1/sources', body);
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('source.duplicate');
    });

    it('a facility registers sources for itself only', async () => {
      const own = await hospitalOp.request('POST', '/api/v1/sources', {
        facilityId: hospital,
        nuclide: 'Cs-137',
        serial: 'OWN-1',
        referenceActivityBq: 1e6,
        referenceDate: '2022-01-01',
      });
      expect(own.statusCode).toBe(201);
      expect(own.json().category).toBe(5);
      const other = await hospitalOp.request('POST', '/api/v1/sources', {
        facilityId: ndt,
        nuclide: 'Cs-137',
        serial: 'OTHER-1',
        referenceActivityBq: 1e6,
        referenceDate: '2022-01-01',
      });
      expect(other.statusCode).toBe(403);
    });

    it('withholds category 1–3 details from those without a need to know, but not the counts', async () => {
      const list = (
        await responder.request('GET', '/api/v1/sources?facilityId=' + ndt + '&limit=500')
      ).json();
      const ir = list.items.find(
        (s: { nuclide: string; category: number }) => s.nuclide === 'Ir-192' && s.category === 2,
      );
      expect(ir).toMatchObject({
        restricted: true,
        serial: null,
        location: null,
        currentActivityBq: null,
        referenceActivityBq: null,
        aOverD: null,
      });
      const gauge = list.items.find((s: { category: number }) => s.category === 4);
      expect(gauge.restricted).toBe(false);
      expect((await responder.request('GET', `/api/v1/sources/${ir.id}/transactions`)).statusCode).toBe(404);
      // The serial cannot be found by searching for it either.
      const search = (await responder.request('GET', '/api/v1/sources?q=DEMO-IR-0001')).json();
      expect(search.total).toBe(0);
      // DOST staff and inspectors see everything.
      const full = (await inspector.request('GET', `/api/v1/sources/${ir.id}`)).json();
      expect(full.restricted).toBe(false);
      expect(full.serial).toMatch(/^(DEMO-IR-0001|T-IR-1)$/);
      const summary = (await responder.request('GET', '/api/v1/sources/summary')).json();
      expect(summary.byCategory['2']).toBeGreaterThanOrEqual(2);
    });

    it('filters by category and status, and pages', async () => {
      const cat2 = (await dost.request('GET', '/api/v1/sources?category=2')).json();
      expect(cat2.items.every((s: { category: number }) => s.category === 2)).toBe(true);
      const stored = (await dost.request('GET', '/api/v1/sources?status=stored&limit=1')).json();
      expect(stored.items).toHaveLength(1);
      expect(stored.total).toBeGreaterThan(1);
    });
  });

  describe('ledger', () => {
    let sourceId: number;
    beforeAll(async () => {
      const created = await dost.request('POST', '/api/v1/sources', {
        facilityId: ndt,
        nuclide: 'Se-75',
        serial: 'LEDGER-1',
        referenceActivityBq: 1e12,
        referenceDate: '2026-10-01',
        receivedOn: '2026-10-05',
        location: 'Kho A',
      });
      sourceId = created.json().id;
    });

    it('derives status from transactions and refuses those that do not fit', async () => {
      const ndtOp = await app.login('demo.admin');
      const install = await ndtOp.request('POST', `/api/v1/sources/${sourceId}/transactions`, {
        type: 'install',
        occurredOn: '2026-11-01',
        location: 'Công trường B',
      });
      expect(install.statusCode).toBe(201);
      expect(install.json()).toMatchObject({
        type: 'install',
        statusAfter: 'in_use',
        location: 'Công trường B',
      });
      const source = (await ndtOp.request('GET', `/api/v1/sources/${sourceId}`)).json();
      expect(source).toMatchObject({ status: 'in_use', location: 'Công trường B' });
      const bad = await ndtOp.request('POST', `/api/v1/sources/${sourceId}/transactions`, {
        type: 'found',
        occurredOn: '2026-11-02',
      });
      expect(bad.statusCode).toBe(409);
      expect(bad.json().error).toMatchObject({ code: 'source.transaction_not_allowed' });
      const move = await ndtOp.request('POST', `/api/v1/sources/${sourceId}/transactions`, {
        type: 'move',
        occurredOn: '2026-11-02',
      });
      expect(move.json().error.details.issues[0]).toMatchObject({ field: '/location', reason: 'required' });
      const future = await ndtOp.request('POST', `/api/v1/sources/${sourceId}/transactions`, {
        type: 'store',
        occurredOn: '2026-12-25',
      });
      expect(future.json().error.details.issues[0]).toMatchObject({
        field: '/occurredOn',
        reason: 'in_future',
      });
      const backwards = await ndtOp.request('POST', `/api/v1/sources/${sourceId}/transactions`, {
        type: 'store',
        occurredOn: '2026-10-15',
      });
      expect(backwards.json().error.details.issues[0]).toMatchObject({
        field: '/occurredOn',
        reason: 'too_small',
      });
    });

    it('matches a transfer between two facilities of the province, and flags the half that is missing', async () => {
      const out = await dost.request('POST', `/api/v1/sources/${sourceId}/transactions`, {
        type: 'transfer_out',
        occurredOn: '2026-11-10',
        counterpartyFacilityId: hospital,
      });
      expect(out.statusCode).toBe(201);
      expect(out.json()).toMatchObject({
        statusAfter: 'transferred_out',
        unmatched: true,
        counterpartyFacilityId: hospital,
      });
      // The receiving facility sees the source on its way and confirms it.
      const pending = (await hospitalOp.request('GET', '/api/v1/sources?status=transferred_out')).json();
      expect(pending.items.map((s: { id: number }) => s.id)).toContain(sourceId);
      const incoming = pending.items.find((s: { id: number }) => s.id === sourceId);
      expect(incoming.pendingTransferToName).toMatch(/^Bệnh viện/);
      expect(out.json().counterpartyName).toMatch(/^Bệnh viện/);
      const into = await hospitalOp.request('POST', `/api/v1/sources/${sourceId}/transactions`, {
        type: 'transfer_in',
        occurredOn: '2026-11-12',
        location: 'Kho nguồn bệnh viện',
      });
      expect(into.statusCode).toBe(201);
      expect(into.json()).toMatchObject({
        statusAfter: 'stored',
        facilityId: hospital,
        matchedTransactionId: out.json().id,
      });
      const ledger = (await hospitalOp.request('GET', `/api/v1/sources/${sourceId}/transactions`)).json();
      expect(ledger.map((t: { type: string }) => t.type)).toEqual([
        'receipt',
        'install',
        'transfer_out',
        'transfer_in',
      ]);
      expect(ledger.find((t: { type: string }) => t.type === 'transfer_out').unmatched).toBe(false);
      const source = (await hospitalOp.request('GET', `/api/v1/sources/${sourceId}`)).json();
      expect(source).toMatchObject({ facilityId: hospital, status: 'stored', pendingTransferTo: null });
      // The former holder no longer sees it.
      const ndtList = (await app.login('demo.facility2')).request('GET', `/api/v1/sources/${sourceId}`);
      expect((await ndtList).statusCode).toBe(404);
    });

    it('only the receiving facility may record the transfer in', async () => {
      const created = await dost.request('POST', '/api/v1/sources', {
        facilityId: ndt,
        nuclide: 'Cs-137',
        serial: 'XFER-2',
        referenceActivityBq: 1e9,
        referenceDate: '2020-01-01',
        receivedOn: '2026-11-01',
      });
      const id = created.json().id;
      await dost.request('POST', `/api/v1/sources/${id}/transactions`, {
        type: 'transfer_out',
        occurredOn: '2026-11-20',
        counterpartyFacilityId: hospital,
      });
      const wrong = await app.login('demo.facility2');
      expect(
        (
          await wrong.request('POST', `/api/v1/sources/${id}/transactions`, {
            type: 'transfer_in',
            occurredOn: '2026-11-21',
          })
        ).statusCode,
      ).toBe(404);
      const ledger = (await dost.request('GET', `/api/v1/sources/${id}/transactions`)).json();
      expect(ledger.at(-1)).toMatchObject({ type: 'transfer_out', unmatched: true });
    });

    it('keeps the ledger append-only and audited', async () => {
      const admin = await app.login('demo.admin');
      const audit = (
        await admin.request('GET', `/api/v1/audit?entityType=source&entityId=${sourceId}`)
      ).json();
      expect(audit.items.map((e: { action: string }) => e.action)).toEqual([
        'source.transfer_in',
        'source.transfer_out',
        'source.install',
        'source.create',
      ]);
      expect((await admin.request('DELETE', `/api/v1/sources/${sourceId}/transactions`)).statusCode).toBe(
        404,
      );
    });
  });

  describe('devices and QA tests', () => {
    it('declares a CT scanner, flags it until a valid QA test is on record, and again when the test runs out', async () => {
      const ct = await hospitalOp.request('POST', '/api/v1/devices', {
        facilityId: hospital,
        type: 'ct',
        maker: 'Siemens',
        model: 'SOMATOM go.Up',
        serial: 'CT-001',
        yearMade: 2024,
        digital: true,
      });
      expect(ct.statusCode).toBe(201);
      const id = ct.json().id;
      expect(ct.json()).toMatchObject({
        type: 'ct',
        status: 'in_use',
        qaOverdue: true,
        lastQa: null,
        qaDue: null,
      });
      const bad = await hospitalOp.request('POST', `/api/v1/devices/${id}/qa-tests`, {
        testedOn: '2026-11-20',
        result: 'pass',
        nextDue: '2026-11-01',
      });
      expect(bad.json().error.details.issues[0]).toMatchObject({ field: '/nextDue', reason: 'too_small' });
      const noDue = await hospitalOp.request('POST', `/api/v1/devices/${id}/qa-tests`, {
        testedOn: '2026-11-20',
        result: 'pass',
      });
      expect(noDue.json().error.details.issues[0]).toMatchObject({ field: '/nextDue', reason: 'required' });
      const future = await hospitalOp.request('POST', `/api/v1/devices/${id}/qa-tests`, {
        testedOn: '2026-12-20',
        result: 'pass',
        nextDue: '2027-12-20',
      });
      expect(future.json().error.details.issues[0]).toMatchObject({
        field: '/testedOn',
        reason: 'in_future',
      });
      const qa = await hospitalOp.request('POST', `/api/v1/devices/${id}/qa-tests`, {
        testedOn: '2026-11-20',
        result: 'pass',
        nextDue: '2027-11-20',
        certificateNumber: 'KĐ-2026-0420',
        tester: 'Trung tâm Kiểm định',
      });
      expect(qa.statusCode).toBe(201);
      const ok = (await hospitalOp.request('GET', `/api/v1/devices/${id}`)).json();
      expect(ok).toMatchObject({
        qaOverdue: false,
        qaDue: '2027-11-20',
        lastQa: { certificateNumber: 'KĐ-2026-0420', result: 'pass' },
      });
      app.clock.set('2027-11-21T03:00:00Z');
      try {
        // A year on, with a fresh session (the old ones have expired).
        const later = await app.login('demo.dost');
        const late = (
          await later.request('GET', `/api/v1/devices?qaOverdue=true&facilityId=${hospital}`)
        ).json();
        expect(late.items.map((d: { id: number }) => d.id)).toContain(id);
      } finally {
        app.clock.set('2026-11-28T08:00:00Z');
        // Signing in a year later cleared the expired sessions: open new ones.
        dost = await app.login('demo.dost');
        hospitalOp = await app.login('demo.facility');
      }
    });

    it('a failed QA test keeps the device flagged; MRI is never flagged', async () => {
      const xr = (
        await dost.request('POST', '/api/v1/devices', {
          facilityId: hospital,
          type: 'xray_general',
          digital: false,
        })
      ).json();
      await dost.request('POST', `/api/v1/devices/${xr.id}/qa-tests`, {
        testedOn: '2026-11-01',
        result: 'fail',
      });
      expect((await dost.request('GET', `/api/v1/devices/${xr.id}`)).json()).toMatchObject({
        qaOverdue: true,
        lastQa: { result: 'fail' },
      });
      const mri = (
        await dost.request('POST', '/api/v1/devices', { facilityId: hospital, type: 'mri' })
      ).json();
      expect(mri.qaOverdue).toBe(false);
    });

    it('another facility can neither see nor test the devices', async () => {
      const other = await app.login('demo.facility2');
      const list = (await other.request('GET', '/api/v1/devices?limit=500')).json();
      expect(list.items.every((d: { facilityId: number }) => d.facilityId !== hospital)).toBe(true);
      const anyDevice = (await dost.request('GET', `/api/v1/devices?facilityId=${hospital}`)).json().items[0];
      expect(
        (
          await other.request('POST', `/api/v1/devices/${anyDevice.id}/qa-tests`, {
            testedOn: '2026-11-01',
            result: 'pass',
            nextDue: '2027-11-01',
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (await other.request('POST', '/api/v1/devices', { facilityId: hospital, type: 'ct' })).statusCode,
      ).toBe(403);
    });
  });

  it('categorises co-located sources together (RS-G-1.9: Σ A/D), withholding category 1–3 places', async () => {
    // The NDT company keeps its Ir-192 and Se-75 radiography sources in one store: Σ A/D of the two.
    const officer = await app.login('demo.dost');
    const sources = (await officer.request('GET', `/api/v1/sources?facilityId=${ndt}&limit=100`)).json()
      .items as {
      location: string;
      aOverD: number;
      status: string;
    }[];
    const store = sources.filter((s) => s.location === 'Kho nguồn, nhà xưởng số 2');
    const expected = store.reduce((sum, s) => sum + s.aOverD, 0);
    const places = (await officer.request('GET', `/api/v1/facilities/${ndt}/source-locations`)).json();
    const place = places.find((p: { location: string | null }) => p.location === 'Kho nguồn, nhà xưởng số 2');
    expect(place.sources).toBe(store.length);
    expect(place.aOverD).toBeCloseTo(expected, 6);
    // RS-G-1.9 Table 1 thresholds: 10 ≤ A/D < 1000 is category 2.
    expect(expected).toBeGreaterThanOrEqual(10);
    expect(place.category).toBe(2);

    // Without need to know: the category and the count, not the place or the ratio.
    // (Signed in again: earlier tests moved the clock past the first session.)
    const outsider = await app.login('demo.responder');
    const seenRes = await outsider.request('GET', `/api/v1/facilities/${ndt}/source-locations`);
    expect(seenRes.statusCode, seenRes.body).toBe(200);
    const seen = seenRes.json();
    const withheld = seen.find((p: { category: number }) => p.category === 2);
    expect(withheld).toMatchObject({ location: null, aOverD: null, restricted: true, sources: store.length });
    expect(JSON.stringify(seen)).not.toContain('nhà xưởng số 2');
    expect((await officer.request('GET', '/api/v1/facilities/999999/source-locations')).statusCode).toBe(404);
  });
});

describeEachDatabase('registry lists: sorting', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(dialect);
  });
  afterAll(async () => app.close());

  it('sorts sources, facilities and licences by a whitelisted field, both ways, and refuses others by name', async () => {
    const dost = await app.login('demo.dost');
    const byActivity = (await dost.request('GET', '/api/v1/sources?sort=-currentActivityBq'))
      .json()
      .items.map((s: { currentActivityBq: number }) => s.currentActivityBq);
    expect(byActivity).toEqual([...byActivity].sort((a, b) => b - a));
    const byCategory = (await dost.request('GET', '/api/v1/sources?sort=category'))
      .json()
      .items.map((s: { category: number }) => s.category);
    expect(byCategory).toEqual([...byCategory].sort((a, b) => a - b));
    const names: string[] = (await dost.request('GET', '/api/v1/facilities?sort=-name'))
      .json()
      .items.map((f: { name: string }) => f.name);
    expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a, 'vi')));
    const bad = await dost.request('GET', '/api/v1/sources?sort=serial');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0]).toMatchObject({
      field: 'query/sort',
      reason: 'not_allowed_value',
    });
    expect((await dost.request('GET', '/api/v1/licences?sort=-validUntil')).statusCode).toBe(200);
    expect((await dost.request('GET', '/api/v1/applications?sort=dueOn')).statusCode).toBe(200);
    expect((await dost.request('GET', '/api/v1/devices?sort=-qaDue')).statusCode).toBe(200);
  });
});
