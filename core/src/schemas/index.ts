export * from './common.js';
export * from './auth.js';
export * from './organisations.js';
export * from './users.js';
export * from './audit.js';
export * from './geo.js';
export * from './registry.js';
export * from './licensing.js';
