export * from './quantities.js';
export * from './quality.js';
export * from '../reference/monitoring.js';
