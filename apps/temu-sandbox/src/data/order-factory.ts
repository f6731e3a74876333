import type { SandboxState } from '../state.js';
import { buyerAddress } from './address.js';
import type {
  ChildOrder,
  ChildStatus,
  MalformedKind,
  ParentLabel,
  ParentOrder,
  ParentStatus,
  SkuRecord,
} from './model.js';
import { deriveParentStatus } from './order-status.js';
import { addShipment } from './shipments.js';

export interface OrderSpec {
  status?: ParentStatus;
  lines?: { sku: SkuRecord; quantity: number }[];
  buyerKey?: string;
  labels?: ParentLabel[];
  malformed?: MalformedKind | null;
  createdAtMs?: number;
  /** Control-created orders take stock and have amounts "being calculated" for a while. */
  fresh?: boolean;
  /** Fixed money for tests (minor units); the shipping fee is random (0 or 4.99) otherwise. */
  shippingMinor?: number;
  sellerDiscountMinor?: number;
  temuDiscountMinor?: number;
}

const HOUR_S = 3600;

function pickLines(state: SandboxState, minLines: number): { sku: SkuRecord; quantity: number }[] {
  const all = [...state.skus.values()];
  if (all.length === 0) throw new Error('the catalogue has no SKUs; seed a catalogue first');
  const count = Math.min(all.length, Math.max(minLines, state.rng.int(1, 3)));
  const chosen = new Map<string, SkuRecord>();
  while (chosen.size < count) {
    const sku = state.rng.pick(all);
    chosen.set(sku.skuId.toString(), sku);
  }
  return [...chosen.values()].map((sku) => ({ sku, quantity: state.rng.int(1, 3) }));
}

function lineStatuses(status: ParentStatus, count: number): ChildStatus[] {
  return Array.from({ length: count }, (_, i) => {
    if (status === 41) return i === 0 ? 4 : 2;
    if (status === 51) return i === 0 ? 5 : 4;
    return status as ChildStatus;
  });
}

/** Builds a parent order with its lines in the requested status (shipments included). */
export function createOrder(state: SandboxState, spec: OrderSpec = {}): ParentOrder {
  const status = spec.status ?? 1;
  const nowMs = Date.now();
  const createdAtMs = spec.createdAtMs ?? nowMs;
  const createdAt = Math.floor(createdAtMs / 1000);
  const lines = spec.lines ?? pickLines(state, status === 41 || status === 51 ? 2 : 1);
  if ((status === 41 || status === 51) && lines.length < 2) {
    throw new Error(`status ${status} needs at least two lines`);
  }
  const parentOrderSn = state.newParentOrderSn();
  const statuses = lineStatuses(status, lines.length);
  // Event times never lie in the future: Temu's updateTime is the time of the last status change,
  // and a poller windowing on it must see a fresh order at once (docs/temu-api.md §8.3).
  const nowS = Math.floor(nowMs / 1000);
  const confirmAt = status === 1 ? null : Math.min(createdAt + 600, Math.max(createdAt, nowS));
  const shippedAt = [4, 5, 41, 51].includes(status)
    ? Math.min(createdAt + 20 * HOUR_S, Math.max(createdAt, nowS))
    : null;

  const children: ChildOrder[] = lines.map(({ sku, quantity }, i) => {
    const childStatus = statuses[i]!;
    const goods = state.goods.get(sku.goodsId.toString());
    return {
      orderSn: state.newOrderSn(),
      parentOrderSn,
      goodsId: sku.goodsId,
      skuId: sku.skuId,
      productId: goods?.productId ?? 0,
      productSkuId: sku.productSkuId,
      sellerSku: sku.sellerSku,
      goodsName: goods?.goodsName ?? sku.sellerSku,
      spec: sku.specName,
      originalQuantity: quantity,
      canceledQuantity: childStatus === 3 ? quantity : 0,
      shippedQuantity: childStatus === 4 || childStatus === 5 ? quantity : 0,
      status: childStatus,
      cancelledDuringPending: childStatus === 3 && i % 2 === 0,
      createdAt,
      shippedAt: childStatus === 4 || childStatus === 5 ? shippedAt : null,
      unitBaseMinor: sku.priceMinor,
      unitRetailMinor: Math.round(sku.priceMinor * 1.25),
    };
  });

  const parent: ParentOrder = {
    parentOrderSn,
    status: deriveParentStatus(children),
    regionId: state.region.regionId,
    siteId: state.region.siteId,
    currency: lines[0]?.sku.currency ?? state.region.currency,
    createdAt,
    updatedAt: shippedAt ?? confirmAt ?? createdAt,
    confirmAt,
    pendingFinishAtMs: status === 1 ? nowMs + state.config.pendingToUnshippedMs : createdAtMs,
    expectShipLatestAt: (confirmAt ?? createdAt) + 48 * HOUR_S,
    latestDeliveryAt: (confirmAt ?? createdAt) + 8 * 24 * HOUR_S,
    shippedAt,
    amountReadyAtMs: spec.fresh ? nowMs + state.config.amountCalculationMs : 0,
    shippingMinor: spec.shippingMinor ?? (state.rng.chance(0.5) ? 0 : 499),
    ...(spec.sellerDiscountMinor ? { sellerDiscountMinor: spec.sellerDiscountMinor } : {}),
    ...(spec.temuDiscountMinor ? { temuDiscountMinor: spec.temuDiscountMinor } : {}),
    labels: new Set(spec.labels ?? []),
    fulfillmentWarnings: new Set(),
    address: buyerAddress(spec.buyerKey ?? parentOrderSn, state.region),
    children,
    malformed: spec.malformed ?? null,
  };

  const shipped = children.filter((c) => c.shippedQuantity > 0);
  if (shipped.length > 0) {
    addShipment(state, {
      sendType: shipped.length === children.length ? 0 : 1,
      carrierId: 699272611,
      trackingNumber: `SBX${state.rng.digits(12)}`,
      warehouseId: 'WH-06351001',
      createdAt: shippedAt ?? createdAt,
      lines: shipped.map((c) => ({
        parentOrderSn,
        orderSn: c.orderSn,
        goodsId: c.goodsId,
        skuId: c.skuId,
        quantity: c.shippedQuantity,
      })),
    });
  }
  if (spec.fresh) {
    for (const { sku, quantity } of lines) sku.stock = Math.max(0, sku.stock - quantity);
  }
  state.addOrder(parent);
  return parent;
}
