/**
 * Station traffic over MQTT (3.1.1, QoS 1), topic `<prefix>/<station code>/measurements`.
 *
 * - Embedded (one machine, the default): an aedes broker in this process. A station connects with its code as the
 *   username and its ingest token as the password, may publish only to its own topic and subscribe only to
 *   `<prefix>/<code>/results`, where each batch's answer (accepted, duplicates, rejected…) is published. The
 *   PUBACK is sent only after the batch is committed (aedes waits for `authorizePublish`), so a station that got
 *   no PUBACK sends again and nothing acknowledged is lost.
 * - External (beyond one machine): Sievert subscribes at an outside broker (Mosquitto, EMQX) with a persistent
 *   session (clean: false, fixed client id) and acknowledges each message after commit; what arrives while
 *   Sievert is down waits at the broker. The outside broker authenticates the stations (e.g. Mosquitto ACL
 *   `pattern write sievert/%u/measurements`).
 */
import { createServer, type Server } from 'node:net';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import type { FastifyBaseLogger } from 'fastify';
import mqtt from 'mqtt';
import type { IngestResult } from '@sievert/core';
import type { MqttConfig } from '../config.js';
import { listenWithFallback } from './listen.js';

export interface BrokerStatus {
  mode: 'embedded' | 'external' | 'off';
  url: string | null;
  movedFromPort: number | null;
  /** External mode: whether Sievert's subscription is connected. */
  connected?: boolean;
  topicPrefix?: string;
}

export interface MqttBroker {
  status(): BrokerStatus;
  close(): Promise<void>;
}

/** What the broker needs from the monitoring module. */
export interface StationMqttHandler {
  /** The station code a username/token pair speaks for, or null. */
  authenticate(username: string, token: string): Promise<string | null>;
  /** Stores a message's measurements; resolves after commit, rejects when nothing could be committed. */
  ingest(stationCode: string, payload: Buffer): Promise<IngestResult>;
}

/** Larger messages are refused (a station splits its backlog). */
export const MAX_MQTT_PAYLOAD = 4 * 1024 * 1024;

export function measurementTopic(prefix: string, code: string): string {
  return `${prefix}/${code}/measurements`;
}

function stationOfTopic(prefix: string, topic: string): string | null {
  if (!topic.startsWith(`${prefix}/`) || !topic.endsWith('/measurements')) return null;
  const code = topic.slice(prefix.length + 1, -'/measurements'.length);
  return /^[A-Z]{2}[A-Z0-9]{1,18}$/.test(code) ? code : null;
}

