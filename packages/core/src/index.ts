export * from './money.js';
export * from './order.js';
export * from './stock.js';
export * from './shipment.js';
export * from './errors.js';
export * from './ports.js';
