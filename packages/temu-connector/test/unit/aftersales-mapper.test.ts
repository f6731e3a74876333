import { describe, expect, it } from '@jest/globals';
import { caseStatusOf, mapTemuRefund, mapTemuReturnCase } from '../../src/mappers/temu-aftersales.mapper.js';

describe('Temu after-sales mapper (docs/temu-api.md §12)', () => {
  it.each([
    [1, 'requested'],
    [10, 'requested'],
    [8, 'label_needed'],
    [2, 'return_shipped'],
    [3, 'return_received'],
    [4, 'refund_pending'],
    [9, 'refund_pending'],
    [5, 'refunded'],
    [6, 'withdrawn'],
    [7, 'refused'],
    [11, 'under_review'],
  ])('status %i → %s', (code, status) => {
    expect(caseStatusOf(code, 'PAS-1')).toBe(status);
  });

  it('an unknown status is bad input naming the case', () => {
    expect(() => caseStatusOf(42, 'PAS-9')).toThrow(/PAS-9 has unknown parentAfterSalesStatus 42/);
  });

  it("keeps only the parent's lines; seconds become milliseconds; empty extCode is no SKU", () => {
    const c = mapTemuReturnCase(
      's1',
      {
        parentAfterSalesSn: 'PAS-1',
        parentOrderSn: 'PO-1',
        parentAfterSalesStatus: 2,
        afterSalesType: 2,
        updateAt: 1_764_500_000, // seconds → 1_764_500_000_000 ms
      },
      [
        {
          afterSalesSn: 'AS-1',
          parentAfterSalesSn: 'PAS-1',
          orderSn: 'O-1',
          skuId: '77',
          applyAfterSalesGoodsNumber: 2,
          productList: [{ extCode: 'MUG' }],
        },
        {
          afterSalesSn: 'AS-2',
          parentAfterSalesSn: 'PAS-1',
          orderSn: 'O-2',
          skuId: '78',
          applyAfterSalesGoodsNumber: 1,
          productList: [{ extCode: '' }],
        },
        {
          afterSalesSn: 'AS-3',
          parentAfterSalesSn: 'PAS-OTHER',
          orderSn: 'O-3',
          skuId: '79',
          applyAfterSalesGoodsNumber: 1,
        },
      ],
    );
    expect(c.updatedAtMs).toBe(1_764_500_000_000);
    expect(c.kind).toBe('return_and_refund');
    expect(c.lines.map((l) => [l.lineRef, l.sku, l.skuId, l.quantity])).toEqual([
      ['AS-1', 'MUG', '77', 2],
      ['AS-2', null, '78', 1],
    ]);
  });
});

describe('Temu refund summary → the refund the credit note follows', () => {
  const usd = (amount: number) => ({ amount, currency: 'USD' });

  it('takes the total, the shipping share and the discount shares (minor units, discounts positive)', () => {
    // 12.49 goods + 0.91 tax + 2.50 shipping − 0.50 − 0.30 = 15.10, as Temu reports it
    expect(
      mapTemuRefund({
        parentAfterSalesSn: 'PAS-1',
        refundSummary: {
          buyerTotalRefund: usd(1510),
          retailPriceRefundTaxExcl: usd(1249),
          shippingAmountRefundTaxExcl: usd(250),
          discountFromSellerRefund: usd(-50),
          discountFromTEMURefund: usd(30),
          taxTotalRefund: usd(91),
        },
      }),
    ).toEqual({
      total: { amountMinor: 1510, currency: 'USD' },
      shipping: { amountMinor: 250, currency: 'USD' },
      sellerDiscount: { amountMinor: 50, currency: 'USD' },
      marketplaceDiscount: { amountMinor: 30, currency: 'USD' },
    });
  });

  it('absent shares are zero; no total means nothing refunded yet (null)', () => {
    expect(
      mapTemuRefund({ parentAfterSalesSn: 'PAS-1', refundSummary: { buyerTotalRefund: usd(700) } })?.shipping,
    ).toEqual({ amountMinor: 0, currency: 'USD' });
    expect(mapTemuRefund({ parentAfterSalesSn: 'PAS-1', refundSummary: null })).toBeNull();
  });

  it('refuses a summary that mixes currencies, naming the case', () => {
    expect(() =>
      mapTemuRefund({
        parentAfterSalesSn: 'PAS-9',
        refundSummary: {
          buyerTotalRefund: usd(700),
          shippingAmountRefundTaxExcl: { amount: 10, currency: 'EUR' },
        },
      }),
    ).toThrow(/PAS-9: refund summary mixes USD and EUR/);
  });
});
