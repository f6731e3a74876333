import type { Money } from '../money.js';

/** What the ERP knows of a product's cost, for pricing. */
export interface ErpProductCost {
  sku: string;
  productId: number;
  /** Unit cost in the ERP's company currency; null when the ERP has none (zero counts as none). */
  cost: Money | null;
  /** The ERP product category's name. */
  category: string | null;
  weightKg: number | null;
}

/**
 * The ERP side of pricing, implemented by the Odoo client beside ErpPort. Reads are batched (a handful
 * of calls for thousands of SKUs); the shop's price list is written in batches too.
 */
export interface ErpPricingPort {
  /** Costs of the SKUs the ERP knows; unknown SKUs are absent. */
  readProductCosts(skus: string[]): Promise<Map<string, ErpProductCost>>;
  /** product id → receipt time (ms) of its oldest stock on hand in internal locations; absent without stock. */
  readOldestStockDates(productIds: number[]): Promise<Map<number, number>>;
  /** The fixed prices of the price list `name` per product id (empty when the list does not exist yet). */
  readPriceList(name: string): Promise<Map<number, Money>>;
  /**
   * Sets fixed prices per product on the price list `name` (created in `currency` when missing);
   * products not given keep their prices. Returns how many prices were written.
   */
  writePriceList(
    name: string,
    currency: string,
    prices: Array<{ productId: number; price: Money }>,
  ): Promise<{ written: number; unchanged: number }>;
  currencyRate(from: string, to: string): Promise<number>;
}
