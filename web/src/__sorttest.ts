import type { FacilityListQuery, ApplicationListQuery } from '@sievert/core';
type S = NonNullable<FacilityListQuery['sort']>;
const a: S = 'nope';
const b: NonNullable<ApplicationListQuery['sort']> = '-updatedAt';
export { a, b };
