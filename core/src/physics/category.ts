/**
 * IAEA source categories (Safety Guide RS-G-1.9, 2005, Table 1) from the ratio A/D, where D is the
 * "dangerous quantity" (EPR-D-VALUES 2006); Vietnam uses the same five groups (QCVN 6:2010/BKHCN).
 * Co-located sources are aggregated as Σ Aᵢ/Dᵢ.
 */
export type SourceCategory = 1 | 2 | 3 | 4 | 5;

export const TBQ = 1e12;

export function aOverD(activityBq: number, dValueTBq: number): number {
  return activityBq / TBQ / dValueTBq;
}

export function categoryOf(ratio: number): SourceCategory {
  if (ratio >= 1000) return 1;
  if (ratio >= 10) return 2;
  if (ratio >= 1) return 3;
  if (ratio >= 0.01) return 4;
  return 5;
}

/** The category of sources kept together (same room, building or store): Σ A/D of those with a D-value. */
export function aggregateCategory(items: ReadonlyArray<{ activityBq: number; dValueTBq: number | null }>): {
  ratio: number;
  category: SourceCategory;
} {
  const ratio = items.reduce((sum, i) => (i.dValueTBq ? sum + aOverD(i.activityBq, i.dValueTBq) : sum), 0);
  return { ratio, category: categoryOf(ratio) };
}
