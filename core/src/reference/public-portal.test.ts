import { describe, expect, it } from 'vitest';
import {
  PUBLIC_BACKGROUND,
  PUBLIC_DOSE_LIMIT,
  PUBLIC_DOSE_RATE_SCALE,
  PUBLIC_EMERGENCY_NUMBERS,
  PUBLIC_MEDICAL_EXAMPLES,
  PUBLIC_PORTAL_SOURCES,
  publicDoseRateClass,
  publicSources,
} from './public-portal.js';

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

const HEX = /^#[0-9a-f]{6}$/;
const classes = PUBLIC_DOSE_RATE_SCALE.classes;

describe('public portal colour scale', () => {
  it('has strictly increasing upper bounds and an open last class', () => {
    const bounds = classes.map((entry) => entry.upperNSvPerHour);
    expect(bounds.at(-1)).toBeNull();
    const finite = bounds.slice(0, -1) as number[];
    expect(finite.every((bound) => Number.isFinite(bound) && bound > 0)).toBe(true);
    for (let i = 1; i < finite.length; i += 1) expect(finite[i]!).toBeGreaterThan(finite[i - 1]!);
    for (const entry of classes.slice(1)) {
      expect(entry.lowerNSvPerHour).toBe(classes[entry.index - 1]!.upperNSvPerHour);
    }
  });

  it('keeps the anchors of monitoring.md §5.2 as class bounds', () => {
    const bounds = classes.map((entry) => entry.upperNSvPerHour);
    // 0.3 µSv/h: fixed warning level of several networks and displays; 1 µSv/h: Swiss NADAM alarm (naz.ch).
    expect(bounds).toContain(300);
    expect(bounds).toContain(1000);
    // "Clearly above background" starts at the warning anchor, a class bound, so the sentence and the colour agree.
    expect(bounds).toContain(PUBLIC_DOSE_RATE_SCALE.clearlyAboveBackground.nSvPerHour);
    expect(PUBLIC_DOSE_RATE_SCALE.clearlyAboveBackground.nSvPerHour).toBeGreaterThan(
      PUBLIC_BACKGROUND.redRiverDeltaTypical.maxNSvPerHour,
    );
  });

  it('uses ColorBrewer YlOrRd with 7 classes, light to dark', () => {
    // colorbrewer2.org, YlOrRd n=7 (the same list ships in d3-scale-chromatic and in colorbrewer.js).
    expect(classes.map((entry) => entry.colour)).toEqual([
      '#ffffb2',
      '#fed976',
      '#feb24c',
      '#fd8d3c',
      '#fc4e2a',
      '#e31a1c',
      '#b10026',
    ]);
    const lightness = classes.map((entry) => luminance(entry.colour));
    for (let i = 1; i < lightness.length; i += 1) expect(lightness[i]!).toBeLessThan(lightness[i - 1]!);
  });

  it('has valid colours and text readable on every class (WCAG AA 4.5:1)', () => {
    for (const entry of classes) {
      expect(entry.colour).toMatch(HEX);
      expect(entry.textColour).toMatch(HEX);
      expect(contrast(entry.colour, entry.textColour), entry.colour).toBeGreaterThanOrEqual(4.5);
      // The chosen text colour is the better of black and white.
      const other = entry.textColour === '#000000' ? '#ffffff' : '#000000';
      expect(contrast(entry.colour, entry.textColour)).toBeGreaterThanOrEqual(contrast(entry.colour, other));
    }
  });

  it('labels every class in Vietnamese and English and cites its source', () => {
    for (const entry of classes) {
      expect(entry.label.vi.trim()).not.toBe('');
      expect(entry.label.en.trim()).not.toBe('');
      expect(publicSources(entry.source).length).toBeGreaterThan(0);
    }
    expect(PUBLIC_PORTAL_SOURCES[PUBLIC_DOSE_RATE_SCALE.palette]).toBeDefined();
  });

  it('puts a value in the class whose bounds hold it (lower inclusive, upper exclusive)', () => {
    expect(publicDoseRateClass(0).index).toBe(0);
    // Hanoi mean 0.068 µSv/h (monitoring.md §5.1): the lowest class.
    expect(publicDoseRateClass(68).index).toBe(0);
    expect(publicDoseRateClass(99.9).index).toBe(0);
    expect(publicDoseRateClass(100).index).toBe(1);
    expect(publicDoseRateClass(300).index).toBe(4);
    expect(publicDoseRateClass(999).index).toBe(4);
    expect(publicDoseRateClass(1000).index).toBe(5);
    expect(publicDoseRateClass(1e7).index).toBe(classes.length - 1);
  });
});

describe('public portal facts', () => {
  it('cite a known source for every fact', () => {
    const facts = [
      ...Object.values(PUBLIC_BACKGROUND),
      PUBLIC_MEDICAL_EXAMPLES,
      PUBLIC_EMERGENCY_NUMBERS,
    ] as { source: string; status: string }[];
    for (const fact of facts) {
      expect(publicSources(fact.source).length, fact.source).toBe(fact.source.split(';').length);
      expect(['verified', 'to_verify']).toContain(fact.status);
    }
    expect(PUBLIC_PORTAL_SOURCES[PUBLIC_DOSE_LIMIT.legalBasis]).toBeDefined();
    expect(PUBLIC_PORTAL_SOURCES[PUBLIC_DOSE_LIMIT.international]).toBeDefined();
  });

  it('gives every source a title, a status and an http(s) address or none', () => {
    for (const [key, source] of Object.entries(PUBLIC_PORTAL_SOURCES)) {
      expect(source.title.trim(), key).not.toBe('');
      expect(['verified', 'to_verify']).toContain(source.status);
      if (source.url !== null) expect(source.url, key).toMatch(/^https?:\/\//);
    }
  });

  it('holds the published background and limit values', () => {
    // monitoring.md §5.1: Red River delta stations about 60–120 nSv/h; Hanoi mean 0.068 µSv/h (indico.fjfi.cvut.cz
    // contribution 6373); world natural 2.4 mSv/a (UNSCEAR 1993, EEA table).
    expect(PUBLIC_BACKGROUND.redRiverDeltaTypical.minNSvPerHour).toBe(60);
    expect(PUBLIC_BACKGROUND.redRiverDeltaTypical.maxNSvPerHour).toBe(120);
    expect(PUBLIC_BACKGROUND.hanoiMean.nSvPerHour).toBe(68);
    expect(PUBLIC_BACKGROUND.worldAverageNaturalAnnual.mSvPerYear).toBe(2.4);
    // ND 142/2020/NĐ-CP: 1 mSv/year averaged over 5 years, at most 5 mSv in any single year (regulation.md §5.1).
    expect(PUBLIC_DOSE_LIMIT.mSvPerYear).toBe(1);
    expect(PUBLIC_DOSE_LIMIT.averagedOverYears).toBe(5);
    expect(PUBLIC_DOSE_LIMIT.singleYearMaxMSv).toBe(5);
    // The Hanoi mean lies inside the delta's typical range.
    const { minNSvPerHour, maxNSvPerHour } = PUBLIC_BACKGROUND.redRiverDeltaTypical;
    expect(PUBLIC_BACKGROUND.hanoiMean.nSvPerHour).toBeGreaterThanOrEqual(minNSvPerHour);
    expect(PUBLIC_BACKGROUND.hanoiMean.nSvPerHour).toBeLessThanOrEqual(maxNSvPerHour);
  });
});
