import type { Server } from 'node:net';
import { createSievert, type Sievert } from './app.js';
import { listenWithFallback } from './adapters/listen.js';
import { startMqttBroker, type MqttBroker } from './adapters/mqtt-broker.js';
import type { Config } from './config.js';
import { DEMO_PASSWORD, DEMO_USERS } from './demo/seed.js';
import { startDemoSimulator } from './simulate/command.js';
import type { SimulatorHandle } from './simulate/simulator.js';

export interface Running {
  sievert: Sievert;
  port: number;
  broker: MqttBroker;
  stop(reason: string): Promise<void>;
}

/** Starts everything, prints what a person needs (URL, first admin password), and stops gracefully on signals. */
export async function startServer(
  config: Config,
  options: { handleSignals?: boolean } = {},
): Promise<Running> {
  const sievert = await createSievert(config);
  const { app } = sievert;
  const log = app.log;

  if (sievert.bootstrap.generatedPassword) {
    // Printed once, on the console rather than in the JSON log; it must be changed at first sign-in.
    process.stdout.write(
      `\n  ┌────────────────────────────────────────────────────────────┐\n` +
        `  │ Sievert: tài khoản quản trị đầu tiên / first administrator │\n` +
        `  │   username: ${config.adminUsername.padEnd(47)}│\n` +
        `  │   password: ${sievert.bootstrap.generatedPassword.padEnd(47)}│\n` +
        `  │ Đổi mật khẩu khi đăng nhập lần đầu / change it at sign-in  │\n` +
        `  └────────────────────────────────────────────────────────────┘\n\n`,
    );
  }
  if (sievert.demoSeeded) {
    log.info(
      { users: DEMO_USERS.map((u) => u.username) },
      `demo province seeded: ${sievert.demoSeeded.organisations} organisations, ${sievert.demoSeeded.users} users (demo password in README)`,
    );
    void DEMO_PASSWORD;
  }

  const broker = await startMqttBroker(config.mqtt, sievert.services.ingest.mqttHandler(), log);
  sievert.setBrokerStatus(() => broker.status());

  await app.ready();
  const server = app.server as unknown as Server;
  let port: number;
  if (config.portFallback) {
    const result = await listenWithFallback(server, config.port, config.host);
    port = result.port;
    if (result.moved)
      log.warn(
        { wantedPort: config.port, port },
        `HTTP port ${config.port} is already in use; Sievert listens on port ${port} instead`,
      );
  } else {
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    port = typeof address === 'object' && address ? address.port : config.port;
  }
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  log.info({ port, database: sievert.database.dialect }, `Sievert is ready at http://${shownHost}:${port}`);
  const notifications = sievert.services.notifications;
  if (notifications.emailEnabled)
    log.info(
      { smtp: notifications.emailDescription },
      `e-mail notifications are sent through ${notifications.emailDescription}`,
    );
  else
    log.info(
      'e-mail notifications are off: set SIEVERT_SMTP_URL (smtp://user:password@host:port) to send them',
    );
  sievert.jobs.start();

  // The demo's stations come alive: simulated values through the real ingest paths (HTTP and MQTT).
  let simulator: SimulatorHandle | null = null;
  if (config.simulator) {
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    const status = broker.status();
    simulator = await startDemoSimulator(sievert, {
      baseUrl: `http://${host}:${port}`,
      mqttUrl:
        status.mode === 'embedded' ? (status.url?.replace('//localhost:', '//127.0.0.1:') ?? null) : null,
      log: {
        info: (m) => log.info(m),
        warn: (m) => log.warn(m),
        error: (m) => log.error(m),
      },
      ...(status.topicPrefix ? { topicPrefix: status.topicPrefix } : {}),
      backfillHours: config.simulatorBackfillHours,
    });
    log.info(
      `station simulator running for the demo network (${Math.round(config.simulatorBackfillHours / 24)} days of history); SIEVERT_SIMULATOR=0 turns it off`,
    );
  }

  let stopping: Promise<void> | null = null;
  const stop = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      log.info({ reason }, 'shutting down: no new requests, finishing those in flight');
      const timer = setTimeout(() => {
        log.error('shutdown took too long; exiting');
        process.exit(1);
      }, config.shutdownTimeoutMs);
      timer.unref();
      await simulator?.stop();
      await broker.close();
      await sievert.jobs.stop();
      // Fastify stops accepting, waits for in-flight requests, then runs onClose (closes the database).
      await app.close();
      clearTimeout(timer);
      log.info('stopped');
    })();
    return stopping;
  };

  if (options.handleSignals ?? true) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        void stop(signal).then(() => process.exit(0));
      });
    }
  }
  return { sievert, port, broker, stop };
}
