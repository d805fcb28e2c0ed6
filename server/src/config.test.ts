import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, REPO_ROOT } from './config.js';

describe('loadConfig', () => {
  it('has defaults that work on a fresh machine', () => {
    const c = loadConfig({}, '/srv/sievert');
    expect(c.port).toBe(8080);
    expect(c.database).toEqual({ dialect: 'sqlite', file: '/srv/sievert/data/sievert.db' });
    expect(c.mqtt).toEqual({ mode: 'embedded', port: 1883, host: '0.0.0.0', topicPrefix: 'sievert' });
    expect(c.demo).toBe(true);
    expect(c.provinceDir).toBe(path.join(REPO_ROOT, 'provinces', 'hung-yen'));
  });

  it('reads PostgreSQL, SQLite URLs and external brokers', () => {
    expect(
      loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/s', SIEVERT_DB_SCHEMA: 'sievert' }).database,
    ).toEqual({ dialect: 'postgres', url: 'postgres://u:p@db:5432/s', schema: 'sievert' });
    expect(loadConfig({ DATABASE_URL: 'sqlite:x.db' }, '/a').database).toEqual({
      dialect: 'sqlite',
      file: '/a/x.db',
    });
    expect(loadConfig({ SIEVERT_MQTT: 'mqtt://broker:1883' }).mqtt).toEqual({
      mode: 'external',
      url: 'mqtt://broker:1883',
      clientId: 'sievert-ingest',
      topicPrefix: 'sievert',
    });
    // MQTT_URL, the name brokers' documentation uses, works too.
    expect(
      loadConfig({ MQTT_URL: 'mqtt://127.0.0.1:1883', SIEVERT_MQTT_TOPIC_PREFIX: 'hy/odl' }).mqtt,
    ).toEqual({
      mode: 'external',
      url: 'mqtt://127.0.0.1:1883',
      clientId: 'sievert-ingest',
      topicPrefix: 'hy/odl',
    });
    expect(loadConfig({ SIEVERT_DEMO: '0' }).demo).toBe(false);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['SIEVERT_DEMO', 'maybe'],
    ['SIEVERT_MQTT', 'carrier-pigeon'],
    ['SIEVERT_MQTT_TOPIC_PREFIX', 'a/+/#'],
    ['SIEVERT_MQTT_CLIENT_ID', 'x'.repeat(40)],
    ['SIEVERT_LOG_LEVEL', 'loud'],
    ['SIEVERT_SECRET_KEY', 'c2hvcnQ='],
    ['SIEVERT_DB_SCHEMA', 'x; drop table users'],
    ['SIEVERT_PROVINCE_DIR', '/nonexistent'],
  ])('names the variable when %s=%s is wrong', (name, value) => {
    const env =
      name === 'SIEVERT_DB_SCHEMA'
        ? { DATABASE_URL: 'postgres://x/y', [name]: value }
        : name === 'SIEVERT_MQTT_CLIENT_ID'
          ? { SIEVERT_MQTT: 'mqtt://broker:1883', [name]: value }
          : { [name]: value };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });
});
