import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_RETRY_SECONDS } from '../../adapters/webhook.js';
import {
  createTestApp,
  describeEachDatabase,
  orgId,
  type Session,
  type TestApp,
} from '../../test/harness.js';
import { readMail, startHttpSink, startSmtpSink, type HttpSink, type SmtpSink } from '../../test/sinks.js';
import { DELIVER_JOB } from './notification.jobs.js';
import type { PublishEvent } from './notification.service.js';

const PUBLIC_URL = 'https://sievert.example.gov.vn';

function event(overrides: Partial<PublishEvent> = {}): PublishEvent {
  return {
    kind: 'alarm.raised',
    severity: 'alert',
    title: { vi: 'Suất liều tăng cao tại trạm VN33001', en: 'High dose rate at station VN33001' },
    body: {
      vi: 'Suất liều gamma 0,45 µSv/h, gấp 3 lần mức nền.',
      en: 'Gamma dose rate 0.45 µSv/h, three times the background.',
    },
    link: '/monitoring/stations/VN33001',
    data: { station: 'VN33001', valueNSvH: 450 },
    ...overrides,
  };
}

async function inboxIds(session: Session, query = ''): Promise<number[]> {
  const res = await session.request('GET', `/api/v1/notifications${query}`);
  expect(res.statusCode).toBe(200);
  return (res.json().items as Array<{ id: number }>).map((n) => n.id);
}

