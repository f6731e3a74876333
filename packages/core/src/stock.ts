/** A marketplace SKU as listed, with the seller's code used to map it to an ERP product. */
export interface MarketplaceSku {
  shopId: string;
  goodsId: string;
  skuId: string;
  sellerSku: string | null;
  /** Listed price in minor units, used when the marketplace withholds order amounts. */
  listPriceMinor: number | null;
  currency: string | null;
  stock: number | null;
  /**
   * The marketplace's leaf category of the SKU's goods (keys pricing's commission by category); null or
   * absent when unknown, e.g. SKU maps kept before it was read.
   */
  categoryId?: string | null;
}

export interface StockTarget {
  skuId: string;
  quantity: number;
}

/** Per-SKU outcome of a stock push: marketplaces may accept some SKUs of a call and reject others. */
export interface StockPushResult {
  skuId: string;
  ok: boolean;
  errorCode?: string;
  errorMessage?: string;
}

export interface ErpStockLevel {
  productId: number;
  sku: string;
  /** On hand minus reserved, in the warehouses considered. May be negative in an ERP. */
  freeQuantity: number;
}
