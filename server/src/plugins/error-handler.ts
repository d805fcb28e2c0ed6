import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorMessage, validationReason, type ErrorCode, type ValidationIssue } from '@sievert/core';
import type { ErrorObject } from 'ajv';
import { AppError, FieldError } from '../errors.js';
import { toIssues } from '../validation.js';
import { localeOf } from './request-context.js';

function send(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  code: ErrorCode,
  params: Record<string, unknown>,
  details?: unknown,
) {
  const locale = request.locale ?? localeOf(request);
  return reply
    .status(status)
    .type('application/json; charset=utf-8')
    .send({
      error: {
        code,
        message: errorMessage(code, locale, params),
        ...(details === undefined ? {} : { details }),
      },
    });
}

const PART_PREFIX: Record<string, string> = {
  body: '',
  querystring: 'query',
  params: 'params',
  headers: 'headers',
};

/** One handler maps every error to `{"error":{"code","message","details"}}`; 5xx bodies never carry internals. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof FieldError) {
      const locale = request.locale ?? localeOf(request);
      const issues: ValidationIssue[] = error.issues.map((i) => ({
        field: i.field,
        reason: i.reason,
        message: validationReason(i.reason, locale, i.params),
      }));
      return send(
        reply,
        request,
        400,
        'validation.failed',
        { field: issues[0]!.field, reason: issues[0]!.message },
        { issues },
      );
    }
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error }, 'application error');
      for (const [k, v] of Object.entries(error.headers)) void reply.header(k, v);
      const details = error.details ?? (Object.keys(error.params).length ? error.params : undefined);
      return send(reply, request, error.status, error.code, error.params, details);
    }
    if (error.validation) {
      const locale = request.locale ?? localeOf(request);
      const issues: ValidationIssue[] = toIssues(
        error.validation as ErrorObject[],
        locale,
        PART_PREFIX[error.validationContext ?? 'body'] ?? '',
      );
      const first = issues[0];
      return send(
        reply,
        request,
        400,
        'validation.failed',
        { field: first?.field ?? '/', reason: first?.message ?? '' },
        { issues },
      );
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        // The route's own limit where it has one (ingest, imports), else the app's.
        return send(reply, request, 413, 'request.body_too_large', {
          limit: request.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit,
        });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(reply, request, 415, 'request.unsupported_media_type', {});
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return send(reply, request, 400, 'request.malformed_json', {});
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return send(reply, request, 400, 'request.malformed_json', {});
      // A path that climbs out of the web folder (`/public/%2e%2e/…`): nothing there, as for any unknown page.
      case 'FST_STATIC_FORBIDDEN_PATH':
        return send(reply, request, 404, 'route.not_found', { method: request.method, url: request.url });
    }
    if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message))) {
      return send(reply, request, 400, 'request.malformed_json', {});
    }
    if (error.statusCode === 429) return send(reply, request, 429, 'request.rate_limited', {});
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      request.log.info({ code: error.code, message: error.message }, 'client error');
      return send(
        reply,
        request,
        error.statusCode,
        error.statusCode === 404 ? 'route.not_found' : 'validation.failed',
        { field: '/', reason: error.code ?? 'invalid' },
      );
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, request, 500, 'internal', { requestId: request.id }, { requestId: request.id });
  });
}
