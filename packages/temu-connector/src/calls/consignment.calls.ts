import { z } from 'zod';
import { defineCall } from '../client/call-definition.js';
import { optionalInt, optionalText, temuId } from './shared.schemas.js';

/**
 * Fully-managed (consignment) calls on the CN gateway (docs/temu-api.md "Selling models",
 * consignment). Times are milliseconds. Statuses are listed in consignment-status.ts.
 */

const skuQuantity = z.object({
  productSkuId: temuId,
  extCode: optionalText,
  className: optionalText,
  purchaseQuantity: z.number().int().nonnegative(),
  deliverQuantity: optionalInt,
  realReceiveAuthenticQuantity: optionalInt,
  qcResult: optionalInt,
  currencyType: optionalText,
  /**
   * The agreed supply (declared) price of the SKU as a decimal string. Not in the public Go SDK's
   * entity: docs/temu-api.md "Selling models" says where it is unconfirmed; without it the purchase
   * order is parked rather than priced from guesswork.
   */
  supplierPrice: z.union([z.string().regex(/^\d+(\.\d+)?$/), z.number().nonnegative()]).nullish(),
});

export const purchaseOrderSchema = z.object({
  subPurchaseOrderSn: z.string().min(1),
  originalPurchaseOrderSn: optionalText,
  status: z.number().int(),
  productId: temuId.nullish(),
  productSkcId: temuId.nullish(),
  productName: optionalText,
  purchaseTime: z.number().int().nullish(),
  subWarehouseId: temuId.nullish(),
  deliverInfo: z
    .object({
      deliveryOrderSn: optionalText,
      deliverTime: optionalInt,
      receiveTime: optionalInt,
      receiveWarehouseId: temuId.nullish(),
      receiveWarehouseName: optionalText,
      expectLatestDeliverTimeOrDefault: optionalInt,
      expectLatestArrivalTimeOrDefault: optionalInt,
    })
    .nullish(),
  skuQuantityDetailList: z.array(skuQuantity),
});
export type TemuPurchaseOrder = z.output<typeof purchaseOrderSchema>;

export const purchaseOrderListCall = defineCall({
  type: 'bg.purchaseorderv2.get',
  request: z.object({
    pageNo: z.number().int().min(1),
    // 1–500 per Temu's page; the Go SDK caps 100, and so do we.
    pageSize: z.number().int().min(1).max(100),
    statusList: z.array(z.number().int()).optional(),
    subPurchaseOrderSnList: z.array(z.string().min(1)).optional(),
    purchaseTimeFrom: z.number().int().nonnegative().optional(),
    purchaseTimeTo: z.number().int().nonnegative().optional(),
  }),
  response: z.object({
    total: optionalInt,
    // Items are parsed one by one by the caller, so one malformed order does not sink the page.
    subOrderForSupplierList: z.array(z.unknown()).nullish(),
  }),
});

export const stagingAddCall = defineCall({
  type: 'bg.shiporder.staging.add',
  request: z.object({
    joinInfoList: z
      .array(
        z.object({
          subPurchaseOrderSn: z.string().min(1),
          /** 1 mainland (deprecated), 2 Hong Kong, 3 mainland bonded zone, 4 mainland non-bonded. */
          deliveryAddressType: z.number().int().min(1).max(4),
        }),
      )
      .min(1),
  }),
  response: z.object({
    existJoinErrorSubPurchase: z.boolean().nullish(),
    joinErrorList: z
      .array(
        z.object({
          joinErrorSubPurchaseOrderSn: optionalText,
          errorCode: z.union([z.number(), z.string()]).nullish(),
          errorMsg: optionalText,
        }),
      )
      .nullish(),
  }),
});

export const stagingGetCall = defineCall({
  type: 'bg.shiporder.staging.get',
  request: z.object({
    pageNo: z.number().int().min(1),
    pageSize: z.number().int().min(1).max(100),
    subPurchaseOrderSnList: z.array(z.string().min(1)).optional(),
  }),
  response: z.object({
    total: optionalInt,
    list: z
      .array(
        z.object({
          subPurchaseOrderBasicVO: z.object({
            subPurchaseOrderSn: z.string(),
            subWarehouseId: temuId,
            subWarehouseName: optionalText,
            receiveAddressInfo: z.record(z.string(), z.unknown()).nullish(),
          }),
          orderDetailVOList: z
            .array(
              z.object({
                productSkuId: temuId,
                productOriginalSkuId: temuId.nullish(),
                skuDeliveryQuantityMaxLimit: optionalInt,
                productSkuPurchaseQuantity: optionalInt,
              }),
            )
            .nullish(),
        }),
      )
      .nullish(),
  }),
});

