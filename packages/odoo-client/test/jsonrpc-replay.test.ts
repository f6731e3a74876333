import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  JsonRpcTransport,
  OdooConnection,
  OdooLoginError,
  OdooMissingError,
  OdooRequestError,
  OdooUserError,
} from '../src/index.js';
import { FIXTURE_VERSIONS, loadFlow } from './support/fixtures.js';
import { startReplayServer, type ReplayServer } from './support/replay-server.js';

const http = (url: string) => ({ url, timeoutMs: 5000, userAgent: 'test', secrets: ['admin'] });

describe.each(FIXTURE_VERSIONS)('JSON-RPC transport replayed against real Odoo %s recordings', (version) => {
  const flows = [
    'auth',
    'setup',
    'order_create',
    'errors',
    'order_cancel',
    'order_return',
    'stock_changes',
  ].map((f) => loadFlow(version, f));
  const db = flows[0]!.db;
  let server: ReplayServer;

  beforeAll(async () => {
    server = await startReplayServer(flows.flatMap((f) => f.exchanges));
  });
  afterAll(() => server.close());

  const conn = (password = 'admin') =>
    new OdooConnection({
      url: server.url,
      db,
      username: 'admin',
      password,
      protocol: 'jsonrpc',
      retry: { retries: 0 },
    });

  it('connects: common.version then common.authenticate → uid 2, counted', async () => {
    const c = conn();
    const session = await c.connect();
    expect(session).toMatchObject({
      uid: 2,
      protocol: 'jsonrpc',
      version: { major: Number(version.slice(0, 2)) },
    });
    expect(c.counter.snapshot()).toEqual({ 'common.authenticate': 1, 'common.version': 1 });
  });

  it('a wrong password fails at start-up with one line naming the variables, never the password', async () => {
    const err = (await conn('wrong-password')
      .connect()
      .catch((e: unknown) => e)) as OdooLoginError;
    expect(err).toBeInstanceOf(OdooLoginError);
    expect(err.kind).toBe('credentials');
    expect(err.message).toMatch(/ODOO_USERNAME.*ODOO_PASSWORD.*ODOO_DB/);
    expect(err.message).toContain(server.url);
    expect(err.message).not.toContain('wrong-password');
    expect(err.message.split('\n')).toHaveLength(1);
  });

  it('an unknown database names ODOO_DB', async () => {
    const err = await new OdooConnection({
      url: server.url,
      db: 'no_such_db',
      username: 'admin',
      password: 'admin',
      protocol: 'jsonrpc',
    })
      .connect()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OdooLoginError);
    expect((err as Error).message).toMatch(/no database "no_such_db": check ODOO_DB/);
  });

  it('sends search_read/read/create like the recorded client and reads the answers', async () => {
    const c = conn();
    const find = () =>
      c.searchRead(
        'res.partner',
        [
          ['email', '=ilike', 'jane.doe@example.com'],
          ['parent_id', '=', false],
        ],
        ['id', 'name', 'email'],
        { limit: 1 },
      );
    expect(await find()).toEqual([]);
    const vals = {
      name: 'Jane Doe',
      email: 'jane.doe@example.com',
      phone: '+1 555 0100',
      street: '1 Market St',
      street2: 'Suite 5',
      city: 'San Francisco',
      zip: '94105',
      country_id: 233,
      state_id: 13,
      ref: 'MKTCUST-42',
    };
    const created = await new JsonRpcTransport(http(server.url)).executeKw(db, 2, 'admin', {
      model: 'res.partner',
      method: 'create',
      params: { vals_list: vals },
    });
    expect(typeof created).toBe('number');
    expect(await find()).toEqual([{ id: created, name: 'Jane Doe', email: 'jane.doe@example.com' }]);
    const rows = await c.read('sale.order', [99999999], ['name']);
    expect(rows).toEqual([]);
  });

  it('a method returning None (result key omitted) resolves to null', async () => {
    const t = new JsonRpcTransport(http(server.url));
    const res = await t.executeKw(db, 2, 'admin', {
      model: 'stock.quant',
      method: 'action_apply_inventory',
      ids: [1, 2, 3],
      context: { inventory_mode: true },
    });
    expect(res).toBeNull();
  });

  it('Odoo errors come back typed with their message', async () => {
    const c = conn();
    const missing = await c.write('sale.order', [99999999], { note: 'x' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(OdooMissingError);
    expect((missing as OdooMissingError).odooMessage).toMatch(/Record does not exist/);
    const unknownField = await c
      .write('sale.order', [1], { x_marketplace_nonexistent: 1 })
      .catch((e: unknown) => e);
    expect(unknownField).toBeInstanceOf(OdooRequestError);
    expect((unknownField as Error).message).toContain(
      "Invalid field 'x_marketplace_nonexistent' on model 'sale.order'",
    );
    const unlink = await c.action('sale.order', 'unlink', [1]).catch((e: unknown) => e);
    expect(unlink).toBeInstanceOf(OdooUserError);
    expect((unlink as OdooUserError).kind).toBe('business');
  });
});
