import { BadInputError } from '@temu-odoo/core';
import type {
  AfterSalesCase,
  Address,
  Buyer,
  MarketplacePort,
  MarketplaceSku,
  Order,
  OrderAmounts,
  OrderChange,
  ReturnCase,
  ReturnLabel,
  ReturnsMarketplacePort,
  ShipmentOutcome,
  ShipmentPackage,
  StockPushResult,
  StockTarget,
} from '@temu-odoo/core';
import type { TemuClient } from './client/temu-client.js';
import { orderAmountCall } from './calls/order-amount.call.js';
import { orderDetailCall } from './calls/order-detail.call.js';
import { iterateOrderItems } from './calls/order-list.call.js';
import { iterateParentAfterSales } from './calls/aftersales-parent-list.call.js';
import type { AfterSalesParentFilter, TemuParentAfterSales } from './calls/aftersales-parent-list.call.js';
import { iterateAfterSales } from './calls/aftersales-list.call.js';
import type { TemuAfterSales } from './calls/aftersales-list.call.js';
import { iterateCancelRequests } from './calls/cancel-list.call.js';
import { cancelAgreeCall } from './calls/cancel-agree.call.js';
import { refundIssueCall } from './calls/refund-issue.call.js';
import {
  returnAddressCall,
  returnLabelPrepareCall,
  returnLabelUploadCall,
} from './calls/return-label.call.js';
import { mapTemuCancellation, mapTemuRefund, mapTemuReturnCase } from './mappers/temu-aftersales.mapper.js';
import { afterSalesDetailCall } from './calls/aftersales-detail.call.js';
import { temuOrderWithLines } from './calls/order.schemas.js';
import { shipmentGetCall } from './calls/shipment-get.call.js';
import { orderShippingInfoCall } from './calls/order-shipping-info.call.js';
import { shipmentConfirmCall, SEND_TYPES } from './calls/shipment-confirm.call.js';
import type { ShipmentConfirmRequest } from './calls/shipment-confirm.call.js';
import { iterateGoods } from './calls/goods-list.call.js';
import { iterateSkus } from './calls/sku-list.call.js';
import { skuStockQueryCall } from './calls/sku-stock-query.call.js';
import { MAX_STOCK, stockEditCall } from './calls/stock-edit.call.js';
import { isTemuError, TemuBusinessError } from './errors.js';
import { readTokenInfo } from './auth/authorization.js';
import { mapTemuAmounts } from './mappers/temu-amounts.mapper.js';
import { mapTemuShippingInfo } from './mappers/temu-address.mapper.js';
import { mapTemuOrder, mapTemuOrderChange } from './mappers/temu-order.mapper.js';
import { mapTemuSku } from './mappers/temu-sku.mapper.js';

/** `bg.logistics.shipment.v2.confirm` "order already shipped" (docs/temu-api.md §5.2). */
const ALREADY_SHIPPED = '120012004';

export interface TemuMarketplaceOptions {
  shopId: string;
  client: TemuClient;
  /** Page size for list calls (≤ 100). */
  pageSize?: number;
}

/**
 * How ERP records name this marketplace (buyer placeholders, order notes, dedicated tax names):
 * the worker passes it to core's import. Never change it: the ERP finds dedicated taxes by name.
 */
export const TEMU_MARKETPLACE_NAME = 'Temu';

/** The marketplace port on Temu's Open API, for one shop (one access token). */
export class TemuMarketplace implements MarketplacePort, ReturnsMarketplacePort {
  readonly shopId: string;
  readonly #client: TemuClient;
  readonly #pageSize: number;

  constructor(options: TemuMarketplaceOptions) {
    this.shopId = options.shopId;
    this.#client = options.client;
    this.#pageSize = options.pageSize ?? 100;
  }

