/**
 * Alarms of the monitoring network. After each committed batch (and every few minutes for silence), each
 * station's recent values go through core's pure rules (level ladder, baseline, rate of rise, offline, data
 * quality, rain-aware classification) and the network through neighbour agreement; `nextEpisodeAction` keeps one
 * alarm per episode. Officials acknowledge and close alarms; every step is kept with who and when, audited, and
 * announced through the notification hook.
 */
import {
  ALARM_RULES,
  bitsToFlags,
  DEFAULT_ALARM_RULE_SET,
  elevationFromConditions,
  evaluateStation,
  haversineKm,
  matchNeighbourClusters,
  neighbourAgreement,
  nextEpisodeAction,
  Permission,
  QUANTITY_CODES,
  alarmSeverityRank as severityRank,
  transitionAlarm,
  type Alarm,
  type AlarmAction,
  type AlarmCondition,
  type AlarmListQuery,
  type AlarmPage,
  type AlarmRule,
  type AlarmRuleSet,
  type AlarmSeverity,
  type AlarmState,
  type DosePoint,
  type RainPoint,
  type StationElevation,
} from '@sievert/core';
import { sql, type Selectable } from 'kysely';
import type { Clock } from '../../adapters/clock.js';
import type { Db, Executor } from '../../db/database.js';
import type { AlarmsTable } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { requirePermission, SYSTEM_ACTOR, type Actor } from '../auth/actor.js';
import type { AuditService } from '../auth/audit.service.js';
import type { MeasurementRepository } from './measurement.repository.js';
import type { OpenAlarmSummary } from './measurement.service.js';
import type { RulesInForce } from './alarm-rules.service.js';

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Station kinds that report continuously and so can raise alarms. */
const ALARMING_KINDS = ['gamma_dose_rate', 'mobile'];
const OPEN_STATES: AlarmState[] = ['raised', 'acknowledged'];

/** What an alarm tells the notification service (kinds `alarm.raised`, `alarm.escalated`, …). */
export interface AlarmNotice {
  kind: 'alarm.raised' | 'alarm.escalated' | 'alarm.acknowledged' | 'alarm.closed' | 'alarm.reopened';
  alarm: Alarm;
}

type AlarmRow = Selectable<AlarmsTable> & {
  station_code: string | null;
  station_name: string | null;
  station_commune: string | null;
  ack_name: string | null;
  closed_name: string | null;
};

interface StationForAlarms {
  id: number;
  created_at: string;
  code: string;
  name: string;
  lat: number;
  lon: number;
  interval_s: number;
}

