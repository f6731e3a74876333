/**
 * Many shops in one fleet (issue 17): one Temu sandbox per shop (each is one shop, as a Temu access
 * token is), shops grouped under a few app keys whose quota windows are shared across their shops
 * (one limiter, as Temu counts an app key over every shop using it), mixed US (USD) and EU (EUR)
 * shops, one Odoo, and the workers reading every shop from a TEMU_SHOPS_FILE.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OdooConnection } from '@temu-odoo/odoo-client';
import {
  DEFAULT_RATE_LIMITS,
  RateLimiter,
  startTemuSandbox,
  type RunningTemuSandbox,
} from '@temu-odoo/temu-sandbox';
import { AdmissionMeter } from './admission-meter.js';
import { FLEET_CREDENTIALS, startFleet, uniquePrefix, type Fleet } from './fleet.js';
import type { AppRuntime } from './processes.js';
import {
  demoOdooProducts,
  demoTemuCatalog,
  quotaEnv,
  sandboxRateLimits,
  type Quotas,
} from './import-fleet.js';

export interface ShopSpec {
  shopId: string;
  appKey: string;
  appSecret: string;
  accessToken: string;
  region: 'US' | 'EU';
  /** The market when not the region's own: `UK` (GBP, served by the EU gateway). */
  market?: 'UK';
  currency: 'USD' | 'EUR' | 'GBP';
}

/**
 * `shops` shops over `appKeys` app keys (shop i uses key i mod appKeys, so every key serves several
 * shops); every third shop sells in the EU in EUR, the others in the US in USD. Shop 0 uses the
 * fleet's own credentials (startFleet's sandbox).
 */
export function planShops(shops: number, appKeys: number): ShopSpec[] {
  return Array.from({ length: shops }, (_, i) => {
    const k = i % appKeys;
    const eu = i % 3 === 2;
    return {
      shopId: `shop-${String(i).padStart(2, '0')}`,
      appKey: k === 0 ? FLEET_CREDENTIALS.appKey : `fleet-app-key-${String(k).padStart(24, '0')}`,
      appSecret: k === 0 ? FLEET_CREDENTIALS.appSecret : `fleet-app-secret-${k}-0123456789abcdef`,
      accessToken: i === 0 ? FLEET_CREDENTIALS.accessToken : `fleet-access-token-${i}-0123456789abcdefghij`,
      region: eu ? 'EU' : 'US',
      currency: eu ? 'EUR' : 'USD',
    };
  });
}