export async function startMqttBroker(
  config: MqttConfig,
  handler: StationMqttHandler,
  log: FastifyBaseLogger,
): Promise<MqttBroker> {
  if (config.mode === 'off')
    return { status: () => ({ mode: 'off', url: null, movedFromPort: null }), close: async () => {} };
  if (config.mode === 'external') return startExternalSubscriber(config, handler, log);

  const prefix = config.topicPrefix;
  const stations = new WeakMap<Client, string>();
  const aedes = await Aedes.createBroker({
    authenticate: (client, username, password, done) => {
      const fail = (): void => {
        const error = new Error('Bad username or password') as AuthenticateError;
        error.returnCode = 4;
        done(error, false);
      };
      if (!password) return fail();
      handler
        .authenticate(username ?? '', password.toString('utf8'))
        .then((code) => {
          if (!code) return fail();
          stations.set(client, code);
          done(null, true);
        })
        .catch(() => fail());
    },
    authorizePublish: (client, packet, done) => {
      if (!client) return done(null); // the broker's own messages (results)
      const code = stations.get(client);
      const topicStation = stationOfTopic(prefix, packet.topic);
      if (!code || topicStation !== code) {
        log.warn(
          { station: code, topic: packet.topic.slice(0, 200) },
          'MQTT publish refused: not the station’s own topic',
        );
        return done(new Error('not allowed'));
      }
      const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
      handler
        .ingest(code, payload)
        .then((result) => {
          done(null); // → PUBACK, only now that the batch is committed
          aedes.publish(
            {
              cmd: 'publish',
              topic: `${prefix}/${code}/results`,
              payload: Buffer.from(JSON.stringify(result)),
              qos: 0,
              retain: false,
              dup: false,
            },
            () => {},
          );
        })
        .catch((error: unknown) => {
          // Not committed: no PUBACK (MQTT 3.1.1 has no negative one); the client is disconnected and resends.
          log.error({ err: error, station: code }, 'MQTT batch not stored; the station will resend');
          done(error instanceof Error ? error : new Error('not stored'));
        });
    },
    authorizeSubscribe: (client, subscription, done) => {
      const code = client ? stations.get(client) : undefined;
      if (code && subscription.topic === `${prefix}/${code}/results`) return done(null, subscription);
      done(null, null);
    },
    // Measurement messages are for Sievert only: never forwarded to other subscribers.
    authorizeForward: (_client, packet) => (packet.topic.endsWith('/measurements') ? null : packet),
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
    status: () => ({ mode: 'embedded', url, movedFromPort: moved ? config.port : null, topicPrefix: prefix }),
    close: () =>
      new Promise<void>((resolve) => {
        aedes.close(() => server.close(() => resolve()));
      }),
  };
}

async function startExternalSubscriber(
  config: Extract<MqttConfig, { mode: 'external' }>,
  handler: StationMqttHandler,
  log: FastifyBaseLogger,
): Promise<MqttBroker> {
  const safeUrl = config.url.replace(/\/\/[^@/]*@/, '//');
  const prefix = config.topicPrefix;
  let connected = false;
  let closing = false;
  const client = mqtt.connect(config.url, {
    clientId: config.clientId,
    clean: false,
    protocolVersion: 4,
    reconnectPeriod: 2000,
    connectTimeout: 10_000,
    resubscribe: true,
  });
  // Messages are handled one at a time; the PUBACK goes out when the callback is called without an error.
  client.handleMessage = (packet, callback) => {
    if (packet.cmd !== 'publish') return callback();
    const code = stationOfTopic(prefix, packet.topic);
    if (!code) return callback(); // not ours: acknowledge and forget
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    handler.ingest(code, payload).then(
      () => callback(),
      (error: unknown) => {
        log.error(
          { err: error, station: code },
          'MQTT batch not stored; reconnecting so the broker redelivers it',
        );
        callback(error instanceof Error ? error : new Error('not stored'));
        if (!closing) client.end(true, {}, () => client.reconnect());
      },
    );
  };
  client.on('connect', (connack) => {
    connected = true;
    log.info(
      { url: safeUrl, sessionPresent: connack.sessionPresent },
      `subscribed to station traffic at ${safeUrl}`,
    );
    if (!connack.sessionPresent) client.subscribe(`${prefix}/+/measurements`, { qos: 1 });
  });
  client.on('close', () => {
    connected = false;
  });
  client.on('error', (error) => {
    log.warn({ url: safeUrl, reason: error.message }, 'MQTT broker connection problem; retrying');
  });
  return {
    status: () => ({ mode: 'external', url: safeUrl, movedFromPort: null, connected, topicPrefix: prefix }),
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        client.end(false, {}, () => resolve());
      }),
  };
}

/** An MQTT payload: `{"measurements":[…]}`, a bare array, or one measurement object. */
export function measurementsOfPayload(payload: Buffer): unknown[] | null {
  if (payload.length > MAX_MQTT_PAYLOAD) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString('utf8'));
  } catch {
    return null;
  }
  if (Array.isArray(parsed)) return parsed as unknown[];
  if (typeof parsed === 'object' && parsed !== null) {
    const m = (parsed as Record<string, unknown>)['measurements'];
    return Array.isArray(m) ? (m as unknown[]) : [parsed];
  }
  return null;
}
