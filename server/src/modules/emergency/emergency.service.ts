/**
 * Emergency decision support on the server: the point calculators that outside tools and the web app call (a
 * steady plume's concentration at a receptor, a lost source's cordon). The physics is core's, the same code the
 * browser runs; this service checks the inputs against it and names the field of any problem.
 */
import {
  computeDispersionRun,
  Permission,
  cordon,
  CordonInputError,
  isWellMixed,
  plumeConcentration,
  sigmaY,
  sigmaZ,
  type ConcentrationBody,
  type ConcentrationResult,
  type CordonBody,
  type CordonResult,
  type Run,
  type RunBody,
  type ValidationReason,
} from '@sievert/core';
import type { Clock } from '../../adapters/clock.js';
import type { Db } from '../../db/database.js';
import { invalidField, notFound } from '../../errors.js';
import { requirePermission, type Actor } from '../auth/actor.js';
import type { AuditService } from '../auth/audit.service.js';
import type { GeoService } from '../geo/geo.service.js';

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
  ) {}

  /**
   * A dispersion run for the record: computed with core's model, the communes whose centre lies in each zone
   * named, every input and output stored, audited.
   */
  async createRun(actor: Actor, body: RunBody): Promise<Run> {
    requirePermission(actor, Permission.EmergencyRun);
    const lid = body.weather.mixingHeightM;
    if (lid !== undefined && body.release.heightM >= lid)
      throw invalidField('/release/heightM', 'too_large', { limit: lid });
    let result;
    try {
      result = computeDispersionRun({
        release: body.release,
        weather: body.weather,
        ...(body.sigma ? { sigma: body.sigma } : {}),
      });
    } catch (error) {
      const field = (error as { field?: unknown }).field;
      if (error instanceof RangeError && typeof field === 'string')
        throw invalidField(`/${field}`, field.endsWith('nuclide') ? 'unknown_nuclide' : 'invalid');
      throw error;
    }
    const communes = await this.geo.communes();
    const zones = result.zones.map((z) => ({
      ...z,
      communes: communes
        .filter((c) => z.coordinates.some((polygon) => insidePolygon([c.labelLon, c.labelLat], polygon)))
        .map((c) => ({ code: c.code, name: c.fullName })),
    }));
    const outputs = { ...result, zones };
    const now = this.clock.now().toISOString();
    const id = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('emergency_runs')
        .values({
          title: body.title ?? null,
          inputs: JSON.stringify(body),
          outputs: JSON.stringify(outputs),
          created_at: now,
          created_by: actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, {
        action: 'emergency.run',
        entityType: 'emergency_run',
        entityId: row.id,
        after: {
          title: body.title ?? null,
          release: body.release,
          weather: body.weather,
          zones: zones.length,
        },
      });
      return row.id;
    });
    return this.getRun(actor, id);
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
    const outputs = JSON.parse(row.outputs) as Omit<
      Run,
      'id' | 'title' | 'createdAt' | 'createdBy' | 'inputs'
    >;
    return {
      id: row.id,
      title: row.title,
      createdAt: row.created_at,
      createdBy: row.by ?? null,
      inputs: JSON.parse(row.inputs) as RunBody,
      sigma: outputs.sigma,
      windAtReleaseMS: outputs.windAtReleaseMS,
      downwindBearingDeg: outputs.downwindBearingDeg,
      maxima: outputs.maxima,
      zones: outputs.zones,
      missing: outputs.missing,
      assumptions: outputs.assumptions,
    };
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

/** Ray casting on a GeoJSON polygon ([outer, ...holes]): inside the outer ring and outside every hole. */
function insidePolygon(point: [number, number], polygon: number[][][]): boolean {
  const inRing = (ring: number[][]) => {
    let inside = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > point[1] !== yj > point[1] && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi)
        inside = !inside;
    }
    return inside;
  };
  const [outer, ...holes] = polygon;
  return !!outer && inRing(outer) && !holes.some(inRing);
}
