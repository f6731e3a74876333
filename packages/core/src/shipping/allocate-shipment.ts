import { BadInputError } from '../errors.js';
import type { Order } from '../order.js';
import { resolveErpSku, type SkuMapping } from '../orders/order-mapping.js';
import type { ShipmentPackage } from '../shipment.js';

export interface AllocateShipmentInput {
  /** The marketplace order as it is now (lines with their open quantities). */
  order: Pick<Order, 'orderRef' | 'shopId' | 'lines'>;
  /** The ERP delivery: its id (for messages) and what it shipped, per ERP SKU. */
  deliveryId: number;
  shipped: ReadonlyArray<{ sku: string; quantity: number }>;
  skuMapping?: SkuMapping;
}

/**
 * Which marketplace lines an ERP delivery ships: for each ERP SKU, the delivered quantity is taken
 * from the open lines of that SKU in order (cancelled or fully cancelled lines have nothing open),
 * so two lines of one SKU are filled first to last. A delivery shipping more than the order has
 * open is a mismatch the operator must look at (ERR_SHIPMENT_MISMATCH): nothing is reported then.
 */
export function allocateShipment({
  order,
  deliveryId,
  shipped,
  skuMapping,
}: AllocateShipmentInput): ShipmentPackage['items'] {
  const items: ShipmentPackage['items'] = [];
  for (const { sku, quantity } of shipped) {
    let left = quantity;
    for (const line of order.lines) {
      if (left <= 0) break;
      if (line.quantity <= 0 || line.status === 'cancelled' || resolveErpSku(line, skuMapping) !== sku)
        continue;
      const take = Math.min(left, line.quantity);
      items.push({
        orderRef: order.orderRef,
        lineId: line.lineId,
        quantity: take,
        goodsId: line.goodsId,
        skuId: line.skuId,
      });
      left -= take;
    }
    if (left > 0) {
      throw new BadInputError(
        `delivery ${deliveryId} of ${order.orderRef} ships ${quantity} × ${sku}, more than the marketplace order has open (shop ${order.shopId})`,
        'ERR_SHIPMENT_MISMATCH',
      );
    }
  }
  return items;
}
