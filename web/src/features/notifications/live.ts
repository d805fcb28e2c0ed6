/**
 * One live connection per browser tab: an EventSource on /api/v1/events, opened while some component listens
 * and closed when none does. Every message is `{"type", "payload"}`; `useLiveEvents(type, handler)` lets any
 * feature react to its type (`notification`, or whatever the server broadcasts, e.g. `measurements`).
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';

type Handler = (payload: unknown) => void;

const EVENTS_URL = '/api/v1/events';
const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 60_000;

const handlers = new Map<string, Set<Handler>>();
let source: EventSource | null = null;
let lastEventId: string | null = null;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let retryMs = FIRST_RETRY_MS;
let connected = false;
const statusListeners = new Set<() => void>();

function listenerCount(): number {
  let count = 0;
  for (const set of handlers.values()) count += set.size;
  return count;
}

function setConnected(value: boolean) {
  if (connected === value) return;
  connected = value;
  for (const listener of statusListeners) listener();
}

function dispatch(event: MessageEvent<string>) {
  if (event.lastEventId) lastEventId = event.lastEventId;
  let message: { type?: unknown; payload?: unknown };
  try {
    message = JSON.parse(event.data) as { type?: unknown; payload?: unknown };
  } catch {
    return;
  }
  if (typeof message.type !== 'string') return;
  for (const handler of [...(handlers.get(message.type) ?? [])]) {
    try {
      handler(message.payload);
    } catch (error) {
      // One feature's bug must not stop the others from hearing the news.
      console.error(error);
    }
  }
}

function open() {
  if (source || retryTimer || listenerCount() === 0 || typeof EventSource === 'undefined') return;
  // The browser resends Last-Event-ID itself when it reconnects on its own; after we reopen, the query does.
  const url = lastEventId ? `${EVENTS_URL}?lastEventId=${encodeURIComponent(lastEventId)}` : EVENTS_URL;
  const current = new EventSource(url, { withCredentials: true });
  source = current;
  current.onopen = () => {
    retryMs = FIRST_RETRY_MS;
    setConnected(true);
  };
  current.onmessage = dispatch;
  current.onerror = () => {
    setConnected(false);
    // CONNECTING: the browser retries by itself. CLOSED (an error status, e.g. a restart): we retry, slower each time.
    if (current.readyState !== EventSource.CLOSED) return;
    current.close();
    if (source === current) source = null;
    if (listenerCount() === 0) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      open();
    }, retryMs);
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
  };
}

function closeIfUnused() {
  if (listenerCount() > 0) return;
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
  source?.close();
  source = null;
  setConnected(false);
}

/** Listens to one type of live message; returns the function that stops listening. */
export function subscribeLive(type: string, handler: Handler): () => void {
  let set = handlers.get(type);
  if (!set) {
    set = new Set();
    handlers.set(type, set);
  }
  set.add(handler);
  open();
  return () => {
    set.delete(handler);
    if (set.size === 0) handlers.delete(type);
    closeIfUnused();
  };
}

/** Calls `handler` with the payload of every live message of `type` while the component is mounted. */
export function useLiveEvents<T = unknown>(type: string, handler: (payload: T) => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => subscribeLive(type, (payload) => latest.current(payload as T)), [type]);
}

/** Whether the live connection is open (for a small "live" indicator). */
export function useLiveConnected(): boolean {
  return useSyncExternalStore(
    (listener) => {
      statusListeners.add(listener);
      return () => void statusListeners.delete(listener);
    },
    () => connected,
    () => false,
  );
}
