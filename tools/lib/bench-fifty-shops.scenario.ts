import type { EndpointGroup } from '@temu-odoo/temu-connector';
import { drained } from './fleet.js';
import { waitForWorkersReady } from './bench-import.scenario.js';
import type { Quotas } from './import-fleet.js';
import { percentile, round } from './report.js';
import { planShops, startShopFleet, type ShopFleet } from './shop-fleet.js';

export interface FiftyShopsParams {
  shops: number;
  appKeys: number;
  backfillOrders: number;
  /** Fresh orders created per other shop and tick while the backfill runs. */
  freshPerTick: number;
  /** The scheduler's poll interval of the run: every shop is polled this often. */
  pollEveryMs: number;
  workers: number;
  quotas: Quotas;
  timeoutMs: number;
}

export interface LagStats {
  orders: number;
  p50Ms: number | null;
  p95Ms: number | null;
  maxMs: number | null;
}

export interface FiftyShopsResult {
  params: FiftyShopsParams;
  backfillShop: string;
  backfill: { completed: boolean; imported: number; seconds: number; ordersPerMinute: number };
  /** Fresh orders of the other shops created while the backfill ran: creation in Temu → sale order in Odoo. */
  freshLag: LagStats & { missing: number };
  perShopLag: Array<{ shopId: string; appKey: string; region: string } & LagStats>;
  /** Busiest window per app key (across all its shops) against its quota. */
  appKeys: Array<{
    appKey: string;
    shops: number;
    calls: number;
    ordersPerMinuteMax: number;
    ordersPerMinuteQuota: number;
    perSecondMax: number;
    perSecondQuota: number;
    withinQuota: boolean;
  }>;
  throttled: number;
  duplicates: number;
}

const DAY_MS = 86_400_000;

/**
 * Scenario 12 (issue 17): `shops` shops in one fleet. One shop backfills 30 days of history
 * (`backfillOrders` orders spread over the window, `pnpm ops backfill`'s job) while the other
 * shops receive fresh orders; measures each shop's lag from order creation in Temu to its sale
 * order in Odoo, the backfill's duration, and each app key's busiest windows against its quota.
 */
