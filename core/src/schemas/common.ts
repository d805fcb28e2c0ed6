import { Type, type Static, type TSchema } from 'typebox';

/** Integer identifiers of rows. */
export const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

/** Instants are ISO 8601 strings in UTC (`2026-11-28T15:09:14.123Z`). */
export const IsoDateTime = Type.String({ format: 'date-time', maxLength: 40 });

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Unknown()),
  }),
});
export type ErrorBody = Static<typeof ErrorBody>;

/** One problem of a payload: where (JSON path like `/roles/0`) and why (a validation reason). */
export const ValidationIssue = Type.Object({
  field: Type.String(),
  reason: Type.String(),
  message: Type.String(),
});
export type ValidationIssue = Static<typeof ValidationIssue>;

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
};

export function Page<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), total: Type.Integer({ minimum: 0 }) });
}

/** Free text that a person types: trimmed length limits, no control characters. */
export function Text(options: { min?: number; max: number }) {
  return Type.String({
    minLength: options.min ?? 0,
    maxLength: options.max,
    pattern: '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$',
  });
}

/** `sort=name` or `sort=-name` (descending), from a whitelist of fields per list. */
export function SortParam<const F extends string>(fields: readonly F[]) {
  return Type.Optional(Type.Enum([...fields, ...fields.map((f) => `-${f}`)]));
}

/** Sorts in memory by one field (nulls last), for lists whose order depends on values computed at read time. */
export function sortBy<T>(
  items: T[],
  sort: string | undefined,
  value: (item: T, field: string) => string | number | boolean | null,
): T[] {
  if (!sort) return items;
  const desc = sort.startsWith('-');
  const field = desc ? sort.slice(1) : sort;
  return [...items].sort((a, b) => {
    const x = value(a, field);
    const y = value(b, field);
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    const order = typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y, 'vi') : x < y ? -1 : 1;
    return desc ? -order : order;
  });
}
