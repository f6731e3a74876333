import type { SandboxState } from '../state.js';
import type { AfterSalesCase, AfterSalesKind, ChildOrder, ParentOrder } from './model.js';
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
  state.afterSales.set(parentAfterSalesSn, afterSalesCase);
  return afterSalesCase;
}
