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

export type WetScavengingScheme = 'particle' | 'convective' | 'gas';

export interface WetScavengingRate {
  /** Removal rate Λ (s⁻¹); 0 without rain. */
  value: number;
  /** The scheme applied at this rain intensity (a particle in rain above the convective switch is 'convective'). */
  scheme: WetScavengingScheme;
  a: number;
  b: number;
  source: string;
  status: 'verified' | 'to_verify';
}

interface WetSchemeData {
  a: number;
  b: number;
  aboveRainMmH?: number;
  source: string;
  status: 'verified' | 'to_verify';
}

const WET = data.wetScavenging as unknown as {
  schemes: Record<WetScavengingScheme, WetSchemeData>;
  nuclides: Record<string, { scheme: 'particle' | 'gas' } | undefined>;
  generic: { scheme: 'particle' | 'gas' };
};

/**
 * Wet scavenging coefficient Λ = a·I^b (s⁻¹) of a nuclide's usual form in rain of `rainMmH` (physics.md §2.9, SNAP
 * wetdep.f90): particles switch to the convective coefficient above 7 mm/h as SNAP does; gases do not.
 */
export function wetScavengingRate(nuclide: string, rainMmH: number): WetScavengingRate {
  if (!(rainMmH >= 0 && Number.isFinite(rainMmH)))
    throw new RangeError('rainMmH must be a finite number ≥ 0');
  const form = (WET.nuclides[nuclide] ?? WET.generic).scheme;
  const convective = WET.schemes.convective;
  const scheme: WetScavengingScheme =
    form === 'particle' && rainMmH > (convective.aboveRainMmH ?? Infinity) ? 'convective' : form;
  const s = WET.schemes[scheme];
  return {
    value: rainMmH === 0 ? 0 : s.a * Math.pow(rainMmH, s.b),
    scheme,
    a: s.a,
    b: s.b,
    source: s.source,
    status: s.status,
  };
}
