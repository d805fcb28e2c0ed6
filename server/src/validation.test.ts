import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type Session, type TestApp } from './test/harness.js';

describeEachDatabase('bad, hostile and huge input', (dialect) => {
  let app: TestApp;
  let admin: Session;
  beforeAll(async () => {
    app = await createTestApp(dialect, { SIEVERT_BODY_LIMIT: '65536' });
    admin = await app.login('demo.admin');
  });
  afterAll(async () => app.close());

  const post = (url: string, payload: string, headers: Record<string, string> = {}) =>
    app.app.inject({
      method: 'POST',
      url,
      payload,
      headers: {
        'content-type': 'application/json',
        cookie: admin.cookie,
        'x-csrf-token': admin.csrfToken,
        ...headers,
      },
    });

  it('malformed JSON → 400 request.malformed_json', async () => {
    for (const body of ['{', '{"username":', 'nul', '{"a":1}}', '\u0000']) {
      const res = await post('/api/v1/auth/login', body);
      expect(res.statusCode, body).toBe(400);
      expect(res.json().error.code).toBe('request.malformed_json');
    }
  });

  it('an empty JSON body → 400, not 500', async () => {
    const res = await post('/api/v1/organisations', '');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toMatch(/^(request\.malformed_json|validation\.failed)$/);
  });

  it('wrong types name the field', async () => {
    const res = await post(
      '/api/v1/organisations',
      JSON.stringify({ kind: 'facility', code: 42, name: ['x'] }),
    );
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('validation.failed');
    const fields = error.details.issues.map((i: { field: string }) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['/code', '/name']));
    expect(error.details.issues.find((i: { field: string }) => i.field === '/code').reason).toBe('type');
    expect(error.message).toMatch(/^Dữ liệu không hợp lệ: \/(code|name) — /);
  });

  it('does not coerce body types ("5" is not a number)', async () => {
    const res = await post(
      '/api/v1/organisations',
      JSON.stringify({ kind: 'facility', code: 'ABC', name: 'Cơ sở', latitude: '20.5' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0].field).toBe('/latitude');
  });

  it('unknown fields are refused, by name', async () => {
    const res = await post(
      '/api/v1/auth/login',
      JSON.stringify({ username: 'a', password: 'b', isAdmin: true }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues).toEqual([
      { field: '/isAdmin', reason: 'unknown_field', message: 'trường không được phép' },
    ]);
  });

  it('missing required fields are named; English on request', async () => {
    const res = await post('/api/v1/auth/login', JSON.stringify({}), { 'accept-language': 'en' });
    expect(
      res.json().error.details.issues.map((i: { field: string; message: string }) => [i.field, i.message]),
    ).toEqual([
      ['/username', 'is required'],
      ['/password', 'is required'],
    ]);
  });

  it('prototype-pollution keys are just unknown fields', async () => {
    const res = await post(
      '/api/v1/auth/login',
      '{"username":"a","password":"b","__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}',
    );
    expect(res.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('an oversize body → 413 with the limit', async () => {
    const res = await post(
      '/api/v1/organisations',
      JSON.stringify({ kind: 'facility', code: 'BIG', name: 'x'.repeat(70_000) }),
    );
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'request.body_too_large' });
    expect(res.json().error.message).toContain('65536');
  });

  it('long strings within the body limit are refused by their own limits', async () => {
    const res = await post(
      '/api/v1/organisations',
      JSON.stringify({ kind: 'facility', code: 'LONG', name: 'x'.repeat(5000) }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0]).toMatchObject({ field: '/name', reason: 'too_long' });
  });

  it('control characters in names are refused', async () => {
    const res = await post(
      '/api/v1/organisations',
      JSON.stringify({ kind: 'facility', code: 'CTRL', name: 'Cơ sở\u0007 chuông' }),
    );
    expect(res.json().error.details.issues[0]).toMatchObject({ field: '/name', reason: 'pattern' });
  });

  it('bad query strings and path parameters name their field', async () => {
    const q = await admin.request('GET', '/api/v1/organisations?limit=abc');
    expect(q.statusCode).toBe(400);
    expect(q.json().error.details.issues[0]).toMatchObject({ field: 'query/limit', reason: 'type' });
    const big = await admin.request('GET', '/api/v1/organisations?limit=100000');
    expect(big.json().error.details.issues[0]).toMatchObject({ field: 'query/limit', reason: 'too_large' });
    const unknown = await admin.request('GET', '/api/v1/organisations?drop=table');
    expect(unknown.json().error.details.issues[0]).toMatchObject({
      field: 'query/drop',
      reason: 'unknown_field',
    });
    const id = await admin.request('GET', '/api/v1/organisations/1%20or%201=1');
    expect(id.statusCode).toBe(400);
    expect(id.json().error.details.issues[0].field).toBe('params/id');
    const huge = await admin.request('GET', '/api/v1/organisations/99999999999999999999');
    expect(huge.statusCode).toBe(400);
  });

  it('SQL-looking search text is just text', async () => {
    const res = await admin.request('GET', `/api/v1/organisations?q=${encodeURIComponent("' or 1=1 --")}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(0);
    const pct = await admin.request('GET', `/api/v1/organisations?q=${encodeURIComponent('%')}`);
    expect(pct.json().total).toBe(0);
  });

  it('duplicates are refused with a code, and nothing else changes', async () => {
    const body = JSON.stringify({ kind: 'department', code: 'DUP-1', name: 'Sở trùng' });
    expect((await post('/api/v1/organisations', body)).statusCode).toBe(201);
    const again = await post('/api/v1/organisations', body);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'organisation.duplicate_code',
      message: 'Mã tổ chức "DUP-1" đã tồn tại.',
    });
    const list = await admin.request('GET', '/api/v1/organisations?q=DUP-1');
    expect(list.json().total).toBe(1);
  });

  it('no 5xx body ever carries a stack trace', async () => {
    const res = await post(
      '/api/v1/organisations',
      '{"kind":"facility","code":"X1","name":"Tên","communeCode":"99999"}',
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('geo.unknown_commune');
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });
});
