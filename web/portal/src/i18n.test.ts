import { describe, expect, it } from 'vitest';
import { en, fill, pickLanguage, vi } from './i18n';
import { learnEn, learnValues, learnVi, LEARN_SOURCES } from './learn-text';
import { LEARN_TOPICS } from './routes';
import { PUBLIC_PORTAL_SOURCES } from '@sievert/core/reference/public-portal';

/** Every leaf of a nested object (arrays included) as `path.to.key` → value. */
function leaves(value: unknown, prefix = ''): Map<string, unknown> {
  const result = new Map<string, unknown>();
  if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      for (const [path, leaf] of leaves(child, prefix ? `${prefix}.${key}` : key)) result.set(path, leaf);
    }
  } else {
    result.set(prefix, value);
  }
  return result;
}

const placeholders = (text: unknown) =>
  [...String(text).matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe.each([
  ['UI strings', vi, en],
  ['education pages', learnVi, learnEn],
])('%s', (_name, viText, enText) => {
  const viLeaves = leaves(viText);
  const enLeaves = leaves(enText);

  it('have exactly the same keys in Vietnamese and English', () => {
    expect([...viLeaves.keys()].filter((key) => !enLeaves.has(key))).toEqual([]);
    expect([...enLeaves.keys()].filter((key) => !viLeaves.has(key))).toEqual([]);
  });

  it('have no empty or non-string values', () => {
    for (const map of [viLeaves, enLeaves]) {
      const bad = [...map]
        .filter(([, value]) => typeof value !== 'string' || value.trim() === '')
        .map(([key]) => key);
      expect(bad).toEqual([]);
    }
  });

  it('use the same placeholders in both languages', () => {
    const different = [...viLeaves.keys()].filter(
      (key) => placeholders(viLeaves.get(key)).join() !== placeholders(enLeaves.get(key)).join(),
    );
    expect(different).toEqual([]);
  });
});

describe('education pages', () => {
  it('have the same block kinds in the same order in both languages', () => {
    for (const topic of LEARN_TOPICS) {
      expect(learnEn.topics[topic].blocks.map((block) => block.type)).toEqual(
        learnVi.topics[topic].blocks.map((block) => block.type),
      );
    }
  });

  it('fill every placeholder from the reference data, with no number left unformatted', () => {
    for (const language of ['vi', 'en'] as const) {
      const values = learnValues(language, '1 giờ');
      for (const [key, value] of leaves(language === 'vi' ? learnVi : learnEn)) {
        const filled = fill(String(value), values);
        expect(filled, key).not.toMatch(/\{\w+\}/);
        expect(filled, key).not.toContain('NaN');
      }
    }
  });

  it('work the Hanoi example out from the reference mean (0.068 µSv/h, monitoring.md §5.1)', () => {
    const values = learnValues('vi', null);
    // 0.068 µSv/h × 24 h = 1.632 µSv; × 8760 h = 595.68 µSv ≈ 0.6 mSv.
    expect(values.hanoiMean).toBe('0,068');
    expect(values.hanoiDaily).toBe('1,6');
    expect(values.hoursPerYear).toBe('8.760');
    expect(values.hanoiAnnualMicro).toBe('596');
    expect(values.hanoiAnnualMilli).toBe('0,6');
    expect(learnValues('en', null).hanoiAnnualMilli).toBe('0.6');
    // Without a known delay the network article says "a short time".
    expect(learnValues('en', null).delay).toBe(learnEn.delayUnknown);
  });

  it('compare medical exams with the world natural dose (2.4 mSv/a, UNSCEAR 1993)', () => {
    const values = learnValues('en', null);
    // Chest X-ray 0.02 mSv ≈ 3 days; head CT 2 mSv = 10 months; abdominal CT 8 mSv ≈ 3.3 years (Mettler 2008).
    expect(values.chestXrayDays).toBe('3');
    expect(values.headCtMonths).toBe('10');
    expect(values.abdomenCtYears).toBe('3.3');
    expect(values.publicLimit).toBe('1');
  });

  it('cite sources that exist in the reference data', () => {
    for (const topic of LEARN_TOPICS) {
      expect(LEARN_SOURCES[topic].length, topic).toBeGreaterThan(0);
      for (const key of LEARN_SOURCES[topic]) expect(PUBLIC_PORTAL_SOURCES[key], key).toBeDefined();
    }
  });
});

describe('fill', () => {
  it('replaces known names and leaves unknown ones visible', () => {
    expect(fill('{a} và {b}', { a: 1 })).toBe('1 và {b}');
    expect(fill('{value} µSv/h', { value: '0,085' })).toBe('0,085 µSv/h');
  });
});

describe('pickLanguage', () => {
  it('prefers ?lang=, then the stored choice, else Vietnamese', () => {
    expect(pickLanguage('en', 'vi')).toBe('en');
    expect(pickLanguage(null, 'en')).toBe('en');
    expect(pickLanguage('fr', null)).toBe('vi');
    expect(pickLanguage(null, null)).toBe('vi');
  });
});
