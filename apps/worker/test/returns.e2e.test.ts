import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { OdooErp } from '@temu-odoo/odoo-client';
import { OpenReturnCases } from '@temu-odoo/queues';
import { waitUntil, type Fleet } from '../../../tools/lib/fleet.js';
import { receiveReturn } from '../../../tools/lib/returns-world.js';
import { clearingJournalOf } from '../src/settlement/clearing-journal.js';
import { catalogSeeds, drained, fleetMarketplace, odooOnHand, startErpFleet } from './e2e-support.js';

/**
 * Returns and refunds end to end (issue 13), small scale, on both sandboxes with real Redis and a
 * real worker process: 10 delivered orders of 2 units each, then six cases — refund only (whole and
 * partial), return and refund (whole, partial, damaged, with the seller's label) — a
 * pre-shipment cancellation and a cancellation after shipment (Temu intercepts the parcel and refunds;
 * the goods come back as a return). Every order pays a 4.99 shipping fee and the refund-only orders
 * carry discounts, so each credit note must credit shipping and discounts as Temu refunds them. The buyer's and Temu's side is driven through the Temu sandbox's
 * control API, the warehouse's receipt through Odoo's RPC, everything else by the worker's jobs.
 */

const INITIAL = 500;
/** Every order's shipping fee (minor units, untaxed: the sandbox's US shipping tax rate is 0). */
const SHIPPING = 499;
let fleet: Fleet;
let erp: OdooErp;
const seeds = catalogSeeds(INITIAL);

interface SandboxOrder {
  parentOrderSn: string;
  status: number;
  children: Array<{ orderSn: string; sellerSku: string; quantity: number }>;
}
interface SandboxCase {
  parentAfterSalesSn: string;
  parentOrderSn: string;
  kind: string;
  status: number;
}

beforeAll(async () => {
  ({ fleet, erp } = await startErpFleet({
    label: 'returns-e2e',
    odooQty: INITIAL,
    workerEnv: {
      RETURNS_AGREE_CANCELLATIONS: 'true',
      RETURNS_REFUND_WITHOUT_RETURN: 'true',
      RETURNS_REFUND_ON_RECEIPT: 'true',
      RETURNS_SCRAP_REASONS: 'damaged',
    },
  }));
}, 60_000);

afterAll(async () => {
  await fleet?.stop();
}, 60_000);

let seq = 0;
const enqueue = (name: 'orders.poll' | 'returns.poll') =>
  fleet.registry.enqueue(name, { shopId: fleet.shopId }, { jobId: `${name}-${Date.now()}-${seq++}` });

async function createOrders(
  count: number,
  status: number,
  sku: string,
  money: { sellerDiscountMinor?: number; temuDiscountMinor?: number } = {},
): Promise<SandboxOrder[]> {
  const { orders } = await fleet.temuControl<{ orders: SandboxOrder[] }>('POST', 'orders', {
    count,
    status,
    lines: [{ sku, quantity: 2 }],
    shippingMinor: SHIPPING,
    ...money,
  });
  return orders;
}

async function openCase(body: Record<string, unknown>): Promise<SandboxCase> {
  return (await fleet.temuControl<{ afterSales: SandboxCase }>('POST', 'aftersales', body)).afterSales;
}

const advance = (c: SandboxCase, step: string) =>
  fleet.temuControl('POST', `aftersales/${c.parentAfterSalesSn}/advance`, { step });

async function temuCases(): Promise<Map<string, SandboxCase>> {
  const { afterSales } = await fleet.temuControl<{ afterSales: SandboxCase[] }>('GET', 'state/aftersales');
  return new Map(afterSales.map((c) => [c.parentAfterSalesSn, c]));
}

interface Picking {
  id: number;
  origin: string | false;
  state: string;
}

/** Return pickings the worker created, keyed by case number (their origin starts with it). */
async function returnPickings(): Promise<Picking[]> {
  return erp.connection.searchRead<Picking>(
    'stock.picking',
    [['picking_type_code', '=', 'incoming']],
    ['origin', 'state'],
  );
}

