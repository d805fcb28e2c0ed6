import { Type } from 'typebox';
import {
  CreateUserBody,
  IdParams,
  ResetPasswordBody,
  UpdateUserBody,
  User,
  UserListQuery,
  UserPage,
} from '@sievert/core';
import { errors, type Http } from '../../http.js';
import { actorOf } from '../../plugins/request-context.js';
import type { UserService } from './user.service.js';

export function userRoutes(app: Http, service: UserService): void {
  const tags = ['users'];
  app.get(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Users in my scope',
        querystring: UserListQuery,
        response: { 200: UserPage, ...errors },
      },
    },
    async (request) => service.list(actorOf(request), request.query),
  );
  app.get(
    '/api/v1/users/:id',
    { schema: { tags, params: IdParams, response: { 200: User, ...errors } } },
    async (request) => service.get(actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/users',
    { schema: { tags, body: CreateUserBody, response: { 201: User, ...errors } } },
    async (request, reply) => reply.status(201).send(await service.create(actorOf(request), request.body)),
  );
  app.patch(
    '/api/v1/users/:id',
    { schema: { tags, params: IdParams, body: UpdateUserBody, response: { 200: User, ...errors } } },
    async (request) => service.update(actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/users/:id/password',
    {
      schema: {
        tags,
        summary: 'Set a new password; the user must change it at next sign-in',
        params: IdParams,
        body: ResetPasswordBody,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.resetPassword(actorOf(request), request.params.id, request.body.newPassword);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/v1/users/:id/unlock',
    {
      schema: {
        tags,
        summary: 'Lift a temporary lock after failed sign-ins',
        params: IdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.unlock(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/v1/users/:id/totp/reset',
    {
      schema: {
        tags,
        summary: "Remove a user's second factor (lost device)",
        params: IdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.resetTotp(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
