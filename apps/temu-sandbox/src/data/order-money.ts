import type { ParentOrder } from './model.js';
import { currentQuantity } from './order-status.js';

export const RATE_SCALE = 10_000_000;

/**
 * An order's money as `bg.order.amount.query` reports it and statements pay it (minor units): the
 * buyer pays retail + tax + shipping; the seller receives the base price + shipping
 * (`estimatedRevenue`); Temu keeps the rest. Discounts (control-set) lower what the buyer pays.
 */
export function orderMoney(parent: ParentOrder, taxRate: number) {
  const lines = parent.children.map((c) => {
    const q = currentQuantity(c);
    const retail = c.unitRetailMinor * q;
    const tax = Math.round((retail * taxRate) / RATE_SCALE);
    return { c, q, retail, tax, base: c.unitBaseMinor * q, refund: c.unitRetailMinor * c.canceledQuantity };
  });
  const shipping = lines.some((l) => l.q > 0) ? parent.shippingMinor : 0;
  const sum = (f: (l: (typeof lines)[number]) => number) => lines.reduce((a, l) => a + f(l), 0);
  const retailTotal = sum((l) => l.retail);
  const taxTotal = sum((l) => l.tax);
  const baseTotal = sum((l) => l.base);
  const live = lines.some((l) => l.q > 0);
  const sellerDiscount = live ? (parent.sellerDiscountMinor ?? 0) : 0;
  const temuDiscount = live ? (parent.temuDiscountMinor ?? 0) : 0;
  return {
    lines,
    shipping,
    retailTotal,
    taxTotal,
    baseTotal,
    refundTotal: sum((l) => l.refund),
    sellerDiscount,
    temuDiscount,
    // Discounts are untaxed reductions of what the buyer pays; the seller's comes off its revenue.
    customerPaid: retailTotal + taxTotal + shipping - sellerDiscount - temuDiscount,
    estimatedRevenue: baseTotal + shipping - sellerDiscount,
  };
}
