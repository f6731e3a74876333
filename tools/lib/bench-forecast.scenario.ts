import { forecastDemand, naiveForecast, tallyError, wapePercent, type DailySeries } from '@temu-odoo/core';
import { TemuClient, TemuWarehouseSales } from '@temu-odoo/temu-connector';
import { startTemuSandbox } from '@temu-odoo/temu-sandbox';
import { benchCatalog } from './bench-catalog.js';
import { FLEET_CREDENTIALS } from './fleet.js';
import { round } from './report.js';

export interface ForecastRunResult {
  params: { skus: number; heldBackDays: number; naiveDays: number };
  series: number;
  historyDays: number;
  trainDays: number;
  /** WAPE (%) of the forecast over the held-back days: Σ|actual − forecast| / Σ actual. */
  forecastWape: number | null;
  /** WAPE (%) of the naive baseline (mean of the last 28 training days, flat). */
  naiveLast28Wape: number | null;
  forecastBeatsNaive: boolean;
  /** Temu sales reads made to rebuild the history (one per warehouse group and day). */
  salesCalls: number;
  seconds: number;
}

interface SandboxHistory {
  startDate: string;
  historyDays: number;
  warehouseGroups: Array<{ warehouseGroupId: number }>;
}

/**
 * Scenario 11 "forecast": the sandbox's fully-managed shop (120 days of sales with trend, weekday
 * pattern and noise) read the way the worker reads it — `bg.goods.salesv2.get` per warehouse group,
 * once per day of history, the running totals differenced into daily sales. The last
 * `heldBackDays` are held back; the forecast (core/forecast) and the naive last-28-days mean are
 * made from the days before, and both are scored with WAPE on the held-back days.
 */
export async function runForecast(p: ForecastRunResult['params']): Promise<ForecastRunResult> {
  const started = Date.now();
  const wide = 1_000_000;
  const temu = await startTemuSandbox({
    port: 0,
    ...FLEET_CREDENTIALS,
    orderCount: 0,
    catalog: benchCatalog(p.skus).temu,
    rateLimits: {
      appKeyPerSecond: wide,
      groupPerMinute: { products: wide, orders: wide, inventory: wide, shipping: wide, finance: wide },
    },
  });
  try {
    const control = async (method: string, body?: unknown) => {
      const res = await fetch(`${temu.url}/_sandbox/full-sales`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!res.ok) throw new Error(`temu sandbox full-sales: ${res.status}`);
      return res.json() as Promise<unknown>;
    };
    const info = (await control('GET')) as SandboxHistory;
    const sales = new TemuWarehouseSales(new TemuClient({ ...FLEET_CREDENTIALS, baseUrl: temu.url }));
    // totals[series][day] = running total as of day (covers days before it).
    const totals = new Map<string, number[]>();
    let salesCalls = 0;
    for (let day = 0; day <= info.historyDays; day++) {
      await control('POST', { day });
      for (const g of info.warehouseGroups) {
        const rows = await sales.warehouseSales(String(g.warehouseGroupId));
        salesCalls++;
        for (const r of rows) {
          const key = `${g.warehouseGroupId}/${r.sku}`;
          if (!totals.has(key)) totals.set(key, []);
          totals.get(key)![day] = r.totalSold;
        }
      }
    }
    const trainDays = info.historyDays - p.heldBackDays;
    const forecastTally = { absError: 0, actual: 0 };
    const naiveTally = { absError: 0, actual: 0 };
    for (const running of totals.values()) {
      const daily = running.slice(1).map((t, i) => t - running[i]!);
      const train: DailySeries = { startDate: info.startDate, values: daily.slice(0, trainDays) };
      const actual = daily.slice(trainDays);
      tallyError(actual, forecastDemand(train, p.heldBackDays).daily, forecastTally);
      tallyError(actual, naiveForecast(train, p.heldBackDays, p.naiveDays), naiveTally);
    }
    const forecastWape = wapePercent(forecastTally);
    const naiveLast28Wape = wapePercent(naiveTally);
    return {
      params: p,
      series: totals.size,
      historyDays: info.historyDays,
      trainDays,
      forecastWape: forecastWape === null ? null : round(forecastWape, 2),
      naiveLast28Wape: naiveLast28Wape === null ? null : round(naiveLast28Wape, 2),
      forecastBeatsNaive: forecastWape !== null && naiveLast28Wape !== null && forecastWape < naiveLast28Wape,
      salesCalls,
      seconds: round((Date.now() - started) / 1000, 2),
    };
  } finally {
    await temu.close();
  }
}
