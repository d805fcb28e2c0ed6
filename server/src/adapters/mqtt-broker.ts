/**
 * The embedded MQTT broker (aedes, MQTT 3.1.1) for station traffic on a single machine. Clients authenticate
 * with an API token as the password; anonymous clients are refused. Beyond one machine, point SIEVERT_MQTT at an
 * external broker instead.
 */
import { createServer, type Server } from 'node:net';
import { Aedes, type AuthenticateError } from 'aedes';
import type { FastifyBaseLogger } from 'fastify';
import type { MqttConfig } from '../config.js';
import { listenWithFallback } from './listen.js';

export interface BrokerStatus {
  mode: 'embedded' | 'external' | 'off';
  url: string | null;
  movedFromPort: number | null;
}

export interface MqttBroker {
  status(): BrokerStatus;
  close(): Promise<void>;
}

export type MqttAuthenticator = (username: string, password: string) => Promise<boolean>;

export async function startMqttBroker(
  config: MqttConfig,
  authenticate: MqttAuthenticator,
  log: FastifyBaseLogger,
): Promise<MqttBroker> {
  if (config.mode === 'off')
    return { status: () => ({ mode: 'off', url: null, movedFromPort: null }), close: async () => {} };
  if (config.mode === 'external') {
    const safeUrl = config.url.replace(/\/\/[^@/]*@/, '//');
    return { status: () => ({ mode: 'external', url: safeUrl, movedFromPort: null }), close: async () => {} };
  }
  const aedes = await Aedes.createBroker({
    authenticate: (_client, username, password, done) => {
      const fail = (): void => {
        const error = new Error('Bad username or password') as AuthenticateError;
        error.returnCode = 4;
        done(error, false);
      };
      if (!password) return fail();
      authenticate(username ?? '', password.toString('utf8'))
        .then((ok) => (ok ? done(null, true) : fail()))
        .catch(() => fail());
    },
  });
  const server: Server = createServer(aedes.handle);
  const { port, moved } = await listenWithFallback(server, config.port, config.host);
  const shownHost = config.host === '0.0.0.0' ? 'localhost' : config.host;
  const url = `mqtt://${shownHost}:${port}`;
  if (moved)
    log.warn(
      { wantedPort: config.port, port },
      `MQTT port ${config.port} is already in use; the embedded broker listens on ${url} instead`,
    );
  else log.info({ port }, `embedded MQTT broker listening on ${url}`);
  return {
    status: () => ({ mode: 'embedded', url, movedFromPort: moved ? config.port : null }),
    close: () =>
      new Promise<void>((resolve) => {
        aedes.close(() => server.close(() => resolve()));
      }),
  };
}