describeEachDatabase('notifications', (dialect) => {
  let app: TestApp;
  let smtp: SmtpSink;
  let communeOfOfficer: string;
  let otherCommune: string;
  const sinks: HttpSink[] = [];

  beforeAll(async () => {
    smtp = await startSmtpSink();
    app = await createTestApp(dialect, {
      SIEVERT_SMTP_URL: smtp.url,
      SIEVERT_MAIL_FROM: 'Sievert Hưng Yên <canh-bao@sievert.example.gov.vn>',
      SIEVERT_PUBLIC_URL: PUBLIC_URL,
      SIEVERT_WEBHOOK_ALLOW_PRIVATE: 'true',
      SIEVERT_WEBHOOK_TIMEOUT_MS: '3000',
    });
    const db = app.database.db;
    await db
      .updateTable('users')
      .set({ email: 'ha.tran@sievert.example.gov.vn' })
      .where('username', '=', 'demo.dost')
      .execute();
    await db
      .updateTable('users')
      .set({ email: 'nam.vu@ubnd.example.gov.vn' })
      .where('username', '=', 'demo.commune')
      .execute();
    const officerOrg = await db
      .selectFrom('organisations')
      .select('commune_code')
      .where('code', '=', 'UBND-1')
      .executeTakeFirstOrThrow();
    communeOfOfficer = officerOrg.commune_code!;
    const other = await db
      .selectFrom('communes')
      .select('code')
      .where('code', '!=', communeOfOfficer)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    otherCommune = other.code;
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
    for (const sink of sinks) await sink.close();
  });

  async function sink(status = 200): Promise<HttpSink> {
    const created = await startHttpSink(status);
    sinks.push(created);
    return created;
  }

  it('sends a bilingual e-mail through a real SMTP server, from the outbox, to DOST staff by default', async () => {
    const published = await app.services.notifications.publish(event());
    expect(published.emails).toBe(1);
    // Nothing is sent inline: the outbox holds it until the delivery job runs.
    expect(smtp.messages).toHaveLength(0);
    expect(await app.jobs.runOnce(DELIVER_JOB)).toBe(true);
    const [message] = await smtp.waitFor(1);
    expect(message!.to).toEqual(['ha.tran@sievert.example.gov.vn']);
    expect(message!.from).toBe('canh-bao@sievert.example.gov.vn');
    const mail = readMail(message!.raw);
    expect(mail.subject).toContain('Cảnh báo');
    expect(mail.subject).toContain('Suất liều tăng cao tại trạm VN33001');
    expect(mail.subject).toContain('High dose rate at station VN33001');
    // Vietnamese first, then English, with the link to the app.
    const vi = mail.text.indexOf('Suất liều gamma 0,45 µSv/h');
    const en = mail.text.indexOf('Gamma dose rate 0.45 µSv/h');
    expect(vi).toBeGreaterThanOrEqual(0);
    expect(en).toBeGreaterThan(vi);
    expect(mail.text).toContain(`${PUBLIC_URL}/monitoring/stations/VN33001`);
    expect(mail.html).toContain('Gamma dose rate 0.45 µSv/h');
    expect(mail.html).toContain(`href="${PUBLIC_URL}/monitoring/stations/VN33001"`);

    const delivery = await app.database.db
      .selectFrom('notification_deliveries')
      .selectAll()
      .where('notification_id', '=', published.id)
      .executeTakeFirstOrThrow();
    expect(delivery).toMatchObject({ channel: 'email', status: 'delivered', attempts: 1, last_error: null });

    // A warning is below the default e-mail threshold (alert): no e-mail.
    const warning = await app.services.notifications.publish(event({ severity: 'warning' }));
    expect(warning.emails).toBe(0);
  });

  it('keeps each person to their scope: commune officers their commune, facilities their own organisation', async () => {
    const cs1 = await orgId(app, 'CS-1');
    const cs1Commune = (
      await app.database.db
        .selectFrom('organisations')
        .select('commune_code')
        .where('id', '=', cs1)
        .executeTakeFirstOrThrow()
    ).commune_code;
    const province = await app.services.notifications.publish(
      event({ kind: 'test.scope', severity: 'info' }),
    );
    const elsewhere = await app.services.notifications.publish(
      event({ kind: 'test.scope', severity: 'info', communeCode: otherCommune }),
    );
    const here = await app.services.notifications.publish(
      event({ kind: 'test.scope', severity: 'info', communeCode: communeOfOfficer }),
    );
    const facility = await app.services.notifications.publish(
      event({ kind: 'test.scope', severity: 'info', organisationId: cs1 }),
    );
    expect(facility.item.communeCode).toBe(cs1Commune);

    const commune = await inboxIds(await app.login('demo.commune'));
    expect(commune).toContain(province.id);
    expect(commune).toContain(here.id);
    expect(commune).not.toContain(elsewhere.id);
    if (cs1Commune === communeOfOfficer) expect(commune).toContain(facility.id);
    else expect(commune).not.toContain(facility.id);

    const operator = await inboxIds(await app.login('demo.facility'));
    expect(operator).toContain(facility.id);
    expect(operator).not.toContain(province.id);
    expect(operator).not.toContain(here.id);
    expect(await inboxIds(await app.login('demo.facility2'))).not.toContain(facility.id);

    const dost = await inboxIds(await app.login('demo.dost'));
    for (const n of [province, elsewhere, here, facility]) expect(dost).toContain(n.id);

    // The audience narrows further: only people with a permission.
    const managers = await app.services.notifications.publish(
      event({ kind: 'test.scope', audience: { permission: 'alarm_rule.manage' } }),
    );
    expect(await inboxIds(await app.login('demo.dost'))).toContain(managers.id);
    expect(await inboxIds(await app.login('demo.leader'))).not.toContain(managers.id);
  });

  it('filters by severity, kind and commune as each person subscribes, audited', async () => {
    const responder = await app.login('demo.responder');
    const before = (await responder.request('GET', '/api/v1/notifications/subscription')).json();
    expect(before).toMatchObject({
      source: 'default',
      inApp: { enabled: true, minSeverity: 'info' },
      email: { enabled: false },
      emailAvailable: true,
      emailAddress: null,
    });
    const saved = await responder.request('PUT', '/api/v1/notifications/subscription', {
      inApp: { enabled: true, minSeverity: 'alert' },
      email: { enabled: false, minSeverity: 'emergency' },
      kinds: ['alarm.*'],
      communeCodes: [communeOfOfficer],
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      source: 'own',
      kinds: ['alarm.*'],
      communeCodes: [communeOfOfficer],
    });

    const publish = (e: Partial<PublishEvent>) => app.services.notifications.publish(event(e));
    const lowSeverity = await publish({
      kind: 'alarm.raised',
      severity: 'warning',
      communeCode: communeOfOfficer,
    });
    const otherKind = await publish({
      kind: 'licence.expiring',
      severity: 'emergency',
      communeCode: communeOfOfficer,
    });
    const otherCommuneEvent = await publish({
      kind: 'alarm.raised',
      severity: 'alert',
      communeCode: otherCommune,
    });
    const wanted = await publish({
      kind: 'alarm.escalated',
      severity: 'emergency',
      communeCode: communeOfOfficer,
    });
    const provinceWide = await publish({ kind: 'alarm.raised', severity: 'alert' });
    const ids = await inboxIds(responder);
    expect(ids).toContain(wanted.id);
    expect(ids).toContain(provinceWide.id);
    for (const n of [lowSeverity, otherKind, otherCommuneEvent]) expect(ids).not.toContain(n.id);

    for (const [body, field] of [
      [{ ...saved.json(), communeCodes: ['99999'] }, '/communeCodes/0'],
      [
        {
          inApp: { enabled: true, minSeverity: 'loud' },
          email: { enabled: false, minSeverity: 'info' },
          kinds: [],
          communeCodes: [],
        },
        '/inApp/minSeverity',
      ],
      [
        {
          inApp: { enabled: true, minSeverity: 'info' },
          email: { enabled: false, minSeverity: 'info' },
          kinds: ['Alarm Raised'],
          communeCodes: [],
        },
        '/kinds/0',
      ],
      [
        {
          inApp: { enabled: true, minSeverity: 'info' },
          email: { enabled: false, minSeverity: 'info' },
          kinds: [],
          communeCodes: [],
          extra: 1,
        },
        '/extra',
      ],
    ] as const) {
      const {
        source: _s,
        updatedAt: _u,
        emailAddress: _e,
        emailAvailable: _a,
        ...rest
      } = body as Record<string, unknown>;
      const res = await responder.request('PUT', '/api/v1/notifications/subscription', rest);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.details.issues[0].field, field).toBe(field);
    }
    const tooMany = await responder.request('PUT', '/api/v1/notifications/subscription', {
      inApp: { enabled: true, minSeverity: 'info' },
      email: { enabled: false, minSeverity: 'info' },
      kinds: Array.from({ length: 51 }, (_, i) => `kind${i}.x`),
      communeCodes: [],
    });
    expect(tooMany.statusCode).toBe(400);

    const reset = await responder.request('DELETE', '/api/v1/notifications/subscription');
    expect(reset.json()).toMatchObject({ source: 'default', kinds: [] });
    const audit = (await (await app.login('demo.admin')).request('GET', '/api/v1/audit?limit=100')).json();
    const actions = (audit.items as Array<{ action: string }>).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['notification.subscription_update', 'notification.subscription_reset']),
    );
  });

  it('lets managers set a role’s settings; a person’s own choice wins over the role’s', async () => {
    const admin = await app.login('demo.admin');
    const commune = await app.login('demo.commune');
    expect((await commune.request('GET', '/api/v1/notifications/role-subscriptions')).statusCode).toBe(403);
    const set = await admin.request('PUT', '/api/v1/notifications/role-subscriptions/commune_officer', {
      inApp: { enabled: true, minSeverity: 'info' },
      email: { enabled: true, minSeverity: 'warning' },
      kinds: [],
      communeCodes: [],
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ role: 'commune_officer', source: 'role', email: { enabled: true } });
    expect((await commune.request('GET', '/api/v1/notifications/subscription')).json()).toMatchObject({
      source: 'role',
      email: { enabled: true, minSeverity: 'warning' },
    });

    const sent = smtp.messages.length;
    const warning = await app.services.notifications.publish(
      event({ kind: 'alarm.raised', severity: 'warning', communeCode: communeOfOfficer }),
    );
    expect(warning.emails).toBe(1);
    await app.jobs.runOnce(DELIVER_JOB);
    const messages = await smtp.waitFor(sent + 1);
    expect(messages.at(-1)!.to).toEqual(['nam.vu@ubnd.example.gov.vn']);

    // The person's own choice wins.
    await commune.request('PUT', '/api/v1/notifications/subscription', {
      inApp: { enabled: true, minSeverity: 'info' },
      email: { enabled: false, minSeverity: 'warning' },
      kinds: [],
      communeCodes: [],
    });
    const again = await app.services.notifications.publish(
      event({ kind: 'alarm.raised', severity: 'warning', communeCode: communeOfOfficer }),
    );
    expect(again.emails).toBe(0);
    const roles = (await admin.request('GET', '/api/v1/notifications/role-subscriptions')).json();
    expect(roles).toHaveLength(8);
    expect(roles.find((r: { role: string }) => r.role === 'dost_officer')).toMatchObject({
      source: 'default',
      email: { enabled: true, minSeverity: 'alert' },
    });
    const back = await admin.request('DELETE', '/api/v1/notifications/role-subscriptions/commune_officer');
    expect(back.json()).toMatchObject({ source: 'default', email: { enabled: false } });
  });

  it('keeps an inbox per person: unread filter, read, read all', async () => {
    const leader = await app.login('demo.leader');
    const first = await app.services.notifications.publish(event({ kind: 'test.inbox' }));
    const page = (await leader.request('GET', '/api/v1/notifications?unread=true&limit=5')).json();
    expect(page.items[0]).toMatchObject({
      id: first.id,
      kind: 'test.inbox',
      readAt: null,
      title: { vi: 'Suất liều tăng cao tại trạm VN33001', en: 'High dose rate at station VN33001' },
      data: { station: 'VN33001', valueNSvH: 450 },
    });
    expect(page.unread).toBeGreaterThan(1);
    expect((await leader.request('POST', `/api/v1/notifications/${first.id}/read`)).statusCode).toBe(204);
    expect(await inboxIds(leader, '?unread=true&limit=500')).not.toContain(first.id);
    expect(await inboxIds(leader, '?unread=false&limit=500')).toContain(first.id);
    // Not in this person's inbox: not found.
    const facilityOnly = await app.services.notifications.publish(
      event({ kind: 'test.inbox', organisationId: await orgId(app, 'CS-2') }),
    );
    const operator = await app.login('demo.facility');
    expect((await operator.request('POST', `/api/v1/notifications/${facilityOnly.id}/read`)).statusCode).toBe(
      404,
    );
    expect((await operator.request('POST', '/api/v1/notifications/abc/read')).statusCode).toBe(400);
    const all = await leader.request('POST', '/api/v1/notifications/read-all');
    expect(all.json().updated).toBeGreaterThan(0);
    expect((await leader.request('GET', '/api/v1/notifications')).json().unread).toBe(0);
    expect((await app.app.inject({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
  });

  it('refuses broken events with the field and the reason', async () => {
    const publish = (e: Partial<PublishEvent>) => app.services.notifications.publish(event(e));
    const cases: Array<[Partial<PublishEvent>, string]> = [
      [{ kind: 'Alarm Raised' }, '/kind'],
      [{ kind: 'a'.repeat(200) }, '/kind'],
      [{ severity: 'loud' as never }, '/severity'],
      [{ title: { vi: '', en: 'x' } }, '/title/vi'],
      [{ body: { vi: 'x', en: 'y'.repeat(6000) } }, '/body/en'],
      [{ link: 'https://evil.example/' }, '/link'],
      [{ link: '//evil.example/' }, '/link'],
      [{ link: '/a\nb' }, '/link'],
      [{ communeCode: '99999' }, '/communeCode'],
      [{ organisationId: 999999 }, '/organisationId'],
      [{ data: { blob: 'x'.repeat(40_000) } }, '/data'],
    ];
    for (const [bad, field] of cases) {
      await expect(publish(bad), field).rejects.toMatchObject({
        code: 'validation.failed',
        issues: [expect.objectContaining({ field })],
      });
    }
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(publish({ data: circular })).rejects.toMatchObject({ code: 'validation.failed' });
  });

  describe('webhooks', () => {
    it('are managed by notification.manage only; the secret is shown once and stored sealed', async () => {
      const receiver = await sink();
      const dost = await app.login('demo.dost');
      const responder = await app.login('demo.responder');
      expect((await responder.request('GET', '/api/v1/webhooks')).statusCode).toBe(403);
      expect(
        (await responder.request('POST', '/api/v1/webhooks', { name: 'x', url: receiver.url })).statusCode,
      ).toBe(403);

      const created = await dost.request('POST', '/api/v1/webhooks', {
        name: 'Trung tâm điều hành',
        url: `${receiver.url}/hooks/sievert`,
        kinds: ['test.webhook'],
        minSeverity: 'info',
      });
      expect(created.statusCode).toBe(201);
      const { webhook, secret } = created.json();
      expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
      expect(webhook).toMatchObject({
        name: 'Trung tâm điều hành',
        active: true,
        secretHint: secret.slice(0, 10),
      });
      const listed = await dost.request('GET', '/api/v1/webhooks');
      expect(listed.body).not.toContain(secret);
      const stored = await app.database.db.selectFrom('webhooks').selectAll().execute();
      expect(JSON.stringify(stored)).not.toContain(secret.slice(10));

      for (const [url, reason] of [
        ['ftp://example.com/hook', '/url'],
        ['http://169.254.169.254/latest/meta-data', 'private_address'],
        ['http://[fe80::1]/x', 'private_address'],
        ['http://[::ffff:169.254.169.254]/x', 'private_address'],
        ['http://0.0.0.0:8080/x', 'private_address'],
        ['http://metadata.google.internal/computeMetadata/v1/', 'private_address'],
        ['http://user:pw@example.com/hook', 'url_credentials'],
        ['https://exa mple.com/', 'invalid'],
      ] as const) {
        const res = await dost.request('POST', '/api/v1/webhooks', { name: 'Sai', url });
        expect(res.statusCode, url).toBe(400);
        const issue = res.json().error.details.issues[0];
        expect(issue.field, url).toBe('/url');
        if (reason !== '/url') expect(issue.reason, url).toBe(reason);
      }
      const huge = await dost.request('POST', '/api/v1/webhooks', {
        name: 'x',
        url: `http://a.example/${'a'.repeat(3000)}`,
      });
      expect(huge.statusCode).toBe(400);

      const audit = (
        await (await app.login('demo.admin')).request('GET', '/api/v1/audit?entityType=webhook')
      ).json();
      expect(JSON.stringify(audit)).not.toContain(secret);
      expect(audit.items.map((e: { action: string }) => e.action)).toContain('webhook.create');
    });

    it('POST the event signed with HMAC-SHA256 of "<timestamp>.<body>"', async () => {
      const receiver = await sink();
      const dost = await app.login('demo.dost');
      const { webhook, secret } = (
        await dost.request('POST', '/api/v1/webhooks', {
          name: 'Nhận sự kiện',
          url: `${receiver.url}/in`,
          kinds: ['test.signed'],
          minSeverity: 'warning',
        })
      ).json();
      const below = await app.services.notifications.publish(
        event({ kind: 'test.signed', severity: 'info' }),
      );
      const published = await app.services.notifications.publish(
        event({ kind: 'test.signed', severity: 'alert' }),
      );
      expect(below.webhooks).toBe(0);
      expect(published.webhooks).toBe(1);
      await app.jobs.runOnce(DELIVER_JOB);
      expect(receiver.calls).toHaveLength(1);
      const call = receiver.calls[0]!;
      expect(call.method).toBe('POST');
      expect(call.url).toBe('/in');
      expect(call.headers['content-type']).toMatch(/^application\/json/);
      expect(call.headers['x-sievert-event']).toBe('test.signed');
      const timestamp = call.headers['x-sievert-timestamp'] as string;
      expect(Number(timestamp)).toBe(Math.floor(app.clock.now().getTime() / 1000));
      const expected = createHmac('sha256', secret).update(`${timestamp}.${call.body}`).digest('hex');
      expect(call.headers['x-sievert-signature']).toBe(`sha256=${expected}`);
      const body = JSON.parse(call.body);
      expect(body).toMatchObject({
        id: published.id,
        type: 'test.signed',
        severity: 'alert',
        url: `${PUBLIC_URL}/monitoring/stations/VN33001`,
        title: { vi: 'Suất liều tăng cao tại trạm VN33001', en: 'High dose rate at station VN33001' },
        data: { station: 'VN33001' },
      });

      const deliveries = (await dost.request('GET', `/api/v1/webhooks/${webhook.id}/deliveries`)).json();
      expect(deliveries.items[0]).toMatchObject({
        id: Number(call.headers['x-sievert-delivery']),
        status: 'delivered',
        attempts: 1,
        lastHttpStatus: 200,
      });
      // The receiver's answer is never kept.
      expect(JSON.stringify(deliveries)).not.toContain('secret internal answer');

      // A rotated secret signs from then on.
      const rotated = (
        await dost.request('PATCH', `/api/v1/webhooks/${webhook.id}`, { rotateSecret: true })
      ).json();
      expect(rotated.secret).not.toBe(secret);
      const test = await dost.request('POST', `/api/v1/webhooks/${webhook.id}/test`);
      expect(test.json()).toMatchObject({
        ok: true,
        delivery: { status: 'delivered', event: 'webhook.test' },
      });
      const testCall = receiver.calls[1]!;
      const ts = testCall.headers['x-sievert-timestamp'] as string;
      expect(testCall.headers['x-sievert-signature']).toBe(
        `sha256=${createHmac('sha256', rotated.secret).update(`${ts}.${testCall.body}`).digest('hex')}`,
      );
      expect((await dost.request('GET', '/api/v1/webhooks')).json()[0]).toBeDefined();
    });

    it('retry a failing receiver with growing waits, then give up', async () => {
      const receiver = await sink(503);
      let dost = await app.login('demo.dost');
      const { webhook } = (
        await dost.request('POST', '/api/v1/webhooks', {
          name: 'Hỏng',
          url: receiver.url,
          kinds: ['test.retry'],
          minSeverity: 'info',
        })
      ).json();
      const published = await app.services.notifications.publish(event({ kind: 'test.retry' }));
      const row = () =>
        app.database.db
          .selectFrom('notification_deliveries')
          .selectAll()
          .where('notification_id', '=', published.id)
          .where('webhook_id', '=', webhook.id)
          .executeTakeFirstOrThrow();

      await app.jobs.runOnce(DELIVER_JOB);
      expect(receiver.calls).toHaveLength(1);
      for (const [i, wait] of WEBHOOK_RETRY_SECONDS.entries()) {
        const current = await row();
        expect(current).toMatchObject({
          status: 'pending',
          attempts: i + 1,
          last_error: 'HTTP 503',
          last_http_status: 503,
        });
        const waited = (new Date(current.next_attempt_at!).getTime() - app.clock.now().getTime()) / 1000;
        // The schedule's wait, spread by at most ±10 %.
        expect(waited).toBeGreaterThanOrEqual(wait * 0.9 - 0.001);
        expect(waited).toBeLessThanOrEqual(wait * 1.1 + 0.001);
        app.clock.advance(wait * 0.85);
        await app.jobs.runOnce(DELIVER_JOB);
        expect(receiver.calls, 'not yet due').toHaveLength(i + 1);
        app.clock.set(current.next_attempt_at!);
        await app.jobs.runOnce(DELIVER_JOB);
        expect(receiver.calls).toHaveLength(i + 2);
      }
      const final = await row();
      expect(final).toMatchObject({
        status: 'failed',
        attempts: WEBHOOK_RETRY_SECONDS.length + 1,
        next_attempt_at: null,
      });
      app.clock.advance(7 * 86_400);
      await app.jobs.runOnce(DELIVER_JOB);
      expect(receiver.calls).toHaveLength(WEBHOOK_RETRY_SECONDS.length + 1);

      // A receiver that recovers gets what is still pending.
      receiver.status = 200;
      const later = await app.services.notifications.publish(event({ kind: 'test.retry' }));
      receiver.status = 500;
      await app.jobs.runOnce(DELIVER_JOB);
      receiver.status = 204;
      app.clock.advance(WEBHOOK_RETRY_SECONDS[0]! * 1.2);
      await app.jobs.runOnce(DELIVER_JOB);
      const recovered = await app.database.db
        .selectFrom('notification_deliveries')
        .selectAll()
        .where('notification_id', '=', later.id)
        .where('webhook_id', '=', webhook.id)
        .executeTakeFirstOrThrow();
      expect(recovered).toMatchObject({
        status: 'delivered',
        attempts: 2,
        last_http_status: 204,
        last_error: null,
      });

      // Deleting the webhook ends its pending deliveries (days went by: sign in again).
      dost = await app.login('demo.dost');
      receiver.status = 500;
      const orphan = await app.services.notifications.publish(event({ kind: 'test.retry' }));
      await app.jobs.runOnce(DELIVER_JOB);
      expect((await dost.request('DELETE', `/api/v1/webhooks/${webhook.id}`)).statusCode).toBe(204);
      const ended = await app.database.db
        .selectFrom('notification_deliveries')
        .select(['status', 'last_error'])
        .where('notification_id', '=', orphan.id)
        .where('webhook_id', '=', webhook.id)
        .executeTakeFirstOrThrow();
      expect(ended).toEqual({ status: 'failed', last_error: 'the webhook was deleted' });
      expect((await dost.request('GET', `/api/v1/webhooks/${webhook.id}`)).statusCode).toBe(404);
      const failing = await dost.request('POST', '/api/v1/webhooks', {
        name: 'Không ai nghe',
        url: 'http://127.0.0.1:9/x',
      });
      const test = await dost.request('POST', `/api/v1/webhooks/${failing.json().webhook.id}/test`);
      expect(test.json()).toMatchObject({ ok: false, delivery: { status: 'failed', attempts: 1 } });
      expect(test.json().delivery.lastError).toMatch(/ECONNREFUSED/);
      const actions = (
        await (
          await app.login('demo.admin')
        ).request('GET', `/api/v1/audit?entityType=webhook&entityId=${webhook.id}`)
      )
        .json()
        .items.map((e: { action: string }) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['webhook.create', 'webhook.delete']));
    });

    it('refuse private networks when the configuration says so', async () => {
      const strict = await createTestApp(dialect, { SIEVERT_WEBHOOK_ALLOW_PRIVATE: 'false' });
      try {
        const dost = await strict.login('demo.dost');
        for (const url of [
          'http://127.0.0.1:8080/x',
          'http://10.1.2.3/x',
          'http://localhost/x',
          'http://[::1]/x',
        ]) {
          const res = await dost.request('POST', '/api/v1/webhooks', { name: 'Nội bộ', url });
          expect(res.json().error?.details?.issues?.[0]?.reason, url).toBe('private_address');
        }
        // E-mail off: nothing is queued, and the subscription says so.
        expect((await dost.request('GET', '/api/v1/notifications/subscription')).json().emailAvailable).toBe(
          false,
        );
        const published = await strict.services.notifications.publish(event());
        expect(published.emails).toBe(0);
      } finally {
        await strict.close();
      }
    });
  });

  describe('live stream', () => {
    let base: string;
    beforeAll(async () => {
      await app.app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(app.app.server.address() as AddressInfo).port}`;
    });

    async function open(session: Session, headers: Record<string, string> = {}) {
      const controller = new AbortController();
      const res = await fetch(`${base}/api/v1/events`, {
        headers: { cookie: session.cookie, accept: 'text/event-stream', ...headers },
        signal: controller.signal,
      });
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      let pending: ReturnType<typeof reader.read> | null = null;
      return {
        res,
        get text() {
          return text;
        },
        /** Reads until the stream holds `needle` (or fails after `ms`). */
        async until(needle: string, ms = 5000): Promise<string> {
          const deadline = Date.now() + ms;
          while (!text.includes(needle)) {
            const left = deadline - Date.now();
            if (left <= 0) throw new Error(`not received: ${needle}\n${text}`);
            pending ??= reader.read();
            const chunk = await Promise.race([
              pending,
              new Promise<null>((resolve) => setTimeout(() => resolve(null), left)),
            ]);
            if (chunk === null) continue;
            pending = null;
            if (chunk.done) throw new Error(`stream ended before: ${needle}\n${text}`);
            text += decoder.decode(chunk.value, { stream: true });
          }
          return text;
        },
        close() {
          controller.abort();
        },
      };
    }

    type Frame = { id: string | null; type: string; payload: { id?: number } };
    function frames(text: string): Frame[] {
      return text
        .split('\n\n')
        .filter((block) => block.includes('data: '))
        .map((block): Frame => {
          const id = /^id: (.*)$/m.exec(block)?.[1] ?? null;
          const data = JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as Omit<Frame, 'id'>;
          return { id, ...data };
        });
    }

    it('pushes a published notification to its recipient over a real HTTP connection', async () => {
      const dost = await app.login('demo.dost');
      const stream = await open(dost);
      expect(stream.res.status).toBe(200);
      expect(stream.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      await stream.until(': connected');
      const published = await app.services.notifications.publish(event({ kind: 'test.live' }));
      await stream.until(`id: ${published.id}\n`);
      const frame = frames(stream.text).find((f) => f.id === String(published.id))!;
      expect(frame).toMatchObject({ type: 'notification', payload: { id: published.id, kind: 'test.live' } });

      // Any live update, for those a filter lets through.
      const reached = app.services.live.broadcast('measurements', { stations: ['VN33001'] }, (actor) =>
        actor.permissions.has('station.read'),
      );
      expect(reached).toBeGreaterThanOrEqual(1);
      await stream.until('"type":"measurements"');
      stream.close();
    });

    it('does not push another commune’s event to a commune officer, and resumes after Last-Event-ID', async () => {
      const commune = await app.login('demo.commune');
      const stream = await open(commune);
      await stream.until(': connected');
      const elsewhere = await app.services.notifications.publish(
        event({ kind: 'test.live', communeCode: otherCommune }),
      );
      const here = await app.services.notifications.publish(
        event({ kind: 'test.live', communeCode: communeOfOfficer }),
      );
      await stream.until(`id: ${here.id}\n`);
      expect(stream.text).not.toContain(`id: ${elsewhere.id}\n`);
      stream.close();

      // Published while away: replayed from the database on reconnect, in order, nothing else.
      const missed1 = await app.services.notifications.publish(
        event({ kind: 'test.live', communeCode: communeOfOfficer }),
      );
      await app.services.notifications.publish(event({ kind: 'test.live', communeCode: otherCommune }));
      const missed2 = await app.services.notifications.publish(event({ kind: 'test.live' }));
      const resumed = await open(commune, { 'last-event-id': String(here.id) });
      await resumed.until(`id: ${missed2.id}\n`);
      const ids = frames(resumed.text)
        .filter((f) => f.type === 'notification')
        .map((f) => Number(f.id));
      expect(ids).toEqual([missed1.id, missed2.id]);
      resumed.close();
    });

    it('pushes what a caller published in its own transaction: on announce, or by the tail', async () => {
      const dost = await app.login('demo.dost');
      const stream = await open(dost);
      await stream.until(': connected');
      const notifications = app.services.notifications;
      await notifications.tail(); // the first run only notes what is already there
      const published = await app.database.db
        .transaction()
        .execute((trx) => notifications.publish(event({ kind: 'test.trx' }), trx));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(stream.text).not.toContain(`id: ${published.id}\n`);
      expect(await notifications.tail()).toBe(1);
      await stream.until(`id: ${published.id}\n`);
      // Announcing afterwards does not push it twice.
      notifications.announce(published);
      expect(await notifications.tail()).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(stream.text.split(`id: ${published.id}\n`)).toHaveLength(2);

      // Rolled back with the caller's change: nothing stored, nothing pushed.
      let rolledBack = 0;
      await expect(
        app.database.db.transaction().execute(async (trx) => {
          rolledBack = (await notifications.publish(event({ kind: 'test.trx' }), trx)).id;
          throw new Error('the caller gave up');
        }),
      ).rejects.toThrow('the caller gave up');
      expect(await notifications.tail()).toBe(0);
      const stored = await app.database.db
        .selectFrom('notifications')
        .select('id')
        .where('id', '=', rolledBack)
        .executeTakeFirst();
      expect(stored).toBeUndefined();
      stream.close();
    });

    it('refuses streams without a session', async () => {
      const res = await fetch(`${base}/api/v1/events`);
      expect(res.status).toBe(401);
      const forged = await fetch(`${base}/api/v1/events`, {
        headers: { cookie: 'sievert_session=forged-session-value-xxxxxxxx' },
      });
      expect(forged.status).toBe(401);
      const bad = await fetch(`${base}/api/v1/events?lastEventId=abc`, {
        headers: { cookie: (await app.login('demo.dost')).cookie },
      });
      expect(bad.status).toBe(400);
    });

    it('ends streams whose session ended', async () => {
      const leader = await app.login('demo.leader');
      const stream = await open(leader);
      await stream.until(': connected');
      await leader.request('POST', '/api/v1/auth/logout');
      expect(await app.services.notifications.sweepStreams()).toBeGreaterThanOrEqual(1);
      await expect(stream.until('never comes', 2000)).rejects.toThrow(/stream ended/);
    });
  });
});
