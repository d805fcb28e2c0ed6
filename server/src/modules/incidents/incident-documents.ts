/**
 * The documents of incident work: the report of one incident (Word, Decree 30 layout) and the register of the
 * incidents a person may see (spreadsheet). Both read through IncidentService, so the reach rule of lists and
 * reads applies: an incident outside it answers 404, and the register lists only what the list would.
 */
import { localDateOf, type IncidentListItem, type IncidentRegisterQuery } from '@sievert/core';
import type { Clock as TimeSource } from '../../adapters/clock.js';
import type { Db } from '../../db/database.js';
import type { Actor } from '../auth/actor.js';
import type { GeoService } from '../geo/geo.service.js';
import type { ExerciseService } from './exercise.service.js';
import { incidentReportDocx } from './incident-report.js';
import { incidentRegisterXlsx, registerRow, type RegisterClocks } from './incident-register.js';
import type { IncidentService } from './incident.service.js';

export interface IncidentFile {
  body: Buffer;
  contentType: string;
  filename: string;
}

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The issuing body of the reports. */
const AUTHORITY = 'Sở Khoa học và Công nghệ';
/** Page size while reading the register (the list's own maximum). */
const PAGE = 500;
/** Most rows a register holds: far beyond a province's incidents, a bound on one request's work. */
export const REGISTER_MAX_ROWS = 20_000;

export class IncidentDocumentService {
  constructor(
    private readonly db: Db,
    private readonly clock: TimeSource,
    private readonly incidents: IncidentService,
    private readonly geo: GeoService,
    private readonly exercises: ExerciseService,
    private readonly timeZone: string,
  ) {}

  /** The incident report as a Word document; 404 outside the reader's reach. */
  async report(actor: Actor, id: number): Promise<IncidentFile> {
    const incident = await this.incidents.get(actor, id);
    const [timeline, runs, communes, province, exerciseReport] = await Promise.all([
      this.incidents.timeline(actor, id),
      this.db
        .selectFrom('emergency_runs')
        .select(['id', 'title', 'created_at'])
        .where('incident_id', '=', id)
        .orderBy('id')
        .execute(),
      this.geo.communes(),
      this.geo.provinceSummary(),
      incident.exercise ? this.exercises.report(actor, id) : Promise.resolve(null),
    ]);
    const commune = communes.find((c) => c.code === incident.communeCode) ?? null;
    const docx = incidentReportDocx({
      incident,
      timeline,
      runs: runs.map((r) => ({ id: r.id, title: r.title, createdAt: r.created_at })),
      commune: commune ? { name: commune.name, fullName: commune.fullName } : null,
      exerciseReport,
      provinceName: province.name,
      authority: AUTHORITY,
      timeZone: this.timeZone,
      now: this.clock.now(),
    });
    return {
      body: Buffer.from(docx),
      contentType: DOCX_TYPE,
      filename: `bao-cao-su-co-${incident.number.replace('/', '-')}.docx`,
    };
  }

  /** The register of the incidents the reader may see, with the list's filters, newest report first. */
  async register(actor: Actor, query: IncidentRegisterQuery): Promise<IncidentFile> {
    const items: IncidentListItem[] = [];
    for (let offset = 0; offset < REGISTER_MAX_ROWS; offset += PAGE) {
      const page = await this.incidents.list(actor, { ...query, limit: PAGE, offset });
      items.push(...page.items);
      if (page.items.length < PAGE) break;
    }
    const [clocks, communes] = await Promise.all([
      this.clockCounts(items.map((i) => i.id)),
      this.geo.communes(),
    ]);
    const names = new Map(communes.map((c) => [c.code, c.fullName]));
    const rows = items
      .slice(0, REGISTER_MAX_ROWS)
      .map((i) =>
        registerRow(
          i,
          clocks.get(i.id),
          i.communeCode ? (names.get(i.communeCode) ?? null) : null,
          this.timeZone,
        ),
      );
    const today = localDateOf(this.clock.now(), this.timeZone);
    return {
      body: Buffer.from(incidentRegisterXlsx(rows)),
      contentType: XLSX_TYPE,
      filename: `so-theo-doi-su-co-${today}.xlsx`,
    };
  }

  /** How each incident's deadlines went, counted now. */
  private async clockCounts(ids: readonly number[]): Promise<Map<number, RegisterClocks>> {
    const out = new Map<number, RegisterClocks>();
    const now = this.clock.now().getTime();
    // In chunks: a database limits the parameters of one statement.
    for (let i = 0; i < ids.length; i += PAGE) {
      const rows = await this.db
        .selectFrom('incident_clocks')
        .select(['incident_id', 'due_at', 'met_at'])
        .where('incident_id', 'in', ids.slice(i, i + PAGE))
        .execute();
      for (const r of rows) {
        const c = out.get(r.incident_id) ?? { total: 0, onTime: 0, late: 0, overdue: 0 };
        const due = Date.parse(r.due_at);
        c.total++;
        if (r.met_at !== null) {
          if (Date.parse(r.met_at) <= due) c.onTime++;
          else c.late++;
        } else if (due < now) c.overdue++;
        out.set(r.incident_id, c);
      }
    }
    return out;
  }
}
