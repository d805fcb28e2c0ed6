import { Type } from 'typebox';
import { ErrorBody, MetaResponse } from '@sievert/core';
import type { Http } from '../../http.js';
import { AppError } from '../../errors.js';

export interface SystemInfo {
  version: string;
  ping(): Promise<void>;
  meta(): Promise<MetaResponse>;
}

export function systemRoutes(app: Http, info: SystemInfo): void {
  const tags = ['system'];
  app.get(
    '/healthz',
    {
      schema: {
        tags,
        summary: 'The process is up',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags,
        summary: 'The database answers',
        response: {
          200: Type.Object({ status: Type.Literal('ready'), database: Type.Literal('ok') }),
          503: ErrorBody,
        },
      },
    },
    async (request) => {
      try {
        await info.ping();
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
        throw new AppError('service.unavailable', {}, { database: 'unreachable' });
      }
      return { status: 'ready' as const, database: 'ok' as const };
    },
  );
  app.get(
    '/api/v1/meta',
    {
      schema: {
        tags,
        summary: 'Public facts the web app needs before sign-in',
        response: { 200: MetaResponse },
      },
    },
    async () => info.meta(),
  );
}
