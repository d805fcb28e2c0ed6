/**
 * The online licensing workflow as a state machine: who may move an application from which status to which.
 * facility → submit / withdraw; DOST officer → return for completion, accept as complete, appraise;
 * DOST leader → approve or refuse.
 */
export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'in_appraisal',
  'awaiting_decision',
  'approved',
  'refused',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_ACTIONS = [
  'submit',
  'withdraw',
  'return',
  'accept',
  'appraise',
  'approve',
  'refuse',
] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

export type ApplicationActorRole = 'applicant' | 'officer' | 'leader';

const TRANSITIONS: Record<
  ApplicationAction,
  { from: readonly ApplicationStatus[]; to: ApplicationStatus; by: ApplicationActorRole }
> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', by: 'applicant' },
  withdraw: { from: ['draft', 'submitted', 'returned'], to: 'withdrawn', by: 'applicant' },
  return: { from: ['submitted', 'in_appraisal'], to: 'returned', by: 'officer' },
  accept: { from: ['submitted'], to: 'in_appraisal', by: 'officer' },
  appraise: { from: ['in_appraisal'], to: 'awaiting_decision', by: 'officer' },
  approve: { from: ['awaiting_decision'], to: 'approved', by: 'leader' },
  refuse: { from: ['in_appraisal', 'awaiting_decision'], to: 'refused', by: 'leader' },
};

export function applicationTransition(
  status: ApplicationStatus,
  action: ApplicationAction,
): { to: ApplicationStatus; by: ApplicationActorRole } | null {
  const t = TRANSITIONS[action];
  return t.from.includes(status) ? { to: t.to, by: t.by } : null;
}

/** Statuses in which the statutory clock runs (the dossier is with the Department). */
export const CLOCK_RUNNING: readonly ApplicationStatus[] = ['submitted', 'in_appraisal', 'awaiting_decision'];

export type ExpiryReminder = 'expired' | 'due_30' | 'due_90' | null;

/** Which reminder a licence valid until `validUntil` calls for on `today` (90 and 30 days before, then expired). */
export function expiryReminder(
  daysToExpiry: number | null,
  reminderDays: readonly number[] = [90, 30],
): ExpiryReminder {
  if (daysToExpiry === null) return null;
  if (daysToExpiry < 0) return 'expired';
  const [far, near] = [Math.max(...reminderDays), Math.min(...reminderDays)];
  if (daysToExpiry <= near) return 'due_30';
  if (daysToExpiry <= far) return 'due_90';
  return null;
}
