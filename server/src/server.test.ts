import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { DEMO_PASSWORD } from './demo/seed.js';
import { startServer } from './server.js';

function post(port: number, pathName: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: pathName,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('graceful shutdown', () => {
  it('finishes the request in flight, refuses new connections, closes the database', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sievert-stop-'));
    const config = loadConfig({
      SIEVERT_DATA_DIR: dir,
      PORT: '0',
      HOST: '127.0.0.1',
      SIEVERT_MQTT: 'off',
      SIEVERT_LOG_LEVEL: 'silent',
      SIEVERT_SIMULATOR: '0',
      SIEVERT_WEB_DIR: path.join(dir, 'none'),
    });
    const running = await startServer(config, { handleSignals: false });
    try {
      // A sign-in spends tens of milliseconds in scrypt: stop once the handler has started on it.
      const auth = running.sievert.services.auth;
      const original = auth.login.bind(auth);
      let entered!: () => void;
      const started = new Promise<void>((resolve) => (entered = resolve));
      auth.login = (...args) => {
        entered();
        return original(...args);
      };
      const inFlight = post(running.port, '/api/v1/auth/login', {
        username: 'demo.dost',
        password: DEMO_PASSWORD,
      });
      await started;
      const stopped = running.stop('test');
      expect(await inFlight).toBe(200);
      await stopped;
      await expect(
        post(running.port, '/api/v1/auth/login', { username: 'demo.dost', password: DEMO_PASSWORD }),
      ).rejects.toThrow(/ECONNREFUSED/);
      await expect(running.sievert.database.ping()).rejects.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
