import {
  BadInputError,
  type ConsignmentMarketplacePort,
  type ConsignmentShipment,
  type PurchaseOrder,
  type StockRequestLine,
  type StockRequestOutcome,
} from '@temu-odoo/core';
import type { TemuClient } from './client/temu-client.js';
import {
  boxMarkCall,
  packingSendCall,
  purchaseOrderApplyCall,
  purchaseOrderListCall,
  purchaseOrderSchema,
  shipOrderCreateCall,
  shipOrderListCall,
  stagingAddCall,
  stagingGetCall,
  type TemuShipOrder,
} from './calls/consignment.calls.js';
import { goodsSalesCall } from './calls/goods-sales.call.js';
import { paginateByPageNo } from './calls/paginate.js';
import { isTemuError } from './errors.js';
import { mapPurchaseOrder, mapShipOrder } from './mappers/temu-consignment.mapper.js';

export interface TemuConsignmentOptions {
  shopId: string;
  /** A client on the CN gateway. */
  client: TemuClient;
  /** The seller's shipping address id at Temu (`bg.mall.address.get`). */
  deliveryAddressId: number;
  /** `deliveryAddressType` of the shipping desk (1–4). */
  deliveryAddressType: number;
  /** Temu's express company for the seller's own carrier (deliverMethod 3). */
  expressCompany: { id: number; name: string } | null;
  pageSize?: number;
}

/** Ship orders Temu cancelled do not count as "already shipped". */
const CANCELLED_SHIP_ORDER = 5;

/**
 * A fully-managed (consignment) shop on the CN gateway (docs/temu-api.md "Selling models"):
 * purchase orders in, ship orders out to Temu's warehouses, receipt read back from the ship orders.
 */
export class TemuConsignment implements ConsignmentMarketplacePort {
  readonly shopId: string;
  readonly #client: TemuClient;
  readonly #options: TemuConsignmentOptions;

  constructor(options: TemuConsignmentOptions) {
    this.shopId = options.shopId;
    this.#client = options.client;
    this.#options = options;
  }

  async *listPurchaseOrders(window: { fromMs: number; toMs: number }): AsyncIterable<PurchaseOrder> {
    const pageSize = this.#options.pageSize ?? 100;
    const pages = paginateByPageNo(
      this.#client,
      purchaseOrderListCall,
      { pageSize, purchaseTimeFrom: window.fromMs, purchaseTimeTo: window.toMs },
      (r) => ({ items: r.subOrderForSupplierList ?? [], total: r.total ?? null }),
    );
    for await (const item of pages) yield this.#parse(item);
  }

  /**
   * `bg.purchaseorder.apply` per SKC (docs/temu-api.md "Selling models"): the seller codes are
   * resolved to Temu's SKC and SKU ids with `bg.goods.salesv2.get`, one application per SKC. Temu's
   * answer names no order, so the new purchase order is looked up among those placed since just
   * before the call, matched by SKC and quantities. A business refusal becomes a refused outcome
   * with Temu's code and words; throttling and outages throw (the job retries, its record guards).
   */
  async requestStock(request: {
    lines: StockRequestLine[];
    latestShipByMs: number | null;
  }): Promise<StockRequestOutcome[]> {
    const wanted = request.lines.filter((l) => l.quantity > 0);
    const ids = await this.#skuIds(wanted.map((l) => l.sku));
    const out: StockRequestOutcome[] = [];
    const bySkc = new Map<string, Array<StockRequestLine & { skuId: string }>>();
    for (const line of wanted) {
      const id = ids.get(line.sku);
      if (!id) {
        out.push({
          skus: [line.sku],
          status: 'refused',
          code: 'NOT_LISTED',
          reason: `Temu lists no fully-managed SKU with seller code ${line.sku} (shop ${this.shopId}); set the SKU's code on Temu`,
        });
        continue;
      }
      const group = bySkc.get(id.skcId) ?? [];
      group.push({ ...line, skuId: id.skuId });
      bySkc.set(id.skcId, group);
    }
    for (const [skcId, group] of bySkc) {
      const skus = group.map((l) => l.sku);
      const sinceMs = Date.now() - 60_000;
      try {
        await this.#client.call(purchaseOrderApplyCall, {
          productSkcId: Number(skcId),
          purchaseDetailList: group.map((l) => ({
            productSkuId: Number(l.skuId),
            productSkuPurchaseQuantity: l.quantity,
          })),
          ...(request.latestShipByMs !== null ? { expectLatestDeliverTime: request.latestShipByMs } : {}),
        });
      } catch (err) {
        if (isTemuError(err) && err.kind === 'business') {
          out.push({
            skus,
            status: 'refused',
            code: err.remoteCode ?? 'unknown',
            reason: err.remoteMessage ?? err.message,
          });
          continue;
        }
        throw err;
      }
      out.push({ skus, status: 'requested', purchaseRef: await this.#appliedOrder(skcId, group, sinceMs) });
    }
    return out;
  }

