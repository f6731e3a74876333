import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { money } from '@temu-odoo/core';
import { OdooErp } from '../src/index.js';
import {
  describeEachOdoo16to19,
  startTarget,
  type OdooTarget,
  type SeedProduct,
} from './support/odoo-target.js';

/**
 * The seller's return label attached to the case's return picking (ReturnLabelErpPort): one
 * `ir.attachment` per case, found again by its name. Sandbox as 16–19, or the real Odoo from env.
 */
const describeTarget = describeEachOdoo16to19();

/** A 1×1 PNG (70 bytes): what the label sandbox serves. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describeTarget('OdooErp return label attachment (sandbox %s or the real Odoo from env)', (version) => {
  const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`.toUpperCase();
  const sku = `RL-${run}`;
  const products: SeedProduct[] = [
    { defaultCode: sku, name: `Label Widget ${run}`, listPrice: 10, qtyOnHand: 20 },
  ];
  const caseRef = `PAS-${run}-L`;
  let target: OdooTarget;
  let erp: OdooErp;
  let returnId: number;

  beforeAll(async () => {
    target = await startTarget(version, products);
    erp = new OdooErp({ ...target.options, retry: { retries: 2, minDelayMs: 5, maxDelayMs: 20 } });
    const productId = (await erp.resolveProducts([sku])).get(sku)!;
    const [buyer] = await erp.findOrCreateCustomers([
      {
        key: `shop-1:rl-${run}@relay.example.com`.toLowerCase(),
        shopId: 'shop-1',
        buyer: {
          name: `Label Buyer ${run}`,
          email: `rl-${run}@relay.example.com`.toLowerCase(),
          phone: null,
        },
        address: null,
      },
    ]);
    const [created] = await erp.createOrders([
      {
        orderRef: `RL-${run}`,
        shopId: 'shop-1',
        region: 'US',
        partnerId: buyer!.partnerId,
        deliveryPartnerId: buyer!.partnerId,
        currency: 'USD',
        note: 'return label contract test',
        pricedByEstimate: false,
        charges: [],
        expectedTotal: null,
        lines: [
          {
            productId,
            sku,
            lineId: 'L-0',
            quantity: 1,
            unitPrice: money(1000, 'USD'),
            taxRate: null,
            tax: { kind: 'erp_default' },
            title: 'item',
          },
        ],
      },
    ]);
    if (!created?.ok) throw new Error('order not created');
    const orderId = created.value.orderId;
    await erp.confirmOrders([orderId]);
    await erp.validateDelivery(orderId, [{ productId, quantity: 1 }], null);
    ({ returnId } = await erp.createCaseReturn(orderId, caseRef, [{ productId, quantity: 1 }]));
  }, 60_000);
  afterAll(async () => {
    await target?.close();
  });

  it('no label yet: nothing found', async () => {
    await expect(erp.findReturnLabelAttachment(returnId, caseRef)).resolves.toBeNull();
  });

  it('attaches the label once to the return picking, with Odoo deriving the file size', async () => {
    const file = { fileName: 'x.png', mimetype: 'image/png', content: PNG };
    const { attachmentId } = await erp.attachReturnLabel(returnId, caseRef, file);
    await expect(erp.attachReturnLabel(returnId, caseRef, file)).resolves.toEqual({ attachmentId });
    await expect(erp.findReturnLabelAttachment(returnId, caseRef)).resolves.toBe(attachmentId);
    const rows = await erp.connection.searchRead<Record<string, unknown>>(
      'ir.attachment',
      [
        ['res_model', '=', 'stock.picking'],
        ['res_id', '=', returnId],
      ],
      ['name', 'mimetype', 'file_size', 'datas', 'type'],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: attachmentId,
      name: `return-label-${caseRef}.png`,
      mimetype: 'image/png',
      type: 'binary',
      // 96 base64 characters = 24 groups of 3 bytes, minus 2 for the "==" padding: 70 bytes
      file_size: 70,
      datas: PNG.toString('base64'),
    });
    // another case's label on the same picking is not this case's
    await expect(erp.findReturnLabelAttachment(returnId, `${caseRef}X`)).resolves.toBeNull();
  });
});
