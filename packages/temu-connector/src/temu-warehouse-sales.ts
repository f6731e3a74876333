import { BadInputError, type MarketplaceWarehouseSalesPort, type WarehouseSkuSales } from '@temu-odoo/core';
import type { TemuClient } from './client/temu-client.js';
import { goodsSalesCall } from './calls/goods-sales.call.js';

const PAGE_SIZE = 200;

/**
 * A fully-managed shop's sales counters and stock per Temu warehouse group, read with
 * `bg.goods.salesv2.get` filtered to one group (docs/temu-api.md "Fully-managed sales and warehouse
 * stock"). In transit = `waitReceiveNum` (shipped, awaiting receipt) + `waitDeliveryInventoryNum`
 * (on ship orders not yet handed over): both will land in the warehouse without a new shipment.
 */
export class TemuWarehouseSales implements MarketplaceWarehouseSalesPort {
  readonly #client: TemuClient;

  constructor(client: TemuClient) {
    this.#client = client;
  }

  async warehouseSales(warehouseId: string): Promise<WarehouseSkuSales[]> {
    if (!/^\d{1,15}$/.test(warehouseId))
      throw new BadInputError(
        `Temu warehouse group id "${warehouseId}" is not a number: set the warehouse ids of REPLENISHMENT_FILE to Temu's warehouseGroupId`,
        'ERR_BAD_WAREHOUSE_ID',
      );
    const out: WarehouseSkuSales[] = [];
    for (let pageNo = 1; ; pageNo++) {
      const result = await this.#client.call(goodsSalesCall, {
        pageNo,
        pageSize: PAGE_SIZE,
        warehouseGroupIdList: [Number(warehouseId)],
      });
      const rows = result.subOrderList ?? [];
      for (const row of rows) {
        for (const sku of row.skuQuantityDetailList ?? []) {
          const stock = sku.inventoryNumInfo;
          out.push({
            sku: sku.skuExtCode?.trim() || null,
            skuId: sku.productSkuId,
            totalSold: sku.totalSaleVolume ?? 0,
            last30DaysSold: sku.lastThirtyDaysSaleVolume ?? 0,
            onHand: Math.max(0, stock?.warehouseInventoryNum ?? 0),
            inTransit: Math.max(0, (stock?.waitReceiveNum ?? 0) + (stock?.waitDeliveryInventoryNum ?? 0)),
          });
        }
      }
      const total = result.total ?? 0;
      if (rows.length < PAGE_SIZE || pageNo * PAGE_SIZE >= total) return out;
    }
  }
}
