import {
  PASSWORD_RULE_TEXT,
  errorMessage,
  validationReason,
  type PasswordRule,
  type ValidationIssue,
} from '@sievert/core';
import type { TFunction } from 'i18next';
import { ApiError } from '../../app/api/client';
import { translateOptional, type Language } from '../../app/i18n';

export interface DescribedIssue {
  /** Form field name (`/email` → `email`, `/roles/0` → `roles`), or null when the issue is about the whole body. */
  field: string | null;
  label: string;
  reason: string;
}

export interface DescribedError {
  code: string;
  status: number;
  message: string;
  issues: DescribedIssue[];
  /** The one form field a domain error names in its details (`details.field`), if any. */
  field: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIssue(value: unknown): value is ValidationIssue {
  return isRecord(value) && typeof value.field === 'string' && typeof value.reason === 'string';
}

/** `/email` → `email`; `/roles/2` → `roles`; `body/name` → `name`. */
export function fieldOfPath(path: string): string | null {
  const parts = path.split(/[/.]/).filter((part) => part && part !== 'body' && part !== 'querystring');
  return parts[0] ?? null;
}

const PLACEHOLDER = /\{\w+\}/;

function issueReason(issue: ValidationIssue, language: Language): string {
  const text = validationReason(issue.reason, language);
  // Reasons with limits ({limit}, {expected}) need numbers only the server's own sentence carries.
  return PLACEHOLDER.test(text) && issue.message ? issue.message : text;
}

export function describeError(
  error: unknown,
  language: Language,
  t: TFunction,
  fieldLabels: Record<string, string> = {},
): DescribedError {
  if (!(error instanceof ApiError)) {
    return { code: 'client.unknown', status: 0, message: t('errors.unexpected'), issues: [], field: null };
  }
  if (error.code === 'client.network') {
    return { code: error.code, status: 0, message: t('errors.network'), issues: [], field: null };
  }
  if (error.code === 'client.bad_response') {
    return {
      code: error.code,
      status: error.status,
      message: t('errors.badResponse', { status: error.status }),
      issues: [],
      field: null,
    };
  }

  const details = isRecord(error.details) ? error.details : {};
  const rawIssues = Array.isArray(error.details)
    ? error.details
    : Array.isArray(details.issues)
      ? (details.issues as unknown[])
      : [];
  const labelOf = (field: string | null, path: string) =>
    field ? (fieldLabels[field] ?? field) : path.replace(/^\//, '') || t('errors.wholeRequest');
  const issues: DescribedIssue[] = rawIssues.filter(isIssue).map((issue) => {
    const field = fieldOfPath(issue.field);
    return { field, label: labelOf(field, issue.field), reason: issueReason(issue, language) };
  });

  const params: Record<string, unknown> = { ...details };
  if (error.code === 'auth.locked' && typeof details.retryAfterSeconds === 'number') {
    params.seconds = Math.max(0, Math.ceil(details.retryAfterSeconds));
  }
  if (error.code === 'auth.password_policy' && Array.isArray(details.rules)) {
    params.reason = (details.rules as unknown[])
      .map((rule) => PASSWORD_RULE_TEXT[rule as PasswordRule]?.[language] ?? String(rule))
      .join('; ');
  }
  if (error.code === 'validation.failed') {
    const first = issues[0];
    if (first) {
      params.field = first.label;
      params.reason = first.reason;
    }
  }
  if (error.code === 'entity.not_found' && typeof details.entity === 'string') {
    params.entity = translateOptional(`entities.${details.entity}`, details.entity);
  }
  if (error.code === 'user.role_not_allowed' && typeof details.role === 'string') {
    params.role = translateOptional(`roles.${details.role}`, details.role);
  }

  let message = errorMessage(error.code, language, params);
  if (message === error.code || PLACEHOLDER.test(message)) {
    // A code this build does not know yet, or parameters the server did not send: its own sentence is better.
    message = error.message || t('errors.unexpected');
  }
  if (error.code === 'validation.failed' && issues.length > 1) {
    message = t('errors.validationSeveral', { count: issues.length });
  }
  const field = typeof details.field === 'string' ? fieldOfPath(details.field) : null;
  return { code: error.code, status: error.status, message, issues, field };
}

/** Error codes that concern one field of a form, wherever the server reports them. */
export type CodeFields = Partial<Record<string, string>>;

export interface FormLike {
  setFields: (fields: { name: string; errors: string[] }[]) => void;
}

/** Marks the form fields named by the error; returns the names that were marked. */
export function markFormFields(
  form: FormLike,
  described: DescribedError,
  fields: readonly string[],
  codeFields: CodeFields = {},
): string[] {
  const byField = new Map<string, string[]>();
  for (const issue of described.issues) {
    if (issue.field && fields.includes(issue.field)) {
      byField.set(issue.field, [...(byField.get(issue.field) ?? []), issue.reason]);
    }
  }
  const codeField =
    described.field && fields.includes(described.field) ? described.field : codeFields[described.code];
  if (codeField && fields.includes(codeField)) byField.set(codeField, [described.message]);
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return [...byField.keys()];
}
