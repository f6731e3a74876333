/** Control API: faults (downtime, latency, serialization failures), stats, stock, state, reset. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { demoProducts, startOdooSandbox, type RunningOdooSandbox } from '../src/index.js';
import { control, jsonRpc, objectClient } from './support/rpc.js';

describe('odoo sandbox control API', () => {
  let sandbox: RunningOdooSandbox;
  let ek: ReturnType<typeof objectClient>;

  beforeAll(async () => {
    sandbox = await startOdooSandbox({ port: 0, version: '18.0', products: demoProducts(3) });
    ek = objectClient(sandbox.url, 'odoo', 2, 'admin');
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('seeds the deterministic demo catalogue', async () => {
    expect(demoProducts(2).map((p) => p.defaultCode)).toEqual(['DEMO-0001-RED', 'DEMO-0002-BLUE']);
    expect(demoProducts(3)).toEqual(demoProducts(3));
    const rows = await ek<Array<{ default_code: string; qty_available: number }>>(
      'product.product',
      'search_read',
      [[['default_code', '=like', 'DEMO-%']]],
      {
        fields: ['default_code', 'qty_available'],
      },
    );
    expect(rows.map((r) => [r.default_code, r.qty_available])).toEqual(
      demoProducts(3).map((p) => [p.defaultCode, p.qtyOnHand]),
    );
  });

  it('POST stock sets on-hand quantity like an inventory adjustment (quant write_date moves)', async () => {
    const before = await ek<Array<{ write_date: string }>>(
      'stock.quant',
      'search_read',
      [
        [
          ['product_id.default_code', '=', 'DEMO-0001-RED'],
          ['location_id.usage', '=', 'internal'],
        ],
      ],
      { fields: ['write_date'] },
    );
    const r = await control(sandbox.url, 'POST', '/_sandbox/stock', {
      defaultCode: 'DEMO-0001-RED',
      qty: 250,
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ default_code: 'DEMO-0001-RED', qty_available: 250 });
    const moves = await ek<unknown[]>(
      'stock.move',
      'search_read',
      [
        [
          ['product_id.default_code', '=', 'DEMO-0001-RED'],
          ['is_inventory', '=', true],
        ],
      ],
      { fields: ['quantity'] },
    );
    expect(moves.length).toBe(2);
    const after = await ek<Array<{ write_date: string }>>(
      'stock.quant',
      'search_read',
      [
        [
          ['product_id.default_code', '=', 'DEMO-0001-RED'],
          ['location_id.usage', '=', 'internal'],
        ],
      ],
      { fields: ['write_date'] },
    );
    expect(after[0]!.write_date >= before[0]!.write_date).toBe(true);
    const badInput = await control(sandbox.url, 'POST', '/_sandbox/stock', { defaultCode: 'DEMO-0001-RED' });
    expect(badInput.status).toBe(400);
    expect(badInput.body.error).toContain('qty');
    expect(
      (await control(sandbox.url, 'POST', '/_sandbox/stock', { defaultCode: 'NOPE', qty: 1 })).status,
    ).toBe(404);
  });

  it('GET state/<model> shows sale orders with their lines', async () => {
    const [partner] = await ek<number[]>('res.partner', 'create', [[{ name: 'State Test' }]]);
    const productIds = await ek<number[]>('product.product', 'search', [
      [['default_code', '=', 'DEMO-0002-BLUE']],
    ]);
    const orderId = await ek<number>('sale.order', 'create', [
      { partner_id: partner, order_line: [[0, 0, { product_id: productIds[0], product_uom_qty: 2 }]] },
    ]);
    const r = await control(sandbox.url, 'GET', `/_sandbox/state/sale.order?ids=${orderId}`);
    expect(r.status).toBe(200);
    expect(r.body.records[0]).toMatchObject({ id: orderId, state: 'draft' });
    expect(r.body.records[0].lines).toHaveLength(1);
    expect((await control(sandbox.url, 'GET', '/_sandbox/state/no.such.model')).status).toBe(404);
  });

  it('counts calls per model/method and resets the counters', async () => {
    await control(sandbox.url, 'POST', '/_sandbox/stats/reset');
    await ek('res.partner', 'search_count', [[]]);
    await ek('res.partner', 'search_count', [[]]);
    await jsonRpc(sandbox.url, 'common', 'version', []);
    const stats = await control(sandbox.url, 'GET', '/_sandbox/stats');
    expect(stats.body).toMatchObject({
      totalCalls: 3,
      calls: { 'common.version': 1, 'res.partner.search_count': 2 },
    });
    // Two ORM methods ran (common.version is no ORM call): some time was spent inside them.
    expect(stats.body.busyMs).toBeGreaterThan(0);
    await control(sandbox.url, 'POST', '/_sandbox/stats/reset');
    expect((await control(sandbox.url, 'GET', '/_sandbox/stats')).body.totalCalls).toBe(0);
    expect((await control(sandbox.url, 'GET', '/_sandbox/stats')).body.busyMs).toBe(0);
  });

  it('answers serialization failures with the psycopg2 error shape and rolls nothing in', async () => {
    await control(sandbox.url, 'POST', '/_sandbox/faults', { serializationFailureRate: 1 });
    const r = await jsonRpc(sandbox.url, 'object', 'execute_kw', [
      'odoo',
      2,
      'admin',
      'res.partner',
      'create',
      [{ name: 'Never' }],
    ]);
    expect(r.error).toMatchObject({
      code: 200,
      message: 'Odoo Server Error',
      data: {
        name: 'psycopg2.errors.SerializationFailure',
        message: 'could not serialize access due to concurrent update\n',
      },
    });
    await control(sandbox.url, 'DELETE', '/_sandbox/faults');
    expect(await ek('res.partner', 'search_count', [[['name', '=', 'Never']]])).toBe(0);
    await control(sandbox.url, 'POST', '/_sandbox/faults', { serializationFailureNext: 1 });
    const first = await jsonRpc(sandbox.url, 'object', 'execute_kw', [
      'odoo',
      2,
      'admin',
      'res.partner',
      'search_count',
      [[]],
    ]);
    const second = await jsonRpc(sandbox.url, 'object', 'execute_kw', [
      'odoo',
      2,
      'admin',
      'res.partner',
      'search_count',
      [[]],
    ]);
    expect(first.error?.data.name).toBe('psycopg2.errors.SerializationFailure');
    expect(typeof second.result).toBe('number');
  });

  it('rolls back the whole call when a batch create fails halfway', async () => {
    const before = await ek<number>('res.partner', 'search_count', [[]]);
    const r = await jsonRpc(sandbox.url, 'object', 'execute_kw', [
      'odoo',
      2,
      'admin',
      'res.partner',
      'create',
      [[{ name: 'First' }, { email: 'x@example.com' }]],
    ]);
    expect(r.error?.data.name).toBe('odoo.exceptions.ValidationError');
    expect(await ek<number>('res.partner', 'search_count', [[]])).toBe(before);
  });

  it('goes down (connection closed or 503) and comes back; control stays reachable', async () => {
    await control(sandbox.url, 'POST', '/_sandbox/faults', { downForMs: 60_000 });
    await expect(jsonRpc(sandbox.url, 'common', 'version', [])).rejects.toThrow();
    await control(sandbox.url, 'POST', '/_sandbox/faults', { downMode: '503' });
    const res = await fetch(`${sandbox.url}/jsonrpc`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(503);
    await control(sandbox.url, 'DELETE', '/_sandbox/faults');
    expect((await jsonRpc(sandbox.url, 'common', 'version', [])).result).toMatchObject({
      server_version: '18.0',
    });
    const bad = await control(sandbox.url, 'POST', '/_sandbox/faults', { latencyMs: -1 });
    expect(bad.status).toBe(400);
  });

  it('adds latency to RPC calls', async () => {
    await control(sandbox.url, 'POST', '/_sandbox/faults', { latencyMs: 50 });
    expect((await control(sandbox.url, 'GET', '/_sandbox/faults')).body.latencyMs).toBe(50);
    expect((await jsonRpc(sandbox.url, 'common', 'version', [])).result).toMatchObject({
      protocol_version: 1,
    });
    await control(sandbox.url, 'DELETE', '/_sandbox/faults');
  });

  it('POST reset restores the fresh database', async () => {
    await ek('res.partner', 'create', [{ name: 'Before Reset' }]);
    expect((await control(sandbox.url, 'POST', '/_sandbox/reset')).status).toBe(200);
    expect(await ek('res.partner', 'search_count', [[['name', '=', 'Before Reset']]])).toBe(0);
    expect(await ek('sale.order', 'search_count', [[]])).toBe(0);
  });
});
