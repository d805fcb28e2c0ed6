/** Search that forgives missing diacritics and case: "hung yen" finds "Hưng Yên", "duc" finds "Đức". */

export function foldForSearch(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether `name` contains `query`, both folded. An empty query matches everything. */
export function matchesSearch(name: string, query: string): boolean {
  const folded = foldForSearch(query);
  return folded === '' || foldForSearch(name).includes(folded);
}