interface Move {
  id: number;
  move_type: string;
  state: string;
  ref: string | false;
  amount_total: number;
  payment_state: string;
  reversed_entry_id: [number, string] | false;
}

async function creditNotes(): Promise<Move[]> {
  return erp.connection.searchRead<Move>(
    'account.move',
    [['move_type', '=', 'out_refund']],
    ['move_type', 'state', 'ref', 'amount_total', 'payment_state', 'reversed_entry_id'],
  );
}

async function productLines(moveId: number) {
  return erp.connection.searchRead<{
    product_id: [number, string];
    quantity: number;
    price_unit: number;
    price_total: number;
  }>(
    'account.move.line',
    [
      ['move_id', '=', moveId],
      ['display_type', '=', 'product'],
    ],
    ['product_id', 'quantity', 'price_unit', 'price_total'],
  );
}

async function documentCounts() {
  const scraps = await erp.connection.searchRead('stock.scrap', [], ['id']);
  const payments = await erp.connection.searchRead('account.payment', [], ['id']);
  const invoices = await erp.connection.searchRead(
    'account.move',
    [['move_type', '=', 'out_invoice']],
    ['id'],
  );
  return {
    invoices: invoices.length,
    returns: (await returnPickings()).length,
    creditNotes: (await creditNotes()).length,
    scraps: scraps.length,
    payments: payments.length,
  };
}

