/** Radioactive decay: A(t) = A₀ · 2^(−Δt / T½). Activities in becquerel, times as Date or epoch ms. */
export function decayedActivity(
  referenceActivityBq: number,
  referenceDate: Date,
  at: Date,
  halfLifeSeconds: number,
): number {
  const elapsedSeconds = (at.getTime() - referenceDate.getTime()) / 1000;
  return referenceActivityBq * Math.pow(2, -elapsedSeconds / halfLifeSeconds);
}
