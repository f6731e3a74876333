/**
 * End-to-end flows per version over real HTTP (JSON-2 for 19 and 20): customer → SKU lookup → order →
 * confirm → delivery with tracking ref → invoice → payment → return; cancel; error shapes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startOdooSandbox, type RunningOdooSandbox } from '../src/index.js';
import { flowClient, OdooCallError, type FlowClient } from './support/flow-client.js';
import { jsonRpc, postJson } from './support/rpc.js';

const PRODUCTS = [
  { defaultCode: 'FLOW-0001-RED', name: 'Flow Widget Red', listPrice: 20, qtyOnHand: 10 },
  {
    defaultCode: 'FLOW-0002-BLUE',
    name: 'Flow Gadget Blue',
    listPriceMinor: 1000,
    qtyOnHand: 5,
    barcode: '4006381333931',
  },
];

async function expectOdooError(p: Promise<unknown>, name: string, status: number): Promise<OdooCallError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OdooCallError);
  expect((err as OdooCallError).odooName).toBe(name);
  expect((err as OdooCallError).httpStatus).toBe(status);
  return err as OdooCallError;
}

describe.each(['17.0', '18.0', '19.0', '20.0'] as const)('Odoo %s flows', (version) => {
  const major = Number(version.slice(0, 2));
  const json2 = major >= 19;
  const jsonRpcServed = major < 20;
  const whKey = major >= 18 ? 'warehouse_id' : 'warehouse';
  let sandbox: RunningOdooSandbox;
  let odoo: FlowClient;
  let partnerId: number;
  let productId: number;
  let pickingId: number;
  let orderId: number;

  const stock = async (id: number) =>
    (
      await odoo.call<Array<{ qty_available: number; free_qty: number }>>(
        'product.product',
        'read',
        [id],
        { fields: ['qty_available', 'free_qty'] },
        { [whKey]: 1 },
      )
    )[0]!;

  beforeAll(async () => {
    sandbox = await startOdooSandbox({
      port: 0,
      version,
      db: 'flowdb',
      username: 'admin',
      password: 'secret-key',
      products: PRODUCTS,
    });
    odoo = flowClient(sandbox.url, 'flowdb', 'secret-key', json2);
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('creates the customer and finds products by default_code and barcode', async () => {
    const created = await odoo.call<number[]>('res.partner', 'create', null, {
      vals_list: [
        { name: 'Jane Flow', email: 'jane.flow@example.com', phone: '+1 555 0100', country_id: 233 },
      ],
    });
    partnerId = created[0]!;
    const found = await odoo.call<Array<{ id: number }>>('res.partner', 'search_read', null, {
      domain: [
        ['email', '=ilike', 'JANE.FLOW@example.com'],
        ['parent_id', '=', false],
      ],
      fields: ['id'],
    });
    expect(found).toEqual([{ id: partnerId }]);
    const products = await odoo.call<Array<{ id: number; default_code: string }>>(
      'product.product',
      'search_read',
      null,
      {
        domain: [['default_code', 'in', ['FLOW-0001-RED', 'FLOW-0002-BLUE']]],
        fields: ['default_code', major >= 18 ? 'is_storable' : 'detailed_type'],
        order: 'default_code asc',
      },
    );
    expect(products.map((p) => p.default_code)).toEqual(['FLOW-0001-RED', 'FLOW-0002-BLUE']);
    productId = products[0]!.id;
    const byBarcode = await odoo.call<number[]>('product.product', 'search', null, {
      domain: [['barcode', '=', '4006381333931']],
    });
    expect(byBarcode).toEqual([products[1]!.id]);
  });

  it('creates, confirms and delivers an order with a tracking reference; stock goes down', async () => {
    const taxField = major >= 19 ? 'tax_ids' : 'tax_id';
    [orderId] = (await odoo.call<number[]>('sale.order', 'create', null, {
      vals_list: [
        {
          partner_id: partnerId,
          client_order_ref: 'FLOW-1',
          order_line: [[0, 0, { product_id: productId, product_uom_qty: 3, price_unit: 20 }]],
        },
      ],
    })) as [number];
    const [order] = await odoo.call<Array<Record<string, unknown>>>('sale.order', 'read', [orderId], {
      fields: ['name', 'state', 'amount_untaxed', 'amount_tax', 'amount_total', 'order_line'],
    });
    expect(order).toMatchObject({
      name: 'S00001',
      state: 'draft',
      amount_untaxed: 60,
      amount_tax: 9,
      amount_total: 69,
    });
    const [line] = await odoo.call<Array<Record<string, unknown>>>(
      'sale.order.line',
      'read',
      order!.order_line as number[],
      { fields: [taxField] },
    );
    expect(line![taxField]).toEqual([1]);

    expect(await odoo.call('sale.order', 'action_confirm', [orderId])).toBe(true);
    expect(await stock(productId)).toEqual({ id: productId, qty_available: 10, free_qty: 7 });
    const [confirmed] = await odoo.call<Array<{ picking_ids: number[] }>>('sale.order', 'read', [orderId], {
      fields: ['picking_ids'],
    });
    pickingId = confirmed!.picking_ids[0]!;
    const moves = await odoo.call<Array<{ id: number; quantity: number }>>(
      'stock.move',
      'search_read',
      null,
      {
        domain: [['picking_id', '=', pickingId]],
        fields: ['quantity'],
      },
    );
    expect(moves).toEqual([{ id: moves[0]!.id, quantity: 3 }]);
    await odoo.call('stock.move', 'write', [moves[0]!.id], { vals: { quantity: 3, picked: true } });
    await odoo.call('stock.picking', 'write', [pickingId], {
      vals: { carrier_tracking_ref: '1Z999AA10123456784' },
    });
    const wizard = await odoo.call<Record<string, unknown>>('stock.picking', 'button_validate', [pickingId]);
    expect(wizard).toMatchObject({ res_model: 'confirm.stock.sms', type: 'ir.actions.act_window' });
    expect(await odoo.call('stock.picking', 'button_validate', [pickingId], {}, { skip_sms: true })).toBe(
      true,
    );
    const [picking] = await odoo.call<Array<Record<string, unknown>>>('stock.picking', 'read', [pickingId], {
      fields: ['state', 'carrier_tracking_ref', 'name', 'origin'],
    });
    expect(picking).toMatchObject({
      state: 'done',
      carrier_tracking_ref: '1Z999AA10123456784',
      name: 'WH/OUT/00001',
    });
    expect(await stock(productId)).toEqual({ id: productId, qty_available: 7, free_qty: 7 });
    const [delivered] = await odoo.call<Array<Record<string, unknown>>>('sale.order', 'read', [orderId], {
      fields: ['delivery_status', 'invoice_status'],
    });
    expect(delivered).toMatchObject({ delivery_status: 'full', invoice_status: 'to invoice' });
  });

  it('invoices, posts and pays the order', async () => {
    const ctx = { active_model: 'sale.order', active_ids: [orderId], active_id: orderId };
    const [wizardId] = (await odoo.call<number[]>(
      'sale.advance.payment.inv',
      'create',
      null,
      { vals_list: [{ advance_payment_method: 'delivered' }] },
      ctx,
    )) as [number];
    const action = await odoo.call<{ res_model: string; res_id: number }>(
      'sale.advance.payment.inv',
      'create_invoices',
      [wizardId],
      {},
      ctx,
    );
    expect(action.res_model).toBe('account.move');
    const invoiceId = action.res_id;
    expect(await odoo.call('account.move', 'action_post', [invoiceId])).toBe(false);
    const payCtx = { active_model: 'account.move', active_ids: [invoiceId] };
    const [registerId] = (await odoo.call<number[]>(
      'account.payment.register',
      'create',
      null,
      { vals_list: [{}] },
      payCtx,
    )) as [number];
    const paid = await odoo.call<{ res_model: string }>(
      'account.payment.register',
      'action_create_payments',
      [registerId],
      {},
      payCtx,
    );
    expect(paid.res_model).toBe('account.payment');
    const [invoice] = await odoo.call<Array<Record<string, unknown>>>('account.move', 'read', [invoiceId], {
      fields: ['name', 'state', 'payment_state', 'amount_total', 'amount_residual', 'ref', 'invoice_origin'],
    });
    expect(invoice).toMatchObject({
      name: 'INV/' + String(new Date().getUTCFullYear()) + '/00001',
      state: 'posted',
      payment_state: 'paid',
      amount_total: 69,
      amount_residual: 0,
      ref: 'FLOW-1',
      invoice_origin: 'S00001',
    });
  });

  it('returns one unit: the return picking restores stock and lowers qty_delivered', async () => {
    const ctx = { active_id: pickingId, active_ids: [pickingId], active_model: 'stock.picking' };
    const [wizardId] = (await odoo.call<number[]>(
      'stock.return.picking',
      'create',
      null,
      { vals_list: [{}] },
      ctx,
    )) as [number];
    const [wizard] = await odoo.call<Array<{ product_return_moves: number[] }>>(
      'stock.return.picking',
      'read',
      [wizardId],
      { fields: ['product_return_moves'] },
    );
    const lineId = wizard!.product_return_moves[0]!;
    await odoo.call('stock.return.picking', 'write', [wizardId], {
      vals: { product_return_moves: [[1, lineId, { quantity: 1 }]] },
    });
    const method = major >= 18 ? 'action_create_returns' : 'create_returns';
    const action = await odoo.call<{ res_id: number }>('stock.return.picking', method, [wizardId], {}, ctx);
    const moves = await odoo.call<Array<{ id: number }>>('stock.move', 'search_read', null, {
      domain: [['picking_id', '=', action.res_id]],
      fields: ['id'],
    });
    await odoo.call('stock.move', 'write', [moves[0]!.id], { vals: { quantity: 1, picked: true } });
    expect(await odoo.call('stock.picking', 'button_validate', [action.res_id])).toBe(true);
    expect(await stock(productId)).toEqual({ id: productId, qty_available: 8, free_qty: 8 });
    const lines = await odoo.call<Array<{ qty_delivered: number }>>('sale.order.line', 'search_read', null, {
      domain: [['order_id', '=', orderId]],
      fields: ['qty_delivered'],
    });
    expect(lines[0]!.qty_delivered).toBe(2);
  });

  it('cancelling a confirmed order releases its reservation', async () => {
    const [id] = (await odoo.call<number[]>('sale.order', 'create', null, {
      vals_list: [
        {
          partner_id: partnerId,
          client_order_ref: 'FLOW-2',
          order_line: [[0, 0, { product_id: productId, product_uom_qty: 2 }]],
        },
      ],
    })) as [number];
    await odoo.call('sale.order', 'action_confirm', [id]);
    expect((await stock(productId)).free_qty).toBe(6);
    if (major <= 18) {
      const wizard = await odoo.call<Record<string, unknown>>('sale.order', 'action_cancel', [id]);
      expect(wizard).toMatchObject({ res_model: 'sale.order.cancel' });
    }
    expect(await odoo.call('sale.order', 'action_cancel', [id], {}, { disable_cancel_warning: true })).toBe(
      true,
    );
    expect((await stock(productId)).free_qty).toBe(8);
    const pickings = await odoo.call<Array<{ state: string }>>('stock.picking', 'search_read', null, {
      domain: [['sale_id', '=', id]],
      fields: ['state'],
    });
    expect(pickings.map((p) => p.state)).toEqual(['cancel']);
  });

  it('answers errors with Odoo shapes', async () => {
    await expectOdooError(
      odoo.call('sale.order', 'write', [orderId], { vals: { x_bad_field: 1 } }),
      'builtins.ValueError',
      json2 ? 500 : 200,
    );
    await expectOdooError(
      odoo.call('sale.order', 'write', [99999999], { vals: { note: 'x' } }),
      'odoo.exceptions.MissingError',
      json2 ? 404 : 200,
    );
    const v = await expectOdooError(
      odoo.call('sale.order', 'create', null, { vals_list: [{ client_order_ref: 'NO-PARTNER' }] }),
      'odoo.exceptions.ValidationError',
      json2 ? 422 : 200,
    );
    expect(v.message).toContain('Field: Customer (partner_id)');
    await expectOdooError(
      odoo.call('sale.order', '_create_invoices', [orderId]),
      'odoo.exceptions.AccessError',
      json2 ? 403 : 200,
    );
    await expectOdooError(
      odoo.call('sale.order', 'unlink', [orderId]),
      'odoo.exceptions.UserError',
      json2 ? 422 : 200,
    );
  });

  (jsonRpcServed ? it : it.skip)('refuses bad credentials over /jsonrpc', async () => {
    const auth = await jsonRpc(sandbox.url, 'common', 'authenticate', ['flowdb', 'admin', 'wrong', {}]);
    expect(auth).toEqual({ jsonrpc: '2.0', id: 1, result: false });
    const denied = await jsonRpc(sandbox.url, 'object', 'execute_kw', [
      'flowdb',
      2,
      'wrong',
      'res.partner',
      'search_count',
      [[]],
    ]);
    expect(denied.error).toMatchObject({
      code: major >= 19 ? 0 : 200,
      message: 'Odoo Server Error',
      data: { name: 'odoo.exceptions.AccessDenied', message: 'Access Denied' },
    });
  });

  (json2 ? it : it.skip)('refuses a bad API key over JSON-2', async () => {
    const r = await postJson(
      `${sandbox.url}/json/2/res.partner/search_count`,
      { domain: [] },
      { authorization: 'bearer wrong' },
    );
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ name: 'werkzeug.exceptions.Unauthorized' });
  });
});
