import { describe, expect, it } from 'vitest';
import { delayParts, joinDelay, splitDelay } from './delay';

describe('publication delay', () => {
  it('shows seconds in the largest unit that holds them whole', () => {
    expect(splitDelay(3600)).toEqual({ value: 1, unit: 'hours' });
    expect(splitDelay(1800)).toEqual({ value: 30, unit: 'minutes' });
    expect(splitDelay(5400)).toEqual({ value: 90, unit: 'minutes' });
    expect(splitDelay(7200)).toEqual({ value: 2, unit: 'hours' });
    expect(splitDelay(2 * 86_400)).toEqual({ value: 2, unit: 'days' });
    expect(splitDelay(0)).toEqual({ value: 0, unit: 'minutes' });
  });

  it('keeps odd seconds set through the API as a fraction of a minute', () => {
    expect(splitDelay(90)).toEqual({ value: 1.5, unit: 'minutes' });
  });

  it('turns a value and unit back into whole seconds', () => {
    expect(joinDelay({ value: 1, unit: 'hours' })).toBe(3600);
    expect(joinDelay({ value: 30, unit: 'minutes' })).toBe(1800);
    expect(joinDelay({ value: 30, unit: 'days' })).toBe(2_592_000);
    expect(joinDelay({ value: 1.5, unit: 'minutes' })).toBe(90);
    for (const seconds of [0, 60, 1800, 3600, 5400, 86_400, 90, 2_592_000])
      expect(joinDelay(splitDelay(seconds))).toBe(seconds);
  });

  it('writes a delay as its non-zero parts, largest first', () => {
    expect(delayParts(3600)).toEqual([{ unit: 'hours', count: 1 }]);
    expect(delayParts(1800)).toEqual([{ unit: 'minutes', count: 30 }]);
    expect(delayParts(5400)).toEqual([
      { unit: 'hours', count: 1 },
      { unit: 'minutes', count: 30 },
    ]);
    expect(delayParts(90_061)).toEqual([
      { unit: 'days', count: 1 },
      { unit: 'hours', count: 1 },
      { unit: 'minutes', count: 1 },
      { unit: 'seconds', count: 1 },
    ]);
    expect(delayParts(0)).toEqual([]);
  });
});
