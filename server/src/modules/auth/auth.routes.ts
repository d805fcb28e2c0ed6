import { Type } from 'typebox';
import {
  ApiToken,
  ChangePasswordBody,
  CreateTokenBody,
  CreateTokenResponse,
  ErrorBody,
  IdParams,
  LoginBody,
  LoginResponse,
  MeResponse,
  TokenListQuery,
  TotpDisableBody,
  TotpEnableBody,
  TotpSetupResponse,
} from '@sievert/core';
import type { Config } from '../../config.js';
import { errors, type Http } from '../../http.js';
import { actorOf } from '../../plugins/request-context.js';
import { SESSION_COOKIE, type AuthService } from './auth.service.js';

export function authRoutes(app: Http, auth: AuthService, config: Config): void {
  const tags = ['auth'];

  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags,
        summary: 'Sign in with username and password (and TOTP code when enabled)',
        body: LoginBody,
        response: { 200: LoginResponse, 401: ErrorBody, 429: ErrorBody, 400: ErrorBody },
      },
    },
    async (request, reply) => {
      const result = await auth.login(request.body, {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      void reply.setCookie(SESSION_COOKIE, result.sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: config.cookieSecure,
        maxAge: result.maxAgeSeconds,
      });
      return { user: result.user, csrfToken: result.csrfToken };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags, summary: 'Sign out (ends the session)', response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await auth.logout(actorOf(request));
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      schema: {
        tags,
        summary: 'Who am I: user, organisation, permissions, scope',
        response: { 200: MeResponse, ...errors },
      },
    },
    async (request) => auth.me(actorOf(request), request.csrfToken),
  );

  app.post(
    '/api/v1/auth/password',
    {
      schema: {
        tags,
        summary: 'Change my password',
        body: ChangePasswordBody,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await auth.changePassword(actorOf(request), request.body.currentPassword, request.body.newPassword);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/totp/setup',
    {
      schema: {
        tags,
        summary: 'Start setting up two-factor authentication',
        response: { 200: TotpSetupResponse, ...errors },
      },
    },
    async (request) => auth.totpSetup(actorOf(request)),
  );
  app.post(
    '/api/v1/auth/totp/enable',
    {
      schema: {
        tags,
        summary: 'Confirm a TOTP code and turn two-factor authentication on',
        body: TotpEnableBody,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await auth.totpEnable(actorOf(request), request.body.code);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/v1/auth/totp/disable',
    {
      schema: {
        tags,
        summary: 'Turn two-factor authentication off (needs the password)',
        body: TotpDisableBody,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await auth.totpDisable(actorOf(request), request.body.password);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/tokens',
    {
      schema: {
        tags,
        summary: 'My API tokens (admins: all=true for every token)',
        querystring: TokenListQuery,
        response: { 200: Type.Array(ApiToken), ...errors },
      },
    },
    async (request) => auth.listTokens(actorOf(request), request.query.all ?? false),
  );
  app.post(
    '/api/v1/auth/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token; the secret is returned once',
        body: CreateTokenBody,
        response: { 201: CreateTokenResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await auth.createToken(actorOf(request), request.body)),
  );
  app.delete(
    '/api/v1/auth/tokens/:id',
    {
      schema: {
        tags,
        summary: 'Revoke an API token',
        params: IdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await auth.revokeToken(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
