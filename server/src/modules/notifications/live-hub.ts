/**
 * The in-process hub behind `GET /api/v1/events`: every open stream of this process is a client; anything the
 * server wants to push live (a notification to its recipients, fresh measurements for the dashboard) goes
 * through `broadcast` or `sendToUsers`. Several instances each have their own hub: notifications reach the
 * other instances' streams through the database (see NotificationService.tail); other broadcasts stay local
 * (docs/notifications.md).
 */
import { EventEmitter } from 'node:events';
import type { Actor } from '../auth/actor.js';

/** What travels on the stream: `data: {"type": …, "payload": …}`, with `id:` for notifications. */
export interface LiveMessage {
  type: string;
  payload: unknown;
  /** The SSE event id (notifications: their id), which the browser sends back as Last-Event-ID. */
  id?: string;
}

/** Decides per connection whether a broadcast goes to it, from the connected person's actor. */
export type LiveFilter = (actor: Actor) => boolean;

export interface LiveClient {
  readonly id: number;
  readonly actor: Actor;
  readonly connectedAt: number;
  /** Writes one message (already serialised) to the stream. */
  write(frame: string): void;
  /** Ends the stream (server stopping, too many streams of one person, session ended). */
  close(): void;
}

/** SSE frame of a message: `id:` (optional), then one `data:` line of JSON (JSON has no raw newlines). */
export function frameOf(message: LiveMessage): string {
  const data = JSON.stringify({ type: message.type, payload: message.payload });
  return `${message.id !== undefined ? `id: ${message.id}\n` : ''}data: ${data}\n\n`;
}

export class LiveHub extends EventEmitter {
  private readonly clients = new Map<number, LiveClient>();
  private nextId = 1;

  constructor(private readonly maxPerUser = 8) {
    super();
  }

  /** Adds a connection; returns the function that removes it. Beyond `maxPerUser`, a person's oldest stream ends. */
  connect(actor: Actor, write: (frame: string) => void, close: () => void): LiveClient & { remove(): void } {
    const id = this.nextId++;
    const client = { id, actor, connectedAt: Date.now(), write, close };
    this.clients.set(id, client);
    if (actor.userId !== null) {
      const mine = [...this.clients.values()].filter((c) => c.actor.userId === actor.userId);
      for (const old of mine.slice(0, Math.max(0, mine.length - this.maxPerUser))) {
        this.clients.delete(old.id);
        old.close();
      }
    }
    return { ...client, remove: () => void this.clients.delete(id) };
  }

  /**
   * Sends a message of any type to every open stream whose person passes `filter` (default: every signed-in
   * person). Returns the number of streams reached. `type: 'notification'` is the notification service's.
   */
  broadcast(type: string, payload: unknown, filter?: LiveFilter, options: { id?: string } = {}): number {
    const message: LiveMessage = { type, payload, ...(options.id !== undefined ? { id: options.id } : {}) };
    this.emit('message', message);
    const frame = frameOf(message);
    let reached = 0;
    for (const client of this.clients.values()) {
      let wanted: boolean;
      try {
        wanted = filter ? filter(client.actor) : true;
      } catch {
        wanted = false;
      }
      if (!wanted) continue;
      client.write(frame);
      reached++;
    }
    return reached;
  }

  /** Sends a message to the streams of the given people only. */
  sendToUsers(
    userIds: Iterable<number>,
    type: string,
    payload: unknown,
    options: { id?: string } = {},
  ): number {
    const wanted = new Set(userIds);
    if (wanted.size === 0) return 0;
    return this.broadcast(
      type,
      payload,
      (actor) => actor.userId !== null && wanted.has(actor.userId),
      options,
    );
  }

  size(): number {
    return this.clients.size;
  }

  /** Ends every stream (the server is stopping). */
  closeAll(): void {
    const all = [...this.clients.values()];
    this.clients.clear();
    for (const client of all) client.close();
  }

  /** Runs a check over the open streams and ends those it rejects (sessions that ended meanwhile). */
  async sweep(keep: (actor: Actor) => Promise<boolean>): Promise<number> {
    let ended = 0;
    for (const client of [...this.clients.values()]) {
      let ok: boolean;
      try {
        ok = await keep(client.actor);
      } catch {
        // Cannot tell (database busy): keep the stream; the next sweep decides.
        ok = true;
      }
      if (!ok && this.clients.delete(client.id)) {
        client.close();
        ended++;
      }
    }
    return ended;
  }
}
