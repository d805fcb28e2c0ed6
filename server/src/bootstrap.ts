/**
 * First-start work: the province data, the Department's organisation and the first administrator.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { checkPassword, PASSWORD_RULE_TEXT } from '@sievert/core';
import { ConfigError, type Config } from './config.js';
import { SYSTEM_ACTOR } from './modules/auth/actor.js';
import type { Services } from './services.js';
import type { ProvinceData } from './modules/geo/province-loader.js';

/** The key that seals secrets at rest: from SIEVERT_SECRET_KEY, else a key file made once in the data folder. */
export function loadSecretKey(config: Config): Buffer {
  if (config.secretKey) return Buffer.from(config.secretKey, 'base64');
  const file = path.join(config.dataDir, 'secret.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}

export function dostName(province: ProvinceData): { name: string; nameEn: string } {
  const local = province.name.replace(/^Tỉnh /, 'tỉnh ').replace(/^Thành phố /, 'thành phố ');
  return {
    name: `Sở Khoa học và Công nghệ ${local}`,
    nameEn: `${province.nameEn} Department of Science and Technology`,
  };
}

export interface BootstrapResult {
  province: 'loaded' | 'updated' | 'unchanged';
  adminCreated: boolean;
  generatedPassword: string | null;
  fresh: boolean;
}

export async function bootstrap(
  services: Services,
  config: Config,
  province: ProvinceData,
  log: FastifyBaseLogger,
): Promise<BootstrapResult> {
  const provinceState = await services.geo.ensureProvince(SYSTEM_ACTOR, province);
  if (provinceState !== 'unchanged')
    log.info({ code: province.code, communes: province.communes.length }, `province data ${provinceState}`);

  const existingAdmins = await services.users.repo.countAdmins(services.db);
  const anyUser =
    (await services.db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
  if (existingAdmins > 0 || anyUser)
    return { province: provinceState, adminCreated: false, generatedPassword: null, fresh: false };

  const names = dostName(province);
  const dost =
    (await services.organisations.repo.findByCode(services.db, 'SKHCN')) ??
    (await services.organisations.create(SYSTEM_ACTOR, {
      kind: 'dost',
      code: 'SKHCN',
      name: names.name,
      nameEn: names.nameEn,
    }));
  const generated = config.adminPassword ? null : generatePassword();
  if (config.adminPassword) {
    const failed = checkPassword(config.adminPassword, config.adminUsername);
    if (failed.length > 0)
      throw new ConfigError(
        'SIEVERT_ADMIN_PASSWORD',
        `does not meet the password policy (${failed.map((r) => PASSWORD_RULE_TEXT[r].en).join('; ')})`,
      );
  }
  await services.users.create(
    SYSTEM_ACTOR,
    {
      username: config.adminUsername.toLowerCase(),
      displayName: 'Quản trị hệ thống',
      organisationId: dost.id,
      roles: ['admin'],
      password: config.adminPassword ?? generated!,
    },
    // A generated password is printed once; it must be replaced at first sign-in.
    { mustChangePassword: generated !== null },
  );
  return { province: provinceState, adminCreated: true, generatedPassword: generated, fresh: true };
}

/** 20 characters from an alphabet without look-alikes, with every class the policy counts. */
export function generatePassword(): string {
  const sets = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '-_.!@#%+='];
  const all = sets.join('');
  const chars = sets.map((set) => set[randomInt(set.length)]!);
  while (chars.length < 20) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
