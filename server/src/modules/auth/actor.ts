import type { OrganisationKind, Permission, Role, ScopeLevel } from '@sievert/core';
import { AppError } from '../../errors.js';

/** Who is asking: a signed-in person, a machine with an API token, or the system itself (seeding, jobs). */
export interface Actor {
  userId: number | null;
  username: string;
  displayName: string;
  roles: readonly Role[];
  organisationId: number | null;
  organisationKind: OrganisationKind | null;
  communeCode: string | null;
  permissions: ReadonlySet<Permission>;
  scope: ScopeLevel;
  via: 'session' | 'token' | 'system';
  sessionId?: string;
  tokenId?: number;
  /** A session of a user who must change their password may do nothing else first. */
  mustChangePassword?: boolean;
  ip: string | null;
}

export const SYSTEM_ACTOR: Actor = {
  userId: null,
  username: 'system',
  displayName: 'Hệ thống / System',
  roles: [],
  organisationId: null,
  organisationKind: null,
  communeCode: null,
  permissions: new Set<Permission>(),
  scope: 'province',
  via: 'system',
  ip: null,
};

export function isSystem(actor: Actor): boolean {
  return actor.via === 'system';
}

/** The first line of every service function. */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (isSystem(actor)) return;
  if (!actor.permissions.has(permission)) throw new AppError('auth.forbidden', {}, { permission });
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return isSystem(actor) || actor.permissions.has(permission);
}

/**
 * The reach of an actor's reads, as the repositories apply it. A commune-scoped user whose organisation has no
 * commune falls back to their own organisation.
 */
export type DataScope =
  | { level: 'province' }
  | { level: 'commune'; communeCode: string; organisationId: number | null }
  | { level: 'organisation'; organisationId: number };

export function dataScope(actor: Actor): DataScope {
  if (isSystem(actor) || actor.scope === 'province') return { level: 'province' };
  if (actor.scope === 'commune' && actor.communeCode) {
    return { level: 'commune', communeCode: actor.communeCode, organisationId: actor.organisationId };
  }
  if (actor.organisationId === null) throw new AppError('auth.forbidden');
  return { level: 'organisation', organisationId: actor.organisationId };
}
