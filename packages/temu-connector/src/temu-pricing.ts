import { currencyExponent, IntegrationError, toDecimal } from '@temu-odoo/core';
import type {
  MarketplacePricingPort,
  Money,
  PriceChangeResult,
  PriceOrderView,
  PriceReviewState,
} from '@temu-odoo/core';
import type { z } from 'zod';
import type { TemuCall } from './client/call-definition.js';
import type { TemuClient } from './client/temu-client.js';
import { priceChangeCall } from './calls/price-change.call.js';
import { readTokenInfo } from './auth/authorization.js';
import {
  priceOrderAcceptCall,
  priceOrderNegotiateCall,
  priceOrderQueryCall,
  priceOrderRejectCall,
  recommendedPriceQueryCall,
} from './calls/price-orders.call.js';
import { skuPriceQueryCall } from './calls/sku-price-query.call.js';
import { TEMU_ERROR_CODES } from './errors.js';
import { decimalMoney } from './mappers/money.mapper.js';

/** Price-order statuses (docs/temu-api.md §10.4) in the integration's words. */
const REVIEW_STATES: Record<number, PriceReviewState> = {
  100: 'reviewing',
  101: 'awaiting_seller',
  201: 'passed',
  202: 'rejected',
  203: 'accepted',
  204: 'reviewing',
  205: 'refused',
  206: 'rejected',
};

/**
 * Temu's whitelisted price APIs for one shop. Without the price scope every call answers 3000032;
 * that becomes one `credentials` error naming the fix, so the planner can say so once per shop.
 */
export class TemuPricing implements MarketplacePricingPort {
  readonly #client: TemuClient;

  constructor(
    readonly shopId: string,
    client: TemuClient,
  ) {
    this.#client = client;
  }

  /** Whether the shop's token may file price changes (token info, one call in the products group). */
  async canChangePrices(): Promise<boolean> {
    const info = await readTokenInfo(this.#client);
    return info.scopes.includes(priceChangeCall.type);
  }

  async readPrices(goodsId: string, skuIds: string[]) {
    const result = await this.#call(skuPriceQueryCall, {
      querySupplierPriceBaseList: [{ goodsId, skuIdList: skuIds }],
    });
    return result.openapiGoodsSupplierPriceDTOList.flatMap((g) =>
      g.openapiSkuSupplierPriceDTOList.map((s) => ({ skuId: s.skuId, price: decimalMoney(s.supplierPrice) })),
    );
  }

  async recommendedPrices(goodsIds: string[]): Promise<Map<string, Money>> {
    const prices = new Map<string, Money>();
    if (goodsIds.length === 0) return prices;
    // 20 = restricted traffic: the price Temu asks for before it shows the goods again (docs/temu-api.md §10.4).
    const result = await this.#call(recommendedPriceQueryCall, {
      recommendedPriceType: 20,
      goodsIdList: goodsIds,
    });
    for (const goods of result.goodsList ?? []) {
      for (const sku of goods.skuList ?? []) {
        const price = decimalMoney(sku.recommendedSupplyPrice);
        if (price) prices.set(sku.skuId, price);
      }
    }
    return prices;
  }

  async changePrices(
    goodsId: string,
    prices: Array<{ skuId: string; price: Money }>,
    reason: string,
  ): Promise<PriceChangeResult> {
    const result = await this.#call(priceChangeCall, {
      goodsId,
      changeSkuPriceDTOList: [
        {
          reason,
          skuChangePriceBaseDTOList: prices.map((p) => ({
            skuId: p.skuId,
            newSupplierPrice: { amount: decimalString(p.price), currency: p.price.currency },
          })),
        },
      ],
    });
    const reasons = result.failedSkuReasonMap ?? {};
    return {
      orders: (result.successPriceOrderList ?? []).flatMap((o) =>
        (o.skuIdList ?? []).map((skuId) => ({ orderRef: o.priceOrderSn, skuId })),
      ),
      failed: (result.failedSkuList ?? []).map((skuId) => ({
        skuId,
        reason: typeof reasons[skuId] === 'string' ? reasons[skuId] : 'refused without a reason',
      })),
    };
  }

  /**
   * One query per order number: the rows do not carry the number (docs/temu-api.md §10.4), so
   * asking for one at a time is how a row is tied back to the number that refusing needs.
   */
  async priceOrders(goodsId: string, orderRefs: string[]): Promise<PriceOrderView[]> {
    const views: PriceOrderView[] = [];
    for (const orderRef of orderRefs) {
      const result = await this.#call(priceOrderQueryCall, {
        priceOrderType: 2,
        goodsIdList: [goodsId],
        priceOrderSnList: [orderRef],
        size: 50,
      });
      for (const row of result.priceAuditList ?? []) {
        for (const skuId of row.skuIdList ?? []) {
          views.push({
            orderId: row.priceOrderId,
            orderRef,
            goodsId: row.goodsId,
            skuId,
            state: REVIEW_STATES[row.status] ?? 'reviewing',
            modifiable: row.status === 202,
            requested: decimalMoney(row.targetSupplierPrice),
            proposed: decimalMoney(row.suggestSupplierPrice),
            listed: row.status === 201 || row.status === 203 ? decimalMoney(row.supplierPrice) : null,
            reason: row.rejectTypeDesc ?? row.reason ?? null,
            commitId: row.priceCommitId ?? null,
            commitVersion: row.priceCommitVersion ?? 1,
          });
        }
      }
    }
    return views;
  }

  async acceptCounterOffer(order: PriceOrderView): Promise<void> {
    await this.#call(priceOrderAcceptCall, {
      priceOrderInfoList: [
        { priceOrderId: order.orderId, goodsId: order.goodsId, priceCommitVersion: order.commitVersion },
      ],
    });
  }

  async refuseCounterOffer(order: PriceOrderView): Promise<void> {
    if (order.orderRef === null)
      throw new Error(`price order ${order.orderId} has no number to refuse it by`);
    await this.#call(priceOrderRejectCall, {
      priceOrderBaseList: [
        { goodsId: order.goodsId, priceOrderSn: order.orderRef, priceCommitVersion: order.commitVersion },
      ],
    });
  }

  async negotiate(order: PriceOrderView, price: Money, reason: string): Promise<void> {
    await this.#call(priceOrderNegotiateCall, {
      priceOrderId: order.orderId,
      goodsId: order.goodsId,
      priceCommitVersion: order.commitVersion,
      priceCommitId: order.commitId ?? '0',
      negotiatedPriceSkuList: [
        {
          skuId: order.skuId,
          newSupplierPrice: { amount: decimalString(price), currency: price.currency },
          reason,
        },
      ],
    });
  }

  async #call<Req extends z.ZodType, Res extends z.ZodType>(
    call: TemuCall<Req, Res>,
    request: z.input<Req>,
  ): Promise<z.output<Res>> {
    try {
      return await this.#client.call(call, request);
    } catch (err) {
      if (err instanceof IntegrationError && err.code === TEMU_ERROR_CODES.scope) {
        throw new IntegrationError(
          `shop ${this.shopId} lacks Temu's price scope (${call.type} answered 3000032): prices are computed but not pushed until the seller grants "Local Price Management" and re-authorises`,
          { kind: 'credentials', code: TEMU_ERROR_CODES.scope, cause: err, remoteCode: '3000032' },
        );
      }
      throw err;
    }
  }
}

/** Money → Temu's decimal string ("19.99"). */
function decimalString(price: Money): string {
  return toDecimal(price).toFixed(currencyExponent(price.currency));
}
