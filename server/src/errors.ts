import type { ErrorCode, ValidationReason } from '@sievert/core';

const STATUS: Partial<Record<ErrorCode, number>> = {
  'request.malformed_json': 400,
  'request.body_too_large': 413,
  'request.unsupported_media_type': 415,
  'request.rate_limited': 429,
  'validation.failed': 400,
  'route.not_found': 404,
  'entity.not_found': 404,
  'entity.conflict': 409,
  'auth.unauthenticated': 401,
  'auth.invalid_credentials': 401,
  'auth.locked': 429,
  'auth.totp_required': 401,
  'auth.totp_invalid': 401,
  'auth.totp_not_enrolled': 400,
  'auth.csrf_invalid': 403,
  'auth.forbidden': 403,
  'auth.password_policy': 400,
  'auth.password_wrong': 400,
  'auth.password_change_required': 403,
  'auth.token_invalid': 401,
  'auth.token_scope': 400,
  'organisation.duplicate_code': 409,
  'organisation.has_users': 409,
  'organisation.commune_required': 400,
  'geo.unknown_commune': 400,
  'user.duplicate_username': 409,
  'source.duplicate': 409,
  'source.transaction_not_allowed': 409,
  'application.action_not_allowed': 409,
  'licence.duplicate_number': 409,
  'import.invalid': 400,
  'import.unreadable': 400,
  'inspection.open_findings': 409,
  'inspection.not_editable': 409,
  'user.role_not_allowed': 400,
  'user.self_lockout': 400,
  'ingest.unreadable': 400,
  'ingest.too_many': 413,
  'measurement.invalid_period': 400,
  'alarm.action_not_allowed': 409,
  'incident.transition_not_allowed': 409,
  'incident.assessment_required': 400,
  'incident.final_report_required': 400,
  'incident.reason_required': 400,
  'incident.closed': 409,
  'incident.task_transition_not_allowed': 409,
  'incident.notice_not_allowed': 409,
  'service.unavailable': 503,
  internal: 500,
};

/**
 * The one error type. `params` fill the message placeholders and are returned as `details`;
 * `headers` travel with the response (Retry-After).
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, unknown> = {},
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
    this.name = 'AppError';
    this.status = STATUS[code] ?? 500;
  }
}

export const notFound = (entity: string, id?: unknown) =>
  new AppError('entity.not_found', { entity }, id === undefined ? { entity } : { entity, id });
export const forbidden = () => new AppError('auth.forbidden');

/** A field the schema could not judge (reference data, dates against today, …): 400 naming the field and reason. */
export interface FieldIssue {
  field: string;
  reason: ValidationReason;
  params?: Record<string, unknown>;
}

export class FieldError extends AppError {
  constructor(readonly issues: FieldIssue[]) {
    super('validation.failed', { field: issues[0]?.field ?? '/', reason: issues[0]?.reason ?? 'invalid' });
  }
}

export const invalidField = (field: string, reason: ValidationReason, params: Record<string, unknown> = {}) =>
  new FieldError([{ field, reason, params }]);
