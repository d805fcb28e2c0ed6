import type { ErrorBody } from '@sievert/core';

/**
 * The one way the web app talks to the server: JSON in and out, the session cookie, the CSRF header on every
 * non-GET request and one error type carrying the server's stable code.
 */

export const API_BASE = '/api/v1';

/** Codes the web app raises itself when no server answer exists. */
export type ClientErrorCode = 'client.network' | 'client.bad_response';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

let csrfToken: string | null = null;
let language = 'vi';
let unauthorizedHandler: (() => void) | null = null;
let staleSessionHandler: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setApiLanguage(lang: string): void {
  language = lang;
}

/** Called when the session is gone (401 outside the sign-in forms). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

/**
 * Called when the session the browser knows is out of date: a password to change (reset by an administrator
 * meanwhile) or a CSRF token the server no longer accepts. Re-reading /auth/me repairs both.
 */
export function setStaleSessionHandler(handler: (() => void) | null): void {
  staleSessionHandler = handler;
}

/** 401 answers that belong to a form (wrong password, code needed…), not to an expired session. */
const FORM_401_CODES = new Set([
  'auth.invalid_credentials',
  'auth.totp_required',
  'auth.totp_invalid',
  'auth.password_wrong',
  'auth.locked',
]);

export type QueryValue = string | number | boolean | null | undefined;

export function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

interface RequestOptions {
  query?: Record<string, QueryValue> | undefined;
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** A file sent as it is (uploads), instead of a JSON body. */
  raw?: { body: Blob; contentType: string } | undefined;
  /** Let the caller handle a 401 (sign-in, session probe) instead of leaving for the login page. */
  quiet401?: boolean;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = value.error;
  return (
    typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
  );
}

export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language };
  if (options.raw) headers['Content-Type'] = options.raw.contentType || 'application/octet-stream';
  else if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  const url =
    (path.startsWith('/api/') || path.startsWith('/healthz') || path.startsWith('/readyz') ? '' : API_BASE) +
    path;
  let response: Response;
  try {
    response = await fetch(url + queryString(options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.raw
        ? options.raw.body
        : options.body === undefined
          ? undefined
          : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'client.network', 'Network error');
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let payload: unknown = undefined;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = undefined;
    }
  }

  if (!response.ok) {
    const error = isErrorBody(payload)
      ? new ApiError(response.status, payload.error.code, payload.error.message, payload.error.details)
      : new ApiError(
          response.status,
          response.status >= 500 ? 'service.unavailable' : 'client.bad_response',
          response.statusText,
        );
    if (response.status === 401 && !options.quiet401 && !FORM_401_CODES.has(error.code))
      unauthorizedHandler?.();
    if (error.code === 'auth.password_change_required' || error.code === 'auth.csrf_invalid')
      staleSessionHandler?.();
    throw error;
  }
  if (payload === undefined && text) throw new ApiError(response.status, 'client.bad_response', 'Not JSON');
  return payload as T;
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    apiRequest<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => apiRequest<T>('DELETE', path),
  /** POSTs a file as the raw body; what it is and how it is named travel in the query. */
  upload: <T>(
    path: string,
    file: Blob,
    options: { query?: Record<string, QueryValue>; contentType?: string; signal?: AbortSignal } = {},
  ) =>
    apiRequest<T>('POST', path, {
      query: options.query,
      signal: options.signal,
      raw: { body: file, contentType: options.contentType ?? file.type },
    }),
};
