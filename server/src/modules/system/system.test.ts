import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachDatabase, type TestApp } from '../../test/harness.js';

describeEachDatabase('system endpoints', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(dialect);
  });
  afterAll(async () => app.close());

  it('GET /healthz answers {"status":"ok"}', async () => {
    const res = await app.app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz checks the database', async () => {
    const res = await app.app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', database: 'ok' });
  });

  it('sends security headers and a request id', async () => {
    const res = await app.app.inject({ url: '/healthz' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the OpenAPI document generated from route schemas', async () => {
    const res = await app.app.inject({ url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/organisations',
        '/api/v1/audit/verify',
        '/api/v1/geo/communes.geojson',
      ]),
    );
    const ui = await app.app.inject({ url: '/docs' });
    expect([200, 302]).toContain(ui.statusCode);
  });

  it('GET /api/v1/meta is public', async () => {
    const res = await app.app.inject({ url: '/api/v1/meta' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'Sievert',
      province: { code: '33' },
      demo: true,
      mqtt: { mode: 'off' },
    });
  });

  it('unknown API routes give a JSON 404 with a code', async () => {
    const res = await app.app.inject({ url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'route.not_found' } });
  });
});
