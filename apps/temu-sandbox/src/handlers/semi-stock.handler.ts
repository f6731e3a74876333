import { ApiError } from '../error-codes.js';
import { consignmentOf, SEMI_WAREHOUSES } from '../data/consignment.js';
import type { GoodsRecord } from '../data/model.js';
import type { SandboxState } from '../state.js';
import type { Handler } from './handler.js';
import { Params } from './params.js';

/** Temu's one business code of the btg stock calls: "fix the input per the message" (docs/temu-api.md "Selling models"). */
export const SEMI_BUSINESS_ERROR = 2_000_000;
const MAX_STOCK = 1_000_000;

/** The sandbox's SKC is its goods record: `productSkcId` = goodsId, `productSkuId` = skuId (README). */
function skc(state: SandboxState, p: Params): GoodsRecord {
  const id = p.requireId('productSkcId');
  const goods = state.goods.get(id.toString());
  if (!goods) throw new ApiError(SEMI_BUSINESS_ERROR, `productSkcId ${id} does not belong to this supplier`);
  return goods;
}

/** bg.btg.goods.stock.quantity.get: virtual stock of every SKU of one SKC, per warehouse. */
export const semiStockGet: Handler = ({ state, body }) => {
  const p = new Params(body, SEMI_BUSINESS_ERROR);
  const goods = skc(state, p);
  p.object('openApiUser');
  const store = consignmentOf(state);
  const list = goods.skus.flatMap((s) =>
    SEMI_WAREHOUSES.map((w) => ({
      productSkuId: s.skuId,
      skuStockQuantity: store.semiStock.get(store.semiKey(s.skuId, w.warehouseId)) ?? 0,
      warehouseId: w.warehouseId,
      warehouseName: w.warehouseName,
      shippingMode: 1,
      tempLockQuantity: 0,
      enablePreSale: false,
    })),
  );
  return { total: list.length, productSkuStockList: list };
};

/**
 * bg.btg.goods.stock.quantity.update: mode 1 adds `stockDiff` (≠ 0), mode 2 overwrites with
 * `targetStockAvailable` (≥ 0); `warehouseId` required. All or nothing: one bad line refuses the call.
 */
export const semiStockUpdate: Handler = ({ state, body }) => {
  const p = new Params(body, SEMI_BUSINESS_ERROR);
  const goods = p.has('productSkcId') ? skc(state, p) : null;
  p.object('openApiUser');
  const mode = p.int('quantityChangeMode', { min: 1, max: 2 }) ?? 1;
  const changes = p.objects('skuStockChangeList') ?? [];
  if (changes.length === 0) p.fail('skuStockChangeList', 'is required');
  const store = consignmentOf(state);
  const next = new Map<string, number>();
  for (const c of changes) {
    const skuId = c.requireId('productSkuId');
    const sku = state.sku(skuId);
    if (!sku || (goods && sku.goodsId !== goods.goodsId))
      throw new ApiError(
        SEMI_BUSINESS_ERROR,
        `productSkuId ${skuId} is not a SKU of this supplier${goods ? ` in SKC ${goods.goodsId}` : ''}`,
      );
    const warehouseId = c.str('warehouseId');
    if (!warehouseId) c.fail('warehouseId', 'is required');
    if (!SEMI_WAREHOUSES.some((w) => w.warehouseId === warehouseId))
      throw new ApiError(
        SEMI_BUSINESS_ERROR,
        `warehouseId ${warehouseId} is not a warehouse of this supplier`,
      );
    const key = store.semiKey(skuId, warehouseId!);
    if (next.has(key))
      throw new ApiError(
        SEMI_BUSINESS_ERROR,
        `productSkuId ${skuId} appears twice for warehouse ${warehouseId}`,
      );
    const current = store.semiStock.get(key) ?? 0;
    let value: number;
    if (mode === 1) {
      const diff = c.int('stockDiff');
      if (diff === undefined || diff === 0)
        c.fail('stockDiff', 'must be a non-zero integer in change mode 1');
      value = current + diff!;
    } else {
      const target = c.int('targetStockAvailable');
      if (target === undefined || target < 0)
        c.fail('targetStockAvailable', 'must be an integer ≥ 0 in change mode 2');
      value = target!;
    }
    if (value < 0 || value > MAX_STOCK)
      throw new ApiError(
        SEMI_BUSINESS_ERROR,
        `resulting stock ${value} of productSkuId ${skuId} is outside 0–${MAX_STOCK}`,
      );
    next.set(key, value);
  }
  for (const [key, value] of next) store.semiStock.set(key, value);
  return null;
};

/** bg.btg.goods.stock.warehouse.list.get: the supplier's warehouses per site. */
export const semiWarehouseList: Handler = () => ({
  warehouseDTOList: [
    {
      siteId: 100,
      siteName: 'United States',
      validWarehouseList: SEMI_WAREHOUSES.map((w) => ({ ...w, warehouseDisable: false })),
    },
  ],
});