describe('returns and refunds: Temu after-sales become Odoo returns, credit notes and refunds', () => {
  it('closes every case in Temu and Odoo, stock and money in step, and a re-run changes nothing', async () => {
    // Six SKUs, one per kind of case, so each SKU's stock has one story. 2 units per order.
    const [skuA, skuB, skuC, skuD, skuE, skuF] = seeds.skus as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    // Refund-only orders carry a seller discount of 1.00 and a Temu discount of 0.60.
    const discounts = { sellerDiscountMinor: 100, temuDiscountMinor: 60 };
    const delivered = [
      ...(await createOrders(2, 5, skuA, discounts)), // refund only, whole order (2) / partial (1)
      ...(await createOrders(1, 5, skuB)), // return, whole order (2)
      ...(await createOrders(1, 5, skuC)), // return, partial (1 of 2)
      ...(await createOrders(1, 5, skuD)), // return, damaged (2) → scrap
      ...(await createOrders(1, 5, skuE)), // return with the seller's label (2)
      ...(await createOrders(4, 5, skuF)), // no case
    ];
    const [unshipped] = await createOrders(1, 2, skuF); // pre-shipment cancellation
    // Cancellation after shipment: the buyer asked to cancel, the parcel had left, Temu granted it and
    // refunded in full; the goods come back to the warehouse (a return in Odoo, no refund to issue).
    const [shippedAnyway] = await createOrders(1, 5, skuF);
    delivered.push(shippedAnyway!);
    expect(delivered).toHaveLength(11);
    await enqueue('orders.poll');
    await drained(fleet, 120_000);
    const [imported] = await erp.findOrdersByRefs([delivered[0]!.parentOrderSn]);
    expect(imported).toMatchObject({ deliveryStatus: 'done', invoiceStatus: 'paid' });

    const order = (i: number) => delivered[i]!.parentOrderSn;
    const refundWhole = await openCase({ parentOrderSn: order(0), kind: 'refund' });
    const refundPartial = await openCase({ parentOrderSn: order(1), kind: 'refund', quantity: 1 });
    const returnWhole = await openCase({ parentOrderSn: order(2), kind: 'return' });
    const returnPartial = await openCase({ parentOrderSn: order(3), kind: 'return', quantity: 1 });
    const returnDamaged = await openCase({
      parentOrderSn: order(4),
      kind: 'return',
      reason: 'arrived damaged',
    });
    const returnLabel = await openCase({ parentOrderSn: order(5), kind: 'return' });
    const cancel = await openCase({ parentOrderSn: unshipped!.parentOrderSn, kind: 'cancel' });
    const intercepted = await openCase({
      parentOrderSn: shippedAnyway!.parentOrderSn,
      kind: 'cancel',
      afterShipment: true,
    });
    await advance(returnLabel, 'use_merchant_label');
    const returns = [returnWhole, returnPartial, returnDamaged, returnLabel];
    const comingBack = [...returns, intercepted];

    // 1st poll: refunds issued and credited, cancellation agreed, return transfers wait for goods.
    await enqueue('returns.poll');
    await drained(fleet, 120_000);
    const open = new OpenReturnCases(fleet.redis, fleet.prefix);
    const labelCase = await open.get(fleet.shopId, returnLabel.parentAfterSalesSn);
    expect(labelCase?.attention?.code).toBe('label_upload');
    // The gauge /metrics exports: 4 returns wait for their goods, 1 of them for a person (the label).
    const gauge = (field: string) => fleet.redis.hget(`${fleet.prefix}:state:{metrics}`, field);
    // (the intercepted cancellation too: 5 return transfers wait)
    expect(await gauge(`return_cases_open{shop="${fleet.shopId}",stage="awaiting_goods"}`)).toBe('5');
    expect(await gauge(`return_cases_need_person{shop="${fleet.shopId}"}`)).toBe('1');
    // Bull Board shows the case's stage in the job data.
    const syncs = await fleet.registry.queue('temu-finance').getCompleted();
    const labelSync = syncs.find(
      (j) => j.name === 'returns.sync' && j.data.caseRef === returnLabel.parentAfterSalesSn,
    );
    expect(labelSync?.data.stage).toBe('awaiting_goods');
    const waiting = await returnPickings();
    expect(waiting.map((p) => String(p.origin).split(' ')[0]).sort()).toEqual(
      comingBack.map((c) => c.parentAfterSalesSn).sort(),
    );
    expect(waiting.every((p) => p.state !== 'done')).toBe(true);

    // A person acts on /ops: buys a label and uploads it (through the connector, as a tool would).
    await fleetMarketplace(fleet).uploadReturnLabel(
      returnLabel.parentAfterSalesSn,
      returnLabel.parentOrderSn,
      {
        carrierId: '1',
        trackingNumber: 'RET-E2E-1',
        labelUrl: 'https://labels.example.com/RET-E2E-1.pdf',
      },
    );
    // The buyers ship back, Temu's warehouse confirms.
    for (const c of returns) await advance(c, 'ship_back');
    for (const c of returns) await advance(c, 'receive');
    // The warehouse receives every return in Odoo.
    for (const p of waiting) await receiveReturn(erp, p.id);

    // 2nd poll: open cases re-checked: damaged goods scrapped, refunds issued, credit notes booked.
    await enqueue('returns.poll');
    await drained(fleet, 120_000);
    await waitUntil(
      async () => (await open.list(fleet.shopId)).length === 0,
      30_000,
      'every case closed',
    ).catch(async (err: unknown) => {
      const failed = await fleet.registry.queue('odoo').getFailed();
      const failedF = await fleet.registry.queue('temu-finance').getFailed();
      throw new Error(
        `${String(err)}; open: ${JSON.stringify(await open.list(fleet.shopId))}; failed: ${[...failed, ...failedF].map((j) => `${j.name}: ${j.failedReason}`).join(' | ')}`,
      );
    });

    const cases = await temuCases();
    const all = [refundWhole, refundPartial, ...returns, cancel, intercepted];
    expect(all.map((c) => cases.get(c.parentAfterSalesSn)?.status)).toEqual(all.map(() => 5));
    const [cancelled] = await erp.findOrdersByRefs([unshipped!.parentOrderSn]);
    expect(cancelled!.state).toBe('cancelled');

    // Stock: initial − shipped + restocked, per SKU.
    const onHand = await odooOnHand(fleet);
    expect({
      A: onHand.get(skuA),
      B: onHand.get(skuB),
      C: onHand.get(skuC),
      D: onHand.get(skuD),
      E: onHand.get(skuE),
      F: onHand.get(skuF),
    }).toEqual({
      A: INITIAL - 4, // 2 orders × 2 shipped, refund only: nothing comes back
      B: INITIAL - 2 + 2, // whole return restocked
      C: INITIAL - 2 + 1, // 1 of 2 returned
      D: INITIAL - 2, // 2 returned, both scrapped as damaged
      E: INITIAL - 2 + 2,
      F: INITIAL - 8, // 4 orders × 2; the cancelled order never shipped; the intercepted one: −2 + 2
    });

    // Money: one paid credit note per refunded case, crediting what Temu refunded to the cent.
    // Worked by hand (US region: tax 7.25 % per line, rounded half up; retail = round(price × 1.25):
    // A 999→12.49, B 1099→13.74, C 1199→14.99, D 1149→14.36, E 1249→15.61, F 1349→16.86).
    // Temu refunds the goods with their tax, and shares of shipping (4.99) and discounts in proportion
    // to the units (2 per order), rounded half up: a whole order gets all of them back, one unit of two
    // gets 2.50 shipping, 0.50 seller and 0.30 Temu discount.
    //   refund whole   A×2: 24.98 + 1.81 (24.98 × 7.25 % = 1.811) + 4.99 − 1.00 − 0.60 = 30.18
    //   refund partial A×1: 12.49 + 0.91 (0.9055)                  + 2.50 − 0.50 − 0.30 = 15.10
    //   return whole   B×2: 27.48 + 1.99 (1.9923) + 4.99 = 34.46
    //   return partial C×1: 14.99 + 1.09 (1.0868) + 2.50 = 18.58
    //   damaged        D×2: 28.72 + 2.08 (2.0822) + 4.99 = 35.79
    //   label          E×2: 31.22 + 2.26 (2.2635) + 4.99 = 38.47
    //   intercepted    F×2: 33.72 + 2.44 (2.4447) + 4.99 = 41.15
    const notes = await creditNotes();
    const refunded = [
      [refundWhole, 2, 30.18, { shipping: 4.99, seller: -1, temu: -0.6 }],
      [refundPartial, 1, 15.1, { shipping: 2.5, seller: -0.5, temu: -0.3 }],
      [returnWhole, 2, 34.46, { shipping: 4.99 }],
      [returnPartial, 1, 18.58, { shipping: 2.5 }],
      [returnDamaged, 2, 35.79, { shipping: 4.99 }],
      [returnLabel, 2, 38.47, { shipping: 4.99 }],
      [intercepted, 2, 41.15, { shipping: 4.99 }],
    ] as const;
    expect(notes).toHaveLength(refunded.length);
    const code = (l: { product_id: [number, string] }) => /^\[([^\]]+)\]/.exec(l.product_id[1])?.[1] ?? '';
    for (const [c, qty, total, charges] of refunded) {
      const mine = notes.filter((n) => String(n.ref).includes(c.parentAfterSalesSn));
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ state: 'posted', payment_state: 'paid', amount_total: total });
      // The invoice was paid into the shop's clearing journal (settlement per order); Temu refunds the
      // buyer out of the seller's payout, so the refund goes out of that journal, under REFUND-<order>
      // (the memo a statement's refund row is matched by).
      const refundPayments = await erp.connection.searchRead<{ journal_id: [number, string] }>(
        'account.move',
        [
          ['ref', '=', `REFUND-${c.parentOrderSn}`],
          ['move_type', '=', 'entry'],
        ],
        ['journal_id'],
      );
      expect(refundPayments.map((p) => p.journal_id[1])).toEqual([clearingJournalOf(fleet.shopId).name]);
      const lines = await productLines(mine[0]!.id);
      const invoiceLines = await productLines(mine[0]!.reversed_entry_id ? mine[0]!.reversed_entry_id[0] : 0);
      const goods = invoiceLines.filter((l) => !code(l).startsWith('TEMU-'));
      // the refunded goods at the invoice's unit price
      expect(
        lines
          .filter((l) => !code(l).startsWith('TEMU-'))
          .map((l) => [l.product_id[0], l.quantity, l.price_unit]),
      ).toEqual([[goods[0]!.product_id[0], qty, goods[0]!.price_unit]]);
      // shipping and discounts as Temu refunded them, and no closing line (Odoo's tax rounding agrees)
      const charge = (k: string) => lines.filter((l) => code(l) === k).map((l) => l.price_unit);
      expect({
        shipping: charge('TEMU-SHIPPING'),
        seller: charge('TEMU-DISCOUNT-SELLER'),
        temu: charge('TEMU-DISCOUNT-TEMU'),
        rounding: charge('TEMU-ROUNDING'),
      }).toEqual({
        shipping: [charges.shipping],
        seller: 'seller' in charges ? [charges.seller] : [],
        temu: 'temu' in charges ? [charges.temu] : [],
        rounding: [],
      });
      // a whole refund gives back everything the buyer paid: the note equals the invoice
      if (qty === 2) {
        const [invoice] = await erp.connection.read<{ amount_total: number }>(
          'account.move',
          [mine[0]!.reversed_entry_id ? mine[0]!.reversed_entry_id[0] : 0],
          ['amount_total'],
        );
        expect(invoice!.amount_total).toBe(total);
      }
    }

    // Re-running every job changes nothing.
    const before = {
      docs: await documentCounts(),
      onHand: await odooOnHand(fleet),
      cases: await temuCases(),
    };
    await fleet.redis.del(`${fleet.prefix}:state:shop:{${fleet.shopId}}:returns:watermark`);
    await enqueue('returns.poll');
    for (const c of all)
      await fleet.registry.enqueue(
        'returns.sync',
        { shopId: fleet.shopId, caseRef: c.parentAfterSalesSn, orderRef: c.parentOrderSn, updatedAtMs: 0 },
        { jobId: `rerun-${c.parentAfterSalesSn}` },
      );
    // the order sync too: Odoo reopened invoicing after the credit notes, the orders must stay as they are
    for (const o of delivered)
      await fleet.registry.enqueue(
        'orders.sync',
        { shopId: fleet.shopId, orderRef: o.parentOrderSn, updatedAtMs: Date.now(), reason: 'manual' },
        { jobId: `rerun-${o.parentOrderSn}` },
      );
    await drained(fleet, 120_000);
    expect({
      docs: await documentCounts(),
      onHand: await odooOnHand(fleet),
      cases: await temuCases(),
    }).toEqual(before);
    expect(await open.list(fleet.shopId)).toEqual([]);
  }, 240_000);

  it('parks a case for an order the service never imported, with the reason, booking nothing', async () => {
    const [stranger] = await createOrders(1, 5, seeds.skus[0]!); // never polled into Odoo
    const c = await openCase({ parentOrderSn: stranger!.parentOrderSn, kind: 'refund' });
    const before = await documentCounts();
    await enqueue('returns.poll');
    await drained(fleet, 60_000);
    const open = new OpenReturnCases(fleet.redis, fleet.prefix);
    const parked = await open.get(fleet.shopId, c.parentAfterSalesSn);
    expect(parked?.parked).toMatch(/^order_not_imported: .*never imported/);
    const failed = await fleet.registry.queue('temu-finance').getFailed();
    const job = failed.find((j) => j.data.caseRef === c.parentAfterSalesSn);
    expect(job?.failedReason).toContain(`order ${stranger!.parentOrderSn} was never imported`);
    // nothing refunded on Temu, nothing booked in Odoo
    expect((await temuCases()).get(c.parentAfterSalesSn)?.status).toBe(1);
    expect(await documentCounts()).toEqual(before);
  }, 120_000);
});
