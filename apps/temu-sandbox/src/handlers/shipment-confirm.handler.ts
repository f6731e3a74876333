import { findCarrier, WAREHOUSES } from '../data/carriers.js';
import type { ChildOrder, ParentOrder } from '../data/model.js';
import { remainingToShip } from '../data/order-status.js';
import { addShipment } from '../data/shipments.js';
import { ApiError, BUSINESS, GATEWAY_ERRORS } from '../error-codes.js';
import type { SandboxState } from '../state.js';
import type { Handler } from './handler.js';
import { Params } from './params.js';

interface Line {
  parent: ParentOrder;
  child: ChildOrder;
  quantity: number;
}

interface Package {
  carrierId: number;
  trackingNumber: string;
  warehouseId: string | null;
  lines: Line[];
  acceptance: Set<string>;
  subs: { carrierId: number; trackingNumber: string }[];
}

const MAX_SUB_PACKAGES = 10;

/** Buyer requests that block shipping unless the seller declines them in `confirmAcceptance` (docs/temu-api.md §9.1). */
const BLOCKERS = [
  [
    'pending_buyer_address_change',
    'DENY_ADDRESS_CHANGE',
    BUSINESS.ADDRESS_CHANGE_PENDING,
    'has a pending address change',
  ],
  [
    'pending_buyer_cancellation',
    'DENY_CANCELLATION',
    BUSINESS.CANCEL_PENDING,
    'has a pending cancellation request',
  ],
  [
    'pending_risk_control_alert',
    'DENY_PARENT_RISK_WARNING',
    BUSINESS.RISK_ALERT_PENDING,
    'has a pending risk alert',
  ],
] as const;

function fail(code: number, message: string): never {
  throw new ApiError(code, message);
}

function readPackages(state: SandboxState, p: Params): Package[] {
  const list = p.objects('sendRequestList', 50);
  if (!list || list.length === 0) throw p.error('sendRequestList', 'at least one package is required');
  return list.map((pkg) => {
    const warehouseId = pkg.str('selfShippingWarehouseId') ?? null;
    if (warehouseId !== null && !WAREHOUSES.some((w) => w.warehouseId === warehouseId)) {
      pkg.fail(
        'selfShippingWarehouseId',
        `unknown warehouse ${warehouseId}; see bg.logistics.warehouse.list.get`,
      );
    }
    const lines = pkg.objects('orderSendInfoList');
    if (!lines || lines.length === 0)
      throw pkg.error('orderSendInfoList', 'at least one order line is required');
    const subs = pkg.objects('subSendRequests') ?? [];
    if (subs.length > MAX_SUB_PACKAGES) {
      fail(BUSINESS.SUB_PACKAGES_TOO_MANY, `at most ${MAX_SUB_PACKAGES} sub tracking numbers per package`);
    }
    return {
      carrierId: Number(pkg.requireId('carrierId')),
      trackingNumber: (pkg.str('trackingNumber') ?? '').trim(),
      warehouseId,
      acceptance: new Set(pkg.strList('confirmAcceptance') ?? []),
      subs: subs.map((s) => ({
        carrierId: Number(s.requireId('carrierId')),
        trackingNumber: (s.str('trackingNumber') ?? '').trim(),
      })),
      lines: lines.map((l) => readLine(state, l)),
    };
  });
}

function readLine(state: SandboxState, l: Params): Line {
  const parentOrderSn = l.str('parentOrderSn', true)!;
  const orderSn = l.str('orderSn', true)!;
  const quantity = l.requireInt('quantity', { min: 1 });
  const parent = state.orders.get(parentOrderSn);
  if (!parent) fail(BUSINESS.PARENT_ORDER_INVALID, `parentOrderSn ${parentOrderSn} is invalid`);
  const child = parent.children.find((c) => c.orderSn === orderSn);
  if (!child) fail(BUSINESS.ORDER_INVALID, `orderSn ${orderSn} does not belong to ${parentOrderSn}`);
  const goodsId = l.id('goodsId');
  const skuId = l.id('skuId');
  if (
    (goodsId !== undefined && goodsId !== child.goodsId) ||
    (skuId !== undefined && skuId !== child.skuId)
  ) {
    fail(BUSINESS.ORDER_INVALID, `goodsId/skuId do not match order ${orderSn}`);
  }
  return { parent, child, quantity };
}

