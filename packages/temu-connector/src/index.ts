// Transport
export * from './client/gateways.js';
export * from './client/signing.js';
export * from './client/endpoint-groups.js';
export * from './client/call-definition.js';
export * from './client/temu-client.js';
export { parseWireJson, stringifyWireJson } from './client/wire-json.js';
export { TEMU_CODES, classifyEnvelopeError } from './client/error-classification.js';
export * from './errors.js';
export * from './retry.js';

// Typed calls
export * from './calls/shared.schemas.js';
export * from './calls/paginate.js';
export * from './calls/order.schemas.js';
export * from './calls/order-list.call.js';
export * from './calls/order-detail.call.js';
export * from './calls/order-shipping-info.call.js';
export * from './calls/order-amount.call.js';
export * from './calls/logistics-companies.call.js';
export * from './calls/logistics-warehouses.call.js';
export * from './calls/shipment-confirm.call.js';
export * from './calls/shipment-get.call.js';
export * from './calls/goods-list.call.js';
export * from './calls/sku-list.call.js';
export * from './calls/sku-stock-query.call.js';
export * from './calls/stock-edit.call.js';
export * from './calls/sku-price-query.call.js';
export * from './calls/price-change.call.js';
export * from './calls/aftersales-parent-list.call.js';
export * from './calls/aftersales-list.call.js';
export * from './calls/cancel-list.call.js';
export * from './calls/cancel-agree.call.js';
export * from './calls/token-create.call.js';
export * from './calls/token-info.call.js';

// Authorisation, webhooks, mappers, port
export * from './auth/authorization.js';
export * from './webhooks/webhook-crypto.js';
export * from './webhooks/webhook-verifier.js';
export * from './webhooks/webhook-builder.js';
export * from './mappers/temu-regions.js';
export * from './mappers/money.mapper.js';
export * from './mappers/temu-status.mapper.js';
export * from './mappers/temu-order.mapper.js';
export * from './mappers/temu-address.mapper.js';
export * from './mappers/temu-amounts.mapper.js';
export * from './mappers/temu-sku.mapper.js';
export * from './temu-marketplace.js';
export * from './calls/price-orders.call.js';
export * from './temu-pricing.js';
export * from './calls/refund-issue.call.js';
export * from './mappers/temu-aftersales.mapper.js';
export * from './calls/return-label.call.js';
export * from './calls/listing.calls.js';
export * from './temu-listing.js';
export * from './calls/goods-sales.call.js';
export * from './temu-warehouse-sales.js';
