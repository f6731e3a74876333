export { startTemuSandbox, type RunningTemuSandbox } from './server.js';
export type { TemuSandboxOptions } from './options.js';
export { demoCatalog, type SandboxCatalogItem, type SandboxCatalogSku } from './data/catalog.js';
export { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimitConfig } from './rate-limiter.js';
export {
  API_TYPES,
  ENDPOINT_GROUPS,
  ENDPOINT_GROUP_BY_TYPE,
  SUNSET_TYPES,
  WHITELISTED_TYPES,
  type ApiType,
  type EndpointGroup,
} from './api-types.js';
export { BUSINESS as BUSINESS_ERROR_CODES, GATEWAY_ERRORS } from './error-codes.js';
export { buildSignString, computeSign } from './signing.js';
export {
  decryptEventData,
  encryptEventData,
  signWebhook,
  webhookSignatureBase,
  type WebhookHeaders,
} from './webhook-crypto.js';
export { ADDRESS_QUOTA_PER_DAY } from './handlers/order-address.handler.js';
export { SandboxState } from './state.js';
export type { StatsSnapshot } from './stats.js';
export type { SandboxMarket, SandboxRegion } from './envelope.js';