  /**
   * Orders whose status changed in the window: `updateAtStart/End` in seconds (docs/temu-api.md §8.3), sorted by
   * update time (descending, so the oldest page comes last). A parent order that moves between pages
   * while paging can be seen twice; duplicates of the same version are skipped.
   */
  async *listOrderChanges(window: { fromMs: number; toMs: number }): AsyncIterable<OrderChange> {
    if (!(window.fromMs <= window.toMs)) {
      throw new BadInputError(
        `order window must have fromMs ≤ toMs, got ${window.fromMs} > ${window.toMs}`,
        'ERR_TEMU_BAD_WINDOW',
      );
    }
    const seen = new Set<string>();
    const filter = {
      updateAtStart: Math.floor(window.fromMs / 1000),
      updateAtEnd: Math.ceil(window.toMs / 1000),
      sortby: 'updateTime' as const,
      pageSize: this.#pageSize,
    };
    for await (const item of iterateOrderItems(this.#client, filter)) {
      const change = this.#changeOf(item);
      if (!change) continue;
      const key = `${change.orderRef}@${change.updatedAtMs}`;
      if (seen.has(key)) continue;
      seen.add(key);
      yield change;
    }
  }

  /**
   * One list item → a change carrying the mapped order. A malformed item must not sink the whole
   * page (R19: the bad order is parked, the others flow): it yields a change without snapshot, so
   * the sync reads the detail and parks the order with the exact validation error. An item without
   * even a parent order number cannot be tracked at all and is dropped here.
   */
  #changeOf(item: unknown): OrderChange | null {
    const parsed = temuOrderWithLines.safeParse(item);
    if (parsed.success) {
      const change = mapTemuOrderChange(this.shopId, parsed.data.parentOrderMap);
      return { ...change, order: mapTemuOrder({ shopId: this.shopId, order: parsed.data }) };
    }
    const parent = (item as { parentOrderMap?: Record<string, unknown> } | null)?.parentOrderMap;
    const orderRef = typeof parent?.parentOrderSn === 'string' ? parent.parentOrderSn : null;
    if (!orderRef) return null;
    const seconds = Number(parent?.updateTime ?? parent?.parentOrderTime ?? 0);
    return {
      shopId: this.shopId,
      orderRef,
      status: 'pending',
      updatedAtMs: Number.isFinite(seconds) ? seconds * 1000 : 0,
    };
  }

