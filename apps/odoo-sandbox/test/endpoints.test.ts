/**
 * Which endpoints each version serves: /jsonrpc for 16–19, JSON-2 and `GET /json/version` for 19–20
 * (20.0 is JSON-2 only), XML-RPC never; the API key against the password; the request log that lets
 * a client's tests prove which endpoints it used.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ODOO_VERSIONS, startOdooSandbox, type RunningOdooSandbox } from '../src/index.js';
import { control } from './support/rpc.js';

const PASSWORD = 'the-login-password';
const API_KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

async function request(
  url: string,
  method: 'GET' | 'POST',
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // an HTML 404 page stays text
  }
  return { status: res.status, body: parsed };
}

const rpc = (service: string, method: string, args: unknown[]) => ({
  jsonrpc: '2.0',
  method: 'call',
  params: { service, method, args },
  id: 1,
});

describe.each(ODOO_VERSIONS)('Odoo sandbox %s endpoints', (version) => {
  const major = Number(version.slice(0, 2));
  let sandbox: RunningOdooSandbox;
  const bearer = (key: string) => ({ authorization: `bearer ${key}`, 'x-odoo-database': 'epdb' });

  beforeAll(async () => {
    sandbox = await startOdooSandbox({
      port: 0,
      version,
      db: 'epdb',
      username: 'admin',
      password: PASSWORD,
      apiKey: API_KEY,
    });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it(`GET /json/version: ${major >= 19 ? 'the version' : '404 (no such route before 19)'}`, async () => {
    const r = await request(`${sandbox.url}/json/version`, 'GET');
    if (major >= 19)
      expect(r).toEqual({ status: 200, body: { version_info: [major, 0, 0, 'final', 0, ''], version } });
    else expect(r.status).toBe(404);
  });

  it(`POST /jsonrpc: ${major < 20 ? 'served, password and API key both accepted' : '404 (removed)'}`, async () => {
    const version_ = await request(`${sandbox.url}/jsonrpc`, 'POST', rpc('common', 'version', []));
    if (major >= 20) {
      expect(version_.status).toBe(404);
      return;
    }
    expect(version_).toMatchObject({ status: 200, body: { result: { server_version: version } } });
    for (const secret of [PASSWORD, API_KEY]) {
      const auth = await request(
        `${sandbox.url}/jsonrpc`,
        'POST',
        rpc('common', 'authenticate', ['epdb', 'admin', secret, {}]),
      );
      expect(auth.body).toMatchObject({ result: 2 });
    }
  });

  it(`JSON-2: ${major >= 19 ? 'the API key only, never the password' : '404 (arrives in 19)'}`, async () => {
    const url = `${sandbox.url}/json/2/res.users/context_get`;
    const withKey = await request(url, 'POST', {}, bearer(API_KEY));
    if (major < 19) {
      expect(withKey.status).toBe(404);
      return;
    }
    expect(withKey).toMatchObject({ status: 200, body: { uid: 2 } });
    const withPassword = await request(url, 'POST', {}, bearer(PASSWORD));
    expect(withPassword).toMatchObject({ status: 401, body: { name: 'werkzeug.exceptions.Unauthorized' } });
  });

  it('XML-RPC is not served', async () => {
    expect((await request(`${sandbox.url}/xmlrpc/2/common`, 'POST', '<methodCall/>')).status).toBe(404);
  });

  it('logs every request by method and path; control calls are not logged; reset zeroes it', async () => {
    await control(sandbox.url, 'POST', '/_sandbox/requests/reset');
    await request(`${sandbox.url}/json/version`, 'GET');
    await request(`${sandbox.url}/json/version`, 'GET');
    await request(`${sandbox.url}/jsonrpc`, 'POST', rpc('common', 'version', []));
    await request(`${sandbox.url}/json/2/res.users/context_get`, 'POST', {}, bearer(API_KEY));
    const log = await control(sandbox.url, 'GET', '/_sandbox/requests');
    // Four requests by hand above (two to /json/version), whatever each answered.
    expect(log.body).toMatchObject({
      totalCalls: 4,
      calls: {
        'GET /json/version': 2,
        'POST /json/2/res.users/context_get': 1,
        'POST /jsonrpc': 1,
      },
    });
    await control(sandbox.url, 'POST', '/_sandbox/requests/reset');
    expect((await control(sandbox.url, 'GET', '/_sandbox/requests')).body).toMatchObject({
      totalCalls: 0,
      calls: {},
    });
  });
});
