export * from './quantities.js';
export * from './quality.js';
export * from './ingest.js';
export * from '../reference/monitoring.js';
export * from './isotopes.js';
export * from '../reference/isotopes.js';
export * from './simulator.js';
export * from './alarms.js';
