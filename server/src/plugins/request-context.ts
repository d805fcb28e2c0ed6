import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Locale } from '@sievert/core';
import { AppError } from '../errors.js';
import type { Actor } from '../modules/auth/actor.js';
import { SESSION_COOKIE, type AuthService } from '../modules/auth/auth.service.js';
import { safeEqual } from '../security/tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** A monitoring station's ingest token (`svs_…`), resolved by the ingest routes themselves. */
    stationToken: string | null;
    csrfToken: string | null;
    locale: Locale;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Routes a user who must change their password may still call. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set([
  '/api/v1/auth/me',
  '/api/v1/auth/password',
  '/api/v1/auth/logout',
]);
const CSRF_EXEMPT = new Set(['/api/v1/auth/login']);

export function localeOf(request: FastifyRequest): Locale {
  const header: unknown = request.headers['accept-language'];
  const text = typeof header === 'string' ? header : '';
  const first = (text.split(',')[0] ?? '').trim().toLowerCase();
  return first.startsWith('en') ? 'en' : 'vi';
}

/**
 * Works out who is calling, once per request: an API token in `Authorization: Bearer`, or the session cookie.
 * Cookie-authenticated writes must carry the session's CSRF token in `X-CSRF-Token`.
 */
export function registerRequestContext(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('stationToken', null);
  app.decorateRequest('locale', 'vi');

  app.addHook('onRequest', async (request, reply) => {
    request.locale = localeOf(request);
    const url = request.url.split('?')[0] ?? '';
    if (!url.startsWith('/api/')) return;
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match) throw new AppError('auth.token_invalid');
      if (match[1]!.startsWith('svs_')) {
        request.stationToken = match[1]!;
        return;
      }
      request.actor = await auth.resolveToken(match[1]!, request.ip);
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie) return;
    const session = await auth.resolveSession(cookie, request.ip);
    if (!session) {
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return;
    }
    request.actor = session.actor;
    request.csrfToken = session.csrfToken;
    if (!SAFE_METHODS.has(request.method) && !CSRF_EXEMPT.has(url)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken))
        throw new AppError('auth.csrf_invalid');
    }
    if (
      session.actor.mustChangePassword &&
      !ALLOWED_BEFORE_PASSWORD_CHANGE.has(url) &&
      url.startsWith('/api/v1/') &&
      !url.startsWith('/api/v1/geo/') &&
      url !== '/api/v1/meta'
    ) {
      throw new AppError('auth.password_change_required');
    }
  });
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('auth.unauthenticated');
  return request.actor;
}
