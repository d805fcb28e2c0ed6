import { describe, expect, it } from 'vitest';
import { vi } from './vi';
import { en } from './en';

/** Every leaf of a nested message object as `path.to.key` → value. */
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

describe('translations', () => {
  const viLeaves = leaves(vi);
  const enLeaves = leaves(en);

  it('have exactly the same keys in Vietnamese and English', () => {
    const viKeys = [...viLeaves.keys()].sort();
    const enKeys = [...enLeaves.keys()].sort();
    expect(viKeys.filter((key) => !enLeaves.has(key))).toEqual([]);
    expect(enKeys.filter((key) => !viLeaves.has(key))).toEqual([]);
    expect(viKeys.length).toBeGreaterThan(100);
  });

  it('have no empty or non-string values', () => {
    for (const [language, map] of [
      ['vi', viLeaves],
      ['en', enLeaves],
    ] as const) {
      const bad = [...map]
        .filter(([, value]) => typeof value !== 'string' || value.trim() === '')
        .map(([key]) => key);
      expect(bad, `${language}: empty values`).toEqual([]);
    }
  });

  it('use the same interpolation variables in both languages', () => {
    const variables = (text: unknown) =>
      [...String(text).matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();
    const mismatched = [...viLeaves.keys()].filter(
      (key) => JSON.stringify(variables(viLeaves.get(key))) !== JSON.stringify(variables(enLeaves.get(key))),
    );
    expect(mismatched).toEqual([]);
  });

  it('write Vietnamese with its diacritics', () => {
    // A guard against text typed without accents: most Vietnamese sentences carry at least one marked letter.
    const unaccented = [...viLeaves]
      .filter(([, value]) => typeof value === 'string' && value.split(' ').length >= 4)
      .filter(
        ([, value]) =>
          !/[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i.test(String(value)),
      )
      .map(([key]) => key);
    expect(unaccented).toEqual([]);
  });
});
