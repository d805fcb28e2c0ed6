import type { ExpressionBuilder, ExpressionWrapper, SqlBool } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { DataScope } from './actor.js';

/**
 * The organisation-level scope as a WHERE condition on a query that has `organisations` in it.
 * Every repository that lists things owned by organisations uses this one function.
 */
export function organisationScopeCondition(
  eb: ExpressionBuilder<Database, 'organisations'>,
  scope: DataScope,
): ExpressionWrapper<Database, 'organisations', SqlBool> {
  switch (scope.level) {
    case 'province':
      return eb.lit(true);
    case 'commune':
      return scope.organisationId === null
        ? eb('organisations.commune_code', '=', scope.communeCode)
        : eb.or([
            eb('organisations.commune_code', '=', scope.communeCode),
            eb('organisations.id', '=', scope.organisationId),
          ]);
    case 'organisation':
      return eb('organisations.id', '=', scope.organisationId);
  }
}
