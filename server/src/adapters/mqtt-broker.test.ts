import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Running } from '../server.js';
import { loadConfig } from '../config.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from '../demo/seed.js';

function connect(url: string, password?: string): Promise<string> {
  return new Promise((resolve) => {
    const client = mqtt.connect(url, {
      username: 'station',
      ...(password ? { password } : {}),
      reconnectPeriod: 0,
      connectTimeout: 5000,
      protocolVersion: 4,
    });
    client.once('connect', () => {
      client.end(true);
      resolve('connected');
    });
    client.once('error', (error) => {
      client.end(true);
      resolve(error.message);
    });
  });
}

describe('embedded MQTT broker (real aedes, real MQTT client)', () => {
  let running: Running;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sievert-mqtt-'));
    // 1883 may be held by the machine's Mosquitto: the broker must then move, not fail.
    const config = loadConfig({
      SIEVERT_DATA_DIR: dir,
      PORT: '0',
      HOST: '127.0.0.1',
      SIEVERT_MQTT_HOST: '127.0.0.1',
      SIEVERT_LOG_LEVEL: 'silent',
      SIEVERT_WEB_DIR: path.join(dir, 'none'),
    });
    running = await startServer(config, { handleSignals: false });
  });
  afterAll(async () => {
    await running.stop('test');
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports where it listens, and whether it moved', () => {
    const status = running.broker.status();
    expect(status.mode).toBe('embedded');
    expect(status.url).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
    expect(status.movedFromPort).toBe(status.url === 'mqtt://127.0.0.1:1883' ? null : 1883);
  });

  it('refuses anonymous clients and wrong passwords; accepts a valid API token', async () => {
    const url = running.broker.status().url!;
    expect(await connect(url)).not.toBe('connected');
    expect(await connect(url, 'svt_000000000000_' + 'A'.repeat(43))).not.toBe('connected');

    const base = `http://127.0.0.1:${running.port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo.dost', password: DEMO_PASSWORD }),
    });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const created = await fetch(`${base}/api/v1/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ name: 'Trạm thử MQTT', scopes: ['dashboard.read'] }),
    });
    const { secret } = (await created.json()) as { secret: string };
    expect(await connect(url, secret)).toBe('connected');
  });
});
