import { describe, expect, it } from 'vitest';
import { clockAction, computeClocks, endOfLocalDay, localDateOf } from './clocks.js';
import {
  INCIDENT_CLOCK_CITATIONS,
  INCIDENT_CLOCK_SOURCES,
  INCIDENT_CLOCKS,
  clockDefinition,
} from '../reference/incident-clocks.js';
import { INCIDENT_KINDS } from './model.js';

// Security events (TT 01/2019/TT-BKHCN, shared/reference/regulation.md §5.3, §5.4 and §9 row 12): notify VARANS,
// the provincial DOST and the police within 8 hours of discovery; a written report within 5 working days.
// Holidays from core/src/reference/holidays-vn.json (30/4 and 1/5/2026; Bộ luật Lao động 2019 Điều 112).
describe('incident clocks', () => {
  it('gives a security event 8 hours to notify and 5 working days to report in writing', () => {
    // Discovered Wednesday 29/4/2026 at 10:00 in Vietnam (03:00 UTC).
    const discoveredAt = '2026-04-29T03:00:00.000Z';
    const clocks = computeClocks(
      { kind: 'security_event', discoveredAt, reportedAt: '2026-04-29T04:00:00.000Z' },
      new Date('2026-04-29T05:00:00.000Z'),
    );
    const notify = clocks.find((c) => c.code === 'security.notify')!;
    expect(notify.dueAt).toBe('2026-04-29T11:00:00.000Z');
    expect(notify.state).toBe('running');
    expect(notify.remainingS).toBe(6 * 3600);
    // 30/4 and 1/5 are public holidays, 2–3/5 a weekend: working days 4, 5, 6, 7, 8 May → due at the end of
    // Friday 8/5/2026, Vietnam time (16:59:59.999 UTC).
    const report = clocks.find((c) => c.code === 'security.written_report')!;
    expect(report.dueAt).toBe('2026-05-08T16:59:59.999Z');
  });

  it('counts working days from the local date of discovery', () => {
    // 00:30 on Saturday 28/11/2026 in Vietnam is still Friday in UTC: the count starts from Saturday,
    // so the five working days are Monday 30/11 … Friday 4/12.
    const [, report] = computeClocks(
      {
        kind: 'security_event',
        discoveredAt: '2026-11-27T17:30:00.000Z',
        reportedAt: '2026-11-27T17:30:00.000Z',
      },
      new Date('2026-11-28T00:00:00.000Z'),
    );
    expect(localDateOf(new Date('2026-11-27T17:30:00.000Z'))).toBe('2026-11-28');
    expect(report!.dueAt).toBe(endOfLocalDay('2026-12-04').toISOString());
    expect(report!.dueAt).toBe('2026-12-04T16:59:59.999Z');
  });

  it('passes through due soon, overdue and met', () => {
    const subject = {
      kind: 'security_event' as const,
      discoveredAt: '2026-04-29T03:00:00.000Z',
      reportedAt: '2026-04-29T03:00:00.000Z',
    };
    const at = (iso: string, met?: string) =>
      computeClocks({ ...subject, met: met ? { 'security.notify': met } : {} }, new Date(iso)).find(
        (c) => c.code === 'security.notify',
      )!;
    expect(at('2026-04-29T08:59:59.000Z').state).toBe('running');
    // Inside the first reminder window (2 h before the due time).
    expect(at('2026-04-29T09:00:00.000Z').state).toBe('due_soon');
    expect(at('2026-04-29T11:00:01.000Z')).toMatchObject({ state: 'overdue', remainingS: -1 });
    expect(at('2026-04-29T12:00:00.000Z', '2026-04-29T07:00:00.000Z')).toMatchObject({
      state: 'met',
      remainingS: null,
      metAt: '2026-04-29T07:00:00.000Z',
    });
  });

  it('runs no clock where no deadline applies', () => {
    const none = computeClocks(
      { kind: 'abnormal_reading', discoveredAt: '2026-04-29T03:00:00Z', reportedAt: '2026-04-29T03:00:00Z' },
      new Date('2026-04-29T03:00:00Z'),
    );
    expect(none).toEqual([]);
  });

  it('keeps every clock sourced, with hours or working days, and known kinds', () => {
    for (const clock of INCIDENT_CLOCKS) {
      expect(clock.source).toBeTruthy();
      expect(['verified', 'to_verify']).toContain(clock.status);
      expect((clock.hours === undefined) !== (clock.workingDays === undefined)).toBe(true);
      for (const kind of clock.kinds) expect(INCIDENT_KINDS).toContain(kind);
      expect(clock.obligation.vi).toBeTruthy();
      expect(clock.obligation.en).toBeTruthy();
    }
    // "Immediately" as one hour is a modelling choice: it must stay marked for checking.
    expect(clockDefinition('safety.notify')?.status).toBe('to_verify');
  });

  describe('reminders and escalation', () => {
    const dueAt = '2026-04-29T11:00:00.000Z';
    const before = [7200, 3600];
    const base = { dueAt, metAt: null, remindedAt: null, escalatedAt: null };
    it('reminds once per threshold before the due time', () => {
      expect(clockAction(base, before, new Date('2026-04-29T08:59:00Z'))).toBeNull();
      expect(clockAction(base, before, new Date('2026-04-29T09:00:00Z'))).toBe('remind');
      const reminded = { ...base, remindedAt: '2026-04-29T09:00:00.000Z' };
      expect(clockAction(reminded, before, new Date('2026-04-29T09:30:00Z'))).toBeNull();
      expect(clockAction(reminded, before, new Date('2026-04-29T10:00:00Z'))).toBe('remind');
      // A job that missed both thresholds sends one reminder.
      const late = { ...base, remindedAt: '2026-04-29T10:30:00.000Z' };
      expect(clockAction(late, before, new Date('2026-04-29T10:45:00Z'))).toBeNull();
    });
    it('escalates once after the due time, never when met', () => {
      expect(clockAction(base, before, new Date('2026-04-29T11:00:01Z'))).toBe('escalate');
      const escalated = { ...base, escalatedAt: '2026-04-29T11:01:00.000Z' };
      expect(clockAction(escalated, before, new Date('2026-04-29T12:00:00Z'))).toBeNull();
      const met = { ...base, metAt: '2026-04-29T10:00:00.000Z' };
      expect(clockAction(met, before, new Date('2026-04-29T12:00:00Z'))).toBeNull();
    });
  });

  it('cites every source of a deadline in Vietnamese and English', () => {
    for (const clock of INCIDENT_CLOCKS) {
      expect(INCIDENT_CLOCK_SOURCES[clock.source], clock.code).toBeTruthy();
      const citation = INCIDENT_CLOCK_CITATIONS[clock.source];
      expect(citation?.vi, clock.code).toMatch(/\S/);
      expect(citation?.en, clock.code).toMatch(/\S/);
    }
    expect(Object.keys(INCIDENT_CLOCK_CITATIONS).sort()).toEqual(Object.keys(INCIDENT_CLOCK_SOURCES).sort());
  });
});
