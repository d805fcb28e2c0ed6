import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/harness.js';

describe('web: the officials’ app and the public portal on one port', () => {
  let app: TestApp;
  beforeAll(async () => {
    const web = mkdtempSync(path.join(tmpdir(), 'sievert-web-'));
    mkdirSync(path.join(web, 'assets'));
    mkdirSync(path.join(web, 'public', 'assets'), { recursive: true });
    writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>officials</title>');
    writeFileSync(path.join(web, 'public', 'index.html'), '<!doctype html><title>portal</title>');
    writeFileSync(path.join(web, 'public', 'assets', 'portal-abc.js'), 'console.log(1)');
    app = await createTestApp('sqlite', { SIEVERT_WEB_DIR: web });
  });
  afterAll(async () => app.close());

  const get = (url: string) => app.app.inject({ method: 'GET', url });

  it('serves the portal’s page for every /public/ route, its assets cached for good', async () => {
    for (const url of ['/public/', '/public/stations/VN34001', '/public/learn/units?lang=en']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('<title>portal</title>');
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
    const asset = await get('/public/assets/portal-abc.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await get('/public/assets/missing.js')).statusCode).toBe(404);
    // Climbing out of the web folder finds nothing either: sent as is over a real connection (no client
    // normalises the encoded dots), the static files plugin refuses it and the answer is a plain 404.
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.app.server.address() as { port: number };
    const climb = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/public/%2e%2e/%2e%2e/etc/passwd' }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(climb.status).toBe(404);
    expect(JSON.parse(climb.body).error.code).toBe('route.not_found');
    const bare = await get('/public');
    expect(bare.statusCode).toBe(301);
    expect(bare.headers.location).toBe('/public/');
  });

  it('keeps the officials’ app everywhere else, and JSON 404s for the API', async () => {
    expect((await get('/incidents/3')).body).toContain('<title>officials</title>');
    const api = await get('/api/v1/public/nothing');
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('route.not_found');
  });
});
