import { BadInputError, type StockPushResult, type StockTarget } from '@temu-odoo/core';
import type { TemuClient } from './client/temu-client.js';
import { QUANTITY_CHANGE_MODE, semiStockGetCall, semiStockUpdateCall } from './calls/semi-stock.calls.js';
import { MAX_STOCK } from './calls/stock-edit.call.js';
import { TemuMarketplace, type TemuMarketplaceOptions } from './temu-marketplace.js';

export interface TemuSemiMarketplaceOptions extends TemuMarketplaceOptions {
  /** A client on the PARTNER gateway (same app key and quotas; its own token when re-authorised). */
  partnerClient: TemuClient;
  /** The Temu warehouse (btg `warehouseId`) whose virtual stock this shop keeps. */
  warehouseId: string;
  /** `openApiUser.supplierId`, sent when known (docs/temu-api.md "Selling models": its need is unverified). */
  supplierId?: string;
}

/**
 * A semi-managed shop: orders, addresses and fulfilment as a local shop on the regional gateway;
 * stock is Temu's virtual stock on the PARTNER gateway, per SKU and warehouse
 * (docs/temu-api.md "Selling models"). The stock port keeps its meaning: `goodsId` is the SKC
 * (`productSkcId`), `skuId` the `productSkuId`, targets are absolute (overwrite mode).
 */
export class TemuSemiMarketplace extends TemuMarketplace {
  readonly #partner: TemuClient;
  readonly #warehouseId: string;
  readonly #user: { supplierId: string } | undefined;

  constructor(options: TemuSemiMarketplaceOptions) {
    super(options);
    this.#partner = options.partnerClient;
    this.#warehouseId = options.warehouseId;
    this.#user = options.supplierId ? { supplierId: options.supplierId } : undefined;
  }

  override async readStock(
    goodsId: string,
    skuIds: string[],
  ): Promise<Array<{ skuId: string; quantity: number }>> {
    if (skuIds.length === 0) return [];
    const result = await this.#partner.call(semiStockGetCall, {
      productSkcId: goodsId,
      ...(this.#user ? { openApiUser: this.#user } : {}),
    });
    const wanted = new Set(skuIds);
    return (result.productSkuStockList ?? [])
      .filter((s) => s.warehouseId === this.#warehouseId && wanted.has(s.productSkuId))
      .map((s) => ({ skuId: s.productSkuId, quantity: s.skuStockQuantity ?? 0 }));
  }

  /**
   * Overwrite (mode 2) is idempotent by itself, so a retry needs no request key. The answer is the
   * envelope only: success applies every SKU; an error answer throws (the call is all or nothing).
   */
  override async setStock(
    goodsId: string,
    targets: StockTarget[],
    _requestKey: string,
  ): Promise<StockPushResult[]> {
    if (targets.length === 0) return [];
    const seen = new Set<string>();
    for (const t of targets) {
      if (seen.has(t.skuId))
        throw new BadInputError(
          `stock targets repeat SKU ${t.skuId} for SKC ${goodsId}`,
          'ERR_TEMU_STOCK_TARGET',
        );
      seen.add(t.skuId);
      if (!Number.isInteger(t.quantity) || t.quantity < 0 || t.quantity > MAX_STOCK)
        throw new BadInputError(
          `stock target of SKU ${t.skuId} must be an integer 0–${MAX_STOCK}, got ${t.quantity}`,
          'ERR_TEMU_STOCK_TARGET',
        );
    }
    await this.#partner.call(semiStockUpdateCall, {
      productSkcId: goodsId,
      ...(this.#user ? { openApiUser: this.#user } : {}),
      quantityChangeMode: QUANTITY_CHANGE_MODE.overwrite,
      skuStockChangeList: targets.map((t) => ({
        productSkuId: t.skuId,
        warehouseId: this.#warehouseId,
        targetStockAvailable: t.quantity,
      })),
    });
    return targets.map((t) => ({ skuId: t.skuId, ok: true }));
  }
}
