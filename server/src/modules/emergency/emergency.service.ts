/**
 * Emergency decision support on the server: the point calculators that outside tools and the web app call (a
 * steady plume's concentration at a receptor, a lost source's cordon), dispersion runs kept for the record (their
 * list, and exports as GeoJSON, KML and a Vietnamese Word summary), and the weather at the stations near a release.
 * The physics is core's, the same code the browser runs; this service checks the inputs against it and names the
 * field of any problem.
 */
import {
  computeDispersionRun,
  exerciseLabelled,
  KML_MEDIA_TYPE,
  likePattern,
  Permission,
  cordon,
  CordonInputError,
  isWellMixed,
  plumeConcentration,
  searchKey,
  sigmaY,
  sigmaZ,
  type ConcentrationBody,
  type ConcentrationResult,
  type CordonBody,
  type CordonResult,
  type DispersionRunResult,
  type Run,
  type RunBody,
  type RunExportFormat,
  type RunListQuery,
  type RunPage,
  type ValidationReason,
  type WeatherQuery,
  type WeatherResponse,
} from '@sievert/core';
import { sql } from 'kysely';
import type { Clock } from '../../adapters/clock.js';
import type { Db, Executor } from '../../db/database.js';
import { AppError, invalidField, notFound } from '../../errors.js';
import { hasPermission, requirePermission, type Actor } from '../auth/actor.js';
import type { AuditService } from '../auth/audit.service.js';
import type { CommuneShape, GeoService } from '../geo/geo.service.js';
import type { IncidentService } from '../incidents/incident.service.js';
import type { MeasurementRepository } from '../monitoring/measurement.repository.js';
import { firstModelZone, type FirstModelZone } from './first-model.js';
import { runGeoJson, runKml } from './run-export.js';
import { runSummaryDocx } from './run-summary.js';
import { runListColumns, type RunListColumns } from './run-list.js';
import { weatherNear } from './weather.js';

type Zone = Run['zones'][number];
/** A zone as the first model stored it: communes by their centre, no population (see first-model.ts). */
type FirstZone = Omit<Zone, 'communes' | 'population' | 'populationMissing'> & FirstModelZone;
type StoredOutputs = Omit<Run, 'id' | 'title' | 'createdAt' | 'createdBy' | 'inputs' | 'zones'> & {
  zones: Array<Zone | FirstZone>;
};
const isFirstZone = (z: Zone | FirstZone): z is FirstZone => !('populationMissing' in z);

export interface RunFile {
  body: Buffer;
  contentType: string;
  filename: string;
}

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** What a cordon input problem is, in the words of the validation reasons every client translates. */
const CORDON_REASONS: Record<string, ValidationReason> = {
  'cordon.unknown_nuclide': 'unknown_nuclide',
  'cordon.invalid_activity': 'too_small',
  'cordon.unknown_material': 'not_allowed_value',
  'cordon.invalid_thickness': 'too_small',
  'cordon.no_shielding_data': 'invalid',
  'cordon.unknown_situation': 'not_allowed_value',
};

