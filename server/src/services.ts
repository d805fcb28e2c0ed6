import { zoneOffsetMs } from '@sievert/core';
import type SqliteDatabase from 'better-sqlite3';
import type { Clock } from './adapters/clock.js';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import { AuditService } from './modules/auth/audit.service.js';
import { AuthService } from './modules/auth/auth.service.js';
import { OrganisationService } from './modules/auth/organisation.service.js';
import { UserService } from './modules/auth/user.service.js';
import { DashboardService } from './modules/dashboard/dashboard.service.js';
import { GeoService } from './modules/geo/geo.service.js';
import { FacilityService } from './modules/registry/facility.service.js';
import { SourceService } from './modules/registry/source.service.js';
import { DeviceService } from './modules/registry/device.service.js';
import { LicenceService } from './modules/licensing/licence.service.js';
import { ApplicationService } from './modules/licensing/application.service.js';
import { ImportService } from './modules/registry/import.service.js';
import { DatabaseFileStore } from './adapters/files.js';
import { ApplicationFileService } from './modules/licensing/application-file.service.js';
import { HistoryService } from './modules/registry/history.js';
import { StationService } from './modules/monitoring/station.service.js';
import { IsotopeService } from './modules/monitoring/isotope.service.js';
import { IngestService } from './modules/monitoring/ingest.service.js';
import { MeasurementRepository } from './modules/monitoring/measurement.repository.js';
import { MeasurementService } from './modules/monitoring/measurement.service.js';
import { AlarmService } from './modules/monitoring/alarm.service.js';
import { alarmNotifier } from './modules/monitoring/alarm-notices.js';
import { AlarmRulesService } from './modules/monitoring/alarm-rules.service.js';
import { EmergencyService } from './modules/emergency/emergency.service.js';
import { ExportService } from './modules/registry/export.service.js';
import { InspectionService } from './modules/inspections/inspection.service.js';
import { InventoryService } from './modules/registry/inventory.service.js';
import { UnsealedService } from './modules/registry/unsealed.service.js';
import { SecretBox } from './security/tokens.js';
import { createMailSender } from './adapters/mail.js';
import { createWebhookSender } from './adapters/webhook.js';
import { LiveHub } from './modules/notifications/live-hub.js';
import { NotificationService } from './modules/notifications/notification.service.js';
import { DeliveryService } from './modules/notifications/delivery.service.js';
import { WebhookService } from './modules/notifications/webhook.service.js';
import { IncidentService } from './modules/incidents/incident.service.js';
import { ExerciseService } from './modules/incidents/exercise.service.js';
import { IncidentDocumentService } from './modules/incidents/incident-documents.js';
import { PublicService } from './modules/publication/public.service.js';

type SqliteNative = SqliteDatabase.Database;

/** Every service, wired once; routes and jobs receive what they need from here. */
export interface Services {
  db: Db;
  audit: AuditService;
  geo: GeoService;
  organisations: OrganisationService;
  auth: AuthService;
  users: UserService;
  dashboard: DashboardService;
  facilities: FacilityService;
  sources: SourceService;
  devices: DeviceService;
  licences: LicenceService;
  applications: ApplicationService;
  applicationFiles: ApplicationFileService;
  history: HistoryService;
  stations: StationService;
  /** River stable-isotope samples and their analysis. */
  isotopes: IsotopeService;
  ingest: IngestService;
  measurements: MeasurementService;
  alarms: AlarmService;
  alarmRules: AlarmRulesService;
  emergency: EmergencyService;
  imports: ImportService;
  exports: ExportService;
  inspections: InspectionService;
  inventory: InventoryService;
  unsealed: UnsealedService;
  /** Live pushes to open `/api/v1/events` streams: `live.broadcast(type, payload, filter?)`. */
  live: LiveHub;
  notifications: NotificationService;
  deliveries: DeliveryService;
  webhooks: WebhookService;
  /** Incidents and the response to them. */
  incidents: IncidentService;
  /** Exercise scenarios (checked, and added to the simulated stations' readings) and exercise reports. */
  exercises: ExerciseService;
  /** The incident report (DOCX) and the register (XLSX). */
  incidentDocuments: IncidentDocumentService;
  /** Public release rules and the public (no sign-in) read of stations and published values. */
  publication: PublicService;
}

