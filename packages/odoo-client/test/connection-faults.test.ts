import { afterEach, describe, expect, it } from '@jest/globals';
import { OdooConnection, OdooConcurrencyError, OdooLoginError, OdooUnavailableError } from '../src/index.js';
import { startScriptedServer, type ScriptedServer } from './support/replay-server.js';

const VERSION = {
  server_version: '18.0',
  server_version_info: [18, 0, 0, 'final', 0, ''],
  server_serie: '18.0',
  protocol_version: 1,
};
const SERIALIZATION = {
  code: 200,
  message: 'Odoo Server Error',
  data: {
    name: 'psycopg2.errors.SerializationFailure',
    message: 'could not serialize access due to concurrent update',
    arguments: [],
    context: {},
    debug: 'Traceback (most recent call last):',
  },
};

type Rpc = { id: number; params: { service: string; method: string; args: unknown[] } };

/** JSON-RPC answers: version, authenticate → 2, and `object` calls decided by `object`. */
function odoo(
  object: (rpc: Rpc, n: number) => { status?: number; body?: unknown; error?: unknown; result?: unknown },
) {
  let objectCalls = 0;
  return ({ body }: { body: unknown }) => {
    const rpc = body as Rpc;
    if (rpc.params.method === 'version')
      return { status: 200, body: { jsonrpc: '2.0', id: rpc.id, result: VERSION } };
    if (rpc.params.method === 'authenticate')
      return { status: 200, body: { jsonrpc: '2.0', id: rpc.id, result: 2 } };
    const out = object(rpc, ++objectCalls);
    if (out.status && out.status !== 200)
      return { status: out.status, body: out.body ?? '<html>bad gateway</html>' };
    return {
      status: 200,
      body: { jsonrpc: '2.0', id: rpc.id, ...(out.error ? { error: out.error } : { result: out.result }) },
    };
  };
}

describe('retries inside one call (p-retry, injectable delays)', () => {
  let server: ScriptedServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const connect = (url: string, retries = 2) =>
    new OdooConnection({
      url,
      db: 'db',
      username: 'admin',
      password: 'secret-pw',
      protocol: 'jsonrpc',
      retry: { retries, minDelayMs: 1, maxDelayMs: 2, randomize: false },
    });

  it('a serialization failure is retried and then succeeds; every attempt is counted', async () => {
    server = await startScriptedServer(
      odoo((_rpc, n) => (n <= 2 ? { error: SERIALIZATION } : { result: [{ id: 1 }] })),
    );
    const c = connect(server.url);
    await expect(c.searchRead('res.partner', [], ['id'])).resolves.toEqual([{ id: 1 }]);
    expect(c.counter.snapshot()['res.partner.search_read']).toBe(3);
  });

  it('creates are retried after a serialization failure (rolled back, §3.3) but not after an ambiguous 502', async () => {
    server = await startScriptedServer(
      odoo((_rpc, n) => (n === 1 ? { error: SERIALIZATION } : n === 2 ? { result: [5] } : { status: 502 })),
    );
    const c = connect(server.url);
    await expect(c.create('sale.order', [{ partner_id: 1 }])).resolves.toEqual([5]);
    const err = await c.create('sale.order', [{ partner_id: 1 }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OdooUnavailableError);
    expect(c.counter.snapshot()['sale.order.create']).toBe(3);
  });

  it('gives up after the bounded attempts with a transient, typed error', async () => {
    server = await startScriptedServer(odoo(() => ({ error: SERIALIZATION })));
    const c = connect(server.url, 1);
    const err = await c.searchRead('res.partner', [], ['id']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OdooConcurrencyError);
    expect((err as OdooConcurrencyError).kind).toBe('transient');
    expect(c.counter.snapshot()['res.partner.search_read']).toBe(2);
  });

  it('a refused connection is transient and names ODOO_URL; the password never appears', async () => {
    server = await startScriptedServer(() => ({ status: 200, body: {} }));
    const url = server.url;
    await server.close();
    server = undefined;
    const err = await connect(url, 0)
      .connect()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OdooUnavailableError);
    expect((err as Error).message).toMatch(/unreachable at http:\/\/127\.0\.0\.1:\d+ \(ODOO_URL\)/);
    expect(JSON.stringify({ m: (err as Error).message, e: err })).not.toContain('secret-pw');
  });
});

