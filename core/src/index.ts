export * from './auth/roles.js';
export * from './auth/password-policy.js';
export * from './i18n/errors.js';
export * from './schemas/index.js';
export * from './text.js';
export * from './formats/csv.js';
