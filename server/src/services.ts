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
import { ExportService } from './modules/registry/export.service.js';
import { InspectionService } from './modules/inspections/inspection.service.js';
import { InventoryService } from './modules/registry/inventory.service.js';
import { UnsealedService } from './modules/registry/unsealed.service.js';
import { SecretBox } from './security/tokens.js';

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
  imports: ImportService;
  exports: ExportService;
  inspections: InspectionService;
  inventory: InventoryService;
  unsealed: UnsealedService;
}

export function createServices(
  db: Db,
  clock: Clock,
  config: Config,
  secretKey: Buffer,
  province: { timeZone: string },
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
  return {
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
    stations: new StationService(db, clock, audit, geo),
  };
}
