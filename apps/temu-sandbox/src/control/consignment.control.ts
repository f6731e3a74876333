import { z } from 'zod';
import { consignmentOf, newSn, SEMI_WAREHOUSES } from '../data/consignment.js';
import { ControlError, parseInput } from './control-error.js';
import type { ControlRoute } from './route.js';

/**
 * Control of the semi-managed and fully-managed sides (issue 16, README "Selling models"): Temu
 * places purchase orders, refuses a ship order, receives a ship order at its warehouse; state views.
 */
const purchaseOrderInput = z.object({
  lines: z
    .array(
      z.object({
        /** A catalogue SKU's seller code; an unknown code makes a SKU Temu knows but the seller's ERP may not. */
        extCode: z.string().min(1),
        quantity: z.number().int().positive(),
        /** Agreed supply price (decimal string); default: the catalogue price. null: Temu gives none. */
        supplierPrice: z
          .string()
          .regex(/^\d+(\.\d{1,3})?$/)
          .nullable()
          .optional(),
        currency: z.string().length(3).optional(),
      }),
    )
    .min(1),
  subWarehouseId: z.number().int().positive().default(8_800_001),
  subWarehouseName: z.string().min(1).default('Temu Dongguan warehouse 1'),
  /** 0 awaiting acceptance or 1 accepted, awaiting shipment (default). */
  status: z.union([z.literal(0), z.literal(1)]).default(1),
  purchaseTimeMs: z.number().int().nonnegative().optional(),
});

const receiveInput = z.object({
  /** Units accepted into stock per SKU; default all that was shipped. */
  receivedQuantity: z.number().int().nonnegative().optional(),
  defectiveQuantity: z.number().int().nonnegative().default(0),
});

const refuseInput = z.object({
  errorCode: z.number().int().default(2_000_000),
  errorMsg: z.string().min(1).default('the purchase order cannot be shipped now'),
});

const stockingRulesInput = z.object({
  /** Temu's advised stocking quantity per seller SKU code; an application above it fails with 1002. */
  advisedQuantity: z.record(z.string().min(1), z.number().int().nonnegative()).default({}),
  /** Seller SKU codes Temu has delisted: applications for them fail with 1008. */
  delisted: z.array(z.string().min(1)).default([]),
  /** Value cap per UTC day in minor units (61001 above it); null = none. */
  dailyCapMinor: z.number().int().nonnegative().nullable().default(null),
});

function toMinorString(priceMinor: number): string {
  return (priceMinor / 100).toFixed(2);
}

