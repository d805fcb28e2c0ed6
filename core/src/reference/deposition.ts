import data from './deposition.json' with { type: 'json' };

export interface DepositionVelocity {
  value: number;
  species: string;
  source: string;
  status: 'verified' | 'to_verify';
}

export const DEPOSITION_REFERENCE_EDITION: string = data.edition;

/** v_d (m/s) of a nuclide's usual chemical form, or the generic aerosol value; `generic` says which. */
export function depositionVelocity(nuclide: string): DepositionVelocity & { generic: boolean } {
  const own = (data.velocities as Record<string, DepositionVelocity | undefined>)[nuclide];
  return own ? { ...own, generic: false } : { ...(data.generic as DepositionVelocity), generic: true };
}
