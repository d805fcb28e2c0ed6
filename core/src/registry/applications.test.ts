import { describe, expect, it } from 'vitest';
import { applicationTransition, expiryReminder } from './applications.js';

describe('licensing workflow', () => {
  it('runs submit → accept → appraise → approve with the right people', () => {
    expect(applicationTransition('draft', 'submit')).toEqual({ to: 'submitted', by: 'applicant' });
    expect(applicationTransition('submitted', 'accept')).toEqual({ to: 'in_appraisal', by: 'officer' });
    expect(applicationTransition('in_appraisal', 'appraise')).toEqual({
      to: 'awaiting_decision',
      by: 'officer',
    });
    expect(applicationTransition('awaiting_decision', 'approve')).toEqual({ to: 'approved', by: 'leader' });
  });
  it('returns for completion and lets the applicant submit again', () => {
    expect(applicationTransition('submitted', 'return')?.to).toBe('returned');
    expect(applicationTransition('returned', 'submit')?.to).toBe('submitted');
  });
  it('refuses moves out of order', () => {
    expect(applicationTransition('draft', 'approve')).toBeNull();
    expect(applicationTransition('approved', 'refuse')).toBeNull();
    expect(applicationTransition('submitted', 'appraise')).toBeNull();
  });
});

describe('expiry reminders (90 and 30 days before, procedures.json)', () => {
  it.each([
    [200, null],
    [91, null],
    [90, 'due_90'],
    [31, 'due_90'],
    [30, 'due_30'],
    [0, 'due_30'],
    [-1, 'expired'],
    [null, null],
  ] as const)('%s days left → %s', (days, reminder) => {
    expect(expiryReminder(days)).toBe(reminder);
  });
});