export const consignmentRoutes: ControlRoute[] = [
  {
    method: 'POST',
    path: 'consignment/purchase-orders',
    handle: ({ runtime, body }) => {
      const input = parseInput(purchaseOrderInput, body);
      const state = runtime.state;
      const store = consignmentOf(state);
      const first = state.skuBySellerCode(input.lines[0]!.extCode);
      const goods = first ? state.goods.get(first.goodsId.toString()) : undefined;
      const lines = input.lines.map((l, i) => {
        const sku = state.skuBySellerCode(l.extCode);
        return {
          productSkuId: sku?.skuId ?? 990_000_000_000n + BigInt(store.next() * 10 + i),
          extCode: l.extCode,
          className: sku?.specName ?? l.extCode,
          purchaseQuantity: l.quantity,
          deliverQuantity: 0,
          realReceiveAuthenticQuantity: 0,
          supplierPrice:
            l.supplierPrice === undefined ? (sku ? toMinorString(sku.priceMinor) : null) : l.supplierPrice,
          currency: l.currency ?? sku?.currency ?? 'USD',
        };
      });
      const sn = newSn(store, 'WB', 13);
      store.purchaseOrders.set(sn, {
        subPurchaseOrderSn: sn,
        originalPurchaseOrderSn: newSn(store, 'WP', 13),
        status: input.status,
        productId: goods?.productId ?? 0,
        productSkcId: goods?.goodsId ?? 0n,
        productName: goods?.goodsName ?? input.lines[0]!.extCode,
        purchaseTime: input.purchaseTimeMs ?? Date.now(),
        subWarehouseId: input.subWarehouseId,
        subWarehouseName: input.subWarehouseName,
        staged: false,
        deliveryOrderSn: null,
        deliverTime: null,
        receiveTime: null,
        lines,
      });
      return { subPurchaseOrderSn: sn };
    },
  },
  {
    method: 'POST',
    path: 'consignment/stocking-rules',
    handle: ({ runtime, body }) => {
      const input = parseInput(stockingRulesInput, body);
      consignmentOf(runtime.state).stocking = {
        advisedQuantity: new Map(Object.entries(input.advisedQuantity)),
        delisted: new Set(input.delisted),
        dailyCapMinor: input.dailyCapMinor,
      };
      return input;
    },
  },
  {
    method: 'POST',
    path: 'consignment/purchase-orders/:sn/accept',
    // Temu's buyer accepts a purchase order awaiting acceptance (status 0 → 1), as a seller's applied one.
    handle: ({ runtime, params }) => {
      const po = consignmentOf(runtime.state).purchaseOrders.get(params.sn!);
      if (!po) throw new ControlError(404, `no purchase order ${params.sn}`);
      if (po.status !== 0)
        throw new ControlError(
          409,
          `purchase order ${po.subPurchaseOrderSn} is in status ${po.status}, not awaiting acceptance (0)`,
        );
      po.status = 1;
      return { subPurchaseOrderSn: po.subPurchaseOrderSn, status: po.status };
    },
  },
  {
    method: 'POST',
    path: 'consignment/purchase-orders/:sn/refuse-shipping',
    handle: ({ runtime, params, body }) => {
      const store = consignmentOf(runtime.state);
      if (!store.purchaseOrders.has(params.sn!))
        throw new ControlError(404, `no purchase order ${params.sn}`);
      store.refusals.set(params.sn!, parseInput(refuseInput, body));
      return { refused: params.sn };
    },
  },
  {
    method: 'POST',
    path: 'consignment/ship-orders/:sn/receive',
    handle: ({ runtime, params, body }) => {
      const input = parseInput(receiveInput, body);
      const store = consignmentOf(runtime.state);
      const so = store.shipOrders.get(params.sn!);
      if (!so) throw new ControlError(404, `no ship order ${params.sn}`);
      if (so.status !== 1)
        throw new ControlError(
          409,
          `ship order ${so.deliveryOrderSn} is in status ${so.status}, not awaiting receipt (1)`,
        );
      const shipped = so.lines.reduce((n, l) => n + l.skuNum, 0);
      const received = Math.min(input.receivedQuantity ?? shipped, shipped);
      const now = Date.now();
      so.status = received < shipped ? 6 : 2;
      so.receiveTime = now;
      so.receiveSkcNum = received;
      so.defectiveSkcNum = input.defectiveQuantity;
      const po = store.purchaseOrders.get(so.subPurchaseOrderSn);
      if (po) {
        po.status = 3;
        po.receiveTime = now;
        // Accepted units, line by line in order, up to what each line shipped.
        let left = received - input.defectiveQuantity;
        for (const l of po.lines) {
          const take = Math.max(0, Math.min(l.deliverQuantity, left));
          l.realReceiveAuthenticQuantity = take;
          left -= take;
        }
      }
      return { deliveryOrderSn: so.deliveryOrderSn, status: so.status };
    },
  },
  {
    method: 'GET',
    path: 'state/consignment',
    handle: ({ runtime }) => {
      const store = consignmentOf(runtime.state);
      return {
        purchaseOrders: [...store.purchaseOrders.values()].map((po) => ({
          ...po,
          productSkcId: po.productSkcId.toString(),
          lines: po.lines.map((l) => ({ ...l, productSkuId: l.productSkuId.toString() })),
        })),
        shipOrders: [...store.shipOrders.values()].map((so) => ({
          ...so,
          lines: so.lines.map((l) => ({ ...l, productSkuId: l.productSkuId.toString() })),
          packages: so.packages.map((p) => ({
            packageSn: p.packageSn,
            lines: p.lines.map((l) => ({ ...l, productSkuId: l.productSkuId.toString() })),
          })),
        })),
      };
    },
  },
  {
    method: 'GET',
    path: 'state/semi-stock',
    handle: ({ runtime }) => {
      const state = runtime.state;
      const store = consignmentOf(state);
      return {
        warehouses: SEMI_WAREHOUSES,
        stock: [...state.skus.values()].flatMap((s) =>
          SEMI_WAREHOUSES.map((w) => ({
            sellerSku: s.sellerSku,
            productSkcId: s.goodsId.toString(),
            productSkuId: s.skuId.toString(),
            warehouseId: w.warehouseId,
            quantity: store.semiStock.get(store.semiKey(s.skuId, w.warehouseId)) ?? 0,
          })),
        ),
      };
    },
  },
];
