/**
 * Who receives a notification, and through which channels: the person's data scope (the same rule as the
 * repositories apply), the event's audience, and the person's subscription (their own, their role's, or the
 * built-in default). Pure functions; the service loads the people and calls these.
 */
import {
  kindMatches,
  Permission,
  ROLES,
  ROLES_BY_ORGANISATION_KIND,
  severityRank,
  type ChannelSetting,
  type NotificationSeverity,
  type Role,
  type ScopeLevel,
  type SubscriptionSource,
} from '@sievert/core';

export interface EffectiveSubscription {
  inApp: ChannelSetting;
  email: ChannelSetting;
  kinds: string[];
  communeCodes: string[];
  source: SubscriptionSource;
  updatedAt: string | null;
}

export interface Audience {
  /** Only people holding this permission (e.g. `alarm.read`). */
  permission?: Permission;
  /** Only people with one of these roles. */
  roles?: readonly Role[];
  /** Only these people. */
  userIds?: readonly number[];
}

/** The facts of an event that decide who receives it. */
export interface EventFacts {
  kind: string;
  severity: NotificationSeverity;
  communeCode: string | null;
  organisationId: number | null;
  audience?: Audience | undefined;
}

/** A person who may receive notifications, as loaded by the repository. */
export interface Person {
  userId: number;
  email: string | null;
  roles: readonly Role[];
  permissions: ReadonlySet<Permission>;
  scope: ScopeLevel;
  organisationId: number;
  /** The commune of the person's organisation. */
  communeCode: string | null;
  subscription: EffectiveSubscription;
}

/** Roles held only inside the Department of Science and Technology: they get e-mail for alerts by default. */
export const DOST_ROLES: readonly Role[] = ROLES.filter(
  (role) =>
    ROLES_BY_ORGANISATION_KIND.dost.includes(role) &&
    !Object.entries(ROLES_BY_ORGANISATION_KIND).some(
      ([kind, roles]) => kind !== 'dost' && roles.includes(role),
    ),
);

/** The default when neither the person nor any of their roles has chosen: in the app everything; e-mail for DOST roles from `alert`. */
export function defaultSubscription(roles: readonly Role[]): EffectiveSubscription {
  return {
    inApp: { enabled: true, minSeverity: 'info' },
    email: { enabled: roles.some((role) => DOST_ROLES.includes(role)), minSeverity: 'alert' },
    kinds: [],
    communeCodes: [],
    source: 'default',
    updatedAt: null,
  };
}

const lower = (a: NotificationSeverity, b: NotificationSeverity) =>
  severityRank(a) <= severityRank(b) ? a : b;

/** Several roles with their own settings: the widest of them (a channel on if any has it on, from the lowest severity). */
export function mergeRoleSubscriptions(subs: readonly EffectiveSubscription[]): EffectiveSubscription | null {
  if (subs.length === 0) return null;
  const channel = (pick: (s: EffectiveSubscription) => ChannelSetting): ChannelSetting => {
    const on = subs.map(pick).filter((c) => c.enabled);
    if (on.length === 0) return { enabled: false, minSeverity: pick(subs[0]!).minSeverity };
    return { enabled: true, minSeverity: on.map((c) => c.minSeverity).reduce(lower) };
  };
  const union = (pick: (s: EffectiveSubscription) => string[]) =>
    subs.some((s) => pick(s).length === 0) ? [] : [...new Set(subs.flatMap(pick))].sort();
  return {
    inApp: channel((s) => s.inApp),
    email: channel((s) => s.email),
    kinds: union((s) => s.kinds),
    communeCodes: union((s) => s.communeCodes),
    source: 'role',
    updatedAt: subs.map((s) => s.updatedAt ?? '').reduce((a, b) => (a > b ? a : b)) || null,
  };
}

/** An event without commune and organisation concerns the whole province. */
export function isProvinceWide(event: Pick<EventFacts, 'communeCode' | 'organisationId'>): boolean {
  return event.communeCode === null && event.organisationId === null;
}

/**
 * May this person see this event at all: the event's audience, then the data scope. Province scope sees every
 * event; a commune officer the events of their commune, of their own organisation, and province-wide ones; a
 * facility's staff only their own organisation's.
 */
export function maySee(person: Omit<Person, 'subscription' | 'email'>, event: EventFacts): boolean {
  if (!person.permissions.has(Permission.NotificationSubscribeOwn)) return false;
  const audience = event.audience;
  if (audience?.userIds && !audience.userIds.includes(person.userId)) return false;
  if (audience?.roles && !person.roles.some((role) => audience.roles!.includes(role))) return false;
  if (audience?.permission && !person.permissions.has(audience.permission)) return false;
  const scope = person.scope === 'commune' && !person.communeCode ? 'organisation' : person.scope;
  switch (scope) {
    case 'province':
      return true;
    case 'commune':
      return (
        isProvinceWide(event) ||
        (event.communeCode !== null && event.communeCode === person.communeCode) ||
        (event.organisationId !== null && event.organisationId === person.organisationId)
      );
    case 'organisation':
      return event.organisationId !== null && event.organisationId === person.organisationId;
  }
}

/** Whether a filter (kinds, minimum severity, communes) selects an event. Province-wide events pass any commune filter. */
export function filterSelects(
  filter: { kinds: readonly string[]; minSeverity: NotificationSeverity; communeCodes: readonly string[] },
  event: EventFacts,
): boolean {
  if (severityRank(event.severity) < severityRank(filter.minSeverity)) return false;
  if (!kindMatches(filter.kinds, event.kind)) return false;
  if (filter.communeCodes.length > 0 && event.communeCode !== null)
    return filter.communeCodes.includes(event.communeCode);
  return true;
}

export function wantsChannel(
  subscription: EffectiveSubscription,
  channel: 'inApp' | 'email',
  event: EventFacts,
): boolean {
  const setting = subscription[channel];
  return (
    setting.enabled &&
    filterSelects(
      {
        kinds: subscription.kinds,
        minSeverity: setting.minSeverity,
        communeCodes: subscription.communeCodes,
      },
      event,
    )
  );
}
