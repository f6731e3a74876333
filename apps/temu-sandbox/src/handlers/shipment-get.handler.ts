import { ApiError, BUSINESS, GATEWAY_ERRORS } from '../error-codes.js';
import type { Handler } from './handler.js';
import { Params } from './params.js';

/** bg.logistics.shipment.v2.get (docs/temu-api.md §9.1 step 4): one entry per package line. */
export const getShipment: Handler = ({ state, body }) => {
  const p = new Params(body, GATEWAY_ERRORS.BAD_PARAMS[0]);
  const parentOrderSn = p.str('parentOrderSn', true)!;
  const orderSn = p.str('orderSn');
  if (!state.orders.has(parentOrderSn)) {
    throw new ApiError(BUSINESS.PARENT_ORDER_INVALID, `parentOrderSn ${parentOrderSn} is invalid`);
  }
  const shipmentInfoDTO = state.shipments.flatMap((s) =>
    s.lines
      .filter((l) => l.parentOrderSn === parentOrderSn && (orderSn === undefined || l.orderSn === orderSn))
      .map((l) => ({
        orderSn: l.orderSn,
        carrierId: s.carrierId,
        carrierName: s.carrierName,
        trackingNumber: s.trackingNumber,
        goodsId: l.goodsId,
        skuId: l.skuId,
        quantity: l.quantity,
        packageSn: s.packageSn,
        packageDeliveryType: 1,
        trackingWarningLabel: 0,
        cooperativeWarehouseDTO: null,
        subPackageShipmentInfoList: s.subPackages.map((sub) => ({
          carrierId: sub.carrierId,
          trackingNumber: sub.trackingNumber,
        })),
      })),
  );
  return { shipmentInfoDTO };
};
