import { BadInputError, money, resolveErpSku } from '@temu-odoo/core';
import type { CaseRefund, MarketplaceCaseStatus, ReturnCase, ReturnCaseLine } from '@temu-odoo/core';
import type { TemuAfterSalesDetail } from '../calls/aftersales-detail.call.js';
import type { TemuAfterSales } from '../calls/aftersales-list.call.js';
import type { TemuParentAfterSales } from '../calls/aftersales-parent-list.call.js';
import type { TemuCancelRequest } from '../calls/cancel-list.call.js';
import { minorMoney } from './money.mapper.js';

/**
 * `parentAfterSalesStatus` (docs/temu-api.md §12) in core's words. 4 and 9 are both "refund
 * initiated"; 1 and 10 are the refund-only and the return request.
 */
const CASE_STATUS: Readonly<Record<number, MarketplaceCaseStatus>> = {
  1: 'requested',
  10: 'requested',
  8: 'label_needed',
  2: 'return_shipped',
  3: 'return_received',
  11: 'under_review',
  4: 'refund_pending',
  9: 'refund_pending',
  5: 'refunded',
  7: 'refused',
  6: 'withdrawn',
};

export function caseStatusOf(code: number, caseRef: string): MarketplaceCaseStatus {
  const status = CASE_STATUS[code];
  if (status === undefined)
    throw new BadInputError(
      `after-sales case ${caseRef} has unknown parentAfterSalesStatus ${code} (docs/temu-api.md §12)`,
      'ERR_TEMU_CASE_STATUS',
    );
  return status;
}

/** List times are seconds in the reference and milliseconds on some gateways: both are accepted. */
function toMs(value: number | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return value < 1e12 ? value * 1000 : value;
}

function lineOf(l: TemuAfterSales): ReturnCaseLine {
  const product = l.productList?.find((p) => p.extCode || p.productSkuId);
  const extCode = product?.extCode ?? '';
  const line = {
    lineRef: l.afterSalesSn,
    orderLineRef: l.orderSn ?? '',
    // skuId is for LOCAL sellers, productSkuId for SEMI sellers (docs/temu-api.md §1.3).
    skuId: l.skuId ?? l.productSkuId ?? product?.productSkuId ?? '',
    sellerSku: extCode === '' ? null : extCode,
    quantity: l.applyAfterSalesGoodsNumber ?? 0,
    reason: l.afterSalesReasonDesc ?? null,
  };
  return { ...line, sku: resolveErpSku(line) };
}

/** A refund or return case (`afterSalesType` 1 refund only, 2 return and refund) with its lines. */
export function mapTemuReturnCase(
  shopId: string,
  parent: TemuParentAfterSales,
  lines: TemuAfterSales[],
): ReturnCase {
  return {
    shopId,
    caseRef: parent.parentAfterSalesSn,
    orderRef: parent.parentOrderSn,
    kind: parent.afterSalesType === 2 ? 'return_and_refund' : 'refund_only',
    status: caseStatusOf(parent.parentAfterSalesStatus, parent.parentAfterSalesSn),
    lines: lines.filter((l) => l.parentAfterSalesSn === parent.parentAfterSalesSn).map(lineOf),
    updatedAtMs: toMs(parent.updateAt ?? parent.createAt),
    actionDeadlineMs: parent.operateExpireTimeMs ?? null,
  };
}

/**
 * A buyer's cancellation request (`bg.aftersales.cancel.list.get`): status 1 waits for the seller, 5
 * is agreed (lines cancelled and refunded), 6 withdrawn, 7 refused.
 */
export function mapTemuCancellation(shopId: string, request: TemuCancelRequest): ReturnCase {
  const first = request.afterSalesInfoList[0];
  return {
    shopId,
    caseRef: request.parentAfterSalesSn,
    orderRef: request.parentOrderSn ?? first?.parentOrderSn ?? '',
    kind: 'cancel_before_shipment',
    status: caseStatusOf(request.parentAfterSalesStatus, request.parentAfterSalesSn),
    lines: request.afterSalesInfoList.map((l) => {
      const extCode = l.productList?.find((p) => p.extCode)?.extCode ?? '';
      const line = {
        lineRef: l.afterSalesSn,
        orderLineRef: l.orderSn,
        skuId: l.skuId ?? l.productSkuId ?? '',
        sellerSku: extCode === '' ? null : extCode,
        quantity: l.applyGoodsNumber ?? 0,
        reason: null,
      };
      return { ...line, sku: resolveErpSku(line) };
    }),
    updatedAtMs: Math.max(0, ...request.afterSalesInfoList.map((l) => toMs(l.createAtMillis))),
  };
}

/**
 * The detail's `refundSummary` → the refund the credit note follows; null when Temu gives no total
 * (nothing refunded yet). Absent shares are zero.
 */
export function mapTemuRefund(detail: TemuAfterSalesDetail): CaseRefund | null {
  const s = detail.refundSummary;
  const total = minorMoney(s?.buyerTotalRefund);
  if (!s || total === null) return null;
  const share = (m: Parameters<typeof minorMoney>[0]) => {
    const v = minorMoney(m) ?? money(0, total.currency);
    if (v.currency !== total.currency)
      throw new BadInputError(
        `after-sales ${detail.parentAfterSalesSn}: refund summary mixes ${total.currency} and ${v.currency}`,
        'ERR_TEMU_BAD_AMOUNTS',
      );
    return money(Math.abs(v.amountMinor), v.currency);
  };
  return {
    total,
    shipping: share(s.shippingAmountRefundTaxExcl),
    sellerDiscount: share(s.discountFromSellerRefund),
    marketplaceDiscount: share(s.discountFromTEMURefund),
  };
}
