import { describe, expect, it } from 'vitest';
import { addWorkingDays, calendarDaysBetween, isWorkingDay, workingDaysBetween } from './working-days.js';

// Holidays: Bộ luật Lao động 2019 Điều 112 and the 2026 government notice (core/src/reference/holidays-vn.json).
describe('working days', () => {
  it('skips weekends', () => {
    // Friday 2026-11-27 + 1 working day → Monday 2026-11-30.
    expect(addWorkingDays('2026-11-27', 1)).toBe('2026-11-30');
    expect(isWorkingDay('2026-11-28')).toBe(false);
  });

  it('counts 5 working days across the 30/4–1/5 holidays of 2026', () => {
    // Received Wednesday 29/4/2026; 30/4 (Thu) and 1/5 (Fri) are holidays, 2–3/5 a weekend:
    // working days 4, 5, 6, 7, 8 May → due Friday 8/5/2026.
    expect(addWorkingDays('2026-04-29', 5)).toBe('2026-05-08');
  });

  it('counts 11 working days across Tết Bính Ngọ 2026 (14–22/2)', () => {
    // Received Thursday 12/2/2026: 13/2 (Fri) is day 1; Tết until Sunday 22/2; then 23/2 … 6/3 are days 2–11.
    expect(addWorkingDays('2026-02-12', 11)).toBe('2026-03-06');
  });

  it('measures the working days left', () => {
    expect(workingDaysBetween('2026-04-29', '2026-05-08')).toBe(5);
    expect(workingDaysBetween('2026-05-08', '2026-04-29')).toBe(-5);
    expect(workingDaysBetween('2026-11-28', '2026-11-28')).toBe(0);
    expect(calendarDaysBetween('2026-11-28', '2027-02-26')).toBe(90);
  });

  it('refuses what is not a date', () => {
    expect(() => addWorkingDays('28/11/2026', 1)).toThrow();
  });
});
