export { OdooErp, type OdooErpOptions } from './odoo-erp.js';
export { OdooConnection, type OdooSession, type SearchReadOptions } from './odoo-connection.js';
export type { OdooConnectionOptions, OdooRetryOptions } from './odoo-options.js';
export { CallCounter } from './call-counter.js';
export * from './errors.js';
export {
  dialectFor,
  parseServerVersion,
  SUPPORTED_MAJORS,
  type OdooDialect,
  type OdooServerVersion,
} from './version.js';
export {
  anyOf,
  chunk,
  fromOdooDatetime,
  m2oId,
  toOdooDatetime,
  type Domain,
  type DomainLeaf,
} from './domain.js';
export { JsonRpcTransport } from './transport/jsonrpc.transport.js';
export { Json2Transport, type Json2TransportOptions } from './transport/json2.transport.js';
export type { OdooCall, OdooProtocol } from './transport/transport.js';
export { rateKey, type OdooSaleTax } from './erp/taxes.js';
export { saleOrderVals, validateDraft } from './erp/order-vals.js';
export { grantBankStatementAccess } from './erp/accounting-access.js';
export { OdooListingProducts, type OdooListingOptions } from './erp/listing-products.js';
export * from './erp/consignment.js';
