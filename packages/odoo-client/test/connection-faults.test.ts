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

  it('creates are retried after a serialization failure (rolled back, docs/odoo-api.md §3.3) but not after an ambiguous 502', async () => {
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

describe('JSON-2 (Odoo 19 and 20) and version detection', () => {
  let server: ScriptedServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const API_KEY = 'k'.repeat(40);
  const NOT_FOUND = { status: 404, body: '<html><h1>404: Not Found</h1></html>' };

  /**
   * A scripted Odoo of `major`: `GET /json/version` and JSON-2 from 19 (API key only), /jsonrpc
   * until `jsonrpc` is false (password or API key, like Odoo), 404 pages elsewhere.
   */
  function scriptedOdoo(major: number, opts: { jsonrpc?: boolean; password?: string } = {}) {
    const serie = `${major}.0`;
    const secrets = [API_KEY, opts.password ?? 'the-password'];
    return ({
      method,
      url,
      headers,
      body,
    }: {
      method?: string;
      url: string;
      headers: Record<string, unknown>;
      body: unknown;
    }) => {
      if (url === '/jsonrpc' && (opts.jsonrpc ?? true)) {
        const rpc = body as Rpc;
        const result =
          rpc.params.method === 'version'
            ? {
                server_version: serie,
                server_version_info: [major, 0, 0, 'final', 0, ''],
                server_serie: serie,
              }
            : secrets.includes(rpc.params.args[2] as string)
              ? 2
              : false;
        return { status: 200, body: { jsonrpc: '2.0', id: rpc.id, result } };
      }
      if (major < 19) return NOT_FOUND;
      if (method === 'GET' && url === '/json/version')
        return { status: 200, body: { version_info: [major, 0, 0, 'final', 0, ''], version: serie } };
      if (!url.startsWith('/json/2/')) return NOT_FOUND;
      if (headers.authorization !== `bearer ${API_KEY}`)
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
  const connection = (password: string, protocol?: 'auto' | 'jsonrpc' | 'json2') =>
    new OdooConnection({
      url: server!.url,
      db: 'db19',
      username: 'admin',
      password,
      ...(protocol ? { protocol } : {}),
      retry: { retries: 0 },
    });
  const paths = () => server!.requests.map((r) => `${r.method} ${r.url}`);
  const touchedRpc = () => paths().filter((p) => /\/(jsonrpc|xmlrpc)/.test(p));

  it('auto picks JSON-2 on 19 with an API key and sends named arguments with bearer key and database header', async () => {
    server = await startScriptedServer(scriptedOdoo(19));
    const c = connection(API_KEY);
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
    // The version came from GET /json/version (no key sent there); nothing went to /jsonrpc.
    expect(paths().slice(0, 2)).toEqual(['GET /json/version', 'POST /json/2/res.users/context_get']);
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
    expect(touchedRpc()).toEqual([]);
  });

  it.each([19, 20])('json2 on %i never touches /jsonrpc, not even with a wrong key', async (major) => {
    server = await startScriptedServer(scriptedOdoo(major, { jsonrpc: major < 20 }));
    await expect(connection(API_KEY, 'json2').connect()).resolves.toMatchObject({
      protocol: 'json2',
      version: { major },
    });
    await expect(connection('nope-nope', 'json2').connect()).rejects.toThrow(
      /ODOO_USERNAME.*ODOO_PASSWORD.*ODOO_DB/,
    );
    expect(touchedRpc()).toEqual([]);
  });

  it('json2 against a server before 19 fails with one line saying JSON-2 needs 19, without trying /jsonrpc', async () => {
    server = await startScriptedServer(scriptedOdoo(18));
    const err = await connection(API_KEY, 'json2')
      .connect()
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ERR_ODOO_NO_JSON2', kind: 'bad_input' });
    expect((err as Error).message).toMatch(/no JSON-2 API .*Odoo 19 or later.*ODOO_PROTOCOL/);
    expect(paths()).toEqual(['GET /json/version']);
  });

  it('auto on 16–18: GET /json/version answers 404, so the version comes from /jsonrpc', async () => {
    server = await startScriptedServer(scriptedOdoo(18));
    expect(await connection('the-password').connect()).toMatchObject({
      protocol: 'jsonrpc',
      version: { major: 18 },
    });
    expect(paths()).toEqual(['GET /json/version', 'POST /jsonrpc', 'POST /jsonrpc']);
  });

  it('jsonrpc goes straight to /jsonrpc', async () => {
    server = await startScriptedServer(scriptedOdoo(19));
    expect(await connection('the-password', 'jsonrpc').connect()).toMatchObject({ protocol: 'jsonrpc' });
    expect(paths()).toEqual(['POST /jsonrpc', 'POST /jsonrpc']);
  });

  it('auto on 19 with a password: JSON-2 refuses it, the deprecated /jsonrpc takes it, with a note', async () => {
    server = await startScriptedServer(scriptedOdoo(19));
    const session = await connection('the-password').connect();
    expect(session).toMatchObject({ protocol: 'jsonrpc', version: { major: 19 } });
    expect(session.protocolNote).toMatch(/API key/);
    const err = await connection('a-wrong-password')
      .connect()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OdooLoginError);
    expect((err as Error).message).not.toContain('a-wrong-password');
  });

  it('auto on 20 with a password: no /jsonrpc left, so one line asking for an API key', async () => {
    server = await startScriptedServer(scriptedOdoo(20, { jsonrpc: false }));
    const err = await connection('the-password')
      .connect()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OdooLoginError);
    expect(err).toMatchObject({ code: 'ERR_ODOO_API_KEY_REQUIRED', kind: 'credentials' });
    expect((err as Error).message).toMatch(
      /Odoo 20\.0 .*ODOO_USERNAME.*ODOO_PASSWORD \(must be an API key.*Account Security.*ODOO_DB/,
    );
    expect((err as Error).message).not.toContain('the-password');
    await expect(connection(API_KEY).connect()).resolves.toMatchObject({ protocol: 'json2' });
  });
});
