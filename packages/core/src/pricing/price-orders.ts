import type { Money } from '../money.js';

/**
 * Where a marketplace's review of a price stands, in this integration's words: reviewing (or
 * re-reviewing after we negotiated), waiting for us to answer a counter-offer, listed as asked,
 * listed at the accepted counter-offer, rejected by the marketplace, refused by us.
 */
export type PriceReviewState =
  'reviewing' | 'awaiting_seller' | 'passed' | 'accepted' | 'rejected' | 'refused';

/** A price order as the marketplace reports it; ids are opaque strings. */
export interface PriceOrderView {
  orderId: string;
  /** The number the price change returned (needed to refuse); null when the marketplace omits it. */
  orderRef: string | null;
  goodsId: string;
  skuId: string;
  state: PriceReviewState;
  /** True when the marketplace lets us still modify (rejected pending modification). */
  modifiable: boolean;
  requested: Money | null;
  /** The marketplace's counter-offer. */
  proposed: Money | null;
  /** The price finally listed (passed or accepted). */
  listed: Money | null;
  reason: string | null;
  /** Optimistic-concurrency tokens echoed back when answering. */
  commitId: string | null;
  commitVersion: number;
}

export interface PriceChangeResult {
  /** Price orders opened, one per SKU. */
  orders: Array<{ orderRef: string; skuId: string }>;
  failed: Array<{ skuId: string; reason: string }>;
}

/**
 * The marketplace's price reads and price orders, implemented by the Temu connector. Methods throw
 * IntegrationError; `credentials` with code ERR_TEMU_SCOPE when the shop lacks the price scope.
 */
export interface MarketplacePricingPort {
  /** Whether the shop may change prices at all (the whitelisted price scope). */
  canChangePrices(): Promise<boolean>;
  /** Listed prices of SKUs of one goods. */
  readPrices(goodsId: string, skuIds: string[]): Promise<Array<{ skuId: string; price: Money | null }>>;
  /** The marketplace's recommended prices per skuId, for up to 100 goods. */
  recommendedPrices(goodsIds: string[]): Promise<Map<string, Money>>;
  /** Files new prices for SKUs of one goods (one call per goods). */
  changePrices(
    goodsId: string,
    prices: Array<{ skuId: string; price: Money }>,
    reason: string,
  ): Promise<PriceChangeResult>;
  /** Price orders by the numbers the change returned, of one goods. */
  priceOrders(goodsId: string, orderRefs: string[]): Promise<PriceOrderView[]>;
  acceptCounterOffer(order: PriceOrderView): Promise<void>;
  refuseCounterOffer(order: PriceOrderView): Promise<void>;
  negotiate(order: PriceOrderView, price: Money, reason: string): Promise<void>;
}
