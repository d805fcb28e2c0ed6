// Emergency-module physics (pure, runs in Node and the browser). Reference data: core/src/reference/dispersion.ts
// (not re-exported here: StabilityClass and STABILITY_CLASSES are already exported by schemas/emergency.ts).
export * from './meteorology.js';
export * from './sigma.js';
export * from './cordon.js';
export * from './plume.js';
export * from '../reference/cordon.js';
export * from './dose.js';
export * from './contours.js';
export * from '../reference/dose.js';
export * from '../reference/protective-actions.js';
export * from './run.js';
export * from '../reference/deposition.js';
export * from './depletion.js';
export * from './fire-rise.js';
export * from './puffs.js';
export * from './arrival.js';
export * from './overlap.js';
export * from './run-doses.js';
export * from '../reference/dispersion-run.js';
