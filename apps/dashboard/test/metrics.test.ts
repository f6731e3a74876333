import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { QUEUE_NAMES } from '@temu-odoo/queues';
import { JOB_STATES, operatorMetricsKey } from '../src/index.js';
import { AUTH, startFixture, type DashboardFixture } from './support/dashboard.fixture.js';

/** `name{labels} value` lines of the exposition text, as a map from `name{labels}` to the number. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    out.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return out;
}

describe('/metrics', () => {
  let fx: DashboardFixture;
  const scrape = async () => {
    const res = await fetch(`${fx.dashboard.url}/metrics`, { headers: AUTH });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    return samples(await res.text());
  };

  beforeAll(async () => {
    fx = await startFixture('metrics');
  });
  afterAll(async () => {
    await fx.stop();
  });

  it('exports jobs per queue and state, matching what was enqueued (no worker runs, so they wait)', async () => {
    for (let i = 0; i < 3; i += 1) {
      await fx.registry.enqueue('system.heartbeat', { from: 'test', sentAtMs: Date.now() });
    }
    await fx.registry.enqueue('system.heartbeat', { from: 'test', sentAtMs: Date.now() }, { delay: 60_000 });
    await fx.registry.enqueue('products.refresh', { shopId: 'shop-1' });

    const m = await scrape();
    expect(m.get('temu_odoo_queue_jobs{queue="system",state="waiting"}')).toBe(3);
    expect(m.get('temu_odoo_queue_jobs{queue="system",state="delayed"}')).toBe(1);
    expect(m.get('temu_odoo_queue_jobs{queue="temu-products",state="waiting"}')).toBe(1);
    expect(m.get('temu_odoo_queue_jobs{queue="odoo",state="waiting"}')).toBe(0);
    for (const queue of QUEUE_NAMES) {
      for (const state of JOB_STATES) {
        expect(m.has(`temu_odoo_queue_jobs{queue="${queue}",state="${state}"}`)).toBe(true);
      }
      expect(m.has(`temu_odoo_queue_paused{queue="${queue}"}`)).toBe(true);
    }
    // Default process metrics are there too.
    expect(m.has('process_cpu_user_seconds_total')).toBe(true);
  });

  it('reports a paused queue as 1', async () => {
    await fx.registry.queue('temu-finance').pause();
    try {
      const m = await scrape();
      expect(m.get('temu_odoo_queue_paused{queue="temu-finance"}')).toBe(1);
      expect(m.get('temu_odoo_queue_paused{queue="odoo"}')).toBe(0);
    } finally {
      await fx.registry.queue('temu-finance').resume();
    }
  });

  it('exports every numeric field of <prefix>:state:metrics as temu_odoo_<field>, and drops removed ones', async () => {
    const key = operatorMetricsKey(fx.prefix);
    await fx.redis.hset(key, {
      oversell_rate: '0.0125',
      stock_sync_interval_minutes: '15',
      'orders-synced.total': '42',
      note: 'not a number',
    });
    let m = await scrape();
    expect(m.get('temu_odoo_oversell_rate')).toBe(0.0125);
    expect(m.get('temu_odoo_stock_sync_interval_minutes')).toBe(15);
    expect(m.get('temu_odoo_orders_synced_total')).toBe(42);
    expect([...m.keys()].some((k) => k.startsWith('temu_odoo_note'))).toBe(false);

    await fx.redis.hset(key, 'stock_sync_interval_minutes', '5');
    await fx.redis.hdel(key, 'oversell_rate');
    m = await scrape();
    expect(m.get('temu_odoo_stock_sync_interval_minutes')).toBe(5);
    expect(m.has('temu_odoo_oversell_rate')).toBe(false);
  });

  it('keeps labels written as name{label="value"} (per-shop gauges of the worker)', async () => {
    const key = operatorMetricsKey(fx.prefix);
    await fx.redis.hset(key, {
      'oversell_rate{shop="shop-a"}': '0.02',
      'oversell_rate{shop="shop-b"}': '0',
      'bad{shop=unquoted}': '3',
    });
    const m = await scrape();
    expect(m.get('temu_odoo_oversell_rate{shop="shop-a"}')).toBe(0.02);
    expect(m.get('temu_odoo_oversell_rate{shop="shop-b"}')).toBe(0);
    expect([...m.keys()].some((k) => k.startsWith('temu_odoo_bad'))).toBe(false);
    await fx.redis.hdel(
      key,
      'oversell_rate{shop="shop-a"}',
      'oversell_rate{shop="shop-b"}',
      'bad{shop=unquoted}',
    );
  });
});