  /** After-sales cases updated in the window; Temu's window is in milliseconds here, as its webhooks (docs/temu-api.md §12). */
  async *listAfterSales(window: { fromMs: number; toMs: number }): AsyncIterable<AfterSalesCase> {
    const filter = {
      updateAtStart: Math.floor(window.fromMs),
      updateAtEnd: Math.ceil(window.toMs),
      pageSize: this.#pageSize,
    };
    for await (const c of iterateParentAfterSales(this.#client, filter)) {
      yield {
        caseId: c.parentAfterSalesSn,
        orderRef: c.parentOrderSn,
        status: c.parentAfterSalesStatus,
        kind: c.afterSalesType === 1 ? 'refund_only' : c.afterSalesType === 2 ? 'return_and_refund' : 'other',
        updatedAtMs: c.updateAt ?? c.createAt ?? 0,
      };
    }
  }

  /**
   * Refund and return cases with their lines: one `aftersales.list.get` per page of parents (its
   * `parentAfterSalesSnList` takes the page's numbers), so lines cost one call per page, not per case.
   */
  async *listReturnCases(window: { fromMs: number; toMs: number }): AsyncIterable<ReturnCase> {
    yield* this.#casesWithLines({
      updateAtStart: Math.floor(window.fromMs),
      updateAtEnd: Math.ceil(window.toMs),
      pageSize: this.#pageSize,
    });
  }

  async *#casesWithLines(filter: AfterSalesParentFilter): AsyncIterable<ReturnCase> {
    let batch: TemuParentAfterSales[] = [];
    const flush = async () => {
      const sns = batch.map((p) => p.parentAfterSalesSn);
      const lines: TemuAfterSales[] = [];
      for await (const l of iterateAfterSales(this.#client, { parentAfterSalesSnList: sns, pageSize: 100 }))
        lines.push(l);
      const cases = batch.map((p) => mapTemuReturnCase(this.shopId, p, lines));
      batch = [];
      return cases;
    };
    for await (const parent of iterateParentAfterSales(this.#client, filter)) {
      batch.push(parent);
      if (batch.length >= Math.min(this.#pageSize, 100)) yield* await flush();
    }
    if (batch.length > 0) yield* await flush();
  }

  /** Pre-shipment cancellation requests; the call takes no window filter we can rely on (docs/temu-api.md §12). */
  async *listCancellations(window: { fromMs: number; toMs: number }): AsyncIterable<ReturnCase> {
    for await (const request of iterateCancelRequests(this.#client, { pageSize: this.#pageSize })) {
      const c = mapTemuCancellation(this.shopId, request);
      if (c.updatedAtMs === 0 || c.updatedAtMs >= window.fromMs) yield c;
    }
  }

  /**
   * The parent list needs a window even when filtering by case number: the whole history is given.
   * A refunded case also reads its detail for the refund's breakdown (one more call, only then).
   */
  async getReturnCase(caseRef: string, orderRef: string): Promise<ReturnCase | null> {
    let found: ReturnCase | null = null;
    for await (const c of this.#casesWithLines({
      parentAfterSalesSnList: [caseRef],
      parentOrderSnList: [orderRef],
      createAtStart: 0,
      createAtEnd: Date.now() + 86_400_000,
    })) {
      found = c;
      break;
    }
    if (!found)
      for await (const request of iterateCancelRequests(this.#client, {
        parentAfterSalesSnList: [caseRef],
      })) {
        found = mapTemuCancellation(this.shopId, request);
        break;
      }
    if (found?.status !== 'refunded') return found;
    try {
      const detail = await this.#client.call(afterSalesDetailCall, {
        parentOrderSn: found.orderRef,
        parentAfterSalesSn: caseRef,
      });
      return { ...found, refund: mapTemuRefund(detail) };
    } catch (err) {
      // The detail call is documented for refund and return cases; a cancellation it does not know
      // (130010004) has no breakdown, and its credit note (after shipment) credits the goods alone.
      if (
        found.kind === 'cancel_before_shipment' &&
        err instanceof TemuBusinessError &&
        String(err.remoteCode) === '130010004'
      )
        return { ...found, refund: null };
      throw err;
    }
  }

  async agreeCancellation(caseRef: string, orderRef: string): Promise<void> {
    await this.#client.call(cancelAgreeCall, { parentAfterSalesSn: caseRef, parentOrderSn: orderRef });
  }

  async issueRefund(caseRef: string, orderRef: string): Promise<void> {
    await this.#client.call(refundIssueCall, { parentAfterSalesSn: caseRef, parentOrderSn: orderRef });
  }

  /** Prepare (the return warehouse Temu offers) then upload (docs/temu-api.md "Returns and refunds"). */
  async uploadReturnLabel(caseRef: string, orderRef: string, label: ReturnLabel): Promise<void> {
    const prepared = await this.#client.call(returnLabelPrepareCall, {
      parentAfterSalesSn: caseRef,
      parentOrderSn: orderRef,
    });
    const warehouseId = prepared.availableReturnWarehouseList[0]?.warehouseId;
    await this.#client.call(returnLabelUploadCall, {
      parentAfterSalesSn: caseRef,
      parentOrderSn: orderRef,
      returnLabelDTOList: [
        {
          carrierId: label.carrierId,
          trackingNumber: label.trackingNumber,
          returnLabelUrl: label.labelUrl,
          ...(warehouseId ? { mallWarehouseId: warehouseId } : {}),
        },
      ],
    });
  }

  /** The buyer's address for the seller's return label (`temu.aftersales.returnaddress.get`). */
  async getReturnLabelAddress(caseRef: string, _orderRef: string): Promise<Address> {
    return mapTemuShippingInfo(await this.#client.call(returnAddressCall, { parentAfterSalesSn: caseRef }))
      .address;
  }

  async authorization(): Promise<{ expiresAtMs: number; scopes: string[] }> {
    const info = await readTokenInfo(this.#client);
    return { expiresAtMs: info.expiresAtMs, scopes: info.scopes };
  }

  async getTrackingNumbers(orderRef: string): Promise<string[]> {
    const result = await this.#client.call(shipmentGetCall, { parentOrderSn: orderRef });
    return [...new Set(result.shipmentInfoDTO.map((s) => s.trackingNumber).filter((t) => t !== ''))];
  }

  async getOrder(orderRef: string): Promise<Order> {
    const order = await this.#client.call(orderDetailCall, { parentOrderSn: orderRef });
    return mapTemuOrder({ shopId: this.shopId, order });
  }

  async getShippingAddress(orderRef: string): Promise<{ buyer: Buyer; address: Address }> {
    return mapTemuShippingInfo(await this.#client.call(orderShippingInfoCall, { parentOrderSn: orderRef }));
  }

  async getOrderAmounts(orderRef: string): Promise<OrderAmounts> {
    return mapTemuAmounts(await this.#client.call(orderAmountCall, { parentOrderSn: orderRef }));
  }

  /**
   * The shop's SKUs with their goods' leaf category: the SKU list has no `catId`, so the goods list
   * (same products group) is read first for it (docs/temu-api.md §10.1).
   */
  async *listSkus(): AsyncIterable<MarketplaceSku> {
    const categories = new Map<string, string>();
    for await (const goods of iterateGoods(this.#client, { pageSize: this.#pageSize }))
      if (goods.catId) categories.set(goods.goodsId, goods.catId);
    for await (const sku of iterateSkus(this.#client, { pageSize: this.#pageSize }))
      yield mapTemuSku(this.shopId, sku, categories.get(sku.goodsId) ?? null);
  }

  async readStock(goodsId: string, skuIds: string[]): Promise<Array<{ skuId: string; quantity: number }>> {
    if (skuIds.length === 0) return [];
    const result = await this.#client.call(skuStockQueryCall, { goodsId, skuIdList: skuIds });
    const wanted = new Set(skuIds);
    return result.stockList
      .flatMap((entry) => entry.skuStockInfoList)
      .filter((s) => wanted.has(s.skuId))
      .map((s) => ({ skuId: s.skuId, quantity: s.selfOrdinaryStock?.stock ?? 0 }));
  }

  /** Absolute targets for SKUs of one goods (one call per goodsId, docs/temu-api.md §10.3), idempotent per requestKey. */
  async setStock(goodsId: string, targets: StockTarget[], requestKey: string): Promise<StockPushResult[]> {
    if (targets.length === 0) return [];
    const duplicates = targets.map((t) => t.skuId).filter((id, i, all) => all.indexOf(id) !== i);
    if (duplicates.length > 0)
      throw new BadInputError(
        `stock targets repeat SKU ${duplicates[0]} for goods ${goodsId}`,
        'ERR_TEMU_STOCK_TARGET',
      );
    for (const t of targets) {
      if (!Number.isInteger(t.quantity) || t.quantity < 0 || t.quantity > MAX_STOCK) {
        throw new BadInputError(
          `stock target of SKU ${t.skuId} must be an integer 0–${MAX_STOCK}, got ${t.quantity}`,
          'ERR_TEMU_STOCK_TARGET',
        );
      }
    }
    const result = await this.#client.call(stockEditCall, {
      goodsId,
      skuStockTargetList: targets.map((t) => ({ skuId: t.skuId, stockTarget: t.quantity })),
      requestUniqueKey: requestKey,
    });
    const statuses = new Map((result.skuStockEditStatusInfoList ?? []).map((s) => [s.skuId, s]));
    return targets.map((t): StockPushResult => {
      const status = statuses.get(t.skuId);
      if (status === undefined) {
        // No per-SKU line: the call's overall result decides.
        return result.operateResult === false
          ? { skuId: t.skuId, ok: false, errorMessage: result.msg ?? 'Temu refused the stock edit' }
          : { skuId: t.skuId, ok: true };
      }
      const ok = status.stockEditStatus === true || status.stockEditStatus === 1;
      if (ok) return { skuId: t.skuId, ok: true };
      return {
        skuId: t.skuId,
        ok: false,
        ...(status.errorCode !== null && status.errorCode !== undefined
          ? { errorCode: String(status.errorCode) }
          : {}),
        errorMessage: status.errorMsg ?? 'Temu refused the stock edit for this SKU',
      };
    });
  }

  /** Uploads tracking (docs/temu-api.md §9.1 A.3); Temu's "already shipped" answer counts as success (ARCHITECTURE). */
  async confirmShipment(packages: ShipmentPackage[]): Promise<ShipmentOutcome> {
    const request = buildShipmentRequest(packages);
    try {
      await this.#client.call(shipmentConfirmCall, request);
      return 'shipped';
    } catch (err) {
      if (isTemuError(err) && err.kind === 'business' && err.remoteCode === ALREADY_SHIPPED)
        return 'already_shipped';
      throw err;
    }
  }
}

/**
 * Picks `sendType` (docs/temu-api.md §9.1): one package of one parent order → 0; several packages of one parent
 * order → 1; one package holding several parent orders → 2.
 */
export function buildShipmentRequest(packages: ShipmentPackage[]): ShipmentConfirmRequest {
  if (packages.length === 0)
    throw new BadInputError('a shipment needs at least one package', 'ERR_TEMU_SHIPMENT');
  const parents = new Set(packages.flatMap((p) => p.items.map((i) => i.orderRef)));
  for (const p of packages) {
    if (p.items.length === 0)
      throw new BadInputError(`package ${p.trackingNumber} has no items`, 'ERR_TEMU_SHIPMENT');
  }
  let sendType: 0 | 1 | 2;
  if (packages.length === 1) sendType = parents.size === 1 ? SEND_TYPES.single : SEND_TYPES.combined;
  else if (parents.size === 1) sendType = SEND_TYPES.split;
  else {
    throw new BadInputError(
      'Temu confirms either several packages of one parent order or one package of several parent orders per call; split the shipment',
      'ERR_TEMU_SHIPMENT',
    );
  }
  return {
    sendType,
    sendRequestList: packages.map((p) => ({
      carrierId: p.carrierId,
      trackingNumber: p.trackingNumber,
      ...(p.warehouseId ? { selfShippingWarehouseId: p.warehouseId } : {}),
      orderSendInfoList: p.items.map((i) => ({
        parentOrderSn: i.orderRef,
        orderSn: i.lineId,
        quantity: i.quantity,
        ...(i.goodsId ? { goodsId: i.goodsId } : {}),
        ...(i.skuId ? { skuId: i.skuId } : {}),
      })),
    })),
  };
}
