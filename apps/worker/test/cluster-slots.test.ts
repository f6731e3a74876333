/**
 * Redis Cluster rule (README "Redis Cluster"): every Lua script and every MULTI touches keys of ONE
 * hash slot. Checked on what the stores really send: the stores run against the real test Redis
 * while a MONITOR connection records every command; for each EVAL/EVALSHA and each MULTI…EXEC the
 * keys (as Redis itself names them, `COMMAND GETKEYS`) are hashed with the cluster's slot function
 * (`cluster-key-slot`, the one ioredis routes with) and must give one slot.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { money } from '@temu-odoo/core';
import { OrderLocks, ShopState, UpsertBuffer, pruneGauges, setGauge } from '@temu-odoo/coordination';
import { TemuQuotaLimiter, deleteKeysByPrefix } from '@temu-odoo/queues';
import { SellerMetricsStore } from '../src/seller-metrics/seller-metrics.store.js';
import { DailyCounters, countTemuCall, temuCallsLastHour } from '../src/seller-metrics/daily-counters.js';

const calculateSlot = createRequire(import.meta.url)('cluster-key-slot') as (key: string) => number;

// A plain single Redis on purpose (not the factory, which follows REDIS_CLUSTER_NODES): MONITOR
// needs one server that sees every command.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `test-slots-${process.pid}-${Date.now().toString(36)}`;
const SHOP = 'shop-slots';

interface Recorded {
  kind: 'script' | 'multi';
  first: string;
  commands: string[][];
}

let redis: Redis;
let monitorSource: Redis;
let monitor: Awaited<ReturnType<Redis['monitor']>>;
const bySource = new Map<string, string[][] | null>();
const recorded: Recorded[] = [];

beforeAll(async () => {
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null, connectionName: 'slots-under-test' });
  // `monitor()` opens its own connection; the one it was called on is closed after the test too.
  monitorSource = new Redis(REDIS_URL);
  monitor = await monitorSource.monitor();
  monitor.on('monitor', (_time: string, args: string[], source: string) => {
    // Only this test's commands: they all name our prefix somewhere (keys), or open/close a MULTI.
    const name = args[0]!.toLowerCase();
    const open = bySource.get(source);
    if (name === 'multi') return void bySource.set(source, []);
    if (name === 'exec' && open) {
      bySource.set(source, null);
      if (open.some((c) => c.some((a) => a.startsWith(prefix))))
        recorded.push({ kind: 'multi', first: open[0]?.[0] ?? '(empty)', commands: open });
      return;
    }
    if (open) return void open.push(args);
    if ((name === 'evalsha' || name === 'eval') && args.some((a) => a.startsWith(prefix)))
      recorded.push({ kind: 'script', first: name, commands: [args] });
  });
});

afterAll(async () => {
  monitor.disconnect();
  monitorSource.disconnect();
  await deleteKeysByPrefix(redis, prefix);
  await redis.quit();
});

/** The keys of a command as Redis parses them (EVALSHA: the `numkeys` keys; HSET: the hash; …). */
async function keysOf(args: string[]): Promise<string[]> {
  return (await redis.call('COMMAND', 'GETKEYS', ...args)) as string[];
}

