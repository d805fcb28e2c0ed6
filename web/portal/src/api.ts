/**
 * The portal's only way to the server: GET of public JSON (no cookie, no sign-in), one error type with the
 * server's stable code and, when rate-limited, the seconds to wait. The browser's HTTP cache and the server's ETag
 * make repeated reads cheap; nothing here caches on its own. Address builders are pure and tested.
 */
import type { PublicExportFormat, PublicResolution } from '@sievert/core';

export const API_BASE = '/api/v1';

export class PortalApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds to wait before asking again (429 with Retry-After), else null. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'PortalApiError';
  }
}

/** Retry-After as seconds, from either of its forms (delta-seconds or an HTTP date); null when absent or invalid. */
export function parseRetryAfter(header: string | null, nowMs: number): number | null {
  if (header === null || header.trim() === '') return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/** The code and message of an error body: `{error: {code, message}}` (the server's shape) or `{code, message}`. */
export function errorOfBody(body: unknown): { code: string; message: string } | null {
  if (typeof body !== 'object' || body === null) return null;
  const record = body as Record<string, unknown>;
  const inner =
    typeof record.error === 'object' && record.error !== null
      ? (record.error as Record<string, unknown>)
      : record;
  return typeof inner.code === 'string'
    ? { code: inner.code, message: typeof inner.message === 'string' ? inner.message : inner.code }
    : null;
}

export function queryString(query: Readonly<Record<string, string | number | null | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      headers: { accept: 'application/json' },
      credentials: 'omit',
      signal: signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new PortalApiError(0, 'client.network', 'network error');
  }
  if (response.ok) return (await response.json()) as T;
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // A proxy's HTML error page: the status alone says enough.
  }
  const parsed = errorOfBody(body);
  throw new PortalApiError(
    response.status,
    parsed?.code ?? `http.${response.status}`,
    parsed?.message ?? response.statusText,
    response.status === 429 ? parseRetryAfter(response.headers.get('retry-after'), Date.now()) : null,
  );
}

export function isNotFound(error: unknown): boolean {
  return error instanceof PortalApiError && error.status === 404;
}

export function stationsPath(): string {
  return '/public/stations';
}

export function seriesPath(
  code: string,
  query: { resolution: PublicResolution; from?: string; to?: string },
): string {
  return `/public/stations/${encodeURIComponent(code)}/series${queryString(query)}`;
}

export interface ExportQuery {
  format: PublicExportFormat;
  station?: string | null;
  from?: string | null;
  to?: string | null;
  resolution?: PublicResolution | null;
}

/** The address of an export file (a plain link: the browser downloads it). */
export function exportUrl(query: ExportQuery): string {
  return `${API_BASE}/public/export${queryString({
    format: query.format,
    station: query.station,
    from: query.from,
    to: query.to,
    resolution: query.resolution,
  })}`;
}
