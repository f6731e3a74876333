export * from './lua-command.js';
export * from './upsert-buffer.js';
export * from './order-locks.js';
export * from './shop-state.js';
export * from './state-retention.js';
