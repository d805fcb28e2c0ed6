import { describe, expect, it } from 'vitest';
import type { PublicStation } from '@sievert/core';
import {
  classRange,
  compareByValue,
  compareWithBackground,
  markerKind,
  SCALE_CLASSES,
  stationClass,
} from './scale';

const latest = (value: number) => ({ value, unit: 'nSv/h', time: '2026-11-28T08:00:00Z', provisional: true });

describe('markers', () => {
  it('show offline before anything else, then a missing value, then the value', () => {
    expect(markerKind({ status: 'offline', latest: latest(80) })).toBe('offline');
    expect(markerKind({ status: 'online', latest: null })).toBe('no_value');
    expect(markerKind({ status: 'online', latest: latest(80) })).toBe('value');
  });

  it('take the class of the latest value', () => {
    expect(stationClass({ latest: null })).toBeNull();
    // Hanoi's mean, 68 nSv/h (monitoring.md §5.1), is in the lowest class.
    expect(stationClass({ latest: latest(68) })?.index).toBe(0);
  });
});

describe('legend ranges', () => {
  it('read as µSv/h ranges in each language', () => {
    expect(classRange(SCALE_CLASSES[0]!, 'vi')).toBe('< 0,1');
    expect(classRange(SCALE_CLASSES[1]!, 'vi')).toBe('0,1–0,15');
    expect(classRange(SCALE_CLASSES[4]!, 'en')).toBe('0.3–1');
    expect(classRange(SCALE_CLASSES.at(-1)!, 'en')).toBe('≥ 10');
  });
});

describe('comparison with the natural background', () => {
  // Red River delta stations usually read 60–120 nSv/h (monitoring.md §5.1); 300 nSv/h is the warning anchor (§5.2).
  it('places a value below, within or above the usual range, or clearly above it', () => {
    expect(compareWithBackground(50)).toBe('below');
    expect(compareWithBackground(60)).toBe('within');
    expect(compareWithBackground(120)).toBe('within');
    expect(compareWithBackground(121)).toBe('above');
    expect(compareWithBackground(299)).toBe('above');
    expect(compareWithBackground(300)).toBe('high');
  });
});

describe('sorting by value', () => {
  const station = (name: string, value: number | null) =>
    ({ name, latest: value === null ? null : latest(value) }) as Pick<PublicStation, 'name' | 'latest'>;
  const list = [station('B', 90), station('A', null), station('C', 150), station('D', 90)];

  it('puts stations without a value last in both directions', () => {
    const names = (direction: 'asc' | 'desc') =>
      [...list].sort((a, b) => compareByValue(a, b, direction)).map((entry) => entry.name);
    expect(names('desc')).toEqual(['C', 'B', 'D', 'A']);
    expect(names('asc')).toEqual(['B', 'D', 'C', 'A']);
  });
});
