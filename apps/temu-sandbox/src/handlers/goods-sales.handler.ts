import { ApiError } from '../error-codes.js';
import { countersOf, fullSales, FULL_WAREHOUSE_GROUPS } from '../data/full-sales.js';
import type { Handler } from './handler.js';
import { page, Params } from './params.js';

/** Temu's documented error of the sales call (docs/temu-api.md "Fully-managed sales and warehouse stock"). */
const SALES_INVALID_PARAMS = 100_000_000;

/**
 * `bg.goods.salesv2.get`: one row per product (SKC), its SKUs in `skuQuantityDetailList` with the
 * sales counters and warehouse stock. Filtered by `warehouseGroupIdList`, the counters and stock are
 * those groups' only; unfiltered, all groups summed. Paged by `pageNo`/`pageSize` (1–500).
 */
export const goodsSales: Handler = ({ state, body }) => {
  const p = new Params(body, SALES_INVALID_PARAMS);
  const pageNo = p.requireInt('pageNo', { min: 1 });
  const pageSize = p.requireInt('pageSize', { min: 1, max: 500 });
  const groups = p.idList('warehouseGroupIdList', 100)?.map(Number);
  for (const g of groups ?? [])
    if (!FULL_WAREHOUSE_GROUPS.some((w) => w.warehouseGroupId === g))
      throw new ApiError(SALES_INVALID_PARAMS, `warehouseGroupIdList: unknown warehouse group ${g}`);
  const skuCodes = p.strList('skuExtCodeList', 500);
  const model = fullSales(state);
  const rows = [...state.goods.values()].flatMap((g) => {
    const skus = g.skus.filter((s) => !skuCodes || skuCodes.length === 0 || skuCodes.includes(s.sellerSku));
    if (skus.length === 0) return [];
    return [
      {
        productId: g.productId,
        productSkcId: g.productId + 1,
        skcExtCode: g.outGoodsSn,
        productName: g.goodsName,
        skuQuantityDetailList: skus.map((s) => {
          const series = model.series.filter(
            (x) =>
              x.sellerSku === s.sellerSku &&
              (!groups || groups.length === 0 || groups.includes(x.warehouseGroupId)),
          );
          const counters = series.map((x) => countersOf(x, model.day));
          const total = (f: (c: (typeof counters)[number]) => number) =>
            counters.reduce((a, c) => a + f(c), 0);
          const onHand = series.reduce((a, x) => a + x.onHand, 0);
          return {
            productSkuId: s.productSkuId,
            skuExtCode: s.sellerSku,
            className: s.specName,
            todaySaleVolume: total((c) => c.todaySaleVolume),
            lastSevenDaysSaleVolume: total((c) => c.lastSevenDaysSaleVolume),
            lastThirtyDaysSaleVolume: total((c) => c.lastThirtyDaysSaleVolume),
            totalSaleVolume: total((c) => c.totalSaleVolume),
            inventoryNumInfo: {
              warehouseInventoryNum: onHand,
              unavailableWarehouseInventoryNum: 0,
              waitReceiveNum: series.reduce((a, x) => a + x.inTransit, 0),
              waitDeliveryInventoryNum: series.reduce((a, x) => a + x.waitDelivery, 0),
              waitOnShelfNum: 0,
            },
          };
        }),
      },
    ];
  });
  return { total: rows.length, subOrderList: page(rows, pageNo, pageSize) };
};
