/**
 * Who may see and act on an incident. Officials of the province see every incident; the others see the
 * incidents that concern them: a facility its own (reported by it or about it), a commune officer those in the
 * commune, a responder those its organisation or the person is tasked on — and anyone what they reported or
 * command. The same rule serves the SQL of lists, single reads and the live stream's filter.
 */
import { Permission, type Role } from '@sievert/core';
import { sql, type ExpressionBuilder, type ExpressionWrapper, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.js';
import { hasPermission, isSystem, type Actor } from '../auth/actor.js';

/** Roles that read every incident of the province. */
export const PROVINCE_INCIDENT_ROLES: readonly Role[] = [
  'admin',
  'dost_officer',
  'dost_leader',
  'inspector',
  'department_officer',
];

/** The facts of an incident that decide who may read it. */
export interface IncidentFacts {
  communeCode: string | null;
  organisationId: number | null;
  facilityId: number | null;
  createdBy: number | null;
  commanderUserId: number | null;
  taskOrganisationIds: readonly number[];
  taskUserIds: readonly number[];
}

/** How far an actor's reading of incidents reaches. */
export type IncidentReach =
  | { all: true }
  | { all: false; userId: number | null; organisationId: number | null; communeCode: string | null };

export function incidentReach(actor: Actor): IncidentReach {
  if (isSystem(actor) || actor.roles.some((role) => PROVINCE_INCIDENT_ROLES.includes(role)))
    return { all: true };
  return {
    all: false,
    userId: actor.userId,
    organisationId: actor.organisationId,
    communeCode: actor.roles.includes('commune_officer') ? actor.communeCode : null,
  };
}

export function mayReadIncident(actor: Actor, facts: IncidentFacts): boolean {
  if (!hasPermission(actor, Permission.IncidentRead)) return false;
  const reach = incidentReach(actor);
  if (reach.all) return true;
  const { userId, organisationId, communeCode } = reach;
  if (userId !== null && (facts.createdBy === userId || facts.commanderUserId === userId)) return true;
  if (userId !== null && facts.taskUserIds.includes(userId)) return true;
  if (organisationId !== null) {
    if (facts.organisationId === organisationId || facts.facilityId === organisationId) return true;
    if (facts.taskOrganisationIds.includes(organisationId)) return true;
  }
  return communeCode !== null && facts.communeCode === communeCode;
}

/** The same rule as a WHERE condition on a query over `incidents`. */
export function incidentScopeCondition(
  eb: ExpressionBuilder<Database, 'incidents'>,
  reach: IncidentReach,
): ExpressionWrapper<Database, 'incidents', SqlBool> {
  if (reach.all) return eb.lit(true);
  const { userId, organisationId, communeCode } = reach;
  const ors: Array<ExpressionWrapper<Database, 'incidents', SqlBool>> = [];
  if (userId !== null) {
    ors.push(eb('incidents.created_by', '=', userId), eb('incidents.commander_user_id', '=', userId));
  }
  if (organisationId !== null) {
    ors.push(
      eb('incidents.organisation_id', '=', organisationId),
      eb('incidents.facility_id', '=', organisationId),
    );
  }
  if (userId !== null || organisationId !== null) {
    ors.push(
      eb.exists(
        eb
          .selectFrom('incident_tasks')
          .select(sql`1`.as('one'))
          .whereRef('incident_tasks.incident_id', '=', 'incidents.id')
          .where((t) =>
            t.or([
              ...(organisationId !== null
                ? [t('incident_tasks.assignee_organisation_id', '=', organisationId)]
                : []),
              ...(userId !== null ? [t('incident_tasks.owner_user_id', '=', userId)] : []),
            ]),
          ),
      ),
    );
  }
  if (communeCode !== null) ors.push(eb('incidents.commune_code', '=', communeCode));
  return ors.length > 0 ? eb.or(ors) : eb.lit(false);
}

/** What the actor may do on an incident they can read (the service checks again on every action). */
export function abilities(actor: Actor, closedState: boolean) {
  const manage = hasPermission(actor, Permission.IncidentManage);
  return {
    manage,
    contribute:
      manage ||
      hasPermission(actor, Permission.IncidentTaskRespond) ||
      hasPermission(actor, Permission.IncidentReport),
    respond: manage || hasPermission(actor, Permission.IncidentTaskRespond),
    approveNotices: hasPermission(actor, Permission.IncidentNoticeApprove) && !closedState,
  };
}

/** Whether the actor answers for a task: it is given to their organisation or to them. */
export function isTaskAssignee(
  actor: Actor,
  task: { assignee_organisation_id: number | null; owner_user_id: number | null },
): boolean {
  return (
    (actor.organisationId !== null && task.assignee_organisation_id === actor.organisationId) ||
    (actor.userId !== null && task.owner_user_id === actor.userId)
  );
}
