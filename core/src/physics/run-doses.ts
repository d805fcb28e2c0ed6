/**
 * Dose per unit time-integrated concentration and per unit deposition of one nuclide, for an age group, over the
 * projection periods of a run (the doses are linear in both, so a run computes these once per nuclide).
 *
 * Age groups: inhalation and thyroid use the group's ICRP 72 coefficient and ICRP 71 breathing rate (dose.json).
 * Where dose.json has no coefficient of that age for the nuclide's lung type, the adult coefficient is used with
 * the group's own breathing rate, and the gap is reported (`adult_coefficient_used`) — a substitute, not a guess,
 * and visible. External pathways use the group's FGR 15 coefficient where dose.json has one, else the adult one
 * (dose.ts does so), also reported.
 */
import { BREATHING_RATES, type DoseAgeGroup } from '../reference/dose.js';
import { cloudshineDose, groundshineDose, totalDose, type DosePathway } from './dose.js';

export interface RunMissing {
  nuclide: string;
  pathway: DosePathway;
  /** A dose.ts MissingDoseReason, or 'adult_coefficient_used' where the adult value stood in for the age group. */
  reason: string;
}

export interface NuclideDoseFactors {
  /** Per period: effective dose (Sv) per unit TIC (Bq·s/m³): inhalation + cloudshine. */
  effectivePerTic: number[];
  /** Per period: thyroid equivalent dose (Sv) per unit TIC (radioiodine inhalation). */
  thyroidPerTic: number[];
  /** Per period: effective dose (Sv) per unit deposition (Bq/m²): groundshine to the end of the period. */
  effectivePerDeposition: number[];
  missing: RunMissing[];
}

/** Dose factors of `nuclide` for `ageGroup` over `periodsS`. */
export function nuclideDoseFactors(
  nuclide: string,
  periodsS: number[],
  ageGroup: DoseAgeGroup,
): NuclideDoseFactors {
  const perTic = totalDose({
    nuclides: [{ nuclide, ticBqSPerM3: 1, depositionBqPerM2: 0 }],
    durationsS: periodsS,
    ageGroup,
  });
  const perDep = totalDose({
    nuclides: [{ nuclide, ticBqSPerM3: 0, depositionBqPerM2: 1 }],
    durationsS: periodsS,
    ageGroup,
  });
  const row = perTic.perNuclide[0]!;
  let inhalation = row.inhalationSv;
  let thyroid = row.thyroidSv;
  const missing: RunMissing[] = [];
  const add = (m: RunMissing) => {
    if (!missing.some((x) => x.nuclide === m.nuclide && x.pathway === m.pathway && x.reason === m.reason))
      missing.push(m);
  };
  for (const m of [...perTic.missing, ...perDep.missing]) {
    const intake = m.pathway === 'inhalation' || m.pathway === 'thyroid';
    if (!(intake && m.reason === 'no_coefficient_for_age' && ageGroup !== 'adult')) {
      add(m);
      continue;
    }
    const adult = totalDose({
      nuclides: [{ nuclide, ticBqSPerM3: 1, depositionBqPerM2: 0 }],
      durationsS: periodsS,
      ageGroup: 'adult',
      breathingRateM3PerS: BREATHING_RATES[ageGroup].value,
    });
    const adultRow = adult.perNuclide[0]!;
    if (m.pathway === 'inhalation') inhalation = adultRow.inhalationSv;
    else thyroid = adultRow.thyroidSv;
    const stillMissing = adult.missing.find((x) => x.pathway === m.pathway);
    add(stillMissing ?? { nuclide: m.nuclide, pathway: m.pathway, reason: 'adult_coefficient_used' });
  }
  if (ageGroup !== 'adult') {
    if (cloudshineDose({ nuclide, ticBqSPerM3: 1, ageGroup }).adultCoefficientUsed)
      add({ nuclide, pathway: 'cloudshine', reason: 'adult_coefficient_used' });
    if (groundshineDose({ nuclide, depositionBqPerM2: 1, durationS: 1, ageGroup }).adultCoefficientUsed)
      add({ nuclide, pathway: 'groundshine', reason: 'adult_coefficient_used' });
  }
  return {
    effectivePerTic: periodsS.map(() => inhalation + row.cloudshineSv),
    thyroidPerTic: periodsS.map(() => thyroid),
    effectivePerDeposition: perDep.periods.map((p) => p.groundshineSv),
    missing,
  };
}