describe('JSON-2 (Odoo 19)', () => {
  let server: ScriptedServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const V19 = {
    server_version: '19.0',
    server_version_info: [19, 0, 0, 'final', 0, ''],
    server_serie: '19.0',
    protocol_version: 1,
  };

  function json2(apiKey: string) {
    return ({ url, headers, body }: { url: string; headers: Record<string, unknown>; body: unknown }) => {
      if (url === '/jsonrpc') {
        const rpc = body as Rpc;
        if (rpc.params.method === 'version')
          return { status: 200, body: { jsonrpc: '2.0', id: rpc.id, result: V19 } };
        return {
          status: 200,
          body: { jsonrpc: '2.0', id: rpc.id, result: rpc.params.args[2] === apiKey ? 2 : false },
        };
      }
      if (headers.authorization !== `bearer ${apiKey}`)
        return { status: 401, body: { name: 'werkzeug.exceptions.Unauthorized', message: 'Invalid apikey' } };
      if (headers['x-odoo-database'] !== 'db19')
        return { status: 404, body: { name: 'werkzeug.exceptions.NotFound', message: 'no db' } };
      if (url === '/json/2/res.users/context_get') return { status: 200, body: { uid: 2, lang: 'en_US' } };
      if (url === '/json/2/sale.order/create') {
        const vals = (body as { vals_list: Array<Record<string, unknown>> }).vals_list;
        if (!vals.every((v) => v.partner_id)) {
          return {
            status: 422,
            body: {
              name: 'odoo.exceptions.ValidationError',
              message: 'The operation cannot be completed: missing partner_id',
            },
          };
        }
        return { status: 200, body: vals.map((_, i) => 10 + i) };
      }
      if (url === '/json/2/res.partner/search_read') return { status: 200, body: [{ id: 7, seen: body }] };
      return {
        status: 404,
        body: {
          name: 'werkzeug.exceptions.NotFound',
          message: 'Did you mean POST /json/2/<model>/<method>?',
        },
      };
    };
  }

  it('auto picks JSON-2 on 19 and sends named arguments with bearer key and database header', async () => {
    server = await startScriptedServer(json2('k'.repeat(40)));
    const c = new OdooConnection({
      url: server.url,
      db: 'db19',
      username: 'admin',
      password: 'k'.repeat(40),
    });
    expect(await c.connect()).toMatchObject({ protocol: 'json2', uid: 2, version: { major: 19 } });
    const rows = await c.searchRead('res.partner', [['id', '=', 7]], ['id'], {
      limit: 1,
      context: { lang: 'en_US' },
    });
    expect(rows[0]).toEqual({
      id: 7,
      seen: { domain: [['id', '=', 7]], fields: ['id'], limit: 1, context: { lang: 'en_US' } },
    });
    await expect(c.create('sale.order', [{ partner_id: 1 }, { partner_id: 2 }])).resolves.toEqual([10, 11]);
    const err = await c.create('sale.order', [{}]).catch((e: unknown) => e);
    expect(err).toMatchObject({
      kind: 'bad_input',
      httpStatus: 422,
      remoteCode: 'odoo.exceptions.ValidationError',
    });
  });

  it('auto falls back to JSON-RPC when JSON-2 refuses the secret; forced json2 fails with the login line', async () => {
    server = await startScriptedServer(json2('the-api-key-0000000000'));
    const auto = new OdooConnection({
      url: server.url,
      db: 'db19',
      username: 'admin',
      password: 'a-plain-password',
    });
    const err = await auto.connect().catch((e: unknown) => e);
    // The scripted JSON-RPC side only accepts the API key too, so both refuse: one clear line.
    expect(err).toBeInstanceOf(OdooLoginError);
    expect((err as Error).message).not.toContain('a-plain-password');
    const forced = new OdooConnection({
      url: server.url,
      db: 'db19',
      username: 'admin',
      password: 'nope-nope',
      protocol: 'json2',
    });
    await expect(forced.connect()).rejects.toThrow(/ODOO_USERNAME.*ODOO_PASSWORD.*ODOO_DB/);
  });
});
