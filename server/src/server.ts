import type { Server } from 'node:net';
import { createSievert, type Sievert } from './app.js';
import { listenWithFallback } from './adapters/listen.js';
import { startMqttBroker, type MqttBroker } from './adapters/mqtt-broker.js';
import type { Config } from './config.js';
import { DEMO_PASSWORD, DEMO_USERS } from './demo/seed.js';

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

  const broker = await startMqttBroker(
    config.mqtt,
    async (_username, password) => {
      try {
        await sievert.services.auth.resolveToken(password, null);
        return true;
      } catch {
        return false;
      }
    },
    log,
  );
  sievert.setBrokerStatus(broker.status());

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

  let stopping: Promise<void> | null = null;
  const stop = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      log.info({ reason }, 'shutting down: no new requests, finishing those in flight');
      const timer = setTimeout(() => {
        log.error('shutdown took too long; exiting');
        process.exit(1);
      }, config.shutdownTimeoutMs);
      timer.unref();
      await broker.close();
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