export interface ShopFleet {
  fleet: Fleet;
  shops: ShopSpec[];
  sandboxes: Map<string, RunningTemuSandbox>;
  meter: AdmissionMeter;
  /** POST /_sandbox/<path> of one shop's Temu sandbox. */
  temuControl<T = unknown>(shopId: string, method: string, path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export async function startShopFleet(p: {
  label: string;
  shops: ShopSpec[];
  quotas: Quotas;
  workerEnv?: NodeJS.ProcessEnv;
  /** Worker processes from the compiled `dist` (default, call buildApps first) or from sources. */
  workerRuntime?: AppRuntime;
}): Promise<ShopFleet> {
  const meter = new AdmissionMeter();
  const limiter = new RateLimiter({ ...DEFAULT_RATE_LIMITS, ...sandboxRateLimits(p.quotas) });
  const catalog = (currency: string) =>
    demoTemuCatalog().map((g) => ({ ...g, skus: g.skus.map((s) => ({ ...s, currency })) }));
  const common = (s: ShopSpec, i: number) => ({
    orderCount: 0,
    amountCalculationMs: 0,
    pendingToUnshippedMs: 3_600_000,
    rateLimits: sandboxRateLimits(p.quotas),
    sharedLimiter: limiter,
    onAdmitted: meter.record,
    // Distinct seeds: order numbers of different shops never collide in the one Odoo.
    seed: 1000 + i,
    region: s.region,
    ...(s.market ? { market: s.market } : {}),
    catalog: catalog(s.currency),
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'temu-odoo-shops-'));
  const [first, ...rest] = p.shops;
  if (!first) throw new Error('startShopFleet needs at least one shop');
  const sandboxes = new Map<string, RunningTemuSandbox>();
  let fleet: Fleet | undefined;
  try {
    for (const [i, s] of rest.entries()) {
      sandboxes.set(
        s.shopId,
        await startTemuSandbox({
          port: 0,
          appKey: s.appKey,
          appSecret: s.appSecret,
          accessToken: s.accessToken,
          ...common(s, i + 1),
        }),
      );
    }
    const shopsFile = path.join(dir, 'shops.json');
    const mappingFile = path.join(dir, 'mapping.json');
    // EU orders ship to Germany, where Temu collects the VAT (docs/odoo-api.md: marketplace taxes).
    fs.writeFileSync(mappingFile, JSON.stringify({ taxes: { marketplaceCollected: ['DE'] } }));
    fleet = await startFleet({
      prefix: uniquePrefix(p.label),
      shopId: first.shopId,
      temu: common(first, 0),
      odoo: { products: demoOdooProducts() },
      workerRuntime: p.workerRuntime ?? 'dist',
      workerEnv: {
        TEMU_SHOPS_FILE: shopsFile,
        MAPPING_FILE: mappingFile,
        WORKER_CONCURRENCY: 'temu-orders=8,odoo=2',
        ODOO_FLUSH_DELAY_MS: '10000',
        ...quotaEnv(p.quotas),
        ...p.workerEnv,
      },
    });
    sandboxes.set(first.shopId, fleet.temu);
    fs.writeFileSync(
      shopsFile,
      JSON.stringify(
        p.shops.map((s) => ({
          shopId: s.shopId,
          region: s.region,
          gatewayUrl: sandboxes.get(s.shopId)!.url,
          appKey: s.appKey,
          appSecret: s.appSecret,
          accessToken: s.accessToken,
        })),
      ),
    );
    await enableCurrencies(fleet);
  } catch (err) {
    await fleet?.stop();
    for (const [id, sb] of sandboxes) if (id !== first.shopId) await sb.close();
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const f = fleet;
  return {
    fleet: f,
    shops: p.shops,
    sandboxes,
    meter,
    async temuControl<T>(shopId: string, method: string, urlPath: string, body?: unknown) {
      const sb = sandboxes.get(shopId);
      if (!sb) throw new Error(`no sandbox for ${shopId}`);
      const res = await fetch(`${sb.url}/_sandbox/${urlPath}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      if (!res.ok)
        throw new Error(`sandbox ${shopId} ${method} ${urlPath}: ${res.status} ${text.slice(0, 200)}`);
      return (text ? JSON.parse(text) : {}) as T;
    },
    async stop() {
      await f.stop();
      for (const [id, sb] of sandboxes) if (id !== first.shopId) await sb.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * EUR and GBP active, a pricelist in each (17+: the order's currency follows it) and today's rates
 * (units per USD: EUR 0.92, GBP 0.79), as an accountant would set up.
 */
async function enableCurrencies(fleet: Fleet): Promise<void> {
  const conn = new OdooConnection({
    url: fleet.odoo.url,
    db: FLEET_CREDENTIALS.odooDb,
    username: FLEET_CREDENTIALS.odooUser,
    password: FLEET_CREDENTIALS.odooPassword,
  });
  await conn.connect();
  for (const [code, rate] of [
    ['EUR', 0.92],
    ['GBP', 0.79],
  ] as const) {
    const [currency] = await conn.searchRead<{ id: number }>('res.currency', [['name', '=', code]], ['id'], {
      context: { active_test: false },
    });
    if (!currency) throw new Error(`the Odoo sandbox has no ${code} currency`);
    await conn.write('res.currency', [currency.id], { active: true });
    await conn.create('product.pricelist', [{ name: `Temu ${code}`, currency_id: currency.id }]);
    await conn.create('res.currency.rate', [
      { currency_id: currency.id, name: new Date().toISOString().slice(0, 10), rate },
    ]);
  }
}
