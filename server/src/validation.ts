/**
 * Request validation with two Ajv instances: bodies are validated strictly (no coercion, unknown fields refused,
 * every problem reported with its JSON path), while query strings and path parameters may coerce "10" to 10.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';
import type { ValidationIssue } from '@sievert/core';
import { validationReason, type Locale, type ValidationReason } from '@sievert/core';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    coerceTypes: coerce ? 'array' : false,
    removeAdditional: false,
    useDefaults: true,
    strict: false,
    messages: false,
  });
  addFormats(ajv);
  return ajv;
}

const strictAjv = makeAjv(false);
const coercingAjv = makeAjv(true);

export const validatorCompiler: FastifySchemaCompiler<FastifySchema> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? strictAjv : coercingAjv;
  return ajv.compile<unknown>(schema as object);
};

/** Compiles a schema for use outside routes (imports, MQTT payloads): strict like a body. */
export function compileStrict<T>(schema: object): ValidateFunction<T> {
  return strictAjv.compile<T>(schema);
}

/** Turns Ajv errors into issues that name the field and the reason, in the caller's language. */
export function toIssues(errors: readonly ErrorObject[], locale: Locale, prefix = ''): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    // anyOf/oneOf produce one error per branch plus a summary: keep the summary only.
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') {
      push(e.instancePath, 'invalid', {});
      continue;
    }
    let field = e.instancePath;
    let reason: ValidationReason;
    const p = e.params as Record<string, unknown>;
    let params: Record<string, unknown> = {};
    switch (e.keyword) {
      case 'required':
        field = `${field}/${String(p.missingProperty)}`;
        reason = 'required';
        break;
      case 'additionalProperties':
        field = `${field}/${String(p.additionalProperty)}`;
        reason = 'unknown_field';
        break;
      case 'type':
        reason = 'type';
        params = { expected: p.type };
        break;
      case 'format':
        reason = 'format';
        params = { format: p.format };
        break;
      case 'minLength':
        reason = 'too_short';
        params = { limit: p.limit };
        break;
      case 'maxLength':
        reason = 'too_long';
        params = { limit: p.limit };
        break;
      case 'minimum':
      case 'exclusiveMinimum':
        reason = 'too_small';
        params = { limit: p.limit };
        break;
      case 'maximum':
      case 'exclusiveMaximum':
        reason = 'too_large';
        params = { limit: p.limit };
        break;
      case 'enum':
      case 'const':
        reason = 'not_allowed_value';
        break;
      case 'pattern':
        reason = 'pattern';
        break;
      case 'maxItems':
        reason = 'too_many_items';
        params = { limit: p.limit };
        break;
      case 'minItems':
        reason = 'too_few_items';
        params = { limit: p.limit };
        break;
      case 'uniqueItems':
        reason = 'duplicate_items';
        break;
      case 'minProperties':
        reason = 'required';
        break;
      default:
        reason = 'invalid';
    }
    push(field, reason, params);
  }
  return issues;

  function push(field: string, reason: ValidationReason, params: Record<string, unknown>) {
    const full = `${prefix}${field}` || '/';
    // Union branches repeat the same path: report each path once, with its first reason.
    if (seen.has(full)) return;
    // A path under one already reported (a union's branch detail) adds nothing.
    for (const s of seen) if (full.startsWith(`${s}/`)) return;
    seen.add(full);
    issues.push({ field: full, reason, message: validationReason(reason, locale, params) });
  }
}