export async function runFiftyShops(p: FiftyShopsParams): Promise<FiftyShopsResult> {
  const shops = planShops(p.shops, p.appKeys);
  // A shop that shares its app key with others, so the backfill competes for their quota too.
  const backfillShop = shops[1]!.shopId;
  const sf = await startShopFleet({ label: 'fifty-shops', shops, quotas: p.quotas });
  try {
    const { fleet } = sf;
    for (let i = 0; i < p.workers; i++) fleet.startWorker();
    await waitForWorkersReady(fleet);
    // First poll of every shop sets its watermark (nothing to read yet): from then on a poll
    // reads only what changed since, as in a fleet that has been running.
    let pollSeq = 0;
    const pollAll = async () => {
      pollSeq += 1;
      for (const s of shops)
        await fleet.registry.enqueue(
          'orders.poll',
          { shopId: s.shopId },
          { jobId: `poll-${s.shopId}-${pollSeq}` },
        );
    };
    await pollAll();
    await drained(fleet, 120_000);

    // The backfill shop's history: created over the last 30 days, before the fleet knew the shop.
    const backfillRefs = new Set<string>();
    const now = Date.now();
    for (let made = 0; made < p.backfillOrders; made += 500) {
      const count = Math.min(500, p.backfillOrders - made);
      const createdAtMs = now - 29.5 * DAY_MS + (made / p.backfillOrders) * 29 * DAY_MS;
      const res = await sf.temuControl<{ orders: Array<{ parentOrderSn: string }> }>(
        backfillShop,
        'POST',
        'orders',
        { count, status: 2, createdAtMs },
      );
      for (const o of res.orders) backfillRefs.add(o.parentOrderSn);
    }
    sf.meter.clear();
    const throttledBefore = await throttledTotal(sf);

    const created = new Map<string, { shopId: string; atMs: number }>();
    const others = shops.filter((s) => s.shopId !== backfillShop);
    const started = Date.now();
    await fleet.registry.enqueue('orders.poll', { shopId: backfillShop, backfillDays: 30 });
    let backfillDoneAt: number | null = null;
    while (Date.now() - started < p.timeoutMs) {
      const tickStart = Date.now();
      for (const s of others) {
        const atMs = Date.now();
        const res = await sf.temuControl<{ orders: Array<{ parentOrderSn: string }> }>(
          s.shopId,
          'POST',
          'orders',
          {
            count: p.freshPerTick,
            status: 2,
          },
        );
        for (const o of res.orders) created.set(o.parentOrderSn, { shopId: s.shopId, atMs });
      }
      await pollAll();
      const inOdoo = odooCreated(sf);
      if ([...backfillRefs].every((r) => inOdoo.has(r))) {
        backfillDoneAt = Math.max(...[...backfillRefs].map((r) => inOdoo.get(r)![0]!));
        break;
      }
      await new Promise((r) => setTimeout(r, Math.max(0, p.pollEveryMs - (Date.now() - tickStart))));
    }
    // The fresh orders created during the backfill get their chance to arrive (polls go on).
    const settleUntil = Date.now() + 120_000;
    while (Date.now() < settleUntil) {
      const inOdoo = odooCreated(sf);
      if ([...created.keys()].every((r) => inOdoo.has(r))) break;
      await pollAll();
      await new Promise((r) => setTimeout(r, p.pollEveryMs));
    }
    const inOdoo = odooCreated(sf);
    const backfillImported = [...backfillRefs].filter((r) => inOdoo.has(r)).length;
    const backfillSeconds = ((backfillDoneAt ?? Date.now()) - started) / 1000;
    const lagsByShop = new Map<string, number[]>();
    let missing = 0;
    for (const [ref, c] of created) {
      const at = inOdoo.get(ref);
      if (!at) {
        missing += 1;
        continue;
      }
      const list = lagsByShop.get(c.shopId) ?? [];
      list.push(Math.max(0, at[0]! - c.atMs));
      lagsByShop.set(c.shopId, list);
    }
    const all = [...lagsByShop.values()].flat();
    const maxima = sf.meter.maxima();
    const keys = [...new Set(shops.map((s) => s.appKey))];
    // Named by position, never by value: an app key is a credential.
    const keyName = (appKey: string) => `key-${keys.indexOf(appKey)}`;
    const appKeys = keys.map((appKey) => {
      const perMinute = maxima.perMinute[appKey] ?? {};
      const ordersMax = perMinute.orders ?? 0;
      const perSecondMax = maxima.perSecond[appKey] ?? 0;
      const groupsWithin = (Object.entries(perMinute) as Array<[EndpointGroup, number]>).every(
        ([g, n]) => n <= quotaOf(p.quotas, g),
      );
      return {
        appKey: keyName(appKey),
        shops: shops.filter((s) => s.appKey === appKey).length,
        calls: maxima.calls[appKey] ?? 0,
        ordersPerMinuteMax: ordersMax,
        ordersPerMinuteQuota: p.quotas.ordersPerMinute,
        perSecondMax,
        perSecondQuota: p.quotas.perSecond,
        withinQuota: groupsWithin && perSecondMax <= p.quotas.perSecond,
      };
    });
    const duplicates = [...inOdoo.values()].filter((v) => v.length > 1).length;
    return {
      params: p,
      backfillShop,
      backfill: {
        completed: backfillDoneAt !== null,
        imported: backfillImported,
        seconds: round(backfillSeconds, 1),
        ordersPerMinute: round(backfillImported / (backfillSeconds / 60), 1),
      },
      freshLag: { ...lagStats(all), missing },
      perShopLag: others.map((s) => ({
        shopId: s.shopId,
        appKey: keyName(s.appKey),
        region: s.region,
        ...lagStats(lagsByShop.get(s.shopId) ?? []),
      })),
      appKeys,
      throttled: (await throttledTotal(sf)) - throttledBefore,
      duplicates,
    };
  } finally {
    await sf.stop();
  }
}

function lagStats(ms: number[]): LagStats {
  return {
    orders: ms.length,
    p50Ms: percentile(ms, 50),
    p95Ms: percentile(ms, 95),
    maxMs: ms.length ? Math.max(...ms) : null,
  };
}

function quotaOf(q: Quotas, g: EndpointGroup): number {
  const byGroup: Record<string, number> = {
    orders: q.ordersPerMinute,
    inventory: q.inventoryPerMinute,
    products: q.productsPerMinute,
    shipping: q.shippingPerMinute,
    finance: q.financePerMinute,
  };
  return byGroup[g] ?? Infinity;
}

/**
 * Sale orders in the (in-process) Odoo sandbox by Temu ref → creation times in ms. Read from its
 * store directly: the control API's sale.order view reads every order's lines, too slow at 20,000.
 */
function odooCreated(sf: ShopFleet): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const r of sf.fleet.odoo.store.all('sale.order')) {
    const ref = r.client_order_ref;
    if (typeof ref !== 'string') continue;
    const list = out.get(ref) ?? [];
    list.push(Number(r.create_date));
    out.set(ref, list);
  }
  return out;
}

async function throttledTotal(sf: ShopFleet): Promise<number> {
  let n = 0;
  for (const sb of sf.sandboxes.values()) n += sb.state.stats.snapshot().throttled.total;
  return n;
}
