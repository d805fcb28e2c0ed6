export * from './model.js';
export * from './lifecycle.js';
export * from './clocks.js';
export * from '../reference/incident-clocks.js';
export * from './exercise.js';
