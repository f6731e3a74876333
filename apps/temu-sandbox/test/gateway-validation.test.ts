import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { stringify } from 'lossless-json';
import { startTemuSandbox, type RunningTemuSandbox } from '../src/index.js';
import { control, CREDS, TestClient, testSign } from './helpers.js';

describe('gateway validation in the documented order (docs/temu-api.md §16)', () => {
  let sandbox: RunningTemuSandbox;
  let client: TestClient;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    sandbox = await startTemuSandbox({ port: 0, ...CREDS, orderCount: 2, amountScopeGranted: false });
    client = new TestClient(sandbox.url, CREDS);
    await control(sandbox.url, 'POST', 'apps', { appKey: 'other-app', appSecret: 'other-app-secret-0000' });
  });
  afterAll(() => sandbox.close());

  const code = async (override: Record<string, unknown>, type = 'bg.order.list.v2.get') =>
    (await client.call(type, {}, { override })).body.errorCode;

  it('answers a valid call with the real envelope and a region-prefixed request id', async () => {
    const answer = await client.call('bg.order.list.v2.get', { pageNumber: 1, pageSize: 5 });
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body)).toEqual(['result', 'success', 'requestId', 'errorCode', 'errorMsg']);
    expect(answer.body).toMatchObject({ success: true, errorCode: 1000000, errorMsg: '' });
    expect(answer.body.requestId).toMatch(/^us-[0-9a-f-]{36}$/);
  });

  it('1. app_key: missing 3000025, unknown 3000026 — even when everything after it is wrong too', async () => {
    expect(await code({ app_key: undefined, timestamp: 1, type: undefined })).toBe(3000025);
    expect(await code({ app_key: 'nope', sign: 'BAD', timestamp: 1 })).toBe(3000026);
  });

  it('2. sign: missing 3000040, wrong 3000001 (checked before timestamp, type, token)', async () => {
    expect(await code({ sign: undefined, timestamp: 1 })).toBe(3000040);
    expect(await code({ sign: '0'.repeat(32), timestamp: 1, type: 'nope', access_token: 'nope' })).toBe(
      3000001,
    );
    // Signed with the wrong secret.
    const body = client.build('bg.order.list.v2.get', {}, { override: { sign: undefined } });
    body.sign = testSign(body, 'wrong-secret');
    expect((await client.raw(stringify(body)!)).body.errorCode).toBe(3000001);
  });

  it('2b. two sign fields fail the sign check (docs/temu-api.md §3.4)', async () => {
    const body = client.build('bg.order.list.v2.get');
    const text = stringify(body)!.replace(/}$/, ',"sign":"0123456789ABCDEF0123456789ABCDEF"}');
    expect((await client.raw(text)).body.errorCode).toBe(3000001);
  });

  it('3. timestamp: missing 3000010, ahead 3000011, milliseconds 3000011, stale 3000012', async () => {
    expect(await code({ timestamp: undefined, type: 'nope' })).toBe(3000010);
    expect(await code({ timestamp: now() + 400, type: 'nope' })).toBe(3000011);
    expect(await code({ timestamp: Date.now() })).toBe(3000011);
    expect(await code({ timestamp: now() - 400, type: 'nope' })).toBe(3000012);
    expect(await code({ timestamp: String(now()) })).toBe(1000000);
  });

  it('4. type: missing 3000002, unknown 3000003, sunset v1 3000004', async () => {
    expect(await code({ type: undefined, data_type: 'XML' })).toBe(3000002);
    expect(await code({ type: 'bg.no.such.api', data_type: 'XML' })).toBe(3000003);
    expect(await code({ type: 'bg.order.list.get', data_type: 'XML' })).toBe(3000004);
  });

  it('5. data_type: missing 3000013, not json 3000014, case-insensitive json accepted', async () => {
    expect(await code({ data_type: undefined, access_token: undefined })).toBe(3000013);
    expect(await code({ data_type: 'XML', access_token: undefined })).toBe(3000014);
    expect(await code({ data_type: 'json' })).toBe(1000000);
  });

  it('6. access_token: missing 3000030, unknown 3000031, other app 3000033, expired 3000034', async () => {
    expect(await code({ access_token: undefined })).toBe(3000030);
    expect(await code({ access_token: 'unknown-token' })).toBe(3000031);
    const other = new TestClient(sandbox.url, {
      appKey: 'other-app',
      appSecret: 'other-app-secret-0000',
      accessToken: CREDS.accessToken,
    });
    expect((await other.call('bg.order.list.v2.get')).body.errorCode).toBe(3000033);
    await control(sandbox.url, 'POST', 'tokens/update', { expired: true });
    try {
      expect(await code({})).toBe(3000034);
    } finally {
      await control(sandbox.url, 'POST', 'tokens/update', { expired: false });
    }
  });

  it('7. scope: a whitelisted API the token lacks answers 3000032', async () => {
    const [order] = (await control(sandbox.url, 'GET', 'state/orders')).body.orders;
    const answer = await client.call('bg.order.amount.query', { parentOrderSn: order.parentOrderSn });
    expect(answer.body).toMatchObject({ success: false, errorCode: 3000032 });
  });

  it('rejects non-JSON bodies and content types with 3000000 in an HTTP 200 envelope', async () => {
    const notJson = await client.raw('{"type":');
    expect(notJson.status).toBe(200);
    expect(notJson.body).toMatchObject({ success: false, errorCode: 3000000 });
    const form = await client.call(
      'bg.order.list.v2.get',
      {},
      { contentType: 'application/x-www-form-urlencoded' },
    );
    expect(form.body.errorCode).toBe(3000000);
  });

  it('answers only POST on the router', async () => {
    const res = await fetch(`${sandbox.url}/openapi/router`);
    expect(res.status).toBe(405);
  });

  it('counts every call per type in the statistics', async () => {
    const stats = (await control(sandbox.url, 'GET', 'stats')).body;
    expect(stats.callsByType['bg.order.list.v2.get']).toBeGreaterThan(10);
    expect(stats.errorsByCode['3000001']).toBeGreaterThanOrEqual(3);
  });
});
