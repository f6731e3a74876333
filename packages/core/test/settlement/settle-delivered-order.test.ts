import { describe, expect, it } from '@jest/globals';
import { money } from '../../src/money.js';
import type { ErpOrderSettlement, ErpPort, OrderAmounts } from '../../src/ports.js';
import { feeBillRef, settleDeliveredOrder } from '../../src/settlement/settle-delivered-order.js';

const usd = (n: number) => money(n, 'USD');

/** Records what the use case asks the ERP to book (the ERP side itself is the Odoo contract suite's). */
function recordingErp(): { erp: ErpPort; calls: ErpOrderSettlement[] } {
  const calls: ErpOrderSettlement[] = [];
  const erp = {
    settleOrder: async (input: ErpOrderSettlement) => {
      calls.push(input);
      return { invoiceId: 7, feeBillId: input.fees.length ? 8 : null };
    },
  } as Partial<ErpPort> as ErpPort;
  return { erp, calls };
}

// Retail 2 × 12.49 = 24.98, tax 1.81, shipping 4.99: paid 31.78; revenue (base 19.98 + shipping) 24.97.
const amounts: OrderAmounts = {
  currency: 'USD',
  lines: [],
  shippingFee: usd(499),
  total: usd(3178),
  revenue: { sellerRevenue: usd(2497), deduction: usd(0), taxTotal: usd(181) },
};
const journal = { name: 'Temu clearing shop-1', code: 'TC001' };

describe('settleDeliveredOrder', () => {
  it('bills the collected tax and the commission, leaving what the marketplace owes', async () => {
    const { erp, calls } = recordingErp();
    const out = await settleDeliveredOrder(erp, {
      orderRef: 'PO-1',
      amounts,
      taxCollectedByMarketplace: true,
      clearingJournal: journal,
      feePartnerName: 'Temu',
    });
    // Kept 31.78 − 24.97 = 6.81 = tax 1.81 + commission 5.00; the zero deduction gets no line.
    expect(calls[0]!.fees.map((f) => [f.kind, f.amount.amountMinor])).toEqual([
      ['collected_tax', 181],
      ['commission', 500],
    ]);
    expect(calls[0]).toMatchObject({ orderRef: 'PO-1', billRef: feeBillRef('PO-1'), feePartnerName: 'Temu' });
    expect(out).toMatchObject({ invoiceId: 7, feeBillId: 8 });
    expect(out.settlement.owedBySeller).toEqual(usd(2497));
  });

  it('counts the tax as kept commission when the seller remits it', async () => {
    const { erp, calls } = recordingErp();
    await settleDeliveredOrder(erp, {
      orderRef: 'PO-2',
      amounts,
      taxCollectedByMarketplace: false,
      clearingJournal: journal,
      feePartnerName: 'Temu',
    });
    expect(calls[0]!.fees.map((f) => [f.kind, f.amount.amountMinor])).toEqual([['commission', 681]]);
  });

  it('refuses an order without revenue figures, naming it, and books nothing', async () => {
    const { erp, calls } = recordingErp();
    await expect(
      settleDeliveredOrder(erp, {
        orderRef: 'PO-3',
        amounts: { ...amounts, revenue: null },
        taxCollectedByMarketplace: false,
        clearingJournal: journal,
        feePartnerName: 'Temu',
      }),
    ).rejects.toMatchObject({ code: 'ERR_SETTLEMENT_NO_REVENUE', message: expect.stringContaining('PO-3') });
    expect(calls).toHaveLength(0);
  });
});