export function createServices(
  db: Db,
  clock: Clock,
  config: Config,
  secretKey: Buffer,
  province: { timeZone: string },
  sqlite?: SqliteNative,
): Services {
  const audit = new AuditService(db, clock);
  const geo = new GeoService(db, clock, audit);
  const organisations = new OrganisationService(db, clock, audit, geo);
  const auth = new AuthService(db, clock, config, audit, new SecretBox(secretKey));
  const users = new UserService(db, clock, audit, organisations, auth);
  const dashboard = new DashboardService(db, geo, organisations, users);
  const facilities = new FacilityService(db, clock, audit, organisations);
  const licences = new LicenceService(db, clock, audit, facilities, province.timeZone);
  const sources = new SourceService(db, clock, audit, facilities, licences, province.timeZone);
  const devices = new DeviceService(db, clock, audit, facilities, licences, province.timeZone);
  const applications = new ApplicationService(db, clock, audit, licences);
  const applicationFiles = new ApplicationFileService(
    db,
    clock,
    audit,
    applications,
    new DatabaseFileStore(),
  );
  const imports = new ImportService(db, clock, audit, geo, province.timeZone);
  const inspections = new InspectionService(db, clock, audit, facilities, province.timeZone);
  const exports = new ExportService(facilities, sources, devices, licences, applications, inspections);
  const inventory = new InventoryService(db, clock, audit, facilities);
  const unsealed = new UnsealedService(db, clock, audit, facilities, province.timeZone);
  const stations = new StationService(db, clock, audit, geo);
  const measurementRepository = new MeasurementRepository(
    config.database.dialect,
    Math.round(zoneOffsetMs(province.timeZone, clock.now()) / 1000),
    sqlite,
  );
  const ingest = new IngestService(db, clock, stations, measurementRepository);
  const measurements = new MeasurementService(db, clock, audit, measurementRepository);
  const alarms = new AlarmService(db, clock, audit, measurementRepository);
  const alarmRules = new AlarmRulesService(db, audit);
  alarms.rulesSource = () => alarmRules.inForce();
  measurements.offlineRule = async () => {
    const rules = await alarmRules.inForce();
    return (id) => (rules.stations.get(id) ?? rules.network).offline;
  };
  measurements.openAlarms = () => alarms.openSummary();
  // Each committed batch is looked at by the alarm rules at once (merged when batches come in bursts).
  ingest.onCommitted((batch) => {
    void alarms.schedule([...batch.stations.values()].map((s) => s.stationId)).catch(() => {});
  });
  const live = new LiveHub();
  const mail = createMailSender(config.mail);
  const box = new SecretBox(secretKey);
  const notifications = new NotificationService(db, clock, config, audit, geo, live, mail);
  const deliveries = new DeliveryService(db, clock, mail, createWebhookSender(config.webhooks), box);
  const webhooks = new WebhookService(db, clock, audit, box, notifications, deliveries, config.webhooks);
  alarms.notify = alarmNotifier(notifications, live);
  // Open dashboards learn which stations have new values, at most once a second.
  let fresh: Set<string> | null = null;
  ingest.onCommitted((batch) => {
    if (fresh) {
      for (const code of batch.stations.keys()) fresh.add(code);
      return;
    }
    fresh = new Set(batch.stations.keys());
    setTimeout(() => {
      const stations = [...(fresh ?? [])];
      fresh = null;
      live.broadcast('measurements', { stations });
    }, 1000).unref();
  });
  const incidents = new IncidentService(
    db,
    clock,
    audit,
    geo,
    notifications,
    live,
    sources,
    province.timeZone,
  );
  const exercises = new ExerciseService(db, incidents);
  const publication = new PublicService(
    db,
    clock,
    audit,
    measurementRepository.dayOffsetS,
    config.openData.rateLimit,
  );
  publication.offlineRule = () => measurements.offlineRule();
  publication.sources = { geo, notices: incidents, facilities, openData: config.openData };
  incidents.onNoticeMoved = () => publication.invalidate();
  ingest.onCommitted(() => publication.invalidate());
  incidents.checkScenario = (scenario) => exercises.checkScenario(scenario);
  return {
    publication,
    live,
    notifications,
    incidents,
    exercises,
    incidentDocuments: new IncidentDocumentService(db, clock, incidents, geo, exercises, province.timeZone),
    deliveries,
    webhooks,
    stations,
    isotopes: new IsotopeService(db, clock, audit, province.timeZone),
    ingest,
    measurements,
    alarms,
    alarmRules,
    emergency: new EmergencyService(
      db,
      clock,
      audit,
      geo,
      measurementRepository,
      province.timeZone,
      incidents,
    ),
    unsealed,
    inventory,
    inspections,
    imports,
    exports,
    db,
    audit,
    geo,
    organisations,
    auth,
    users,
    dashboard,
    facilities,
    sources,
    devices,
    licences,
    applications,
    applicationFiles,
    history: new HistoryService(db, { facilities, sources, devices, licences, inspections }),
  };
}
