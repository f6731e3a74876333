import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { defineCall } from '../../src/client/call-definition.js';
import { computeSign } from '../../src/client/signing.js';
import { TemuClient } from '../../src/client/temu-client.js';
import { parseWireJson } from '../../src/client/wire-json.js';
import { orderDetailCall } from '../../src/calls/order-detail.call.js';
import { orderListCall } from '../../src/calls/order-list.call.js';
import { wireId } from '../../src/calls/shared.schemas.js';
import { TemuError } from '../../src/errors.js';
import { envelope, failure, startScriptedGateway } from '../support/scripted-gateway.js';
import type { ScriptedAnswer, ScriptedGateway } from '../support/scripted-gateway.js';

const creds = {
  appKey: 'k'.repeat(32),
  appSecret: 'secret-value-0123456789abcdef',
  accessToken: 'token-value-abcdefghijklmnop',
};
const parentOrderMap = { parentOrderSn: 'PO-211-1', parentOrderStatus: 2, regionId: 211 };
let gateway: ScriptedGateway | undefined;

afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

async function clientFor(
  answers: ScriptedAnswer[],
  extra: Partial<ConstructorParameters<typeof TemuClient>[0]> = {},
) {
  gateway = await startScriptedGateway(answers);
  return new TemuClient({ ...creds, baseUrl: gateway.url, retry: { baseDelayMs: 5 }, ...extra });
}

async function failureOf(promise: Promise<unknown>): Promise<TemuError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof TemuError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

describe('TemuClient request shape (docs/temu-api.md §2, §3)', () => {
  it('POSTs the business parameters at the top level with seconds, JSON, credentials and a valid sign', async () => {
    const client = await clientFor([{ body: envelope({ totalItemNum: 0, pageItems: [] }) }], {
      nowMs: () => 1_711_009_072_999,
    });
    await client.call(orderListCall, { updateAtStart: 1, updateAtEnd: 2, pageSize: 50 });
    const sent = parseWireJson(gateway!.received[0]!) as Record<string, unknown>;
    expect(sent).toMatchObject({
      type: 'bg.order.list.v2.get',
      app_key: creds.appKey,
      access_token: creds.accessToken,
      timestamp: 1_711_009_072,
      data_type: 'JSON',
      updateAtStart: 1,
      updateAtEnd: 2,
      pageSize: 50,
      pageNumber: 1,
    });
    const { sign, ...rest } = sent;
    expect(sign).toBe(computeSign(rest, creds.appSecret));
    expect(gateway!.received[0]).toMatch(/"sign":"[0-9A-F]{32}"\}$/);
  });

  it('sends ids beyond 2^53 exactly and reads them back exactly as strings', async () => {
    const big = '9007199254740993123';
    const client = await clientFor([
      {
        body: `{"result":{"parentOrderMap":{"parentOrderSn":"PO-211-1","parentOrderStatus":2,"regionId":211},"orderList":[{"orderSn":"211-1","orderStatus":2,"goodsId":${big},"skuId":9007199254740993,"quantity":1}]},"success":true,"requestId":"us-x","errorCode":1000000,"errorMsg":""}`,
      },
    ]);
    const skuCall = defineCall({
      type: 'bg.order.detail.v2.get',
      request: z.object({ skuId: wireId }),
      response: orderDetailCall.response,
    });
    const result = await client.call(skuCall, { skuId: big });
    expect(gateway!.received[0]).toContain(`"skuId":${big}`);
    expect(result.orderList[0]!.goodsId).toBe(big);
    expect(result.orderList[0]!.skuId).toBe('9007199254740993');
  });
});

describe('TemuClient validation', () => {
  it('names the path and the API type when a required result field is missing', async () => {
    const client = await clientFor([
      {
        body: envelope({
          totalItemNum: 1,
          pageItems: [{ parentOrderMap: { parentOrderStatus: 2, regionId: 211 }, orderList: [] }],
        }),
      },
    ]);
    const err = await failureOf(client.call(orderListCall, {}));
    expect(err.kind).toBe('bad_input');
    expect(err.code).toBe('ERR_TEMU_BAD_RESPONSE');
    expect(err.message).toContain('bg.order.list.v2.get');
    expect(err.message).toContain('result.pageItems[0].parentOrderMap.parentOrderSn');
  });

  it('names the path when a field has the wrong type, and tolerates unknown fields', async () => {
    const client = await clientFor([
      {
        body: envelope({
          parentOrderMap: { ...parentOrderMap, brandNew: true },
          orderList: [{ orderSn: '211-1', orderStatus: 'two', goodsId: 1, quantity: 1 }],
        }),
      },
    ]);
    const err = await failureOf(client.call(orderDetailCall, { parentOrderSn: 'PO-211-1' }));
    expect(err.message).toContain('result.orderList[0].orderStatus');
    expect(err.message).toContain('bg.order.detail.v2.get');
  });

  it('refuses bad parameters before sending, naming the field', async () => {
    const client = await clientFor([{ body: envelope({}) }]);
    const err = await failureOf(
      client.call(orderListCall, { updateAtStart: 1_711_000_000_000, updateAtEnd: 1_711_000_000_001 }),
    );
    expect(err.code).toBe('ERR_TEMU_BAD_REQUEST');
    expect(err.message).toMatch(/updateAtStart: expected UNIX seconds/);
    const unpaired = await failureOf(client.call(orderListCall, { updateAtStart: 1 }));
    expect(unpaired.message).toMatch(/updateAtEnd: updateAtStart and updateAtEnd must be given together/);
    expect(gateway!.received).toHaveLength(0);
  });

  it('reports a body that is not JSON as a bad response', async () => {
    const client = await clientFor([{ body: '<html>oops</html>' }]);
    expect((await failureOf(client.call(orderListCall, {}))).code).toBe('ERR_TEMU_BAD_RESPONSE');
  });
});

