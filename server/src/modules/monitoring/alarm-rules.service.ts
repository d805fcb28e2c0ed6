/**
 * The alarm rules in force: the network's rule set (the reference defaults unless officials changed them) and a
 * station's own rule set where one was set (a high-background station, a station by a facility with its own
 * ladder). Each change is checked by core's validator (every problem names its field), kept, and audited.
 */
import {
  alarmReferenceValues,
  DEFAULT_ALARM_RULE_SET,
  Permission,
  validateAlarmRuleSet,
  type AlarmRuleSet,
} from '@sievert/core';
import type { Db } from '../../db/database.js';
import { SettingsRepository } from '../../db/settings.repository.js';
import { FieldError, notFound } from '../../errors.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import type { AuditService } from '../auth/audit.service.js';

const NETWORK_KEY = 'alarm.rules';
const stationKey = (id: number) => `alarm.rules.station.${id}`;

export interface RulesInForce {
  network: AlarmRuleSet;
  /** Station id → its own rule set. */
  stations: Map<number, AlarmRuleSet>;
}

export class AlarmRulesService {
  private readonly settings = new SettingsRepository();
  private cache: RulesInForce | null = null;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  /** For the alarm engine (cached until a change). */
  async inForce(): Promise<RulesInForce> {
    if (this.cache) return this.cache;
    const network = await this.settings.get(this.db, NETWORK_KEY);
    const rows = await this.db
      .selectFrom('settings')
      .select(['key', 'value'])
      .where('key', 'like', 'alarm.rules.station.%')
      .execute();
    const stations = new Map<number, AlarmRuleSet>();
    for (const r of rows) stations.set(Number(r.key.slice('alarm.rules.station.'.length)), parse(r.value));
    this.cache = { network: network ? parse(network) : DEFAULT_ALARM_RULE_SET, stations };
    return this.cache;
  }

  async get(actor: Actor) {
    requirePermission(actor, Permission.AlarmRead);
    const rules = await this.inForce();
    const codes = await this.db.selectFrom('stations').select(['id', 'code']).execute();
    const codeOf = new Map(codes.map((c) => [c.id, c.code]));
    return {
      network: rules.network,
      isDefault: rules.network === DEFAULT_ALARM_RULE_SET,
      defaults: DEFAULT_ALARM_RULE_SET,
      stations: [...rules.stations.entries()]
        .filter(([id]) => codeOf.has(id))
        .map(([id, set]) => ({ station: codeOf.get(id)!, rules: set })),
      /** Every default number with its source and status (to be approved where `to_verify`). */
      references: alarmReferenceValues(),
    };
  }

  async getStation(actor: Actor, code: string) {
    requirePermission(actor, Permission.AlarmRead);
    const station = await this.station(code);
    const rules = await this.inForce();
    const own = rules.stations.get(station.id);
    return { station: code, own: own !== undefined, rules: own ?? rules.network };
  }

  /** Replaces the network's rule set, or a station's (`code`), after checking it. */
  async set(actor: Actor, body: unknown, code?: string): Promise<AlarmRuleSet> {
    requirePermission(actor, Permission.AlarmRuleManage);
    const problems = validateAlarmRuleSet(body);
    if (problems.length)
      throw new FieldError(
        problems.map((p) => ({
          field: `/${p.field.replace(/\./g, '/')}`,
          reason: 'alarm_rule',
          params: { detail: p.reason },
        })),
      );
    const rules = body as AlarmRuleSet;
    const station = code ? await this.station(code) : null;
    const key = station ? stationKey(station.id) : NETWORK_KEY;
    await this.db.transaction().execute(async (trx) => {
      const before = await this.settings.get(trx, key);
      await this.settings.set(trx, key, JSON.stringify(rules));
      await this.audit.record(trx, actor, {
        action: 'alarm_rule.update',
        entityType: station ? 'station' : 'alarm_rule',
        entityId: station?.id ?? null,
        before: before ? (JSON.parse(before) as object) : { defaults: true },
        after: rules,
      });
    });
    this.cache = null;
    return rules;
  }

  /** Back to the defaults (network) or to the network's rules (a station). */
  async reset(actor: Actor, code?: string): Promise<void> {
    requirePermission(actor, Permission.AlarmRuleManage);
    const station = code ? await this.station(code) : null;
    const key = station ? stationKey(station.id) : NETWORK_KEY;
    await this.db.transaction().execute(async (trx) => {
      const before = await this.settings.get(trx, key);
      if (!before) return;
      await trx.deleteFrom('settings').where('key', '=', key).execute();
      await this.audit.record(trx, actor, {
        action: 'alarm_rule.reset',
        entityType: station ? 'station' : 'alarm_rule',
        entityId: station?.id ?? null,
        before: JSON.parse(before) as object,
      });
    });
    this.cache = null;
  }

  private async station(code: string) {
    const row = await this.db
      .selectFrom('stations')
      .select(['id'])
      .where('code', '=', code)
      .executeTakeFirst();
    if (!row) throw notFound('station', code);
    return row;
  }
}

function parse(value: string): AlarmRuleSet {
  const rules = JSON.parse(value) as unknown;
  // A stored set that no longer passes (e.g. after the rules gained a field) falls back to the defaults.
  return validateAlarmRuleSet(rules).length === 0 ? (rules as AlarmRuleSet) : DEFAULT_ALARM_RULE_SET;
}
