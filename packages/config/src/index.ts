export * from './env.js';
export * from './env-fragments.js';
export * from './logger.js';
export * from './pretty-log.js';
export * from './shops.js';
export * from './startup-signals.js';
export * from './json-file.js';
export * from './selling-models.js';
