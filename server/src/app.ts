/**
 * Builds the Fastify app from config: storage, services, plugins, then modules, nothing else.
 */
import { randomUUID } from 'node:crypto';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyServerOptions } from 'fastify';
import type { MetaResponse } from '@sievert/core';
import { systemClock, type Clock } from './adapters/clock.js';
import type { BrokerStatus } from './adapters/mqtt-broker.js';
import { bootstrap, loadSecretKey, type BootstrapResult } from './bootstrap.js';
import type { Config } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { seedDemo } from './demo/seed.js';
import type { Http } from './http.js';
import { auditRoutes } from './modules/auth/audit.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { organisationRoutes } from './modules/auth/organisation.routes.js';
import { userRoutes } from './modules/auth/user.routes.js';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.js';
import { geoRoutes } from './modules/geo/geo.routes.js';
import { loadProvinceData } from './modules/geo/province-loader.js';
import { systemRoutes } from './modules/system/system.routes.js';
import { facilityRoutes } from './modules/registry/facility.routes.js';
import { sourceRoutes } from './modules/registry/source.routes.js';
import { deviceRoutes } from './modules/registry/device.routes.js';
import { licensingRoutes } from './modules/licensing/licensing.routes.js';
import { applicationFileRoutes } from './modules/licensing/application-file.routes.js';
import { historyRoutes } from './modules/registry/history.js';
import { stationRoutes } from './modules/monitoring/station.routes.js';
import { isotopeRoutes } from './modules/monitoring/isotope.routes.js';
import { measurementRoutes } from './modules/monitoring/measurement.routes.js';
import { alarmRoutes } from './modules/monitoring/alarm.routes.js';
import { emergencyRoutes } from './modules/emergency/emergency.routes.js';
import { registryIoRoutes } from './modules/registry/registry-io.routes.js';
import { inspectionRoutes } from './modules/inspections/inspection.routes.js';
import { inventoryRoutes, unsealedRoutes } from './modules/registry/inventory.routes.js';
import { notificationRoutes } from './modules/notifications/notification.routes.js';
import { registerNotificationJobs } from './modules/notifications/notification.jobs.js';
import { incidentRoutes } from './modules/incidents/incident.routes.js';
import { incidentExtraRoutes } from './modules/incidents/incident-extra.routes.js';
import { registerIncidentJobs } from './modules/incidents/incident.jobs.js';
import { publicRoutes } from './modules/publication/public.routes.js';
import { JobRunner } from './jobs/runner.js';
import { registerErrorHandler } from './plugins/error-handler.js';
import { registerRequestContext } from './plugins/request-context.js';
import { registerWeb } from './plugins/web.js';
import { createServices, type Services } from './services.js';
import { validatorCompiler } from './validation.js';
import { VERSION } from './version.js';

export interface AppOptions {
  clock?: Clock;
  /** Pass a pino-compatible logger or Fastify logger options; tests pass `false`. */
  logger?: FastifyServerOptions['logger'] | FastifyBaseLogger;
}

export interface Sievert {
  app: Http;
  services: Services;
  database: DatabaseHandle;
  bootstrap: BootstrapResult;
  demoSeeded: { organisations: number; users: number } | null;
  /** Periodic jobs (outbox delivery, …): server.ts starts and stops them; tests call `jobs.runOnce(name)`. */
  jobs: JobRunner;
  /** The broker's live status (the external subscription connects and disconnects). */
  setBrokerStatus(status: () => BrokerStatus): void;
}

/** Header and body paths that never reach the logs. */
export const LOG_REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.secret',
];

export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  return { level: config.logLevel, redact: { paths: LOG_REDACT, censor: '[redacted]' } };
}