  /** Seller code → Temu's SKC and SKU ids, from the fully-managed sales rows (which carry both). */
  async #skuIds(codes: string[]): Promise<Map<string, { skcId: string; skuId: string }>> {
    const out = new Map<string, { skcId: string; skuId: string }>();
    for (let i = 0; i < codes.length; i += 500) {
      const r = await this.#client.call(goodsSalesCall, {
        pageNo: 1,
        pageSize: 500,
        skuExtCodeList: codes.slice(i, i + 500),
      });
      for (const row of r.subOrderList ?? [])
        for (const sku of row.skuQuantityDetailList ?? []) {
          const code = sku.skuExtCode?.trim();
          if (code && row.productSkcId)
            out.set(code, { skcId: String(row.productSkcId), skuId: sku.productSkuId });
        }
    }
    return out;
  }

  /** The newest purchase order of the SKC placed since `sinceMs` with exactly these quantities, if Temu lists it yet. */
  async #appliedOrder(
    skcId: string,
    group: Array<StockRequestLine & { skuId: string }>,
    sinceMs: number,
  ): Promise<string | null> {
    const r = await this.#client.call(purchaseOrderListCall, {
      pageNo: 1,
      pageSize: 100,
      statusList: [0, 1],
      purchaseTimeFrom: sinceMs,
      purchaseTimeTo: Date.now() + 60_000,
    });
    const matches = (r.subOrderForSupplierList ?? [])
      .map((item) => purchaseOrderSchema.safeParse(item))
      .flatMap((p) => (p.success ? [p.data] : []))
      .filter(
        (po) =>
          String(po.productSkcId ?? '') === skcId &&
          po.skuQuantityDetailList.length === group.length &&
          group.every((l) =>
            po.skuQuantityDetailList.some(
              (d) => String(d.productSkuId) === l.skuId && d.purchaseQuantity === l.quantity,
            ),
          ),
      )
      .sort((a, b) => (b.purchaseTime ?? 0) - (a.purchaseTime ?? 0));
    return matches[0]?.subPurchaseOrderSn ?? null;
  }

  async getPurchaseOrders(refs: string[]): Promise<PurchaseOrder[]> {
    if (!refs.length) return [];
    const out: PurchaseOrder[] = [];
    for (let i = 0; i < refs.length; i += 100) {
      const part = refs.slice(i, i + 100);
      const r = await this.#client.call(purchaseOrderListCall, {
        pageNo: 1,
        pageSize: 100,
        subPurchaseOrderSnList: part,
      });
      for (const item of r.subOrderForSupplierList ?? []) out.push(this.#parse(item));
    }
    return out;
  }

  /**
   * Desk → ship order → box marks → packing with the tracking number. Each step is skipped when
   * Temu already has it, so a retried job never creates a second ship order for a purchase order.
   * Temu's refusals (desk join errors, business errors of the create) park with Temu's words.
   */
  async shipPurchaseOrder(request: {
    purchaseRef: string;
    lines: Array<{ lineRef: string; quantity: number }>;
    trackingNumber: string;
    carrier: { id: number; name: string } | null;
  }): Promise<{ shipmentRef: string; boxMarks: number; trackingUploaded: boolean }> {
    const ref = request.purchaseRef;
    let shipOrder = await this.#liveShipOrder(ref);
    if (!shipOrder) {
      const join = await this.#refusing(ref, () =>
        this.#client.call(stagingAddCall, {
          joinInfoList: [{ subPurchaseOrderSn: ref, deliveryAddressType: this.#options.deliveryAddressType }],
        }),
      );
      const joinError = (join.joinErrorList ?? []).find(
        (e) => (e.joinErrorSubPurchaseOrderSn ?? ref) === ref,
      );
      if (join.existJoinErrorSubPurchase || joinError)
        throw new BadInputError(
          `Temu refused purchase order ${ref} on the shipping desk (shop ${this.shopId}): ${joinError?.errorCode ?? ''} ${joinError?.errorMsg ?? 'join error'}`.trim(),
          'ERR_TEMU_SHIP_ORDER_REFUSED',
        );
      const staged = await this.#client.call(stagingGetCall, {
        pageNo: 1,
        pageSize: 10,
        subPurchaseOrderSnList: [ref],
      });
      const entry = (staged.list ?? []).find((e) => e.subPurchaseOrderBasicVO.subPurchaseOrderSn === ref);
      if (!entry)
        throw new BadInputError(
          `purchase order ${ref} is not on Temu's shipping desk after joining it (shop ${this.shopId}); Temu may have removed it, replay later`,
          'ERR_TEMU_SHIP_ORDER_REFUSED',
        );
      // Normal goods ship under productOriginalSkuId when Temu gives one (docs/temu-api.md "Selling models").
      const skuOf = new Map(
        (entry.orderDetailVOList ?? []).map((d) => [
          d.productSkuId,
          d.productOriginalSkuId ?? d.productSkuId,
        ]),
      );
      const lines = request.lines
        .filter((l) => l.quantity > 0)
        .map((l) => ({ productSkuId: skuOf.get(l.lineRef) ?? l.lineRef, quantity: l.quantity }));
      await this.#refusing(ref, () =>
        this.#client.call(shipOrderCreateCall, {
          deliveryOrderCreateGroupList: [
            {
              subWarehouseId: entry.subPurchaseOrderBasicVO.subWarehouseId,
              receiveAddressInfo: entry.subPurchaseOrderBasicVO.receiveAddressInfo ?? {},
              deliveryOrderCreateInfos: [
                {
                  subPurchaseOrderSn: ref,
                  deliveryAddressId: this.#options.deliveryAddressId,
                  deliverOrderDetailInfos: lines.map((l) => ({
                    productSkuId: l.productSkuId,
                    deliverSkuNum: l.quantity,
                  })),
                  // One box per purchase order: the box marks number the boxes (carton rules belong to the planner).
                  packageInfos: [
                    {
                      packageDetailSaveInfos: lines.map((l) => ({
                        productSkuId: l.productSkuId,
                        skuNum: l.quantity,
                      })),
                    },
                  ],
                },
              ],
            },
          ],
        }),
      );
      shipOrder = await this.#liveShipOrder(ref);
      if (!shipOrder)
        throw new BadInputError(
          `Temu accepted ship order creation for purchase order ${ref} but lists none (shop ${this.shopId}); replay to retry`,
          'ERR_TEMU_SHIP_ORDER_MISSING',
        );
    }
    const marks = await this.#client.call(boxMarkCall, {
      deliveryOrderSnList: [shipOrder.deliveryOrderSn],
      return_data_key: false,
    });
    const boxMarks = Array.isArray(marks) ? marks.length : 0;
    let trackingUploaded = Boolean(shipOrder.expressDeliverySn);
    if (!trackingUploaded) {
      const carrier = request.carrier ?? this.#options.expressCompany;
      if (!carrier)
        throw new BadInputError(
          `no Temu express company for the carrier of purchase order ${ref} (shop ${this.shopId}); set expressCompanyId and expressCompanyName in the shop`,
          'ERR_TEMU_NO_EXPRESS_COMPANY',
        );
      await this.#refusing(ref, () =>
        this.#client.call(packingSendCall, {
          deliverMethod: 3,
          deliveryAddressId: this.#options.deliveryAddressId,
          deliveryOrderSnList: [shipOrder.deliveryOrderSn],
          thirdPartyExpressDeliveryInfoVO: {
            expressCompanyId: carrier.id,
            expressCompanyName: carrier.name,
            expressDeliverySn: request.trackingNumber,
            expressPackageNum: Math.max(1, boxMarks),
          },
        }),
      );
      trackingUploaded = true;
    }
    return { shipmentRef: shipOrder.deliveryOrderSn, boxMarks, trackingUploaded };
  }

  async getShipments(refs: string[]): Promise<ConsignmentShipment[]> {
    const out: ConsignmentShipment[] = [];
    for (let i = 0; i < refs.length; i += 20) {
      const r = await this.#client.call(shipOrderListCall, {
        pageNo: 1,
        pageSize: 20,
        deliveryOrderSnList: refs.slice(i, i + 20),
      });
      for (const so of r.list ?? []) out.push(mapShipOrder(so));
    }
    return out;
  }

  async #liveShipOrder(purchaseRef: string): Promise<TemuShipOrder | null> {
    const r = await this.#client.call(shipOrderListCall, {
      pageNo: 1,
      pageSize: 20,
      subPurchaseOrderSnList: [purchaseRef],
    });
    return (r.list ?? []).find((s) => s.status !== CANCELLED_SHIP_ORDER) ?? null;
  }

  /** A business refusal of a shipping step parks the job with Temu's code and words. */
  async #refusing<T>(purchaseRef: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (isTemuError(err) && err.kind === 'business')
        throw new BadInputError(
          `Temu refused the ship order of purchase order ${purchaseRef} (shop ${this.shopId}) at ${err.type}: ${err.remoteCode ?? ''} ${err.remoteMessage ?? err.message}`.trim(),
          'ERR_TEMU_SHIP_ORDER_REFUSED',
        );
      throw err;
    }
  }

  #parse(item: unknown): PurchaseOrder {
    const parsed = purchaseOrderSchema.safeParse(item);
    if (parsed.success) return mapPurchaseOrder(parsed.data);
    const ref = (item as { subPurchaseOrderSn?: unknown } | null)?.subPurchaseOrderSn;
    const issue = parsed.error.issues[0]!;
    throw new BadInputError(
      `Temu sent purchase order ${typeof ref === 'string' ? ref : '(no number)'} malformed (shop ${this.shopId}): ${issue.path.join('.')}: ${issue.message}`,
      'ERR_TEMU_BAD_PURCHASE_ORDER',
    );
  }
}