function checkOrders(sendType: number, packages: Package[]): void {
  const parents = new Map<string, ParentOrder>();
  const shipped = new Map<ChildOrder, number>();
  for (const { parent, child, quantity } of packages.flatMap((pkg) => pkg.lines)) {
    parents.set(parent.parentOrderSn, parent);
    shipped.set(child, (shipped.get(child) ?? 0) + quantity);
  }
  if ((sendType === 0 || sendType === 1) && parents.size !== 1) {
    fail(GATEWAY_ERRORS.BAD_PARAMS[0], `sendType ${sendType} ships exactly one parent order`);
  }
  if (sendType === 2 && parents.size < 2) {
    fail(GATEWAY_ERRORS.BAD_PARAMS[0], 'sendType 2 combines at least two parent orders in one package');
  }
  for (const parent of parents.values()) {
    if (parent.status === 1)
      fail(BUSINESS.PARENT_ORDER_INVALID, `${parent.parentOrderSn} is still pending and cannot ship yet`);
    if (parent.status === 3) fail(BUSINESS.PARENT_ORDER_INVALID, `${parent.parentOrderSn} is canceled`);
  }
  for (const [child, quantity] of shipped) {
    if (child.status === 4 || child.status === 5)
      fail(BUSINESS.ALREADY_SHIPPED, `order ${child.orderSn} has already been shipped`);
    if (child.status === 3) fail(BUSINESS.ORDER_INVALID, `order ${child.orderSn} is canceled`);
    const left = remainingToShip(child);
    if (quantity > left)
      fail(
        BUSINESS.ORDER_INVALID,
        `quantity ${quantity} for ${child.orderSn} exceeds the ${left} left to ship`,
      );
    if (quantity < left) {
      fail(
        BUSINESS.ORDER_INVALID,
        `order ${child.orderSn} must ship its full quantity ${left} in one call (split it across packages with sendType 1)`,
      );
    }
  }
  // sendType 0 and 2 ship whole parent orders (docs/temu-api.md §9.1): every open line must be in the call.
  if (sendType !== 1) {
    for (const parent of parents.values()) {
      const missing = parent.children.filter(
        (c) => c.status === 2 && remainingToShip(c) > 0 && !shipped.has(c),
      );
      if (missing.length > 0) {
        fail(
          BUSINESS.ORDER_INVALID,
          `sendType ${sendType} must ship every open line of ${parent.parentOrderSn}; missing ${missing.map((c) => c.orderSn).join(', ')}`,
        );
      }
    }
  }
  if (sendType === 2) {
    const addresses = new Set([...parents.values()].map((o) => JSON.stringify(o.address)));
    if (addresses.size > 1)
      fail(BUSINESS.ADDRESSES_DIFFER, 'combined parent orders must share one delivery address');
    const alone = [...parents.values()].find((o) => o.labels.has('signature_required_on_delivery'));
    if (alone)
      fail(
        BUSINESS.SIGNATURE_SHIP_ALONE,
        `${alone.parentOrderSn} requires a signature on delivery and must ship alone`,
      );
  }
  for (const pkg of packages) {
    for (const { parent } of pkg.lines) {
      for (const [label, acceptance, code, text] of BLOCKERS) {
        if (parent.labels.has(label) && !pkg.acceptance.has(acceptance)) {
          fail(code, `${parent.parentOrderSn} ${text}; resolve it or confirm with ${acceptance}`);
        }
      }
    }
  }
}

function checkTracking(state: SandboxState, packages: Package[]): void {
  const seen = new Set<string>();
  for (const ref of packages.flatMap((pkg) => [pkg, ...pkg.subs])) {
    if (ref.trackingNumber === '') fail(BUSINESS.TRACKING_BLANK, 'trackingNumber must not be blank');
    const carrier = findCarrier(ref.carrierId);
    if (!carrier)
      fail(
        BUSINESS.TRACKING_CARRIER_WRONG,
        `carrierId ${ref.carrierId} is not a known carrier; see bg.logistics.companies.get`,
      );
    if (!carrier.trackingPattern.test(ref.trackingNumber)) {
      fail(
        BUSINESS.TRACKING_CARRIER_WRONG,
        `trackingNumber ${ref.trackingNumber} does not match the format of ${carrier.logisticsServiceProviderName}`,
      );
    }
    if (seen.has(ref.trackingNumber))
      fail(BUSINESS.TRACKING_DUPLICATE, `trackingNumber ${ref.trackingNumber} appears twice in the request`);
    seen.add(ref.trackingNumber);
    if (state.trackingNumbers.has(ref.trackingNumber)) {
      fail(BUSINESS.TRACKING_USED, `trackingNumber ${ref.trackingNumber} has already been used`);
    }
  }
}

/**
 * bg.logistics.shipment.v2.confirm (docs/temu-api.md §9.1): validates what Temu validates, then marks the
 * lines shipped; a parent with lines still open becomes 41 (partially shipped).
 */
export const confirmShipment: Handler = ({ state, body }) => {
  const p = new Params(body, GATEWAY_ERRORS.BAD_PARAMS[0]);
  const sendType = p.requireInt('sendType');
  if (![0, 1, 2].includes(sendType)) p.fail('sendType', 'expected 0, 1 or 2');
  const packages = readPackages(state, p);
  if (sendType !== 1 && packages.length !== 1)
    p.fail('sendRequestList', `sendType ${sendType} ships exactly one package`);
  checkOrders(sendType, packages);
  checkTracking(state, packages);

  const nowS = Math.floor(Date.now() / 1000);
  const touched = new Map<ParentOrder, ChildOrder[]>();
  for (const pkg of packages) {
    for (const { parent, child, quantity } of pkg.lines) {
      child.shippedQuantity += quantity;
      child.status = 4;
      child.shippedAt = nowS;
      touched.set(parent, [...(touched.get(parent) ?? []), child]);
      // Shipping with an acceptance declines the buyer's request (docs/temu-api.md §9.1).
      for (const [label, acceptance] of BLOCKERS)
        if (pkg.acceptance.has(acceptance)) parent.labels.delete(label);
      if (pkg.acceptance.has('DENY_CANCELLATION')) {
        for (const c of state.afterSales.values()) {
          if (c.parentOrderSn === parent.parentOrderSn && c.kind === 'cancel' && c.status === 1) c.status = 7;
        }
      }
    }
    addShipment(state, {
      sendType,
      carrierId: pkg.carrierId,
      trackingNumber: pkg.trackingNumber,
      warehouseId: pkg.warehouseId,
      subPackages: pkg.subs,
      lines: pkg.lines.map(({ parent, child, quantity }) => ({
        parentOrderSn: parent.parentOrderSn,
        orderSn: child.orderSn,
        goodsId: child.goodsId,
        skuId: child.skuId,
        quantity,
      })),
    });
  }
  for (const [parent, children] of touched) {
    parent.shippedAt ??= nowS;
    state.touch(parent, [...new Set(children)]);
  }
  return { assistantAgreementText: '', warningMessage: [] };
};
