import type { MarketplaceSku } from '@temu-odoo/core';
import type { TemuSku } from '../calls/sku-list.call.js';
import { decimalMoney } from './money.mapper.js';

const orNull = (v: string | null | undefined): string | null =>
  v === undefined || v === null || v.trim() === '' ? null : v;

/**
 * `bg.local.goods.sku.list.query` entry → MarketplaceSku (docs/temu-api.md §10.1). The seller's code is
 * `skuSn` (`outSkuSn` in goods detail); prices are decimal strings converted to minor units. The SKU
 * list carries no category: `categoryId` is the goods' `catId` from the goods list, null when unknown.
 */
export function mapTemuSku(shopId: string, sku: TemuSku, categoryId: string | null = null): MarketplaceSku {
  const listed =
    decimalMoney(sku.retailPrice) ??
    (sku.price !== null && sku.price !== undefined && orNull(sku.currency)
      ? decimalMoney({ amount: sku.price, currency: sku.currency! })
      : null);
  return {
    shopId,
    goodsId: sku.goodsId,
    skuId: sku.skuId,
    sellerSku: orNull(sku.skuSn) ?? orNull(sku.outSkuSn),
    listPriceMinor: listed?.amountMinor ?? null,
    currency: listed?.currency ?? orNull(sku.currency),
    stock: sku.stock ?? null,
    categoryId,
  };
}
