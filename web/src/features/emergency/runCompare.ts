/**
 * The comparison of stored runs that is not presentation: which ids the address asks for, which rows differ, and
 * the union of periods and zones over the runs (a zone one run has and another has not is a difference too).
 */

/** The run ids of `?ids=1,2,3`: whole numbers ≥ 1, without repeats, at most `max`. */
export function parseCompareIds(text: string | null, max = 3): number[] {
  if (!text) return [];
  const ids: number[] = [];
  for (const part of text.split(',')) {
    const id = Number(part.trim());
    if (Number.isInteger(id) && id > 0 && !ids.includes(id)) ids.push(id);
  }
  return ids.slice(0, max);
}

/** Whether the values of a row differ between runs (a missing value differs from a present one). */
export function differs(values: ReadonlyArray<string | null | undefined>): boolean {
  return new Set(values.map((v) => v ?? '')).size > 1;
}

/** The keys present in any of the lists, in the order first met. */
export function unionKeys<T, K>(lists: ReadonlyArray<readonly T[]>, key: (item: T) => K): K[] {
  const seen: K[] = [];
  for (const list of lists) for (const item of list) if (!seen.includes(key(item))) seen.push(key(item));
  return seen;
}
