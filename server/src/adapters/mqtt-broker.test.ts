import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { DEMO_PASSWORD } from '../demo/seed.js';
import { startServer, type Running } from '../server.js';

function connect(url: string, username: string, password?: string): Promise<MqttClient | string> {
  return new Promise((resolve) => {
    const client = mqtt.connect(url, {
      username,
      ...(password ? { password } : {}),
      reconnectPeriod: 0,
      connectTimeout: 5000,
      protocolVersion: 4,
    });
    client.once('connect', () => resolve(client));
    client.once('error', (error) => {
      client.end(true);
      resolve(error.message);
    });
  });
}

/** Resolves when the broker's PUBACK arrives (QoS 1), rejects when the connection drops first. */
function publish(client: MqttClient, topic: string, payload: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    client.publish(
      topic,
      typeof payload === 'string' ? payload : JSON.stringify(payload),
      { qos: 1 },
      (error) => (error ? reject(error) : resolve()),
    );
  });
}

async function officialSession(base: string) {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'demo.dost', password: DEMO_PASSWORD }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  return async (method: string, url: string, body?: unknown) =>
    fetch(`${base}${url}`, {
      method,
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
}

async function stationWithToken(call: Awaited<ReturnType<typeof officialSession>>, code: string) {
  await call('POST', '/api/v1/stations', {
    code,
    name: `Trạm ${code}`,
    kind: 'gamma_dose_rate',
    lat: 20.6,
    lon: 106,
  });
  const res = await call('POST', `/api/v1/stations/${code}/tokens`, { name: 'mqtt' });
  return ((await res.json()) as { token: string }).token;
}

/** An hour ago, to the minute, fixed for the whole file: the same item sent twice is the same measurement. */
const BASE_MS = Math.floor((Date.now() - 3_600_000) / 60_000) * 60_000;
const item = (value: number, minute: number) => ({
  quantity: 'ambient_dose_rate',
  value,
  unit: 'nSv/h',
  time: new Date(BASE_MS + minute * 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
});

describe('embedded MQTT broker (real aedes, real MQTT client)', () => {
  let running: Running;
  let dir: string;
  let base: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sievert-mqtt-'));
    // 1883 may be held by the machine's Mosquitto: the broker must then move, not fail.
    const config = loadConfig({
      SIEVERT_DATA_DIR: dir,
      PORT: '0',
      HOST: '127.0.0.1',
      SIEVERT_MQTT_HOST: '127.0.0.1',
      SIEVERT_LOG_LEVEL: 'silent',
      SIEVERT_SIMULATOR: '0',
      SIEVERT_WEB_DIR: path.join(dir, 'none'),
    });
    running = await startServer(config, { handleSignals: false });
    base = `http://127.0.0.1:${running.port}`;
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

  it('admits a station with its own token only, stores before the PUBACK, and answers on the results topic', async () => {
    const url = running.broker.status().url!;
    const call = await officialSession(base);
    const token = await stationWithToken(call, 'VN33201');
    await stationWithToken(call, 'VN33202');
    expect(typeof (await connect(url, 'VN33201'))).toBe('string');
    expect(typeof (await connect(url, 'VN33201', 'svs_000000000000_' + 'A'.repeat(43)))).toBe('string');
    expect(typeof (await connect(url, 'VN33202', token))).toBe('string'); // another station's name

    const client = (await connect(url, 'VN33201', token)) as MqttClient;
    const results: unknown[] = [];
    await new Promise<void>((resolve, reject) =>
      client.subscribe('sievert/VN33201/results', { qos: 0 }, (error, granted) =>
        error || granted?.[0]?.qos === 128 ? reject(error ?? new Error('refused')) : resolve(),
      ),
    );
    client.on('message', (_topic, payload) => results.push(JSON.parse(payload.toString())));

    await publish(client, 'sievert/VN33201/measurements', { measurements: [item(81, 0), item(82, 10)] });
    // The PUBACK came after the commit: the values are readable at once.
    const series = await call('GET', '/api/v1/stations/VN33201/series?maxPoints=100&resolution=raw');
    expect(((await series.json()) as { points: unknown[] }).points).toHaveLength(2);

    await publish(client, 'sievert/VN33201/measurements', [item(81, 0), { quantity: 'x' }]);
    await publish(client, 'sievert/VN33201/measurements', 'not json');
    await expect.poll(() => results.length).toBe(3);
    expect(results[1]).toMatchObject({ accepted: 0, duplicates: 1, rejected: [{ index: 1 }] });
    expect(results[2]).toMatchObject({ rejected: [{ code: 'ingest.unreadable' }] });

    // A large batch sent newest first is stored whole; a message over the size limit is answered, not stored.
    const backlog = Array.from({ length: 5000 }, (_, i) => ({
      quantity: 'ambient_dose_rate',
      value: 80 + (i % 9),
      unit: 'nSv/h',
      time: new Date(Date.parse('2026-01-01T00:00:00Z') + i * 600_000).toISOString(),
    })).reverse();
    await publish(client, 'sievert/VN33201/measurements', { measurements: backlog });
    await expect.poll(() => results.length).toBe(4);
    expect(results[3]).toMatchObject({ accepted: 5000, rejected: [] });
    await publish(client, 'sievert/VN33201/measurements', 'x'.repeat(4 * 1024 * 1024 + 1));
    await expect.poll(() => results.length).toBe(5);
    expect(results[4]).toMatchObject({ accepted: 0, rejected: [{ code: 'ingest.unreadable' }] });

    // Publishing into another station's topic ends the connection without a PUBACK.
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    let acked = false;
    client.publish('sievert/VN33202/measurements', JSON.stringify([item(90, 20)]), { qos: 1 }, () => {
      acked = true;
    });
    await closed;
    expect(acked).toBe(false);
    client.end(true);
  });
});

describe('external broker (the machine’s Mosquitto) with a persistent session', () => {
  const prefix = `sievert-test-${randomBytes(4).toString('hex')}`;
  const clientId = `svt-${randomBytes(6).toString('hex')}`;
  let dir: string;
  const configFor = () =>
    loadConfig({
      SIEVERT_DATA_DIR: dir,
      PORT: '0',
      HOST: '127.0.0.1',
      SIEVERT_MQTT: 'mqtt://127.0.0.1:1883',
      SIEVERT_MQTT_TOPIC_PREFIX: prefix,
      SIEVERT_MQTT_CLIENT_ID: clientId,
      SIEVERT_LOG_LEVEL: 'silent',
      SIEVERT_SIMULATOR: '0',
      SIEVERT_WEB_DIR: path.join(dir, 'none'),
    });
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sievert-mqtt-ext-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stores what stations sent while Sievert was down, once', async () => {
    let running = await startServer(configFor(), { handleSignals: false });
    const call = await officialSession(`http://127.0.0.1:${running.port}`);
    await stationWithToken(call, 'VN33301');
    await expect.poll(() => running.broker.status().connected, { timeout: 10_000 }).toBe(true);
    // Let the subscription reach Mosquitto before Sievert goes away.
    await new Promise((r) => setTimeout(r, 300));
    await running.stop('test');

    const station = (await connect('mqtt://127.0.0.1:1883', 'VN33301')) as MqttClient;
    for (let i = 0; i < 5; i++)
      await publish(station, `${prefix}/VN33301/measurements`, { measurements: [item(80 + i, i * 10)] });
    station.end(true);

    running = await startServer(configFor(), { handleSignals: false });
    const again = await officialSession(`http://127.0.0.1:${running.port}`);
    await expect
      .poll(
        async () =>
          (
            (await (
              await again('GET', '/api/v1/stations/VN33301/series?maxPoints=100&resolution=raw')
            ).json()) as {
              points: unknown[];
            }
          ).points.length,
        { timeout: 10_000 },
      )
      .toBe(5);
    await running.stop('test');
  });
});