export async function createSievert(config: Config, options: AppOptions = {}): Promise<Sievert> {
  const clock = options.clock ?? systemClock;
  const loggerOption = options.logger === undefined ? loggerOptions(config) : options.logger;
  const isLoggerInstance =
    typeof loggerOption === 'object' && loggerOption !== null && 'child' in loggerOption;

  const province = loadProvinceData(config.provinceDir);
  const database = await openDatabase(config.database);
  const app = Fastify({
    ...(isLoggerInstance ? { loggerInstance: loggerOption } : { logger: loggerOption }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  let services: Services;
  let bootstrapResult: BootstrapResult;
  let demoSeeded: Sievert['demoSeeded'];
  try {
    await migrateToLatest(
      database.db as never,
      database.dialect,
      config.database.dialect === 'postgres' ? config.database.schema : undefined,
    );
    services = createServices(database.db, clock, config, loadSecretKey(config), province, database.sqlite);
    bootstrapResult = await bootstrap(services, config, province, app.log);
    demoSeeded = config.demo && bootstrapResult.fresh ? await seedDemo(services, province) : null;
  } catch (error) {
    await database.close();
    throw error;
  }

  let broker: () => BrokerStatus = () => ({ mode: config.mqtt.mode, url: null, movedFromPort: null });
  const meta = async (): Promise<MetaResponse> => ({
    name: 'Sievert',
    version: VERSION,
    province: { code: province.code, name: province.name, nameEn: province.nameEn },
    map: config.map,
    mqtt: broker(),
    demo: config.demo,
  });

  app.setValidatorCompiler(validatorCompiler);
  // Only JSON bodies: a text/plain body is a "simple" cross-site request that CORS would not stop.
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  registerErrorHandler(app);

  const tileOrigin = config.map.tileUrl
    ? new URL(config.map.tileUrl.replace(/\{[a-z]\}/g, 'a')).origin
    : null;
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd writes its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...(tileOrigin ? [tileOrigin] : [])],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.cookieSecure ? [] : null,
      },
    },
    strictTransportSecurity: config.cookieSecure ? { maxAge: 31536000 } : false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyCompress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip', 'deflate'],
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Sievert API',
        version: VERSION,
        description:
          'Radiation safety and atomic-energy platform of the province. Errors: {"error":{"code","message","details"}}.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sievert_session' },
          bearer: { type: 'http', scheme: 'bearer', description: 'API token (svt_…)' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    // Swagger UI sets a few inline styles of its own; and plain-HTTP installations must not be told to upgrade.
    transformStaticCSP: (header) =>
      header
        .replace(/style-src [^;]*;/, "style-src 'self' 'unsafe-inline';")
        .replace(/upgrade-insecure-requests;?/, '')
        .replace('validator.swagger.io', ''),
  });

  registerRequestContext(app, services.auth);
  await app.register(async (api) => {
    const http = api as unknown as Http;
    systemRoutes(http, { version: VERSION, ping: () => database.ping(), meta });
    authRoutes(http, services.auth, config);
    organisationRoutes(http, services.organisations);
    userRoutes(http, services.users);
    auditRoutes(http, services.audit);
    geoRoutes(http, services.geo);
    dashboardRoutes(http, services.dashboard);
    facilityRoutes(http, services.facilities);
    sourceRoutes(http, services.sources);
    deviceRoutes(http, services.devices);
    licensingRoutes(http, services.licences, services.applications);
    applicationFileRoutes(http, services.applicationFiles);
    historyRoutes(http, services.history);
    stationRoutes(http, services.stations);
    isotopeRoutes(http, services.isotopes);
    measurementRoutes(http, services.ingest, services.measurements);
    alarmRoutes(http, services.alarms, services.alarmRules);
    emergencyRoutes(http, services.emergency);
    registryIoRoutes(http, services.imports, services.exports);
    inspectionRoutes(http, services.inspections, services.geo, database.db);
    inventoryRoutes(http, services.inventory);
    unsealedRoutes(http, services.unsealed);
    notificationRoutes(http, services.notifications, services.webhooks);
    incidentRoutes(http, services.incidents);
    incidentExtraRoutes(http, services);
    publicRoutes(http, services.publication);
  });
  await registerWeb(app, config.webDir);

  const jobs = new JobRunner(database.db, clock, app.log);
  registerNotificationJobs(jobs, services);
  registerIncidentJobs(jobs, services);
  // Silence raises no batch: every station is looked at regularly (offline, and episodes that end).
  jobs.register('monitoring.alarms', 60_000, () => services.alarms.schedule('all', 0));
  // Open live streams never end by themselves: end them first, or closing would wait for them.
  app.addHook('preClose', async () => {
    services.live.closeAll();
  });

  services.alarms.onError = (error) => app.log.error({ err: error }, 'alarm evaluation failed');
  app.addHook('onClose', async () => {
    await jobs.stop();
    await services.alarms.close();
    await database.close();
  });

  return {
    app,
    services,
    database,
    bootstrap: bootstrapResult,
    demoSeeded,
    jobs,
    setBrokerStatus: (status) => {
      broker = status;
    },
  };
}