export const shipOrderCreateCall = defineCall({
  type: 'bg.shiporderv3.create',
  request: z.object({
    deliveryOrderCreateGroupList: z
      .array(
        z.object({
          subWarehouseId: z.union([z.number().int(), z.string().regex(/^\d+$/)]),
          receiveAddressInfo: z.record(z.string(), z.unknown()),
          deliveryOrderCreateInfos: z
            .array(
              z.object({
                subPurchaseOrderSn: z.string().min(1),
                deliveryAddressId: z.number().int().positive().optional(),
                deliverOrderDetailInfos: z
                  .array(
                    z.object({ productSkuId: z.string().min(1), deliverSkuNum: z.number().int().positive() }),
                  )
                  .min(1),
                packageInfos: z
                  .array(
                    z.object({
                      packageDetailSaveInfos: z
                        .array(
                          z.object({ productSkuId: z.string().min(1), skuNum: z.number().int().positive() }),
                        )
                        .min(1),
                    }),
                  )
                  .min(1),
              }),
            )
            .min(1),
        }),
      )
      .min(1),
  }),
  response: z.object({
    deliveryOrders: z.array(z.union([z.string(), z.object({ deliveryOrderSn: z.string() })])).nullish(),
    isUrgencyType: z.boolean().nullish(),
  }),
});

export const shipOrderSchema = z.object({
  deliveryOrderSn: z.string().min(1),
  subPurchaseOrderSn: z.string().min(1),
  /** 0 awaiting packing, 1 awaiting receipt, 2 received, 3 stored, 4 returned, 5 cancelled, 6 partly received. */
  status: z.number().int(),
  deliverTime: optionalInt,
  receiveTime: optionalInt,
  inboundTime: optionalInt,
  deliverSkcNum: optionalInt,
  receiveSkcNum: optionalInt,
  defectiveSkcNum: optionalInt,
  expressDeliverySn: optionalText,
  expressBatchSn: optionalText,
  subWarehouseId: temuId.nullish(),
  subWarehouseName: optionalText,
});
export type TemuShipOrder = z.output<typeof shipOrderSchema>;

export const shipOrderListCall = defineCall({
  type: 'bg.shiporderv2.get',
  request: z.object({
    pageNo: z.number().int().min(1),
    // SYSTEM_EXCEPTION was observed above 20 (docs/temu-api.md "Selling models").
    pageSize: z.number().int().min(1).max(20),
    deliveryOrderSnList: z.array(z.string().min(1)).optional(),
    subPurchaseOrderSnList: z.array(z.string().min(1)).optional(),
  }),
  response: z.object({ total: optionalInt, list: z.array(shipOrderSchema).nullish() }),
});

export const packingSendCall = defineCall({
  type: 'bg.shiporder.packing.send',
  request: z.object({
    /** 1 self delivery, 2 platform-recommended carrier, 3 the seller's own third party. */
    deliverMethod: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    deliveryAddressId: z.number().int().positive(),
    deliveryOrderSnList: z.array(z.string().min(1)).min(1),
    thirdPartyExpressDeliveryInfoVO: z
      .object({
        expressCompanyId: z.number().int().positive(),
        expressCompanyName: z.string().min(1),
        expressDeliverySn: z.string().min(1),
        expressPackageNum: z.number().int().positive().optional(),
      })
      .optional(),
  }),
  response: z.object({
    expressBatchSn: optionalText,
    createExpressErrorRequestList: z.array(z.unknown()).nullish(),
  }),
});

export const boxMarkCall = defineCall({
  type: 'bg.logistics.boxmarkinfo.get',
  // snake_case `return_data_key` as Temu spells it; false → the rows themselves.
  request: z.object({ deliveryOrderSnList: z.array(z.string().min(1)).min(1), return_data_key: z.boolean() }),
  response: z.union([
    z.string(),
    z.array(
      z.object({
        deliveryOrderSn: z.string(),
        subPurchaseOrderSn: optionalText,
        packageSn: optionalText,
        packageIndex: optionalInt,
        totalPackageNum: optionalInt,
        subWarehouseName: optionalText,
      }),
    ),
  ]),
});

/**
 * Seller-initiated stocking (docs/temu-api.md "Selling models", `bg.purchaseorder.apply`): one SKC
 * and its SKUs' quantities. Temu documents `result` as an object without fields, and the public Go
 * SDKs ignore it: success means "applied", the purchase order is then read with
 * `bg.purchaseorderv2.get`. Refusals are four- and five-digit business codes (1002, 61001 …).
 */
export const purchaseOrderApplyCall = defineCall({
  type: 'bg.purchaseorder.apply',
  request: z.object({
    productSkcId: z.number().int().positive(),
    purchaseDetailList: z
      .array(
        z.object({
          productSkuId: z.number().int().positive(),
          productSkuPurchaseQuantity: z.number().int().positive(),
        }),
      )
      .min(1),
    expectLatestDeliverTime: z.number().int().nonnegative().optional(),
    expectLatestArrivalTime: z.number().int().nonnegative().optional(),
  }),
  response: z.unknown(),
});
