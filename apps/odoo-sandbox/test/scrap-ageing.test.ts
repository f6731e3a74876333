/**
 * Scrap and stock ageing as recorded from real Odoo (fixtures stock_scrap_ageing, 17.0 and 18.0;
 * 16 and 19 answer the same here): a scrap with too little on hand answers the insufficient-quantity
 * wizard, whose `action_done` scraps anyway; a receipt into a positive quant keeps its `in_date`.
 * The clock moves one second per request, so "kept" and "new" dates can be told apart.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startOdooSandbox, type RunningOdooSandbox } from '../src/index.js';
import { objectClient } from './support/rpc.js';

const PRODUCTS = [
  { defaultCode: 'SCR-STOCK', name: 'Scrap Stocked', listPrice: 5, qtyOnHand: 10 },
  { defaultCode: 'SCR-ZERO', name: 'Scrap Zero', listPrice: 5, qtyOnHand: 0 },
];

function steppingClock(): () => Date {
  let t = Date.UTC(2026, 10, 30, 11, 0, 0);
  return () => new Date((t += 1000));
}

interface QuantRow {
  id: number;
  location_id: [number, string];
  quantity: number;
  in_date: string | false;
}

describe.each(['16.0', '17.0', '18.0', '19.0'] as const)('Odoo %s scrap and ageing', (version) => {
  const major = Number(version.slice(0, 2));
  let sandbox: RunningOdooSandbox;
  let ek: ReturnType<typeof objectClient>;
  const ids: Record<string, number> = {};
  const quants = (productId: number) =>
    ek<QuantRow[]>('stock.quant', 'search_read', [[['product_id', '=', productId]]], {
      fields: ['location_id', 'quantity', 'in_date'],
      order: 'location_id',
    });

  beforeAll(async () => {
    sandbox = await startOdooSandbox({
      port: 0,
      version,
      db: 'scrapdb',
      username: 'admin',
      password: 'admin',
      clock: steppingClock(),
      products: PRODUCTS,
    });
    ek = objectClient(sandbox.url, 'scrapdb', 2, 'admin');
    const rows = await ek<Array<{ id: number; default_code: string }>>(
      'product.product',
      'search_read',
      [[['default_code', 'in', PRODUCTS.map((p) => p.defaultCode)]]],
      { fields: ['default_code'] },
    );
    for (const r of rows) ids[r.default_code] = r.id;
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('scrap with stock validates at once (true); 10 − 1 = 9 left', async () => {
    const [scrapId] = [
      await ek<number>('stock.scrap', 'create', [{ product_id: ids['SCR-STOCK'], scrap_qty: 1 }]),
    ];
    expect(await ek('stock.scrap', 'action_validate', [[scrapId]])).toBe(true);
    const [wh] = (await quants(ids['SCR-STOCK']!)).filter((q) => q.location_id[0] === 8);
    expect(wh!.quantity).toBe(9);
  });

  it('without stock: the insufficient-quantity wizard, confirmed with action_done → scrapped, quant −1 dated now', async () => {
    const productId = ids['SCR-ZERO']!;
    const scrapId = await ek<number>('stock.scrap', 'create', [{ product_id: productId, scrap_qty: 1 }]);
    const action = await ek<Record<string, unknown>>('stock.scrap', 'action_validate', [[scrapId]]);
    // As recorded (#9), with 16/19 borrowing the nearest version's view id.
    expect(action).toEqual({
      name: '[SCR-ZERO] Scrap Zero: Insufficient Quantity To Scrap',
      view_mode: 'form',
      res_model: 'stock.warn.insufficient.qty.scrap',
      view_id: major >= 18 ? 900 : 851,
      type: 'ir.actions.act_window',
      context: {
        default_product_id: productId,
        default_location_id: 8,
        default_scrap_id: scrapId,
        default_quantity: 1,
        default_product_uom_name: 'Units',
      },
      target: 'new',
    });
    const [before] = await ek<Array<{ state: string; name: string }>>('stock.scrap', 'read', [
      [scrapId],
      ['state', 'name'],
    ]);
    expect(before).toMatchObject({ state: 'draft', name: 'New' }); // nothing moved yet
    const context = action.context as Record<string, unknown>;
    const wizardId = await ek<number>('stock.warn.insufficient.qty.scrap', 'create', [{}], { context });
    const [wizard] = await ek<Array<Record<string, unknown>>>('stock.warn.insufficient.qty.scrap', 'read', [
      [wizardId],
      ['product_id', 'location_id', 'scrap_id', 'quantity', 'product_uom_name'],
    ]);
    expect(wizard).toEqual({
      id: wizardId,
      product_id: [productId, '[SCR-ZERO] Scrap Zero'],
      location_id: [8, 'WH/Stock'],
      scrap_id: [scrapId, 'New'],
      quantity: 1,
      product_uom_name: 'Units',
    });
    expect(await ek('stock.warn.insufficient.qty.scrap', 'action_done', [[wizardId]], { context })).toBe(
      true,
    );
    const [after] = await ek<Array<{ state: string; name: string }>>('stock.scrap', 'read', [
      [scrapId],
      ['state', 'name'],
    ]);
    // The second scrap of this database: SP/00002.
    expect(after).toEqual({ id: scrapId, state: 'done', name: 'SP/00002' });
    const rows = await quants(productId);
    // 0 − 1 = −1 in WH/Stock (8), +1 in Virtual Locations/Scrap (16), both dated at the scrap (#13).
    expect(rows.map((q) => [q.location_id[0], q.quantity])).toEqual([
      [8, -1],
      [16, 1],
    ]);
    expect(rows[0]!.in_date).toBe(rows[1]!.in_date);
  });

  it('a vendor receipt into the positive quant keeps its in_date (ageing must read move-line dates)', async () => {
    const productId = ids['SCR-STOCK']!;
    const [wh] = (await quants(productId)).filter((q) => q.location_id[0] === 8);
    const pickingId = await ek<number>('stock.picking', 'create', [
      {
        picking_type_id: 1,
        location_id: 4,
        location_dest_id: 8,
        origin: 'SCR-RCPT-1',
        move_ids: [
          [
            0,
            0,
            {
              name: 'receipt',
              product_id: productId,
              product_uom_qty: 5,
              product_uom: 1,
              location_id: 4,
              location_dest_id: 8,
            },
          ],
        ],
      },
    ]);
    // Named at create from the Receipts sequence, the first receipt of this database (#22).
    const [created] = await ek<Array<{ name: string }>>('stock.picking', 'read', [[pickingId], ['name']]);
    expect(created!.name).toBe('WH/IN/00001');
    await ek('stock.picking', 'action_confirm', [[pickingId]]);
    const [move] = await ek<Array<{ id: number }>>(
      'stock.move',
      'search_read',
      [[['picking_id', '=', pickingId]]],
      {
        fields: ['id'],
      },
    );
    await ek('stock.move', 'write', [
      [move!.id],
      major >= 17 ? { quantity: 5, picked: true } : { quantity_done: 5 },
    ]);
    expect(await ek('stock.picking', 'button_validate', [[pickingId]])).toBe(true);
    const [afterReceipt] = (await quants(productId)).filter((q) => q.location_id[0] === 8);
    expect(afterReceipt!.quantity).toBe(14); // 9 + 5
    expect(afterReceipt!.in_date).toBe(wh!.in_date);
    const lines = await ek<Array<{ date: string; reference: string }>>(
      'stock.move.line',
      'search_read',
      [
        [
          ['product_id', '=', productId],
          ['picking_code', '=', 'incoming'],
          ['state', '=', 'done'],
        ],
      ],
      { fields: ['date', 'reference'] },
    );
    expect(lines.map((l) => l.reference)).toEqual(['WH/IN/00001']);
    expect(lines[0]!.date > String(wh!.in_date)).toBe(true); // the receipt is newer than the quant's date
  });
});