describe('TemuClient errors and retries', () => {
  it('retries transient failures (5xx, 4000000, dropped connections) and succeeds', async () => {
    const client = await clientFor([
      { status: 502, body: 'bad gateway' },
      { body: failure(4000000, 'SYSTEM_EXCEPTION') },
      { drop: true, body: '' },
      { body: envelope({ totalItemNum: 0, pageItems: [] }) },
    ]);
    await expect(client.call(orderListCall, {})).resolves.toEqual({ totalItemNum: 0, pageItems: [] });
    expect(gateway!.received).toHaveLength(4);
  });

  it('gives up after maxAttempts with ERR_TEMU_TRANSIENT', async () => {
    const client = await clientFor([{ body: failure(7000000, 'BUSINESS_SERVICE_ERROR') }]);
    const err = await failureOf(client.call(orderListCall, {}));
    expect(err.code).toBe('ERR_TEMU_TRANSIENT');
    expect(gateway!.received).toHaveLength(5);
  });

  it('turns a timeout into a transient error', async () => {
    const client = await clientFor([{ delayMs: 300, body: envelope({ totalItemNum: 0, pageItems: [] }) }], {
      retry: { baseDelayMs: 1, maxAttempts: 2 },
    });
    const err = await failureOf(client.call(orderListCall, {}, { timeoutMs: 50 }));
    expect(err.kind).toBe('transient');
    expect(err.message).toMatch(/could not be reached \(ETIMEDOUT\)/);
  });

  it('reports throttles (HTTP 429 with Retry-After) to onThrottle and retries them', async () => {
    const throttles: Array<[string, number]> = [];
    const client = await clientFor(
      [
        { status: 429, headers: { 'retry-after': '2' }, body: '' },
        { body: failure(4000004, 'RATE_LIMIT_EXCEED_EXCEPTION') },
        { body: envelope({ totalItemNum: 0, pageItems: [] }) },
      ],
      {
        onThrottle: (group, ms) => throttles.push([group, ms]),
      },
    );
    await client.call(orderListCall, {});
    expect(throttles).toEqual([
      ['orders', 2000],
      ['orders', 10],
    ]);
  });

  it('with retryThrottled: false surfaces the throttle at once', async () => {
    const client = await clientFor([{ body: failure(4000004, 'RATE_LIMIT_EXCEED_EXCEPTION') }], {
      retry: { retryThrottled: false, baseDelayMs: 5 },
    });
    const err = await failureOf(client.call(orderListCall, {}));
    expect(err.kind).toBe('throttled');
    expect(err.code).toBe('ERR_TEMU_RATE_LIMITED');
    expect(err.group).toBe('orders');
    expect(gateway!.received).toHaveLength(1);
  });

  it('does not retry business or credential errors', async () => {
    const client = await clientFor([{ body: failure(3000034, 'access_token is expired') }]);
    const err = await failureOf(client.call(orderListCall, {}));
    expect(err.kind).toBe('credentials');
    expect(gateway!.received).toHaveLength(1);
  });

  it('never exposes the secret, the token or the sign in messages, properties or causes', async () => {
    const client = await clientFor(
      [{ body: failure(3000001, `sign is invalid for ${creds.accessToken}`) }, { drop: true, body: '' }],
      { retry: { baseDelayMs: 1, maxAttempts: 1 } },
    );
    const errors = [
      await failureOf(client.call(orderListCall, {})),
      await failureOf(client.call(orderListCall, {})),
    ];
    const sent = gateway!.received.map((b) => (parseWireJson(b) as { sign: string }).sign);
    for (const err of errors) {
      const everything = `${err.message} ${JSON.stringify(err)} ${inspect(err, { depth: 10, showHidden: true })}`;
      for (const secret of [creds.appSecret, creds.accessToken, ...sent])
        expect(everything).not.toContain(secret);
    }
  });
});