export class EmergencyService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly geo: GeoService,
    private readonly measurements: MeasurementRepository,
    private readonly timeZone: string,
    private readonly incidents: IncidentService,
  ) {}

  /**
   * A dispersion run for the record: computed with core's model over the province's communes (boundaries and
   * population), every input and output stored with the list's columns, audited. A run for an incident needs an
   * incident the caller may read, and goes on its timeline (kind `run`) in the same transaction.
   */
  async createRun(actor: Actor, body: RunBody): Promise<Run> {
    requirePermission(actor, Permission.EmergencyRun);
    const lid = body.weather.mixingHeightM;
    if (lid !== undefined && body.release.heightM >= lid)
      throw invalidField('/release/heightM', 'too_large', { limit: lid });
    const communes = await this.geo.communeShapes();
    const outputs = computeRun(body, communes);
    const incidentId = body.incidentId ?? null;
    const now = this.clock.now().toISOString();
    const { id, entryId } = await this.db.transaction().execute(async (trx) => {
      const incident = incidentId === null ? null : await this.linkableIncident(trx, actor, incidentId);
      const row = await trx
        .insertInto('emergency_runs')
        .values({
          title: body.title ?? null,
          inputs: JSON.stringify(body),
          outputs: JSON.stringify(outputs),
          created_at: now,
          created_by: actor.userId,
          incident_id: incidentId,
          title_key: searchKey(body.title),
          summary: JSON.stringify(runListColumns(body, outputs)),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, {
        action: 'emergency.run',
        entityType: 'emergency_run',
        entityId: row.id,
        after: {
          title: body.title ?? null,
          incidentId,
          release: body.release,
          weather: body.weather,
          zones: outputs.zones.length,
        },
      });
      const entryId =
        incident === null
          ? null
          : await this.incidents.log(trx, incident.id, {
              kind: 'run',
              text: exerciseLabelled(
                `Tính phát tán phóng xạ: ${body.title ?? `lần tính số ${row.id}`}`,
                incident.exercise === 1,
                'vi',
              ),
              data: { event: 'run', runId: row.id, title: body.title ?? null },
              userId: actor.userId,
            });
      return { id: row.id, entryId };
    });
    if (incidentId !== null && entryId !== null)
      await this.incidents.afterCommit(incidentId, 'timeline', entryId);
    return this.getRun(actor, id);
  }

  /**
   * The incident a run is for, if the caller may read it; otherwise 400 naming `/incidentId` — the same answer
   * whether it does not exist or is out of reach, so that the answer tells nothing about incidents one may not see.
   */
  private async linkableIncident(trx: Executor, actor: Actor, incidentId: number) {
    if (!hasPermission(actor, Permission.IncidentRead)) throw invalidField('/incidentId', 'invalid');
    try {
      return await this.incidents.readable(trx, actor, incidentId);
    } catch (error) {
      if (error instanceof AppError && error.code === 'entity.not_found')
        throw invalidField('/incidentId', 'invalid');
      throw error;
    }
  }

  async getRun(actor: Actor, id: number): Promise<Run> {
    requirePermission(actor, Permission.EmergencyRead);
    const row = await this.db
      .selectFrom('emergency_runs')
      .leftJoin('users', 'users.id', 'emergency_runs.created_by')
      .selectAll('emergency_runs')
      .select('users.display_name as by')
      .where('emergency_runs.id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('emergency_run', id);
    const inputs = JSON.parse(row.inputs) as RunBody;
    const outputs = JSON.parse(row.outputs) as StoredOutputs;
    // What a run of the first model (steady plume, communes by their centre) did not store, with its meaning then.
    const firstModel = {
      model: 'plume' as const,
      plumeRiseM: 0,
      effectiveHeightM: inputs.release.heightM,
      ageGroup: 'adult' as const,
      arrivals: [],
    };
    return {
      ...firstModel,
      ...outputs,
      zones: await this.storedZones(outputs.zones),
      id: row.id,
      title: row.title,
      createdAt: row.created_at,
      createdBy: row.by ?? null,
      inputs,
    };
  }

  private async storedZones(zones: StoredOutputs['zones']): Promise<Zone[]> {
    if (!zones.some(isFirstZone)) return zones as Zone[];
    const shapes = new Map((await this.geo.communeShapes()).map((c) => [c.code, c]));
    return zones.map((z) => (isFirstZone(z) ? firstModelZone(z, shapes) : z));
  }

  /** Stored runs, newest first; `q` matches words of the title (case and diacritics ignored). */
  async listRuns(actor: Actor, query: RunListQuery): Promise<RunPage> {
    requirePermission(actor, Permission.EmergencyRead);
    let q = this.db.selectFrom('emergency_runs');
    const words = query.q?.trim();
    if (words)
      q = q.where(sql<boolean>`emergency_runs.title_key like ${likePattern(searchKey(words))} escape '\\'`);
    if (query.incidentId !== undefined) q = q.where('emergency_runs.incident_id', '=', query.incidentId);
    const [rows, count] = await Promise.all([
      q
        .leftJoin('users', 'users.id', 'emergency_runs.created_by')
        .select([
          'emergency_runs.id',
          'emergency_runs.title',
          'emergency_runs.created_at',
          'emergency_runs.incident_id',
          'emergency_runs.summary',
          'users.display_name as by',
        ])
        .orderBy('emergency_runs.id', 'desc')
        .limit(query.limit ?? 50)
        .offset(query.offset ?? 0)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      items: rows.map((r) => ({
        id: r.id,
        title: r.title,
        createdAt: r.created_at,
        createdBy: r.by ?? null,
        incidentId: r.incident_id,
        // Written with every run since 0016, and for the earlier ones by that migration.
        ...(JSON.parse(r.summary!) as RunListColumns),
      })),
      total: Number(count.n),
    };
  }

  /** A run as a file: GeoJSON or KML of its zones, or the Vietnamese summary as a Word document. */
  async exportRun(actor: Actor, id: number, format: RunExportFormat): Promise<RunFile> {
    const run = await this.getRun(actor, id);
    const filename = `sievert-run-${run.id}.${format}`;
    if (format === 'geojson')
      return {
        body: Buffer.from(JSON.stringify(runGeoJson(run))),
        contentType: 'application/geo+json; charset=utf-8',
        filename,
      };
    if (format === 'kml') return { body: Buffer.from(runKml(run)), contentType: KML_MEDIA_TYPE, filename };
    const province = await this.geo.provinceSummary();
    const docx = runSummaryDocx(run, {
      provinceName: province.name,
      authority: 'Sở Khoa học và Công nghệ',
      timeZone: this.timeZone,
    });
    return { body: Buffer.from(docx), contentType: DOCX_TYPE, filename };
  }

  /** The latest wind, rain and temperature at the stations nearest to a point (at most five). */
  async weather(actor: Actor, query: WeatherQuery): Promise<WeatherResponse> {
    requirePermission(actor, Permission.EmergencyRead);
    return weatherNear(this.db, this.measurements, this.clock.now(), query.lat, query.lon);
  }

  /**
   * A lost or unshielded point source: H*(10) rate at 1 m, the distance where it falls to 100 µSv/h (IAEA inner
   * cordon), the IAEA default radius for the situation and a warning where the computed radius is larger.
   */
  cordon(body: CordonBody): CordonResult {
    try {
      const r = cordon({
        nuclide: body.nuclide,
        activityBq: body.activityBq,
        ...(body.shielding ? { shielding: body.shielding } : {}),
        ...(body.situation ? { situation: body.situation } : {}),
      });
      return {
        nuclide: r.nuclide,
        doseRateAt1mUSvPerH: r.doseRateAt1mUSvPerH,
        radiusM: r.radiusM,
        criterionUSvPerH: r.criterionUSvPerH,
        situation: r.situation,
        defaultRadiusM: r.defaultRadiusM,
        exceedsDefault: r.exceedsDefault,
        warnings: r.warnings,
        assumptions: r.assumptions,
      };
    } catch (error) {
      if (error instanceof CordonInputError)
        throw invalidField(
          `/${error.field.replace(/\./g, '/')}`,
          CORDON_REASONS[error.code] ?? 'invalid',
          error.params,
        );
      throw error;
    }
  }

  /** Steady Gaussian plume with ground reflection (and lid reflections under a mixing height); upwind gives 0. */
  concentration(body: ConcentrationBody): ConcentrationResult {
    const set = body.sigma ?? 'pg-isc3';
    const { x, y, z } = body.receptor;
    const mixingHeight = body.mixingHeightM;
    if (mixingHeight !== undefined && body.heightM >= mixingHeight)
      throw invalidField('/heightM', 'too_large', { limit: mixingHeight });
    if (x <= 0) return { concentration: 0, sigmaY: 0, sigmaZ: 0, sigma: set, regime: 'upwind' };
    const sy = sigmaY(set, body.stability, x);
    const sz = sigmaZ(set, body.stability, x);
    const concentration = plumeConcentration({
      q: body.releaseRate,
      u: body.windSpeedMS,
      h: body.heightM,
      y,
      z,
      sigmaY: sy,
      sigmaZ: sz,
      ...(mixingHeight !== undefined ? { mixingHeight } : {}),
    });
    const regime =
      mixingHeight === undefined
        ? 'ground_reflection'
        : isWellMixed(sz, mixingHeight)
          ? 'well_mixed'
          : 'ground_and_lid_reflection';
    return { concentration, sigmaY: sy, sigmaZ: sz, sigma: set, regime };
  }
}

/**
 * Runs core's model over the province's communes: each zone then lists the communes it covers with the share of
 * their area, their people and when the plume arrives there.
 */
function computeRun(body: RunBody, communes: readonly CommuneShape[]): DispersionRunResult {
  const { title: _title, incidentId: _incidentId, ...input } = body;
  try {
    return computeDispersionRun(input, { communes });
  } catch (error) {
    const field = (error as { field?: unknown }).field;
    if (error instanceof RangeError && typeof field === 'string')
      throw invalidField(`/${field}`, field.endsWith('nuclide') ? 'unknown_nuclide' : 'invalid');
    throw error;
  }
}
