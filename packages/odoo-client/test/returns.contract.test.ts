import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { money, type ErpOrderDraft } from '@temu-odoo/core';
import { OdooErp } from '../src/index.js';
import { OdooDeliveries } from '../src/erp/deliveries.js';
import { createReturn } from '../src/erp/returns.js';
import {
  describeEachOdoo16to19,
  startTarget,
  type OdooTarget,
  type SeedProduct,
} from './support/odoo-target.js';

/**
 * After-sales on the ERP port (ReturnsErpPort): return transfers, scrap, credit notes and refund
 * payments, keyed on the case number. Sandbox as 16–19 (the versions of the recordings and the issue),
 * or unchanged against the real Odoo from env.
 */
const describeTarget = describeEachOdoo16to19();

describeTarget('OdooErp returns contract (sandbox %s or the real Odoo from env)', (version) => {
  const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`.toUpperCase();
  const sku = (n: string) => `RT-${run}-${n}`;
  const products: SeedProduct[] = [
    { defaultCode: sku('A'), name: `Return Widget ${run}`, listPrice: 20, qtyOnHand: 100 },
    { defaultCode: sku('B'), name: `Return Gadget ${run}`, listPrice: 6, qtyOnHand: 50 },
    { defaultCode: sku('C'), name: `Return Gizmo ${run}`, listPrice: 20, qtyOnHand: 10 },
  ];
  let target: OdooTarget;
  let erp: OdooErp;
  const ids: Record<string, number> = {};
  const orders: Record<string, number> = {};
  const caseRef = (n: string) => `PAS-${run}-${n}`;
  const clearing = { name: `Temu clearing RT${run}`, code: `R${run.slice(-4)}` };

  const draft = (ref: string, partnerId: number, lines: Array<[string, number, number]>): ErpOrderDraft => ({
    orderRef: `RT-${run}-${ref}`,
    shopId: 'shop-1',
    region: 'US',
    partnerId,
    deliveryPartnerId: partnerId,
    currency: 'USD',
    note: 'returns contract test',
    pricedByEstimate: false,
    charges: [],
    expectedTotal: null,
    lines: lines.map(([code, quantity, cents], i) => ({
      productId: ids[code]!,
      sku: sku(code),
      lineId: `${ref}-${i}`,
      quantity,
      unitPrice: money(cents, 'USD'),
      taxRate: null,
      tax: { kind: 'erp_default' },
      title: `item ${code}`,
    })),
  });
  const onHand = async (code: string) => {
    const [p] = await erp.connection.read<{ qty_available: number }>(
      'product.product',
      [ids[code]!],
      ['qty_available'],
    );
    return p!.qty_available;
  };
  /** What the warehouse does in Odoo when the parcel arrives: validate the return for its full quantity. */
  const receive = (returnId: number) => new OdooDeliveries(erp.connection, 50).validateWhole(returnId);

  beforeAll(async () => {
    target = await startTarget(version, products);
    erp = new OdooErp({ ...target.options, retry: { retries: 2, minDelayMs: 5, maxDelayMs: 20 } });
    const map = await erp.resolveProducts([sku('A'), sku('B'), sku('C')]);
    ids.A = map.get(sku('A'))!;
    ids.B = map.get(sku('B'))!;
    ids.C = map.get(sku('C'))!;
    const [buyer] = await erp.findOrCreateCustomers([
      {
        key: `shop-1:ret-${run}@relay.example.com`.toLowerCase(),
        shopId: 'shop-1',
        buyer: {
          name: `Return Buyer ${run}`,
          email: `ret-${run}@relay.example.com`.toLowerCase(),
          phone: null,
        },
        address: null,
      },
    ]);
    const created = await erp.createOrders([
      // paid: A 3 × 20.00, B 2 × 6.00; tax 15% (the sandbox's default sale tax)
      draft('PAID', buyer!.partnerId, [
        ['A', 3, 2000],
        ['B', 2, 600],
      ]),
      draft('OPEN', buyer!.partnerId, [['A', 1, 2000]]),
      // settled through the marketplace: paid into a clearing journal, 1 × 20.00 + 15% = 23.00
      draft('CLR', buyer!.partnerId, [['C', 1, 2000]]),
    ]);
    for (const r of created) if (r.ok) orders[r.value.orderRef.split('-').pop()!] = r.value.orderId;
    await erp.confirmOrders([orders.PAID!, orders.OPEN!, orders.CLR!]);
    await erp.validateDelivery(
      orders.PAID!,
      [
        { productId: ids.A!, quantity: 3 },
        { productId: ids.B!, quantity: 2 },
      ],
      null,
    );
    await erp.invoiceAndRegisterPayment(orders.PAID!);
    await erp.validateDelivery(orders.CLR!, [{ productId: ids.C!, quantity: 1 }], null);
    await erp.invoiceAndRegisterPayment(orders.CLR!, { journal: clearing });
  }, 60_000);
  afterAll(async () => {
    await target?.close();
  });

  it('a case without documents finds nothing', async () => {
    await expect(erp.findCaseDocuments(orders.PAID!, caseRef('NONE'))).resolves.toEqual({
      returnTransfer: null,
      scrapped: [],
      creditNote: null,
    });
  });

  it('return transfer from the done delivery waits for the goods; asking again gives the same return', async () => {
    // initial 100 − 3 delivered = 97 on hand
    expect(await onHand('A')).toBe(97);
    const { returnId } = await erp.createCaseReturn(orders.PAID!, caseRef('R1'), [
      { productId: ids.A!, quantity: 2 },
    ]);
    await expect(
      erp.createCaseReturn(orders.PAID!, caseRef('R1'), [{ productId: ids.A!, quantity: 2 }]),
    ).resolves.toEqual({ returnId });
    const docs = await erp.findCaseDocuments(orders.PAID!, caseRef('R1'));
    expect(docs.returnTransfer).toEqual({
      returnId,
      received: false,
      lines: [{ productId: ids.A!, quantity: 2 }],
    });
    expect(await onHand('A')).toBe(97); // nothing moves before the warehouse receives
    const [picking] = await erp.connection.read<{ origin: string }>('stock.picking', [returnId], ['origin']);
    expect(picking!.origin.startsWith(`${caseRef('R1')} (`)).toBe(true);
  });

  it('received and 1 scrapped as damaged: stock 97 + 2 − 1 = 98; scrapping again changes nothing', async () => {
    const { returnTransfer } = await erp.findCaseDocuments(orders.PAID!, caseRef('R1'));
    await receive(returnTransfer!.returnId);
    expect(await onHand('A')).toBe(99); // 97 + 2 back
    await expect(
      erp.scrapReturned(returnTransfer!.returnId, caseRef('R1'), [{ productId: ids.A!, quantity: 1 }]),
    ).resolves.toBeUndefined();
    await erp.scrapReturned(returnTransfer!.returnId, caseRef('R1'), [{ productId: ids.A!, quantity: 1 }]);
    expect(await onHand('A')).toBe(98);
    const docs = await erp.findCaseDocuments(orders.PAID!, caseRef('R1'));
    expect(docs.returnTransfer!.received).toBe(true);
    expect(docs.scrapped).toEqual([{ productId: ids.A!, quantity: 1 }]);
  });

  it('credit note for the returned quantity only, posted and paid out; once per case', async () => {
    // 2 × 20.00 = 40.00 + 15% 6.00 = 46.00
    const first = await erp.creditAndRefund(orders.PAID!, caseRef('R1'), [
      { productId: ids.A!, quantity: 2 },
    ]);
    expect(first.amount).toEqual(money(4600, 'USD'));
    const again = await erp.creditAndRefund(orders.PAID!, caseRef('R1'), [
      { productId: ids.A!, quantity: 2 },
    ]);
    expect(again).toEqual(first);
    const [note] = await erp.connection.read<{
      move_type: string;
      state: string;
      payment_state: string;
      ref: string;
      reversed_entry_id: unknown;
    }>(
      'account.move',
      [first.creditNoteId],
      ['move_type', 'state', 'payment_state', 'ref', 'reversed_entry_id'],
    );
    expect(note).toMatchObject({ move_type: 'out_refund', state: 'posted', payment_state: 'paid' });
    expect(note!.ref).toContain(caseRef('R1'));
    expect(note!.reversed_entry_id).not.toBe(false);
    // Odoo reopens invoicing after a return and its credit note ('to invoice'); the order stays settled
    const [order] = await erp.connection.read<{ invoice_status: string }>(
      'sale.order',
      [orders.PAID!],
      ['invoice_status'],
    );
    expect(order!.invoice_status).toBe('to invoice');
    expect((await erp.findOrdersByRefs([`RT-${run}-PAID`]))[0]!.invoiceStatus).toBe('paid');
    const docs = await erp.findCaseDocuments(orders.PAID!, caseRef('R1'));
    expect(docs.creditNote).toEqual({
      creditNoteId: first.creditNoteId,
      paid: true,
      amount: money(4600, 'USD'),
    });
  });

  it('an order paid into a clearing journal is refunded out of it, under REFUND-<order>', async () => {
    // 23.00 in, the whole order credited: 23.00 out of the same journal, clearing 0
    expect(await erp.clearingBalance(clearing)).toEqual([money(2300, 'USD')]);
    const refund = await erp.creditAndRefund(orders.CLR!, `CLR-${run}-C1`, [
      { productId: ids.C!, quantity: 1 },
    ]);
    expect(refund.amount).toEqual(money(2300, 'USD'));
    const payments = await erp.connection.searchRead<{ journal_id: [number, string]; id: number }>(
      'account.move',
      [
        ['ref', '=', `REFUND-RT-${run}-CLR`],
        ['move_type', '=', 'entry'],
      ],
      ['journal_id'],
    );
    expect(payments.map((p) => p.journal_id[1])).toEqual([clearing.name]);
    expect(await erp.clearingBalance(clearing)).toEqual([money(0, 'USD')]);
    // again: found paid, nothing more paid out
    await erp.creditAndRefund(orders.CLR!, `CLR-${run}-C1`, [{ productId: ids.C!, quantity: 1 }]);
    expect(await erp.clearingBalance(clearing)).toEqual([money(0, 'USD')]);
  });

  it('refund only (no goods back): its own credit note, 1 × 6.00 + 15% = 6.90', async () => {
    const r = await erp.creditAndRefund(orders.PAID!, caseRef('R2'), [{ productId: ids.B!, quantity: 1 }]);
    expect(r.amount).toEqual(money(690, 'USD'));
    const notes = await erp.connection.searchRead<{ ref: string; amount_total: number }>(
      'account.move',
      [
        ['move_type', '=', 'out_refund'],
        ['ref', 'ilike', `PAS-${run}-`],
      ],
      ['ref', 'amount_total'],
      { order: 'id asc' },
    );
    expect(notes.map((n) => n.amount_total)).toEqual([46, 6.9]);
  });

  it('bad input leaves nothing booked: more than invoiced, or an order without a paid invoice', async () => {
    // A: 3 invoiced; 10 asked
    await expect(
      erp.creditAndRefund(orders.PAID!, caseRef('BAD'), [{ productId: ids.A!, quantity: 10 }]),
    ).rejects.toMatchObject({ kind: 'bad_input', code: 'ERR_ODOO_CREDIT_TOO_MUCH' });
    expect((await erp.findCaseDocuments(orders.PAID!, caseRef('BAD'))).creditNote).toBeNull();
    await expect(
      erp.creditAndRefund(orders.OPEN!, caseRef('OPEN'), [{ productId: ids.A!, quantity: 1 }]),
    ).rejects.toMatchObject({ kind: 'bad_input', code: 'ERR_ODOO_INVOICE_NOT_PAID' });
    await expect(
      erp.createCaseReturn(orders.OPEN!, caseRef('OPEN'), [{ productId: ids.A!, quantity: 1 }]),
    ).rejects.toMatchObject({ code: 'ERR_ODOO_NOTHING_TO_RETURN' });
  });

  it('a return a killed run left untagged (wizard done, tag not written) is adopted and tagged, not doubled', async () => {
    const incoming = async () =>
      erp.connection.searchRead<{ id: number; origin: string }>(
        'stock.picking',
        [
          ['sale_id', '=', orders.PAID!],
          ['picking_type_code', '=', 'incoming'],
        ],
        ['id', 'origin'],
        { order: 'id asc' },
      );
    // The first of the two calls alone, as a SIGKILL right after the wizard leaves it: B × 1, untagged.
    const { returnId: orphan } = await createReturn(
      erp.connection,
      new OdooDeliveries(erp.connection, 50),
      orders.PAID!,
      [{ productId: ids.B!, quantity: 1 }],
      { validate: false },
    );
    const before = await incoming();
    expect(before.find((p) => p.id === orphan)!.origin.startsWith('Return of ')).toBe(true);
    // Untagged, it is no case's document yet.
    expect((await erp.findCaseDocuments(orders.PAID!, caseRef('R3'))).returnTransfer).toBeNull();
    // Another case with other lines (A × 1, not B × 1) does not take it: it gets its own return.
    const { returnId: other } = await erp.createCaseReturn(orders.PAID!, caseRef('R4'), [
      { productId: ids.A!, quantity: 1 },
    ]);
    expect(other).not.toBe(orphan);
    // The replayed booking step: the orphan is the case's return, tagged; no further picking.
    await expect(
      erp.createCaseReturn(orders.PAID!, caseRef('R3'), [{ productId: ids.B!, quantity: 1 }]),
    ).resolves.toEqual({ returnId: orphan });
    const after = await incoming();
    expect(after.map((p) => p.id)).toEqual([...before.map((p) => p.id), other].sort((a, b) => a - b));
    expect(after.find((p) => p.id === orphan)!.origin).toMatch(new RegExp(`^${caseRef('R3')} \\(Return of `));
    await expect(
      erp.createCaseReturn(orders.PAID!, caseRef('R3'), [{ productId: ids.B!, quantity: 1 }]),
    ).resolves.toEqual({ returnId: orphan });
    expect(await incoming()).toHaveLength(before.length + 1);
  });

  it("scrapping a received unit with nothing left on hand confirms Odoo's insufficient-quantity wizard: scrapped, −1 on hand", async () => {
    const { returnTransfer } = await erp.findCaseDocuments(orders.PAID!, caseRef('R3'));
    await receive(returnTransfer!.returnId);
    // B: 50 − 2 delivered + 1 received = 49; a count in Odoo then finds none left (sold elsewhere).
    expect(await onHand('B')).toBe(49);
    const [ret] = await erp.connection.read<{ location_dest_id: [number, string] }>(
      'stock.picking',
      [returnTransfer!.returnId],
      ['location_dest_id'],
    );
    const [quant] = await erp.connection.create('stock.quant', [
      { product_id: ids.B!, location_id: ret!.location_dest_id[0], inventory_quantity: 0 },
    ]);
    await erp.connection.action('stock.quant', 'action_apply_inventory', [quant!]);
    expect(await onHand('B')).toBe(0);
    // action_validate answers the wizard (0 < 1); the client confirms it like "scrap anyway" in Odoo.
    await erp.scrapReturned(returnTransfer!.returnId, caseRef('R3'), [{ productId: ids.B!, quantity: 1 }]);
    expect(await onHand('B')).toBe(-1); // 0 − 1: Odoo leaves a negative quant
    const scraps = await erp.connection.searchRead<{ state: string; scrap_qty: number }>(
      'stock.scrap',
      [['origin', '=', caseRef('R3')]],
      ['state', 'scrap_qty'],
    );
    expect(scraps).toEqual([expect.objectContaining({ state: 'done', scrap_qty: 1 })]);
    await erp.scrapReturned(returnTransfer!.returnId, caseRef('R3'), [{ productId: ids.B!, quantity: 1 }]);
    expect(await onHand('B')).toBe(-1); // the replay scraps nothing more
    expect((await erp.findCaseDocuments(orders.PAID!, caseRef('R3'))).scrapped).toEqual([
      { productId: ids.B!, quantity: 1 },
    ]);
  });

  it('a credit note left in draft by a killed run: the order still reads paid, and the replay finishes that note', async () => {
    // A fresh paid order with no credit note yet: B 1 × 6.00 + 15% = 6.90.
    const [buyer] = await erp.connection.read<{ partner_id: [number, string] }>(
      'sale.order',
      [orders.PAID!],
      ['partner_id'],
    );
    const [made] = await erp.createOrders([draft('DRAFTCN', buyer!.partner_id[0], [['B', 1, 600]])]);
    const orderId = made!.ok ? made!.value.orderId : Number.NaN;
    await erp.confirmOrders([orderId]);
    await erp.validateDelivery(orderId, [{ productId: ids.B!, quantity: 1 }], null);
    await erp.invoiceAndRegisterPayment(orderId);
    expect((await erp.findOrdersByRefs([`RT-${run}-DRAFTCN`]))[0]!.invoiceStatus).toBe('paid');
    // The first calls of creditAndRefund alone, as a SIGKILL before action_post leaves them: the
    // reversal wizard on the paid invoice with the case in its reason → a draft out_refund, which
    // Odoo already counts against the invoiced quantity ('to invoice').
    const session = await erp.connect();
    const [order] = await erp.connection.read<{ invoice_ids: number[] }>(
      'sale.order',
      [orderId],
      ['invoice_ids'],
    );
    const ctx = { active_model: 'account.move', active_ids: [order!.invoice_ids[0]!] };
    const v16 = session.version.major < 17;
    const [wizardId] = await erp.connection.create(
      'account.move.reversal',
      [{ reason: `after-sales ${caseRef('DCN')}`, ...(v16 ? { refund_method: 'refund' } : {}) }],
      ctx,
    );
    await erp.connection.action(
      'account.move.reversal',
      v16 ? 'reverse_moves' : 'refund_moves',
      [wizardId!],
      ctx,
    );
    const [raw] = await erp.connection.read<{ invoice_status: string }>(
      'sale.order',
      [orderId],
      ['invoice_status'],
    );
    expect(raw!.invoice_status).toBe('to invoice');
    const pending = (await erp.findCaseDocuments(orderId, caseRef('DCN'))).creditNote;
    expect(pending).toMatchObject({ paid: false });
    // The order's own invoice was paid: the draft credit note does not make it unpaid.
    expect((await erp.findOrdersByRefs([`RT-${run}-DRAFTCN`]))[0]!.invoiceStatus).toBe('paid');
    // The replay finishes the same note: 6.90, posted and paid out.
    const r = await erp.creditAndRefund(orderId, caseRef('DCN'), [{ productId: ids.B!, quantity: 1 }]);
    expect(r).toEqual({ creditNoteId: pending!.creditNoteId, amount: money(690, 'USD') });
    expect((await erp.findOrdersByRefs([`RT-${run}-DRAFTCN`]))[0]!.invoiceStatus).toBe('paid');
  });

  it('the reversal wizard refuses refund_method from 17 on (ValueError, as recorded)', async () => {
    const session = await erp.connect();
    if (session.version.major < 17) return;
    const [order] = await erp.connection.read<{ invoice_ids: number[] }>(
      'sale.order',
      [orders.PAID!],
      ['invoice_ids'],
    );
    await expect(
      erp.connection.create('account.move.reversal', [{ reason: 'x', refund_method: 'refund' }], {
        active_model: 'account.move',
        active_ids: [Math.min(...order!.invoice_ids)],
      }),
    ).rejects.toThrow(/refund_method/);
  });
});
