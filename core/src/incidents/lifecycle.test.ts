import { describe, expect, it } from 'vitest';
import { canMoveTask, checkTransition, nextStates, taskMoveNeedsCommand } from './lifecycle.js';
import { INCIDENT_STATES, type IncidentState } from './model.js';

// The lifecycle of the issue: reported → assessed → response → recovery → closed; close early with a reason;
// reopen a closed incident into response with a reason.
const ALLOWED: ReadonlyArray<[IncidentState, IncidentState]> = [
  ['reported', 'assessed'],
  ['reported', 'closed'],
  ['assessed', 'response'],
  ['assessed', 'closed'],
  ['response', 'recovery'],
  ['recovery', 'closed'],
  ['closed', 'response'],
];
const FULL = { severity: 'high', finalReport: 'Báo cáo cuối cùng', reason: 'Trùng với sự cố 3/2026' };

describe('incident lifecycle', () => {
  describe.each(INCIDENT_STATES.flatMap((from) => INCIDENT_STATES.map((to) => [from, to] as const)))(
    '%s → %s',
    (from, to) => {
      const allowed = ALLOWED.some(([f, t]) => f === from && t === to);
      it(allowed ? 'is allowed with what it needs' : 'is refused naming the current state', () => {
        const result = checkTransition(from, to, FULL);
        if (allowed) {
          expect(result.ok).toBe(true);
          expect(nextStates(from)).toContain(to);
        } else {
          expect(result).toEqual({
            ok: false,
            code: 'incident.transition_not_allowed',
            params: { from, to },
          });
          expect(nextStates(from)).not.toContain(to);
        }
      });
    },
  );

  it('needs a severity to be assessed (set now or earlier)', () => {
    expect(checkTransition('reported', 'assessed', {})).toEqual({
      ok: false,
      code: 'incident.assessment_required',
      params: { from: 'reported', to: 'assessed', field: '/severity' },
    });
    expect(checkTransition('reported', 'assessed', { severity: '  ' }).ok).toBe(false);
    expect(checkTransition('reported', 'assessed', { severity: 'low' }).ok).toBe(true);
  });

  it('needs a final report to close after recovery', () => {
    expect(checkTransition('recovery', 'closed', { reason: 'x' })).toMatchObject({
      ok: false,
      code: 'incident.final_report_required',
      params: { field: '/finalReport' },
    });
    expect(checkTransition('recovery', 'closed', { finalReport: 'Đã thu hồi nguồn' })).toMatchObject({
      ok: true,
      closing: true,
      reopening: false,
    });
  });

  it('needs a reason to close before any response and to reopen', () => {
    for (const from of ['reported', 'assessed'] as const) {
      expect(checkTransition(from, 'closed', { finalReport: 'x' })).toMatchObject({
        ok: false,
        code: 'incident.reason_required',
        params: { from, to: 'closed', field: '/reason' },
      });
      expect(checkTransition(from, 'closed', { reason: 'Không phải sự cố' }).ok).toBe(true);
    }
    expect(checkTransition('closed', 'response', {})).toMatchObject({ code: 'incident.reason_required' });
    expect(checkTransition('closed', 'response', { reason: 'Phát hiện thêm nguồn' })).toMatchObject({
      ok: true,
      reopening: true,
    });
  });

  it('checks that a move is allowed before asking for what it needs', () => {
    expect(checkTransition('response', 'closed', {})).toMatchObject({
      code: 'incident.transition_not_allowed',
    });
    expect(checkTransition('closed', 'assessed', {})).toMatchObject({
      code: 'incident.transition_not_allowed',
    });
  });
});

describe('task statuses', () => {
  it('lets the assignee acknowledge, work and finish', () => {
    expect(canMoveTask('assigned', 'acknowledged')).toBe(true);
    expect(canMoveTask('acknowledged', 'in_progress')).toBe(true);
    expect(canMoveTask('in_progress', 'done')).toBe(true);
    expect(canMoveTask('done', 'acknowledged')).toBe(false);
    expect(canMoveTask('in_progress', 'assigned')).toBe(false);
  });

  it('keeps cancelling and reopening for the command', () => {
    expect(taskMoveNeedsCommand('assigned', 'cancelled')).toBe(true);
    expect(taskMoveNeedsCommand('done', 'in_progress')).toBe(true);
    expect(taskMoveNeedsCommand('cancelled', 'assigned')).toBe(true);
    expect(taskMoveNeedsCommand('assigned', 'acknowledged')).toBe(false);
  });
});
