import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkPassword } from '@sievert/core';
import { describe, expect, it } from 'vitest';
import { createSievert } from './app.js';
import { generatePassword } from './bootstrap.js';
import { ConfigError, loadConfig } from './config.js';

describe('first start', () => {
  it('generates an admin password that meets the policy, once, and asks for a change at first sign-in', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sievert-boot-'));
    const env = {
      SIEVERT_DATA_DIR: dir,
      SIEVERT_MQTT: 'off',
      SIEVERT_DEMO: '0',
      SIEVERT_WEB_DIR: path.join(dir, 'none'),
    };
    try {
      const first = await createSievert(loadConfig(env), { logger: false });
      const password = first.bootstrap.generatedPassword!;
      expect(checkPassword(password, 'admin')).toEqual([]);
      const login = await first.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password },
      });
      expect(login.statusCode).toBe(200);
      const cookie = login.cookies[0]!;
      const me = await first.app.inject({
        url: '/api/v1/auth/me',
        headers: { cookie: `${cookie.name}=${cookie.value}` },
      });
      expect(me.json().user).toMatchObject({
        mustChangePassword: true,
        roles: ['admin'],
        organisation: { kind: 'dost' },
      });
      // No demo: only the Department exists.
      expect(
        (await first.database.db.selectFrom('organisations').select('code').execute()).map((o) => o.code),
      ).toEqual(['SKHCN']);
      await first.app.close();
      expect(statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);

      const second = await createSievert(loadConfig(env), { logger: false });
      expect(second.bootstrap).toMatchObject({
        adminCreated: false,
        generatedPassword: null,
        province: 'unchanged',
      });
      await second.app.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a SIEVERT_ADMIN_PASSWORD that breaks the policy, naming the variable', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sievert-boot-'));
    try {
      await expect(
        createSievert(
          loadConfig({ SIEVERT_DATA_DIR: dir, SIEVERT_MQTT: 'off', SIEVERT_ADMIN_PASSWORD: 'admin123' }),
          { logger: false },
        ),
      ).rejects.toThrow(ConfigError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('generated passwords differ and mix every character class', () => {
    const a = generatePassword();
    expect(a).toHaveLength(20);
    expect(a).not.toBe(generatePassword());
  });
});
