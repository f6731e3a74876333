import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { money, type ErpOrderDraft } from '@temu-odoo/core';
import { OdooErp, grantBankStatementAccess } from '../src/index.js';
import { describeEachOdoo16to19, startTarget, type OdooTarget } from './support/odoo-target.js';

/**
 * Company-currency conversion of payments and payouts (issue 11): a USD company, a EUR shop. The
 * invoice is booked at its date's rate, the payout at the payout date's: Odoo converts each item at
 * its own date and books the difference as an exchange entry when the payout is reconciled with the
 * clearing items (docs/odoo-api.md "Company currency of journal items"). Sandbox as 16–19, or the
 * real Odoo from env (its dates: rates are created for today and a later day, as here).
 */
const describeTarget = describeEachOdoo16to19();

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describeTarget('company-currency settlement (sandbox %s or the real Odoo from env)', (version) => {
  const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`.toUpperCase();
  const sku = `FX-${run}`;
  let target: OdooTarget;
  let erp: OdooErp;
  let productId = 0;
  let partnerId = 0;
  const today = day(0);
  const payoutDay = day(3);
  const journal = { name: `FX clearing ${run}`, code: `X${run.slice(-4)}` };
  const bank = { name: `FX bank ${run}`, code: `K${run.slice(-4)}` };

  /** One untaxed line of `cents` EUR, delivered. */
  async function deliveredEurOrder(ref: string, cents: number): Promise<number> {
    const draft: ErpOrderDraft = {
      orderRef: `FX-${run}-${ref}`,
      shopId: 'shop-eu',
      region: 'EU',
      partnerId,
      deliveryPartnerId: partnerId,
      currency: 'EUR',
      note: 'fx contract test',
      pricedByEstimate: false,
      charges: [],
      expectedTotal: money(cents, 'EUR'),
      lines: [
        {
          productId,
          sku,
          lineId: `${ref}-0`,
          quantity: 1,
          unitPrice: money(cents, 'EUR'),
          taxRate: 0,
          tax: { kind: 'none' },
          title: 'fx item',
        },
      ],
    };
    const [created] = await erp.createOrders([draft]);
    if (!created?.ok) throw new Error(`order ${ref} not created: ${JSON.stringify(created)}`);
    await erp.confirmOrders([created.value.orderId]);
    await erp.validateDelivery(created.value.orderId, [{ productId, quantity: 1 }], null);
    return created.value.orderId;
  }

  beforeAll(async () => {
    target = await startTarget(version, [
      { defaultCode: sku, name: `FX Widget ${run}`, listPrice: 100, qtyOnHand: 10 },
    ]);
    erp = new OdooErp({ ...target.options, retry: { retries: 2, minDelayMs: 5, maxDelayMs: 20 } });
    productId = (await erp.resolveProducts([sku])).get(sku)!;
    const [eur] = await erp.connection.searchRead<{ id: number }>(
      'res.currency',
      [['name', '=', 'EUR']],
      ['id'],
      {
        context: { active_test: false },
      },
    );
    await erp.connection.write('res.currency', [eur!.id], { active: true });
    await erp.connection.create('product.pricelist', [{ name: `FX EUR ${run}`, currency_id: eur!.id }]);
    // res.currency.rate is EUR per 1 USD: 1 EUR = 1.08 USD today, 1.10 USD on the payout day.
    await erp.connection.create('res.currency.rate', [
      { currency_id: eur!.id, name: today, rate: 1 / 1.08 },
      { currency_id: eur!.id, name: payoutDay, rate: 1 / 1.1 },
    ]);
    const [buyer] = await erp.findOrCreateCustomers([
      {
        key: `shop-eu:fx-${run}@relay.example.com`.toLowerCase(),
        shopId: 'shop-eu',
        buyer: { name: `FX Buyer ${run}`, email: `fx-${run}@relay.example.com`.toLowerCase(), phone: null },
        address: null,
      },
    ]);
    partnerId = buyer!.partnerId;
    await grantBankStatementAccess(erp.connection);
  }, 60_000);
  afterAll(async () => {
    await target?.close();
  });

  it('EUR 100.00 invoiced at 1.08 (108.00 USD), paid out at 1.10 (110.00 USD): +2.00 exchange gain, clearing 0 in both currencies', async () => {
    const orderRef = `FX-${run}-A`;
    await deliveredEurOrder('A', 10_000);
    const settled = await erp.settleOrder({
      orderRef,
      clearingJournal: journal,
      feePartnerName: `FX Marketplace ${run}`,
      billRef: `FEES-${orderRef}`,
      fees: [],
    });
    const [invoice] = await erp.connection.read<{ amount_total: number; amount_total_signed: number }>(
      'account.move',
      [settled.invoiceId],
      ['amount_total', 'amount_total_signed'],
    );
    // 100.00 / (1 / 1.08) = 108.00
    expect(invoice).toMatchObject({ amount_total: 100, amount_total_signed: 108 });
    expect(await erp.clearingBalance(journal)).toEqual([money(10_000, 'EUR')]);
    expect(await erp.clearingCompanyBalance(journal)).toEqual(money(10_800, 'USD'));

    const payout = {
      ref: `FX payout ${run}`,
      date: payoutDay,
      amount: money(10_000, 'EUR'),
      orders: [{ orderRef, clearingRefs: [orderRef] }],
    };
    const [booked] = await erp.bookPayouts({
      bankJournal: bank,
      clearingJournal: journal,
      payouts: [payout],
    });
    expect(booked).toMatchObject({ reconciled: true, expected: money(10_000, 'EUR'), ordersMatched: 1 });
    // The bank (company currency) received 100.00 / (1 / 1.10) = 110.00 USD for EUR 100.00.
    const [line] = await erp.connection.read<{
      amount: number;
      amount_currency: number;
      is_reconciled: boolean;
    }>(
      'account.bank.statement.line',
      [booked!.statementLineId],
      ['amount', 'amount_currency', 'is_reconciled'],
    );
    expect(line).toMatchObject({ amount: 110, amount_currency: 100, is_reconciled: true });
    // 110.00 − 108.00 = 2.00 gain on 441000, the clearing account back to 0 in EUR and USD.
    const gains = await erp.connection.searchRead<{ balance: number }>(
      'account.move.line',
      [
        ['account_id.code', '=', '441000'],
        ['move_id.date', '=', payoutDay],
      ],
      ['balance'],
    );
    expect(gains.map((g) => g.balance)).toEqual([-2]);
    expect(await erp.clearingBalance(journal)).toEqual([]);
    expect(await erp.clearingCompanyBalance(journal)).toEqual(money(0, 'USD'));
    // The same payout again: found, nothing booked.
    const [again] = await erp.bookPayouts({ bankJournal: bank, clearingJournal: journal, payouts: [payout] });
    expect(again).toMatchObject({ alreadyBooked: true, reconciled: true });
    expect(await erp.clearingCompanyBalance(journal)).toEqual(money(0, 'USD'));
  });

  it('an invoice of EUR 50.00 (54.00 USD at 1.08) paid on a later day (55.00 USD at 1.10): 1.00 exchange gain', async () => {
    const orderId = await deliveredEurOrder('B', 5_000);
    const conn = erp.connection;
    const ctx = { active_model: 'sale.order', active_ids: [orderId], active_id: orderId };
    const [wizard] = await conn.create(
      'sale.advance.payment.inv',
      [{ advance_payment_method: 'delivered' }],
      ctx,
    );
    await conn.action('sale.advance.payment.inv', 'create_invoices', [wizard!], ctx);
    const [order] = await conn.read<{ invoice_ids: number[] }>('sale.order', [orderId], ['invoice_ids']);
    const invoiceId = order!.invoice_ids[0]!;
    await conn.action('account.move', 'action_post', [invoiceId]);
    const payCtx = { active_model: 'account.move', active_ids: [invoiceId] };
    const [register] = await conn.create('account.payment.register', [{ payment_date: payoutDay }], payCtx);
    await conn.action('account.payment.register', 'action_create_payments', [register!], payCtx);
    const [inv] = await conn.read<{ payment_state: string; amount_total_signed: number }>(
      'account.move',
      [invoiceId],
      ['payment_state', 'amount_total_signed'],
    );
    expect(inv!.amount_total_signed).toBe(54);
    expect(['paid', 'in_payment']).toContain(inv!.payment_state);
    // The payment is worth 50.00 / (1 / 1.10) = 55.00 USD: 55.00 − 54.00 = 1.00 credited to 441000.
    const gains = await conn.searchRead<{ balance: number }>(
      'account.move.line',
      [
        ['account_id.code', '=', '441000'],
        ['partner_id', '=', partnerId],
      ],
      ['balance'],
    );
    expect(gains.map((g) => g.balance)).toEqual([-1]);
  });
});
