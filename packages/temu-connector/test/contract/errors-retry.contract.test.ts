import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { orderListCall } from '../../src/calls/order-list.call.js';
import { startHarness, failureOf } from './sandbox-harness.js';
import type { Harness } from './sandbox-harness.js';

let h: Harness;

interface Stats {
  callsByType: Record<string, number>;
  injectedFaults: Record<string, number>;
  throttled: { total: number };
}

beforeAll(async () => {
  h = await startHarness({ orderCount: 2 });
});
afterEach(async () => {
  await h.control('DELETE', 'faults');
});
afterAll(async () => {
  await h.close();
});

async function callsOfOrderList(): Promise<number> {
  return (await h.control<Stats>('GET', 'stats')).callsByType['bg.order.list.v2.get'] ?? 0;
}

describe('error families and retries against injected faults', () => {
  it.each([
    ['systemErrorRate', 'transient', 'ERR_TEMU_TRANSIENT'],
    ['http5xxRate', 'transient', 'ERR_TEMU_TRANSIENT'],
    ['dropConnectionRate', 'transient', 'ERR_TEMU_TRANSIENT'],
    ['throttleRate', 'throttled', 'ERR_TEMU_RATE_LIMITED'],
  ])('%s = 1 → %s (%s) after exactly 5 attempts', async (fault, kind, code) => {
    await h.control('POST', 'faults', { [fault]: 1 });
    const before = await callsOfOrderList();
    const err = await failureOf(h.client({ retry: { baseDelayMs: 5 } }).call(orderListCall, {}));
    expect(err.kind).toBe(kind);
    expect(err.code).toBe(code);
    expect((await callsOfOrderList()) - before).toBe(5);
  });

  it('turns latency beyond timeoutMs into a transient error', async () => {
    await h.control('POST', 'faults', { latencyMs: 500 });
    const err = await failureOf(
      h.client({ retry: { baseDelayMs: 5, maxAttempts: 2 }, timeoutMs: 100 }).call(orderListCall, {}),
    );
    expect(err.kind).toBe('transient');
  });

  it('recovers when faults stop within the attempts', async () => {
    await h.control('POST', 'faults', { systemErrorRate: 1, durationMs: 150 });
    await expect(h.client({ retry: { baseDelayMs: 100 } }).call(orderListCall, {})).resolves.toMatchObject({
      totalItemNum: expect.any(Number),
    });
  });

  it('with retryThrottled: false surfaces a throttle at once and reports the group', async () => {
    await h.control('POST', 'faults', { throttleRate: 1 });
    const groups: string[] = [];
    const before = await callsOfOrderList();
    const err = await failureOf(
      h
        .client({ retry: { retryThrottled: false }, onThrottle: (g) => groups.push(g) })
        .call(orderListCall, {}),
    );
    expect(err.kind).toBe('throttled');
    expect(err.group).toBe('orders');
    expect(groups).toEqual(['orders']);
    expect((await callsOfOrderList()) - before).toBe(1);
  });

  it('classifies a real quota throttle (4000004, HTTP 429 mode) as throttled', async () => {
    const tight = await startHarness({
      orderCount: 0,
      rateLimits: { appKeyPerSecond: 1000, groupPerMinute: { orders: 2 }, throttleHttp429: true },
    });
    try {
      const client = tight.client({ retry: { retryThrottled: false } });
      await client.call(orderListCall, {});
      await client.call(orderListCall, {});
      const err = await failureOf(client.call(orderListCall, {}));
      expect(err.kind).toBe('throttled');
      expect(err.httpStatus).toBe(429);
    } finally {
      await tight.close();
    }
  });

  it('backs off with the real defaults: 1 s, 2 s, 4 s, 8 s between 5 attempts', async () => {
    await h.control('POST', 'faults', { throttleRate: 1 });
    const seen: Array<{ at: number; retryAfterMs: number }> = [];
    const client = h.client({
      retry: {},
      onThrottle: (_g, retryAfterMs) => seen.push({ at: performance.now(), retryAfterMs }),
    });
    const before = await callsOfOrderList();
    const err = await failureOf(client.call(orderListCall, {}));
    expect(err.code).toBe('ERR_TEMU_RATE_LIMITED');
    expect((await callsOfOrderList()) - before).toBe(5);
    expect(seen.map((s) => s.retryAfterMs)).toEqual([1000, 2000, 4000, 8000, 16000]);
    const gaps = seen.slice(1).map((s, i) => s.at - seen[i]!.at);
    // Each gap is the backoff delay plus one local round trip; never shorter than the delay.
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(1000 * 2 ** i - 5));
  }, 30_000);
});
