/**
 * Notifications: the events the platform announces (alarms, incidents, reminders), each person's inbox and
 * subscription, and the webhooks that carry events to other systems.
 */
import { Type, type Static } from 'typebox';
import { Id, IsoDateTime, Page, PageQuery, Text } from './common.js';
import { CommuneCode } from './organisations.js';
import { ROLES } from '../auth/roles.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** From the least to the most urgent; a subscription's minimum takes this one and every later one. */
export const NOTIFICATION_SEVERITIES = ['info', 'warning', 'alert', 'emergency'] as const;
export type NotificationSeverity = (typeof NOTIFICATION_SEVERITIES)[number];

export function severityRank(severity: NotificationSeverity): number {
  return NOTIFICATION_SEVERITIES.indexOf(severity);
}

export const NOTIFICATION_CHANNELS = ['in_app', 'email'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** `alarm.raised`, `incident.opened`, `licence.expiring`: lower-case words joined by dots. */
export const NOTIFICATION_KIND_PATTERN = '^[a-z][a-z0-9_]{0,39}(\\.[a-z0-9_]{1,40}){0,4}$';
export const NotificationKind = Type.String({ pattern: NOTIFICATION_KIND_PATTERN, maxLength: 120 });
/** A kind in a filter: an exact kind, or a family ending in `.*` (`alarm.*`). */
export const NotificationKindFilter = Type.String({
  pattern: '^[a-z][a-z0-9_]{0,39}(\\.[a-z0-9_]{1,40}){0,4}(\\.\\*)?$',
  maxLength: 120,
});

/** Whether a kind is selected by a list of filters (empty list: every kind). */
export function kindMatches(filters: readonly string[], kind: string): boolean {
  if (filters.length === 0) return true;
  return filters.some((filter) =>
    filter.endsWith('.*') ? kind.startsWith(filter.slice(0, -1)) : filter === kind,
  );
}

export const Bilingual = Type.Object({ vi: Type.String(), en: Type.String() });
export type Bilingual = Static<typeof Bilingual>;

/** One notification in a person's inbox (and on the live stream). */
export const NotificationItem = Type.Object({
  id: Id,
  kind: Type.String(),
  severity: Type.Enum(NOTIFICATION_SEVERITIES),
  communeCode: Nullable(Type.String()),
  organisationId: Nullable(Id),
  title: Bilingual,
  body: Bilingual,
  /** A path inside the web app (`/monitoring/stations/VN33001`), or null. */
  link: Nullable(Type.String()),
  data: Type.Unknown(),
  createdAt: IsoDateTime,
  readAt: Nullable(IsoDateTime),
});
export type NotificationItem = Static<typeof NotificationItem>;

export const NotificationPage = Type.Object({
  items: Type.Array(NotificationItem),
  total: Type.Integer({ minimum: 0 }),
  /** Unread notifications in the inbox, whatever the filter. */
  unread: Type.Integer({ minimum: 0 }),
});
export type NotificationPage = Static<typeof NotificationPage>;

export const NotificationListQuery = Type.Object(
  {
    ...PageQuery,
    unread: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type NotificationListQuery = Static<typeof NotificationListQuery>;

export const ReadAllResponse = Type.Object({ updated: Type.Integer({ minimum: 0 }) });

/** A channel of a subscription: on or off, and from which severity. */
export const ChannelSetting = Type.Object(
  { enabled: Type.Boolean(), minSeverity: Type.Enum(NOTIFICATION_SEVERITIES) },
  { additionalProperties: false },
);
export type ChannelSetting = Static<typeof ChannelSetting>;

const subscriptionFields = {
  inApp: ChannelSetting,
  email: ChannelSetting,
  /** Empty: every kind. */
  kinds: Type.Array(NotificationKindFilter, { maxItems: 50, uniqueItems: true }),
  /** Empty: the whole province (within what the person may see). Province-wide events always come. */
  communeCodes: Type.Array(CommuneCode, { maxItems: 200, uniqueItems: true }),
};

export const SubscriptionBody = Type.Object(subscriptionFields, { additionalProperties: false });
export type SubscriptionBody = Static<typeof SubscriptionBody>;

export const SUBSCRIPTION_SOURCES = ['own', 'role', 'default'] as const;
export type SubscriptionSource = (typeof SUBSCRIPTION_SOURCES)[number];

export const Subscription = Type.Object({
  ...subscriptionFields,
  /** Where the settings come from: the person's own choice, their role's, or the built-in default. */
  source: Type.Enum(SUBSCRIPTION_SOURCES),
  updatedAt: Nullable(IsoDateTime),
});
export type Subscription = Static<typeof Subscription>;

export const OwnSubscription = Type.Object({
  ...Subscription.properties,
  /** The address e-mail goes to (the account's), or null when the account has none. */
  emailAddress: Nullable(Type.String()),
  /** False when this server sends no e-mail (no SMTP server configured). */
  emailAvailable: Type.Boolean(),
});
export type OwnSubscription = Static<typeof OwnSubscription>;

export const RoleSubscription = Type.Object({ ...Subscription.properties, role: Type.Enum(ROLES) });
export type RoleSubscription = Static<typeof RoleSubscription>;
export const RoleParams = Type.Object({ role: Type.Enum(ROLES) }, { additionalProperties: false });

// ── webhooks ────────────────────────────────────────────────────────────────────────────────────────────

export const WebhookUrl = Type.String({ minLength: 8, maxLength: 2000, pattern: '^https?://' });

const webhookFilters = {
  kinds: Type.Array(NotificationKindFilter, { maxItems: 50, uniqueItems: true }),
  minSeverity: Type.Enum(NOTIFICATION_SEVERITIES),
  communeCodes: Type.Array(CommuneCode, { maxItems: 200, uniqueItems: true }),
};

export const Webhook = Type.Object({
  id: Id,
  name: Type.String(),
  url: Type.String(),
  ...webhookFilters,
  active: Type.Boolean(),
  /** The first characters of the secret, to tell secrets apart; the secret itself is shown once. */
  secretHint: Type.String(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Type.Integer(),
  lastDelivery: Nullable(
    Type.Object({
      at: IsoDateTime,
      status: Type.String(),
      httpStatus: Nullable(Type.Integer()),
    }),
  ),
});
export type Webhook = Static<typeof Webhook>;

export const CreateWebhookBody = Type.Object(
  {
    name: Text({ min: 1, max: 120 }),
    url: WebhookUrl,
    kinds: Type.Optional(webhookFilters.kinds),
    minSeverity: Type.Optional(webhookFilters.minSeverity),
    communeCodes: Type.Optional(webhookFilters.communeCodes),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateWebhookBody = Static<typeof CreateWebhookBody>;

export const UpdateWebhookBody = Type.Object(
  {
    name: Type.Optional(Text({ min: 1, max: 120 })),
    url: Type.Optional(WebhookUrl),
    kinds: Type.Optional(webhookFilters.kinds),
    minSeverity: Type.Optional(webhookFilters.minSeverity),
    communeCodes: Type.Optional(webhookFilters.communeCodes),
    active: Type.Optional(Type.Boolean()),
    /** A new secret, returned once in the answer; the old one stops working at once. */
    rotateSecret: Type.Optional(Type.Boolean()),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateWebhookBody = Static<typeof UpdateWebhookBody>;

/** The answer to creating a webhook or rotating its secret: the secret, this one time. */
export const WebhookWithSecret = Type.Object({ webhook: Webhook, secret: Nullable(Type.String()) });
export type WebhookWithSecret = Static<typeof WebhookWithSecret>;

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const WebhookDelivery = Type.Object({
  id: Id,
  notificationId: Nullable(Id),
  event: Type.String(),
  status: Type.Enum(DELIVERY_STATUSES),
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(IsoDateTime),
  lastError: Nullable(Type.String()),
  lastHttpStatus: Nullable(Type.Integer()),
  deliveredAt: Nullable(IsoDateTime),
  createdAt: IsoDateTime,
});
export type WebhookDelivery = Static<typeof WebhookDelivery>;
export const WebhookDeliveryPage = Page(WebhookDelivery);
export type WebhookDeliveryPage = Static<typeof WebhookDeliveryPage>;
export const WebhookDeliveryQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
export type WebhookDeliveryQuery = Static<typeof WebhookDeliveryQuery>;

/** The result of `POST /webhooks/{id}/test`: the test delivery, tried once at once. */
export const WebhookTestResult = Type.Object({
  delivery: WebhookDelivery,
  ok: Type.Boolean(),
});
export type WebhookTestResult = Static<typeof WebhookTestResult>;

/** The body Sievert POSTs to a webhook. */
export const WebhookPayload = Type.Object({
  id: Type.Union([Id, Type.Null()]),
  type: Type.String(),
  severity: Type.Enum(NOTIFICATION_SEVERITIES),
  createdAt: IsoDateTime,
  communeCode: Nullable(Type.String()),
  organisationId: Nullable(Id),
  title: Bilingual,
  body: Bilingual,
  /** Absolute address in the web app, or null. */
  url: Nullable(Type.String()),
  data: Type.Unknown(),
});
export type WebhookPayload = Static<typeof WebhookPayload>;

export const WebhookIdParams = Type.Object({ id: Id }, { additionalProperties: false });
