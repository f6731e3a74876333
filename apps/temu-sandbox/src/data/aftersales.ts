import type { SandboxState } from '../state.js';
import type { AfterSalesCase, AfterSalesKind, CaseRefundAmounts, ChildOrder, ParentOrder } from './model.js';
import { RATE_SCALE } from './order-money.js';
import { currentQuantity } from './order-status.js';

/** Status groups of docs/temu-api.md §12 (parentAfterSalesStatus → afterSalesStatusGroup). */
const GROUP_BY_STATUS: Record<number, number> = { 1: 1, 3: 1, 8: 1, 10: 2, 2: 3, 11: 4, 5: 5, 7: 6, 6: 7 };

export function statusGroup(status: number): number {
  return GROUP_BY_STATUS[status] ?? 0;
}

/** Statuses included in each group (group 2 "Requested" also holds status 1). */
export function groupIncludes(group: number, status: number): boolean {
  if (group === 2) return status === 1 || status === 10;
  return statusGroup(status) === group;
}

export function openAfterSales(
  state: SandboxState,
  parent: ParentOrder,
  kind: AfterSalesKind,
  status: number,
  children: ChildOrder[] = parent.children,
  quantity?: number,
  atMs = Date.now(),
): AfterSalesCase {
  const parentAfterSalesSn = state.newAfterSalesSn('PO');
  const afterSalesCase: AfterSalesCase = {
    parentAfterSalesSn,
    parentOrderSn: parent.parentOrderSn,
    kind,
    afterSalesType: kind === 'return' ? 2 : 1,
    status,
    createAtMs: atMs,
    updateAtMs: atMs,
    lines: children.map((child) => ({
      afterSalesSn: state.newAfterSalesSn('AS'),
      orderSn: child.orderSn,
      goodsId: child.goodsId,
      skuId: child.skuId,
      productSkuId: child.productSkuId,
      sellerSku: child.sellerSku,
      quantity: Math.max(1, Math.min(quantity ?? currentQuantity(child), child.originalQuantity)),
    })),
  };
  afterSalesCase.refund = refundOf(state, parent, afterSalesCase);
  state.afterSales.set(parentAfterSalesSn, afterSalesCase);
  return afterSalesCase;
}

/**
 * What Temu gives back for a case (the detail's `refundSummary`): the goods at the retail price with
 * their tax per line (as `orderMoney` taxes them), and shares of the shipping fee and of the
 * discounts in proportion to the units, rounded half up, never more than earlier cases of the order
 * left. Temu does not document its rule; this one makes every share a hand-checkable sum.
 */
function refundOf(state: SandboxState, parent: ParentOrder, c: AfterSalesCase): CaseRefundAmounts {
  const rate = state.region.taxRate;
  let goodsMinor = 0;
  let taxMinor = 0;
  for (const l of c.lines) {
    const child = parent.children.find((ch) => ch.orderSn === l.orderSn);
    if (!child) continue;
    const retail = child.unitRetailMinor * l.quantity;
    goodsMinor += retail;
    taxMinor += Math.round((retail * rate) / RATE_SCALE);
  }
  const units = parent.children.reduce((n, ch) => n + ch.originalQuantity, 0);
  const caseUnits = c.lines.reduce((n, l) => n + l.quantity, 0);
  const earlier = [...state.afterSales.values()].filter(
    (o) => o.parentOrderSn === parent.parentOrderSn && o.status !== 6 && o.refund,
  );
  const share = (whole: number, pick: (r: CaseRefundAmounts) => number) => {
    const left = whole - earlier.reduce((n, o) => n + pick(o.refund!), 0);
    return Math.max(0, Math.min(left, Math.round((whole * caseUnits) / Math.max(1, units))));
  };
  const shippingMinor = share(parent.shippingMinor, (r) => r.shippingMinor);
  const sellerDiscountMinor = share(parent.sellerDiscountMinor ?? 0, (r) => r.sellerDiscountMinor);
  const temuDiscountMinor = share(parent.temuDiscountMinor ?? 0, (r) => r.temuDiscountMinor);
  return {
    goodsMinor,
    taxMinor,
    shippingMinor,
    sellerDiscountMinor,
    temuDiscountMinor,
    totalMinor: goodsMinor + taxMinor + shippingMinor - sellerDiscountMinor - temuDiscountMinor,
  };
}