/** Waits until MONITOR has delivered the commands sent so far (a marker command we then see). */
async function monitorCaughtUp(): Promise<void> {
  const marker = `${prefix}:marker:${Math.random()}`;
  let seen = false;
  const onMonitor = (_t: string, args: string[]) => {
    if (args.includes(marker)) seen = true;
  };
  monitor.on('monitor', onMonitor);
  await redis.eval('return 1', 1, marker);
  const deadline = Date.now() + 10_000;
  while (!seen && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  monitor.off('monitor', onMonitor);
  if (!seen) throw new Error('MONITOR did not deliver the marker command within 10 s');
}

describe('every multi-key script and MULTI stays in one cluster slot', () => {
  it('buffer, locks, shop state, gauges, limiter, seller metrics and daily counters', async () => {
    const now = Date.now();
    const order = (ref: string) => ({
      shopId: SHOP,
      region: '211',
      orderRef: ref,
      status: 'unshipped' as const,
      createdAtMs: now - 60_000,
      updatedAtMs: now,
      shipByMs: null,
      currency: 'USD',
      lines: [],
      shipping: money(0, 'USD'),
    });
    const buffer = new UpsertBuffer(redis, prefix, 5_000);
    await buffer.add(order('PO-1') as never);
    await buffer.add(order('PO-2') as never);
    const claim = await buffer.claim(SHOP, 10);
    await buffer.renew(SHOP, claim);
    await buffer.ack(SHOP, claim, ['PO-1']);
    await buffer.release(SHOP, claim, ['PO-2']);

    const locks = new OrderLocks(redis, prefix);
    const { token } = await locks.acquire(SHOP, ['PO-1', 'PO-2'], 5_000);
    await locks.extend(SHOP, ['PO-1', 'PO-2'], token, 5_000);
    await locks.release(SHOP, ['PO-1', 'PO-2'], token);

    const state = new ShopState(redis, prefix, SHOP);
    await state.advanceWatermark('orders', null, now);
    await state.markSynced([{ orderRef: 'PO-1', updatedAtMs: now, status: 'unshipped' }]);
    await state.replaceSkus([{ skuId: 'S1', goodsId: 'G1', sellerSku: 'MUG' }] as never);
    await state.replaceAcknowledgedStock([{ skuId: 'S1', quantity: 3 }]);
    await setGauge(redis, prefix, 'slots_test', 1);
    await pruneGauges(redis, prefix, -1);

    await new TemuQuotaLimiter(redis, prefix, 'app-key-slots').tryAcquire('orders');

    const metrics = new SellerMetricsStore(redis, prefix, SHOP);
    await metrics.record([{ orderRef: 'PO-1', event: { kind: 'delivered', atMs: now } }], now);
    await metrics.forget(['PO-1']);
    const counters = new DailyCounters(redis, prefix, SHOP);
    await counters.recordImported([1_000], now);
    await counters.recordStockPushes(2, now);
    await countTemuCall(redis, prefix, 'orders', now);
    await temuCallsLastHour(redis, prefix, now);

    await monitorCaughtUp();
    const slotsOf = async (r: Recorded) => {
      const keys = (await Promise.all(r.commands.map(keysOf))).flat();
      return { ...r, keys, slots: [...new Set(keys.map(calculateSlot))] };
    };
    const checked = await Promise.all(recorded.map(slotsOf));
    // At least what the calls above send: buffer 4 scripts (add ×2, claim, renew, ack, release:
    // 6 calls), locks 2 scripts, shop state 2 scripts, seller metrics 1 script, limiter 1 script;
    // MULTIs: replaceSkus, replaceAcknowledgedStock, setGauge, pruneGauges, record's day counters,
    // forget, recordImported, recordStockPushes, countTemuCall. Counted from the calls, not run.
    expect(checked.filter((c) => c.kind === 'script').length).toBeGreaterThanOrEqual(12);
    expect(checked.filter((c) => c.kind === 'multi').length).toBeGreaterThanOrEqual(7);
    const crossSlot = checked.filter((c) => c.slots.length > 1).map((c) => `${c.first}: ${c.keys.join(' ')}`);
    expect(crossSlot).toEqual([]);
    // Every recorded script/MULTI named at least one key of ours (the check above is not vacuous).
    expect(checked.every((c) => c.keys.length > 0)).toBe(true);
  });

  it('the slot function is the cluster one (CRC16 mod 16384, hash tags honoured)', () => {
    // Worked by hand from the Redis Cluster spec: only the text between the first `{` and the
    // next `}` is hashed when non-empty, so these pairs must agree; 12182 is the spec's own
    // example value of HASH_SLOT("foo") (CRC16-XMODEM 0xAF96 = 44950, 44950 mod 16384 = 12182).
    expect(calculateSlot('foo')).toBe(12182);
    expect(calculateSlot('a:{foo}:x')).toBe(calculateSlot('foo'));
    expect(calculateSlot(`p:state:shop:{${SHOP}}:synced`)).toBe(
      calculateSlot(`p:state:shop:{${SHOP}}:synced-at`),
    );
  });
});