export class AlarmService {
  /** Set at wiring time: where alarm notices go (in-app, e-mail, webhooks). */
  notify: (notice: AlarmNotice) => Promise<void> = async () => {};
  /** The network's rule set of the current pass. */
  private rules: AlarmRuleSet = DEFAULT_ALARM_RULE_SET;
  /** Stations with a rule set of their own (a high-background site, a station by a facility). */
  private stationRules = new Map<number, AlarmRuleSet>();
  /** Where the rules in force come from (set at wiring time: the alarm rules service). */
  rulesSource: () => Promise<RulesInForce> = async () => ({
    network: DEFAULT_ALARM_RULE_SET,
    stations: new Map(),
  });
  private queue: Promise<void> = Promise.resolve();
  private waiting: {
    ready: Promise<void>;
    release: () => void;
    timer: ReturnType<typeof setTimeout> | null;
  } | null = null;
  private closed = false;
  /** How long a batch-triggered evaluation waits for more batches to merge with. */
  debounceMs = 500;
  /** Where a failed evaluation is reported (the app's logger). */
  onError: (error: unknown) => void = () => {};
  /**
   * Silence is counted from when this process began listening: while Sievert was down no station could reach
   * it, so a restart does not declare the whole network offline before the stations' backlog has arrived.
   */
  private readonly listeningSince: number;
  private pending: Set<number> | 'all' | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly measurements: MeasurementRepository,
  ) {
    this.listeningSince = clock.now().getTime();
  }

  // ---------- evaluation ----------

  /**
   * Asks for an evaluation of these stations (or all) within `delayMs`; requests that arrive meanwhile are merged,
   * so a burst of batches costs one pass (the pass reads days of values per station). Resolves when the pass
   * that includes the request is done; a failing pass is reported to `onError` and never blocks later ones.
   */
  schedule(stationIds: Iterable<number> | 'all', delayMs = this.debounceMs): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (stationIds === 'all' || this.pending === 'all') this.pending = 'all';
    else {
      this.pending ??= new Set();
      for (const id of stationIds) this.pending.add(id);
    }
    if (!this.waiting) {
      let release!: () => void;
      const ready = new Promise<void>((resolve) => (release = resolve));
      this.waiting = { ready, release, timer: null };
      this.queue = this.queue
        .then(() => ready)
        .then(async () => {
          this.waiting = null;
          const which = this.pending;
          this.pending = null;
          if (which === null || this.closed) return;
          await this.evaluate(which === 'all' ? null : [...which]);
        })
        .catch((error: unknown) => this.onError(error));
    }
    const w = this.waiting;
    if (delayMs <= 0) {
      if (w.timer) clearTimeout(w.timer);
      w.release();
    } else if (!w.timer) {
      w.timer = setTimeout(() => w.release(), delayMs);
      w.timer.unref?.();
    }
    return this.queue;
  }

  /** Runs what is waiting now and resolves when every evaluation asked for so far is done (tests, shutdown). */
  idle(): Promise<void> {
    if (this.waiting) {
      if (this.waiting.timer) clearTimeout(this.waiting.timer);
      this.waiting.release();
    }
    return this.queue;
  }

  /** Stops scheduling; waits for a pass in progress. */
  async close(): Promise<void> {
    this.closed = true;
    await this.idle();
  }

  /** One evaluation pass at the clock's now: the given stations (null: all), then neighbour agreement. */
  async evaluate(stationIds: number[] | null): Promise<void> {
    const now = this.clock.now().getTime();
    const inForce = await this.rulesSource();
    this.rules = inForce.network;
    this.stationRules = inForce.stations;
    const stations = await this.db
      .selectFrom('stations')
      .select(['id', 'code', 'name', 'lat', 'lon', 'interval_s', 'created_at'])
      .where('kind', 'in', ALARMING_KINDS)
      .where('status', '=', 'operating')
      .orderBy('id')
      .execute();
    const wanted = stationIds ? new Set(stationIds) : null;
    // Every station's conditions first: neighbour agreement needs them all, and a station that is part of a
    // cluster is reported through the cluster's one alarm rather than an alarm of its own.
    const conditions = new Map<number, AlarmCondition[]>();
    const elevations: StationElevation[] = [];
    const nowS = Math.floor(now / 1000);
    // Rain of the whole network in one read (a primary-key scan would need one per station: the table is
    // clustered by station; precipitation is a small share of it).
    const rainRows = await this.measurements.quantityBetween(
      this.db,
      stations.map((x) => x.id),
      QUANTITY_CODES.precipitation,
      nowS - Math.ceil(this.rainLookbackMs() / 1000),
      nowS,
    );
    const rainByStation = new Map<number, Array<{ t: number; value: number }>>();
    for (const r of rainRows) {
      let list = rainByStation.get(r.station_id);
      if (!list) rainByStation.set(r.station_id, (list = []));
      list.push(r);
    }
    const lastRows = await this.db
      .selectFrom('measurement_latest')
      .select(['station_id', (eb) => eb.fn.max('t').as('t')])
      .groupBy('station_id')
      .execute();
    const lastByStation = new Map(lastRows.map((r) => [r.station_id, Number(r.t) * 1000]));
    for (const s of stations) {
      const rain: RainPoint[] = [];
      for (const o of stations) {
        const list = rainByStation.get(o.id);
        if (!list) continue;
        const d = o.id === s.id ? 0 : haversineKm(s.lat, s.lon, o.lat, o.lon);
        if (d > this.rulesFor(s.id).rain.radiusKm) continue;
        for (const r of list) rain.push({ t: r.t * 1000, v: r.value, stationCode: o.code, distanceKm: d });
      }
      // A new station, or one we could not hear while down, is not silent before it had a chance to report.
      const heardFrom = Math.max(
        lastByStation.get(s.id) ?? -Infinity,
        Date.parse(s.created_at),
        this.listeningSince,
      );
      const c = await this.conditionsFor(s, now, rain, Number.isFinite(heardFrom) ? heardFrom : null);
      conditions.set(s.id, c);
      elevations.push(elevationFromConditions(s, c, this.rules));
    }
    const clusters = neighbourAgreement(elevations, this.rules).map((cluster) => {
      // The cluster is as severe as its most severe member.
      let severity = cluster.severity;
      for (const code of cluster.stations) {
        const s = stations.find((x) => x.code === code);
        for (const c of (s && conditions.get(s.id)) ?? [])
          if (
            this.rules.neighbours.fromRules.includes(c.rule) &&
            severityRank(c.severity) > severityRank(severity)
          )
            severity = c.severity;
      }
      return { ...cluster, severity };
    });
    const inCluster = new Set(clusters.flatMap((c) => c.stations));
    for (const s of stations) {
      if (wanted && !wanted.has(s.id)) continue;
      await this.applyStation(s, conditions.get(s.id)!, now, inCluster.has(s.code));
    }
    await this.applyNetwork(clusters, now);
  }

  private async conditionsFor(
    s: StationForAlarms,
    now: number,
    rain: RainPoint[],
    lastTime: number | null,
  ): Promise<AlarmCondition[]> {
    const nowS = Math.floor(now / 1000);
    const rows = await this.measurements.rowsBetween(
      this.db,
      s.id,
      QUANTITY_CODES.ambient_dose_rate,
      nowS - 8 * 86_400,
      nowS,
    );
    const dose: DosePoint[] = rows.map((r) => ({
      t: r.t * 1000,
      v: r.value,
      flags: r.flags ? bitsToFlags(r.flags) : [],
      rejected: r.state === 2,
    }));
    return evaluateStation({
      station: { code: s.code, lat: s.lat, lon: s.lon, intervalS: s.interval_s },
      now,
      dose,
      rain,
      lastTime,
      rules: this.rulesFor(s.id),
    });
  }

  /** Rain that can explain the current values: the rain window plus the time a washout takes to fade. */
  private rainLookbackMs(): number {
    const r = this.rules.rain;
    return (
      (r.windowMinutes + r.leadMinutes + r.onsetToleranceMinutes) * MIN +
      (r.persistAfterRainHours + r.onsetLookbackHours) * HOUR
    );
  }

  private async applyStation(
    s: StationForAlarms,
    conditions: AlarmCondition[],
    now: number,
    inCluster: boolean,
  ): Promise<void> {
    for (const rule of ALARM_RULES) {
      if (rule === 'neighbours') continue;
      const condition = conditions.find((c) => c.rule === rule) ?? null;
      const latest = await this.db
        .selectFrom('alarms')
        .selectAll()
        .where('station_id', '=', s.id)
        .where('rule', '=', rule)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      const open = latest && OPEN_STATES.includes(latest.state as AlarmState) && latest.clear_since === null;
      if (condition && !open && this.rules.neighbours.fromRules.includes(rule)) {
        // An elevation below the alert rung waits one reporting interval after it is confirmed before it becomes
        // an alarm of its own, so that neighbours rising with it (whose values may arrive a little later) make
        // one network alarm instead of several; a station inside a cluster is announced by the cluster's alarm.
        const urgent = severityRank(condition.severity) >= severityRank('alert');
        const hold = Math.max(
          10 * MIN,
          (this.confirmValues(rule, this.rulesFor(s.id)) + 1) * s.interval_s * 1000,
        );
        const young = condition.since !== null && now - condition.since < hold;
        if (inCluster || (!urgent && young)) continue;
      }
      await this.applyAction(latest ?? null, condition, rule, s.id, now);
    }
  }

  private rulesFor(stationId: number | null): AlarmRuleSet {
    return (stationId !== null ? this.stationRules.get(stationId) : undefined) ?? this.rules;
  }

  private confirmValues(rule: AlarmRule, rules: AlarmRuleSet): number {
    if (rule === 'baseline') return rules.baseline.confirmValues;
    if (rule === 'rate_of_rise') return rules.rateOfRise.confirmValues;
    return Math.max(1, ...rules.level.rungs.map((r) => r.confirmValues));
  }

  private async applyNetwork(clusters: AlarmCondition[], now: number) {
    const open = await this.db
      .selectFrom('alarms')
      .selectAll()
      .where('rule', '=', 'neighbours')
      .where('state', 'in', OPEN_STATES)
      .where('clear_since', 'is', null)
      .execute();
    // Recently closed or clearing cluster alarms take part too, so an episode that continues is not raised anew.
    const recent = await this.db
      .selectFrom('alarms')
      .selectAll()
      .where('rule', '=', 'neighbours')
      .where('last_seen_at', '>=', new Date(now - DAY).toISOString())
      .where((eb) => eb.or([eb('state', 'not in', OPEN_STATES), eb('clear_since', 'is not', null)]))
      .execute();
    const candidates = [...open, ...recent];
    const { matches, unmatchedOpenIds } = matchNeighbourClusters(
      candidates.map((a) => ({ id: String(a.id), stations: JSON.parse(a.stations) as string[] })),
      clusters,
    );
    for (const m of matches) {
      const row = m.openId ? (candidates.find((a) => String(a.id) === m.openId) ?? null) : null;
      await this.applyAction(row, m.cluster, 'neighbours', null, now);
    }
    for (const id of unmatchedOpenIds) {
      const row = candidates.find((a) => String(a.id) === id)!;
      await this.applyAction(row, null, 'neighbours', null, now);
    }
  }

  private async applyAction(
    row: Selectable<AlarmsTable> | null,
    condition: AlarmCondition | null,
    rule: AlarmRule,
    stationId: number | null,
    now: number,
  ): Promise<void> {
    const action = nextEpisodeAction(
      row
        ? {
            rule: row.rule as AlarmRule,
            severity: row.severity as AlarmSeverity,
            lastSeenAt: Date.parse(row.last_seen_at),
            clearSince: row.clear_since ? Date.parse(row.clear_since) : null,
            state: row.state as AlarmState,
          }
        : null,
      condition ? { rule, severity: condition.severity } : null,
      now,
      this.rulesFor(stationId),
    );
    const nowIso = new Date(now).toISOString();
    if (action === 'none' || action === 'cleared') return;
    if (action === 'raise') {
      const c = condition!;
      const id = await this.db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('alarms')
          .values({
            rule,
            severity: c.severity,
            state: 'raised',
            cause: c.cause,
            reasons: JSON.stringify(c.reasons),
            station_id: stationId,
            stations: JSON.stringify(c.stations),
            quantity: c.peakValue !== null ? 'ambient_dose_rate' : null,
            peak_value: c.peakValue,
            peak_time: c.peakTime !== null ? new Date(c.peakTime).toISOString() : null,
            started_at: new Date(c.since ?? now).toISOString(),
            last_seen_at: nowIso,
            clear_since: null,
            acknowledged_at: null,
            acknowledged_by: null,
            closed_at: null,
            closed_by: null,
            note: null,
            created_at: nowIso,
            updated_at: nowIso,
            version: 1,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await this.event(trx, inserted.id, nowIso, 'raised', null, c.severity, null);
        await this.audit.record(trx, SYSTEM_ACTOR, {
          action: 'alarm.raise',
          entityType: 'alarm',
          entityId: inserted.id,
          after: { rule, severity: c.severity, cause: c.cause, stations: c.stations },
        });
        return inserted.id;
      });
      await this.announce('alarm.raised', id);
      return;
    }
    const r = row!;
    if (action === 'clear_pending') {
      await this.db.updateTable('alarms').set({ clear_since: nowIso }).where('id', '=', r.id).execute();
      return;
    }
    if (action === 'resolve') {
      await this.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('alarms')
          .set({
            state: 'resolved',
            closed_at: nowIso,
            closed_by: null,
            updated_at: nowIso,
            version: r.version + 1,
          })
          .where('id', '=', r.id)
          .execute();
        await this.event(trx, r.id, nowIso, 'auto_resolved', null, r.severity, null);
      });
      await this.announce('alarm.closed', r.id);
      return;
    }
    // update or escalate: the same alarm continues
    const c = condition!;
    const higherPeak = c.peakValue !== null && (r.peak_value === null || c.peakValue > r.peak_value);
    const escalate = action === 'escalate';
    const closed = r.state === 'resolved' || r.state === 'false_alarm';
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('alarms')
        .set({
          last_seen_at: nowIso,
          clear_since: null,
          ...(higherPeak
            ? {
                peak_value: c.peakValue,
                peak_time: c.peakTime !== null ? new Date(c.peakTime).toISOString() : null,
              }
            : {}),
          ...(closed
            ? {}
            : {
                reasons: JSON.stringify(c.reasons),
                stations: JSON.stringify(mergeCodes(r.stations, c.stations)),
              }),
          ...(escalate
            ? { severity: c.severity, cause: c.cause, updated_at: nowIso, version: r.version + 1 }
            : {}),
          // A washout that turns out not to be natural changes the cause without a new alarm.
          ...(!escalate &&
          !closed &&
          c.cause !== r.cause &&
          severityRank(c.severity) >= severityRank(r.severity as AlarmSeverity)
            ? { cause: c.cause }
            : {}),
        })
        .where('id', '=', r.id)
        .execute();
      if (escalate) {
        await this.event(trx, r.id, nowIso, 'escalated', null, c.severity, null);
        await this.audit.record(trx, SYSTEM_ACTOR, {
          action: 'alarm.escalate',
          entityType: 'alarm',
          entityId: r.id,
          before: { severity: r.severity },
          after: { severity: c.severity },
        });
      }
    });
    if (escalate) await this.announce('alarm.escalated', r.id);
  }

  private async event(
    trx: Executor,
    alarmId: number,
    at: string,
    action: string,
    userId: number | null,
    severity: string,
    note: string | null,
  ): Promise<void> {
    await trx
      .insertInto('alarm_events')
      .values({ alarm_id: alarmId, at, action, user_id: userId, severity, note })
      .execute();
  }

  private async announce(kind: AlarmNotice['kind'], id: number): Promise<void> {
    try {
      await this.notify({ kind, alarm: view(await this.find(this.db, id)) });
    } catch {
      // A failing notification channel must not undo or block the alarm; deliveries retry on their own.
    }
  }

  // ---------- reading and lifecycle ----------

  async list(actor: Actor, query: AlarmListQuery): Promise<AlarmPage> {
    requirePermission(actor, Permission.AlarmRead);
    let q = this.base(this.db);
    if (query.state === 'open') q = q.where('alarms.state', 'in', OPEN_STATES);
    else if (query.state === 'closed') q = q.where('alarms.state', 'in', ['resolved', 'false_alarm']);
    else if (query.state) q = q.where('alarms.state', '=', query.state);
    if (query.severity) q = q.where('alarms.severity', '=', query.severity);
    if (query.station) {
      const code = query.station;
      q = q.where((eb) =>
        eb.or([eb('stations.code', '=', code), eb('alarms.stations', 'like', `%"${code}"%`)]),
      );
    }
    const [rows, count] = await Promise.all([
      q
        .orderBy(sql`case when alarms.state in ('raised','acknowledged') then 0 else 1 end`)
        .orderBy(
          sql`case alarms.severity when 'emergency' then 0 when 'alert' then 1 when 'warning' then 2 else 3 end`,
        )
        .orderBy('alarms.id', 'desc')
        .limit(query.limit ?? 50)
        .offset(query.offset ?? 0)
        .execute(),
      q
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(view), total: Number(count.n) };
  }

  async get(actor: Actor, id: number): Promise<Alarm> {
    requirePermission(actor, Permission.AlarmRead);
    return view(await this.find(this.db, id));
  }

  async history(actor: Actor, id: number) {
    requirePermission(actor, Permission.AlarmRead);
    await this.find(this.db, id);
    const rows = await this.db
      .selectFrom('alarm_events')
      .leftJoin('users', 'users.id', 'alarm_events.user_id')
      .select([
        'alarm_events.at',
        'alarm_events.action',
        'alarm_events.severity',
        'alarm_events.note',
        'users.display_name as by',
      ])
      .where('alarm_id', '=', id)
      .orderBy('alarm_events.id')
      .execute();
    return rows.map((r) => ({
      at: r.at,
      action: r.action,
      severity: r.severity,
      note: r.note,
      by: r.by ?? null,
    }));
  }

  async act(
    actor: Actor,
    id: number,
    action: AlarmAction,
    note: string | undefined,
    version?: number,
  ): Promise<Alarm> {
    requirePermission(actor, Permission.AlarmManage);
    const nowIso = this.clock.now().toISOString();
    const result = await this.db.transaction().execute(async (trx) => {
      const row = await this.find(trx, id);
      if (version !== undefined && version !== row.version)
        throw new AppError('entity.conflict', { entity: 'alarm' }, { current: row.version });
      const t = transitionAlarm(row.state as AlarmState, action);
      if (!t.ok) throw new AppError('alarm.action_not_allowed', t.params, t.params);
      const stamp =
        t.stamp === 'acknowledged'
          ? { acknowledged_at: nowIso, acknowledged_by: actor.userId }
          : t.stamp === 'closed'
            ? { closed_at: nowIso, closed_by: actor.userId }
            : { closed_at: null, closed_by: null };
      await trx
        .updateTable('alarms')
        .set({
          state: t.state,
          ...stamp,
          ...(note ? { note } : {}),
          updated_at: nowIso,
          version: row.version + 1,
        })
        .where('id', '=', id)
        .execute();
      const eventName =
        action === 'resolve'
          ? 'resolved'
          : action === 'reopen'
            ? 'reopened'
            : action === 'acknowledge'
              ? 'acknowledged'
              : 'false_alarm';
      await this.event(trx, id, nowIso, eventName, actor.userId, row.severity, note ?? null);
      await this.audit.record(trx, actor, {
        action: `alarm.${action}`,
        entityType: 'alarm',
        entityId: id,
        before: { state: row.state },
        after: { state: t.state, ...(note ? { note } : {}) },
      });
      return view(await this.find(trx, id));
    });
    await this.notify({
      kind:
        action === 'acknowledge'
          ? 'alarm.acknowledged'
          : action === 'reopen'
            ? 'alarm.reopened'
            : 'alarm.closed',
      alarm: result,
    }).catch(() => {});
    return result;
  }

  /** For the network view: the most severe open alarm per station, and how many are open. */
  async openSummary(): Promise<{ byStation: Map<number, OpenAlarmSummary>; total: number }> {
    const rows = await this.db
      .selectFrom('alarms')
      .select(['id', 'station_id', 'stations', 'severity', 'state', 'rule', 'cause'])
      .where('state', 'in', OPEN_STATES)
      .execute();
    const codes = await this.db.selectFrom('stations').select(['id', 'code']).execute();
    const idOf = new Map(codes.map((c) => [c.code, c.id]));
    const byStation = new Map<number, OpenAlarmSummary>();
    const consider = (stationId: number | undefined, r: (typeof rows)[number]) => {
      if (stationId === undefined) return;
      const prev = byStation.get(stationId);
      if (prev && severityRank(prev.severity) >= severityRank(r.severity as AlarmSeverity)) return;
      byStation.set(stationId, {
        id: r.id,
        severity: r.severity as AlarmSeverity,
        state: r.state as OpenAlarmSummary['state'],
        rule: r.rule as AlarmRule,
        cause: r.cause as OpenAlarmSummary['cause'],
      });
    };
    for (const r of rows) {
      if (r.station_id !== null) consider(r.station_id, r);
      else for (const code of JSON.parse(r.stations) as string[]) consider(idOf.get(code), r);
    }
    return { byStation, total: rows.length };
  }

  private base(db: Executor) {
    return db
      .selectFrom('alarms')
      .leftJoin('stations', 'stations.id', 'alarms.station_id')
      .leftJoin('users as ack', 'ack.id', 'alarms.acknowledged_by')
      .leftJoin('users as closer', 'closer.id', 'alarms.closed_by')
      .selectAll('alarms')
      .select([
        'stations.code as station_code',
        'stations.name as station_name',
        'stations.commune_code as station_commune',
        'ack.display_name as ack_name',
        'closer.display_name as closed_name',
      ]);
  }

  private async find(db: Executor, id: number): Promise<AlarmRow> {
    const row = await this.base(db).where('alarms.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('alarm', id);
    return row;
  }
}

function mergeCodes(stored: string, now: string[]): string[] {
  return [...new Set([...(JSON.parse(stored) as string[]), ...now])].sort();
}

function view(r: AlarmRow): Alarm {
  return {
    id: r.id,
    rule: r.rule as Alarm['rule'],
    severity: r.severity as Alarm['severity'],
    state: r.state as Alarm['state'],
    cause: r.cause as Alarm['cause'],
    reasons: JSON.parse(r.reasons) as Alarm['reasons'],
    station:
      r.station_code !== null
        ? { code: r.station_code, name: r.station_name ?? r.station_code, communeCode: r.station_commune }
        : null,
    stations: JSON.parse(r.stations) as string[],
    quantity: r.quantity as Alarm['quantity'],
    peakValue: r.peak_value,
    peakTime: r.peak_time,
    unit: r.peak_value !== null ? 'nSv/h' : null,
    startedAt: r.started_at,
    lastSeenAt: r.last_seen_at,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.ack_name,
    closedAt: r.closed_at,
    closedBy: r.closed_name ?? (r.closed_at ? 'system' : null),
    note: r.note,
    version: r.version,
    incidentId: r.incident_id ?? null,
  };
}
