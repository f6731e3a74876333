/**
 * JSON-2 errors (Odoo 19+) are classified like the same failure over JSON-RPC: by the body's `name`
 * first, by the HTTP status when there is no Odoo body (docs/odoo-api.md, "JSON-2 and the
 * deprecation timeline"). Answers come from a real HTTP server, through the real transport.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  Json2Transport,
  odooErrorFromRemote,
  OdooAccessDeniedError,
  OdooAccessError,
  OdooConcurrencyError,
  OdooMissingError,
  OdooRequestError,
  OdooUnavailableError,
  OdooUserError,
  type OdooError,
} from '../src/index.js';
import { loadFlow } from './support/fixtures.js';
import { startScriptedServer, type ScriptedServer } from './support/replay-server.js';

/** The HTTP status Odoo 19's JSON-2 gives each exception class (its `http_status`; anything else 500). */
function json2Status(name: string): number {
  if (name === 'odoo.exceptions.UserError' || name === 'odoo.exceptions.ValidationError') return 422;
  if (name === 'odoo.exceptions.AccessError' || name === 'odoo.exceptions.AccessDenied') return 403;
  if (name === 'odoo.exceptions.MissingError') return 404;
  return 500;
}

describe('JSON-2 error answers', () => {
  let server: ScriptedServer;
  /** The next answer, set by each test: status and body (an object, or text for a proxy's page). */
  let answer: { status: number; body: unknown } = { status: 200, body: null };
  let transport: Json2Transport;

  beforeAll(async () => {
    server = await startScriptedServer(() => answer);
    transport = new Json2Transport({
      url: server.url,
      db: 'db',
      apiKey: 'k'.repeat(40),
      timeoutMs: 5000,
      userAgent: 'test',
      secrets: ['k'.repeat(40)],
    });
  });
  afterAll(() => server.close());

  const fail = async (status: number, body: unknown): Promise<OdooError> => {
    answer = { status, body };
    const err = await transport
      .execute({ model: 'sale.order', method: 'write', ids: [1], params: { vals: {} } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    return err as OdooError;
  };

  // Every error recorded over JSON-RPC on real Odoo 18, sent back as JSON-2 would send it.
  const recorded = loadFlow('18.0', 'errors').exchanges.filter((e) => e.response.error);

  it.each(recorded.map((e) => [e.step, e.response.error!.data] as const))(
    'same class and kind as over JSON-RPC: %s',
    async (_step, data) => {
      const overJsonRpc = odooErrorFromRemote({ name: data.name, message: data.message, rpcCode: 200 });
      const overJson2 = await fail(json2Status(data.name), {
        name: data.name,
        message: data.message,
        arguments: [data.message],
        context: {},
        debug: 'Traceback (most recent call last):',
      });
      expect(overJson2.constructor).toBe(overJsonRpc.constructor);
      expect([overJson2.kind, overJson2.code, overJson2.odooMessage]).toEqual([
        overJsonRpc.kind,
        overJsonRpc.code,
        data.message,
      ]);
      expect(overJson2.httpStatus).toBe(json2Status(data.name));
    },
  );

  // The five answers seen from a real Odoo 19 (issue #19), each with the kind the contract suite expects.
  it.each([
    [401, 'werkzeug.exceptions.Unauthorized', 'Invalid apikey', OdooAccessDeniedError, 'credentials'],
    [
      403,
      'odoo.exceptions.AccessError',
      "Private methods (such as 'sale.order._create_invoices') cannot be called remotely.",
      OdooAccessError,
      'credentials',
    ],
    [
      404,
      'odoo.exceptions.MissingError',
      'Record does not exist or has been deleted.\n(Record: sale.order(999999999,), User: 2)',
      OdooMissingError,
      'business',
    ],
    [
      422,
      'odoo.exceptions.UserError',
      'Some orders are not in a state requiring confirmation.',
      OdooUserError,
      'business',
    ],
    [500, 'builtins.KeyError', "'x_contract_nonexistent'", OdooRequestError, 'bad_input'],
    [409, 'odoo.exceptions.LockError', 'could not obtain lock on row', OdooConcurrencyError, 'transient'],
  ] as const)('HTTP %i %s is classified like over JSON-RPC', async (status, name, message, cls, kind) => {
    const err = await fail(status, { name, message, arguments: [message], context: {}, debug: '' });
    expect(err).toBeInstanceOf(cls);
    expect(err).toMatchObject({ kind, httpStatus: status, remoteCode: name, odooMessage: message });
    expect(err.message).toContain(`sale.order.write failed [${name.split('.').pop()}]`);
  });

  // A proxy or load balancer in front of Odoo answers with a page, not Odoo's error object.
  it.each([
    [401, OdooAccessDeniedError, 'credentials'],
    [403, OdooAccessError, 'credentials'],
    [404, OdooRequestError, 'bad_input'],
    [409, OdooConcurrencyError, 'transient'],
    [502, OdooUnavailableError, 'transient'],
  ] as const)('HTTP %i without an Odoo body is classified by its status', async (status, cls, kind) => {
    const err = await fail(status, `<html><body>${status}</body></html>`);
    expect(err).toBeInstanceOf(cls);
    expect(err).toMatchObject({ kind, httpStatus: status, odooMessage: `HTTP ${status}` });
  });
});
