import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { RateLimiter, resolveRateLimits } from '../src/rate-limiter.js';
import { startTemuSandbox, type RunningTemuSandbox } from '../src/index.js';
import { control, CREDS, TestClient } from './helpers.js';

describe('RateLimiter (sliding windows)', () => {
  it('never admits more than the limit in any window, and admits again once calls slide out', () => {
    const limiter = new RateLimiter(
      resolveRateLimits({ appKeyPerSecond: 1000, groupPerMinute: { orders: 3 } }),
    );
    const admitted: number[] = [];
    for (let t = 0; t < 180_000; t += 7_000)
      if (limiter.tryAdmit('k', 'orders', t) === null) admitted.push(t);
    for (const start of admitted) {
      expect(admitted.filter((t) => t >= start && t < start + 60_000).length).toBeLessThanOrEqual(3);
    }
    expect(admitted.length).toBeGreaterThanOrEqual(9);
  });

  it('reports which limit throttled and spends neither on a rejected call', () => {
    const limiter = new RateLimiter(
      resolveRateLimits({ appKeyPerSecond: 2, groupPerMinute: { finance: 100 } }),
    );
    expect(limiter.tryAdmit('k', 'finance', 0)).toBeNull();
    expect(limiter.tryAdmit('k', 'finance', 10)).toBeNull();
    expect(limiter.tryAdmit('k', 'finance', 20)).toBe('appKeyPerSecond');
    expect(limiter.tryAdmit('k', 'finance', 1001)).toBeNull();
    expect(limiter.tryAdmit('other', 'finance', 1001)).toBeNull();
  });
});

describe('rate limits over HTTP with concurrent clients (docs/temu-api.md §6, R18)', () => {
  let sandbox: RunningTemuSandbox;
  const clients = () => Array.from({ length: 4 }, () => new TestClient(sandbox.url, CREDS));

  beforeAll(async () => {
    sandbox = await startTemuSandbox({ port: 0, ...CREDS, orderCount: 3 });
  });
  afterAll(() => sandbox.close());
  beforeEach(async () => {
    await control(sandbox.url, 'POST', 'stats/reset');
  });

  it('lets exactly the per-group quota through a concurrent burst and throttles the rest with 4000004', async () => {
    await control(sandbox.url, 'POST', 'rate-limits', {
      appKeyPerSecond: 1000,
      groupPerMinute: { orders: 10 },
    });
    const answers = await Promise.all(
      clients().flatMap((c) =>
        Array.from({ length: 10 }, () => c.call('bg.order.list.v2.get', { pageSize: 1 })),
      ),
    );
    const ok = answers.filter((a) => a.body.success).length;
    const throttled = answers.filter((a) => a.body.errorCode === 4000004);
    expect(ok).toBe(10);
    expect(throttled).toHaveLength(30);
    expect(throttled[0]!.body).toMatchObject({ success: false, errorMsg: 'RATE_LIMIT_EXCEED_EXCEPTION' });
    expect(throttled.every((a) => a.status === 200)).toBe(true);

    const stats = (await control(sandbox.url, 'GET', 'stats')).body;
    expect(stats.maxObserved.groupPerMinute.orders).toBe(10);
    expect(stats.admittedByGroup.orders).toBe(10);
    expect(stats.successByGroup.orders).toBe(10);
    expect(stats.throttled.total).toBe(30);
    expect(stats.throttled.byReason.groupPerMinute).toBe(30);
    // Other groups keep their own quota.
    expect((await clients()[0]!.call('bg.local.goods.list.query', { goodsSearchType: 1 })).body.success).toBe(
      true,
    );
  });

  it('holds the per-app-key rate under sustained concurrent load, measured by its own sliding window', async () => {
    await control(sandbox.url, 'POST', 'rate-limits', {
      appKeyPerSecond: 5,
      groupPerMinute: { products: 10_000 },
    });
    const deadline = Date.now() + 2_200;
    let ok = 0;
    let throttled = 0;
    await Promise.all(
      clients().map(async (c) => {
        while (Date.now() < deadline) {
          const a = await c.call('bg.local.goods.list.query', { goodsSearchType: 1, pageSize: 1 });
          if (a.body.success) ok++;
          else if (a.body.errorCode === 4000004) throttled++;
          else throw new Error(a.text);
        }
      }),
    );
    const stats = (await control(sandbox.url, 'GET', 'stats')).body;
    expect(stats.maxObserved.appKeyPerSecond[CREDS.appKey]).toBe(5);
    expect(stats.throttled.byReason.appKeyPerSecond).toBe(throttled);
    expect(stats.admittedByGroup.products).toBe(ok);
    expect(throttled).toBeGreaterThan(0);
    // 2.2 s of load can at most fill 3 one-second windows.
    expect(ok).toBeLessThanOrEqual(15);
  });

  it('answers HTTP 429 with the same body when throttleHttp429 is on', async () => {
    await control(sandbox.url, 'POST', 'rate-limits', {
      appKeyPerSecond: 1000,
      groupPerMinute: { finance: 1 },
      throttleHttp429: true,
    });
    const c = clients()[0]!;
    const params = { createAtStart: 0, createAtEnd: Date.now() };
    expect((await c.call('bg.aftersales.parentaftersales.list.get', params)).status).toBe(200);
    const second = await c.call('bg.aftersales.parentaftersales.list.get', params);
    expect(second.status).toBe(429);
    expect(second.body.errorCode).toBe(4000004);
  });
});
