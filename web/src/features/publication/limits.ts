import { NoticeWithdrawBody, PublicationRuleBody } from '@sievert/core';

/**
 * The limits the server's request schemas declare, read from them so that the forms and the API cannot
 * disagree. Where a schema declares none, the form leaves the check to the server.
 */
const declared = (schema: unknown, key: 'maximum' | 'maxLength'): number | undefined => {
  const value = (schema as Record<string, unknown>)[key];
  return typeof value === 'number' ? value : undefined;
};

/** The longest publication delay (30 days). */
export const MAX_DELAY_S: number =
  declared(PublicationRuleBody.properties.delaySeconds, 'maximum') ?? Number.POSITIVE_INFINITY;

export const EMBARGO_REASON_MAX = declared(PublicationRuleBody.properties.embargoReason, 'maxLength');

export const WITHDRAW_REASON_MAX = declared(NoticeWithdrawBody.properties.reason, 'maxLength');
