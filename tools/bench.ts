/**
 * `pnpm bench` (issue 7): measures the fleet against its physical limits on this machine — both
 * sandboxes in process, real worker processes, real Redis — prints a table per scenario, writes
 * `reports/bench-<timestamp>.json` and prints that file's absolute path as the last line. Missed
 * targets are reported, never turned into a failing exit code (only a crash exits non-zero).
 */
import { Command } from 'commander';
import { runImport, type ImportRunResult } from './lib/bench-import.scenario.js';
import { runQuotaAdherence, type QuotaRunResult } from './lib/bench-quota.scenario.js';
import { runStockSweep, type StockRunResult } from './lib/bench-stock.scenario.js';
import { runOverhead, type OverheadResult } from './lib/bench-overhead.scenario.js';
import { runRedisMemory, type RedisMemoryResult } from './lib/bench-redis-memory.scenario.js';
import { runSettlementImport, type SettlementRunResult } from './lib/bench-settlement.scenario.js';
import { DEFAULT_QUOTAS, scaleQuotas } from './lib/import-fleet.js';
import { formatTable, machineInfo, round, writeReport } from './lib/report.js';
import { evaluateTargets } from './lib/bench-targets.js';
import { buildApps } from './lib/processes.js';
import { runPricing, type PricingRunResult } from './lib/bench-pricing.scenario.js';
import { runListingBench, type ListingBenchResult } from './lib/bench-listing.scenario.js';
import { runSellerMetrics, type SellerMetricsResult } from './lib/bench-seller-metrics.scenario.js';
import { runForecast, type ForecastRunResult } from './lib/bench-forecast.scenario.js';
import { runFiftyShops, type FiftyShopsResult } from './lib/bench-fifty-shops.scenario.js';
import { runScaling, type ScalingResult } from './lib/bench-scaling.scenario.js';
import { createRedisConnection } from '@temu-odoo/queues';

const ints = (v: string) =>
  v.split(',').map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`expected positive integers separated by commas, got "${v}"`);
    return n;
  });
const num = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`expected a positive number, got "${v}"`);
  return n;
};

const program = new Command()
  .name('bench')
  .description('Benchmarks of the fleet (issue 7); the last line printed is the JSON report path')
  .option('--small', 'fast CI configuration: few hundred orders, raised quotas, short scenarios')
  .option('--orders <n>', 'orders per import run (scenario 1)', num)
  .option('--workers <list>', 'worker process counts, e.g. 1,2,4', ints)
  .option('--quota-factor <x>', 'multiply every Temu quota (sandbox and worker alike)', num)
  .option('--raise <x>', 'extra quota factor of the raised-quota import run', num)
  .option('--hammer-seconds <n>', 'length of each quota-adherence run (scenario 2)', num)
  .option('--skus <n>', 'SKUs in the stock sweep (scenario 3)', num)
  .option('--changed <share>', 'share of SKUs changed before the timed sweep', num)
  .option('--overhead-jobs <n>', 'no-op jobs per overhead round (scenario 4)', num)
  .option('--memory-orders <n>', 'orders imported before Redis memory is measured (scenario 6)', num)
  .option('--horizon-seconds <n>', 'seconds the 30-day retention is compressed to (scenario 6)', num)
  .option('--pricing-skus <n>', 'SKUs planned in the pricing scenario (scenario 7)', num)
  .option('--statement-lines <n>', 'order rows of the imported statement (scenario 8)', num)
  .option('--scenarios <list>', 'which scenarios to run (1..4, 6..13; 5 comes with 1)', ints)
  .option('--listing-products <n>', 'products with images checked in scenario 9', num)
  .option('--seller-orders <n>', "orders in the shop's 30-day window (scenario 10)", num)
  .option('--forecast-skus <n>', 'SKUs of the fully-managed sales history forecast in scenario 11', num)
  .option('--shops <n>', 'shops in one fleet (scenario 12)', num)
  .option('--backfill-orders <n>', "orders in the backfilling shop's 30 days (scenario 12)", num)
  .option('--backfill-seconds <n>', 'stop watching the backfill after this long (scenario 12)', num)
  .option('--scaling-workers <list>', 'worker process counts of the scaling curve (scenario 13)', ints)
  .option('--scaling-orders <n>', 'orders per run of the scaling curve (scenario 13)', num)
  .option('--no-build', 'use the compiled apps as they are (another run just built them)')
  .option('--redis-url <url>', 'Redis to use', process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');

async function main(): Promise<void> {
  const o = program.parse().opts<{
    small?: boolean;
    orders?: number;
    workers?: number[];
    quotaFactor?: number;
    raise?: number;
    hammerSeconds?: number;
    skus?: number;
    changed?: number;
    overheadJobs?: number;
    memoryOrders?: number;
    horizonSeconds?: number;
    listingProducts?: number;
    scenarios?: number[];
    pricingSkus?: number;
    statementLines?: number;
    sellerOrders?: number;
    forecastSkus?: number;
    shops?: number;
    backfillOrders?: number;
    backfillSeconds?: number;
    scalingWorkers?: number[];
    scalingOrders?: number;
    build: boolean;
    redisUrl: string;
  }>();
  // Worker processes run compiled, as in the Docker image (see AppRuntime).
  if (o.build) buildApps();
  const small = Boolean(o.small);
  const params = {
    mode: small ? 'small' : 'full',
    orders: o.orders ?? (small ? 300 : 2000),
    workers: o.workers ?? [1, 2, 4],
    quotaFactor: o.quotaFactor ?? (small ? 5 : 1),
    raise: o.raise ?? 5,
    hammerSeconds: o.hammerSeconds ?? (small ? 15 : 70),
    skus: o.skus ?? (small ? 1000 : 5000),
    changed: o.changed ?? 0.1,
    overheadJobs: o.overheadJobs ?? (small ? 3000 : 20000),
    memoryOrders: o.memoryOrders ?? (small ? 1000 : 20000),
    horizonSeconds: o.horizonSeconds ?? (small ? 60 : 300),
    pricingSkus: o.pricingSkus ?? (small ? 1000 : 5000),
    statementLines: o.statementLines ?? (small ? 1000 : 10_000),
    scenarios: o.scenarios ?? [1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13],
    listingProducts: o.listingProducts ?? (small ? 100 : 1000),
    sellerOrders: o.sellerOrders ?? (small ? 5_000 : 100_000),
    forecastSkus: o.forecastSkus ?? (small ? 10 : 200),
    shops: o.shops ?? (small ? 10 : 50),
    backfillOrders: o.backfillOrders ?? (small ? 2_000 : 20_000),
    backfillSeconds: o.backfillSeconds ?? (small ? 80 : 3_600),
    scalingWorkers: o.scalingWorkers ?? (small ? [1, 2] : [1, 2, 4, 8]),
    scalingOrders: o.scalingOrders ?? (small ? 300 : 3_000),
    redisUrl: o.redisUrl.replace(/\/\/[^@]*@/, '//***@'),
  };
  process.env.REDIS_URL = o.redisUrl;
  const quotas = scaleQuotas(DEFAULT_QUOTAS, params.quotaFactor);
  const say = (s: string) => process.stdout.write(`${s}\n`);
  say(`bench (${params.mode}): ${JSON.stringify(params)}`);
  const started = Date.now();

  const imports: ImportRunResult[] = [];
  let raised: ImportRunResult | null = null;
  if (params.scenarios.includes(1)) {
    for (const w of params.workers) {
      say(
        `[1] import ${params.orders} orders with ${w} worker(s), orders quota ${quotas.ordersPerMinute}/min…`,
      );
      imports.push(
        await runImport({ orders: params.orders, workers: w, quotas, label: `bench-import-w${w}` }),
      );
    }
    const wMax = Math.max(...params.workers);
    const raisedQuotas = scaleQuotas(quotas, params.raise);
    say(
      `[1] import with a raised quota (${raisedQuotas.ordersPerMinute}/min, ${raisedQuotas.perSecond}/s), ${wMax} worker(s)…`,
    );
    raised = await runImport({
      orders: params.orders,
      workers: wMax,
      quotas: raisedQuotas,
      label: 'bench-import-raised',
    });
    say('');
    say(
      formatTable([
        [
          'workers',
          'quota/min',
          'done',
          'orders',
          'seconds',
          'orders/min',
          'quota-bound/min',
          'Temu/order',
          'Odoo/order',
          'utilisation',
          'throttled',
          'peak RSS MiB',
        ],
        ...[...imports, raised].map((r) => [
          r === raised ? `${r.params.workers} (raised)` : r.params.workers,
          r.params.quotas.ordersPerMinute,
          r.completed,
          r.imported,
          r.durationSeconds,
          r.ordersPerMinute,
          r.quotaBoundOrdersPerMinute,
          r.temuCallsPerOrder,
          r.odooCallsPerOrder,
          r.quotaUtilisation,
          r.throttled,
          r.peakRssMiB.map((x) => x ?? '?').join('/'),
        ]),
      ]),
    );
    say('');
  }

  const adherence: QuotaRunResult[] = [];
  if (params.scenarios.includes(2)) {
    for (const w of params.workers) {
      say(`[2] quota adherence: ${w} worker(s) for ${params.hammerSeconds} s…`);
      adherence.push(
        await runQuotaAdherence({
          workers: w,
          seconds: params.hammerSeconds,
          quotas,
          orders: Math.max(params.orders, 500),
        }),
      );
    }
    say('');
    say(
      formatTable([
        [
          'workers',
          'orders max/quota',
          'inventory',
          'products',
          'finance',
          'app key max/s',
          'within quota',
          'throttled',
          'idle groups',
        ],
        ...adherence.map((a) => [
          a.workers,
          `${a.maxObservedPerGroupPerMinute.orders}/${a.quotas.ordersPerMinute}`,
          `${a.maxObservedPerGroupPerMinute.inventory}/${a.quotas.inventoryPerMinute}`,
          `${a.maxObservedPerGroupPerMinute.products}/${a.quotas.productsPerMinute}`,
          `${a.maxObservedPerGroupPerMinute.finance}/${a.quotas.financePerMinute}`,
          `${Math.max(0, ...Object.values(a.maxObservedPerAppKeyPerSecond))}/${a.quotas.perSecond}`,
          a.withinQuota,
          a.throttled,
          a.idleGroups.join(',') || '–',
        ]),
      ]),
    );
    say('');
  }

  let stock: StockRunResult | null = null;
  if (params.scenarios.includes(3)) {
    // The warm-up pushes every goods once: inventory quota raised (both sides) so it takes seconds.
    const stockQuotas = { ...quotas, inventoryPerMinute: Math.max(quotas.inventoryPerMinute, 1200) };
    say(`[3] stock sweep: ${params.skus} SKUs, ${params.changed * 100}% changed…`);
    stock = await runStockSweep({
      skus: params.skus,
      changedShare: params.changed,
      workers: 1,
      quotas: stockQuotas,
      nearRealTimeSweepMs: small ? 3_000 : 10_000,
      latencySamples: small ? 5 : 20,
    });
    say('');
    say(
      formatTable([
        [
          'SKUs',
          'changed SKUs',
          'changed goods',
          'sweep s',
          'Temu stock calls',
          '= changed goods',
          'Odoo calls',
          'latency p50 ms',
          'p95 ms',
          'sweep every ms',
        ],
        [
          stock.params.skus,
          stock.sweep.changedSkus,
          stock.sweep.changedGoods,
          stock.sweep.durationSeconds,
          stock.sweep.temuStockCalls,
          stock.sweep.temuCallsEqualChangedGoods,
          stock.sweep.odooCalls,
          stock.propagation.p50Ms,
          stock.propagation.p95Ms,
          stock.params.nearRealTimeSweepMs,
        ],
      ]),
    );
    say('');
  }

  let overhead: OverheadResult | null = null;
  if (params.scenarios.includes(4)) {
    say(`[4] per-job overhead: ${params.overheadJobs} no-op jobs, raw BullMQ vs catalog…`);
    overhead = await runOverhead({
      jobs: params.overheadJobs,
      concurrency: 8,
      rounds: 2,
      redisUrl: o.redisUrl,
    });
    say('');
    say(
      formatTable([
        ['jobs', 'concurrency', 'raw jobs/s', 'catalog jobs/s', 'overhead ×'],
        [
          overhead.params.jobs,
          overhead.params.concurrency,
          overhead.rawJobsPerSecond,
          overhead.catalogJobsPerSecond,
          overhead.overheadRatio,
        ],
      ]),
    );
    say('');
  }

  let memory: RedisMemoryResult | null = null;
  if (params.scenarios.includes(6)) {
    // Memory, not speed: quotas raised so the import is over soon; 30 days pass in horizonSeconds.
    say(
      `[6] Redis memory: ${params.memoryOrders} orders, then the retention horizon (${params.horizonSeconds} s compressed clock)…`,
    );
    memory = await runRedisMemory({
      orders: params.memoryOrders,
      workers: 2,
      quotas: scaleQuotas(quotas, 10),
      horizonSeconds: params.horizonSeconds,
    });
    const mib = (b: number) => round(b / 1024 / 1024, 2);
    say('');
    say(
      formatTable([
        [
          'orders',
          'keys after run',
          'MiB after run',
          'keys after horizon',
          'MiB after horizon',
          'state B/order',
          'MiB per 10k/day',
        ],
        [
          memory.imported,
          memory.afterRun.keys,
          mib(memory.afterRun.bytes),
          memory.afterHorizon.keys,
          mib(memory.afterHorizon.bytes),
          memory.stateBytesPerOrder,
          memory.estimatedMiBPer10kOrdersPerDay,
        ],
      ]),
    );
    say('');
  }

  let pricing: PricingRunResult | null = null;
  if (params.scenarios.includes(7)) {
    say(`[7] pricing: plan ${params.pricingSkus} SKUs from Odoo, file the moved prices at Temu…`);
    pricing = await runPricing({ skus: params.pricingSkus });
    say('');
    say(
      formatTable([
        [
          'SKUs',
          'plan s',
          'Odoo reads',
          'priced',
          'skipped',
          'goods to push',
          'Temu price calls',
          '= goods',
          'push s',
        ],
        [
          pricing.params.skus,
          pricing.plan.seconds,
          pricing.plan.odooReads,
          pricing.plan.priced,
          pricing.plan.skipped,
          pricing.plan.goodsToPush,
          pricing.push.temuPriceCalls,
          pricing.push.callsEqualGoods,
          pricing.push.seconds,
        ],
      ]),
    );
    say('');
  }

  let listing: ListingBenchResult | null = null;
  if (params.scenarios.includes(9)) {
    say(`[9] listing check: ${params.listingProducts} Odoo products with 1000×1000 images…`);
    listing = await runListingBench({ products: params.listingProducts });
    say('');
    say(
      formatTable([
        ['products', 'check s', 'products/s', 'pass', 'fail', 'Odoo calls', 'Odoo/product', 'create s'],
        [
          listing.checked,
          listing.checkSeconds,
          listing.productsPerSecond,
          listing.passed,
          listing.failed,
          listing.odooCalls,
          listing.odooCallsPerProduct,
          listing.createSeconds,
        ],
      ]),
    );
    say('');
  }

  let settlement: SettlementRunResult | null = null;
  if (params.scenarios.includes(8)) {
    say(`[8] settlement: import a ${params.statementLines}-line payout statement into Odoo…`);
    settlement = await runSettlementImport({ lines: params.statementLines, ordersPerPayout: 100 });
    say('');
    say(
      formatTable([
        [
          'lines',
          'payouts',
          'seconds',
          'Odoo calls',
          'calls/line',
          'all reconciled',
          'clearing after',
          'again: calls, booked',
        ],
        [
          settlement.params.lines,
          settlement.payouts,
          settlement.durationSeconds,
          settlement.odooCalls,
          settlement.odooCallsPerLine,
          settlement.allReconciled,
          settlement.clearingBalanceAfter,
          `${settlement.secondImport.odooCalls}, ${settlement.secondImport.newlyBooked}`,
        ],
      ]),
    );
    say('');
  }

  let seller: SellerMetricsResult | null = null;
  if (params.scenarios.includes(10)) {
    say(
      `[10] Seller metrics: one shop with ${params.sellerOrders} orders in its 30-day window (and as many before it)…`,
    );
    const redis = createRedisConnection(o.redisUrl, 'worker');
    try {
      seller = await runSellerMetrics({ redis, orders: params.sellerOrders, evaluations: 20 });
    } finally {
      await redis.quit();
    }
    say('');
    say(
      formatTable([
        [
          'orders in window',
          'record s',
          'eval ms (median)',
          'eval ms (p95)',
          'eval ms (max)',
          'at risk',
          'open',
          'keys',
          'MiB',
        ],
        [
          seller.ordersInWindow,
          seller.recordSeconds,
          seller.evaluationMsMedian,
          seller.evaluationMsP95,
          seller.evaluationMsMax,
          seller.atRisk,
          seller.openOrders,
          seller.stateKeys,
          seller.stateMiB,
        ],
      ]),
    );
    say('');
  }

  let forecast: ForecastRunResult | null = null;
  if (params.scenarios.includes(11)) {
    say(
      `[11] Forecast: ${params.forecastSkus} fully-managed SKUs × 2 Temu warehouse groups, 120 days of sales read day by day, last 28 held back…`,
    );
    forecast = await runForecast({ skus: params.forecastSkus, heldBackDays: 28, naiveDays: 28 });
    say('');
    say(
      formatTable([
        [
          'series',
          'train days',
          'held back',
          'forecast WAPE %',
          'naive last-28 WAPE %',
          'forecast beats naive',
          's',
        ],
        [
          forecast.series,
          forecast.trainDays,
          forecast.params.heldBackDays,
          forecast.forecastWape ?? 'n/a',
          forecast.naiveLast28Wape ?? 'n/a',
          forecast.forecastBeatsNaive ? 'yes' : 'NO',
          forecast.seconds,
        ],
      ]),
    );
    say('');
  }

  let fiftyShops: FiftyShopsResult | null = null;
  if (params.scenarios.includes(12)) {
    // Quotas raised ×10 over the run's (each app key still held to them): at Temu's 200/min a
    // 20,000-order backfill alone takes 100 minutes, which measures the quota, not the fleet.
    const shopQuotas = scaleQuotas(quotas, small ? 2 : 10);
    say(
      `[12] fifty-shops: ${params.shops} shops, one backfilling ${params.backfillOrders} orders of 30 days, the others receiving fresh orders (orders quota ${shopQuotas.ordersPerMinute}/min per app key)…`,
    );
    fiftyShops = await runFiftyShops({
      shops: params.shops,
      appKeys: small ? 3 : 5,
      backfillOrders: params.backfillOrders,
      freshPerTick: 1,
      pollEveryMs: 5_000,
      workers: 2,
      quotas: shopQuotas,
      timeoutMs: params.backfillSeconds * 1000,
    });
    const ms = (v: number | null) => (v === null ? '–' : round(v / 1000, 1));
    const f = fiftyShops;
    say('');
    say(
      formatTable([
        [
          'backfill shop',
          'orders',
          'seconds',
          'orders/min',
          'fresh orders',
          'lag p50 s',
          'p95 s',
          'max s',
          'missing',
          'dups',
          'throttled',
        ],
        [
          f.backfillShop,
          `${f.backfill.imported}/${f.params.backfillOrders}`,
          f.backfill.seconds,
          f.backfill.ordersPerMinute,
          f.freshLag.orders,
          ms(f.freshLag.p50Ms),
          ms(f.freshLag.p95Ms),
          ms(f.freshLag.maxMs),
          f.freshLag.missing,
          f.duplicates,
          f.throttled,
        ],
      ]),
    );
    say(
      formatTable([
        ['app key', 'shops', 'calls', 'orders max/min', 'quota', 'max/s', 'quota/s', 'within'],
        ...f.appKeys.map((a) => [
          a.appKey,
          a.shops,
          a.calls,
          a.ordersPerMinuteMax,
          a.ordersPerMinuteQuota,
          a.perSecondMax,
          a.perSecondQuota,
          a.withinQuota,
        ]),
      ]),
    );
    say(
      formatTable([
        ['shop', 'region', 'app key', 'fresh', 'p50 s', 'p95 s', 'max s'],
        ...f.perShopLag.map((l) => [
          l.shopId,
          l.region,
          l.appKey,
          l.orders,
          ms(l.p50Ms),
          ms(l.p95Ms),
          ms(l.maxMs),
        ]),
      ]),
    );
    say('');
  }

  let scaling: ScalingResult | null = null;
  if (params.scenarios.includes(13)) {
    say(
      `[13] scaling: ${params.scalingOrders} orders at ${params.scalingWorkers.join('/')} worker process(es), quotas raised out of the way…`,
    );
    scaling = await runScaling({ orders: params.scalingOrders, workers: params.scalingWorkers });
    say('');
    say(
      formatTable([
        [
          'workers',
          'orders',
          'seconds',
          'orders/s',
          '× 1 worker',
          'Odoo calls/order',
          'Odoo ms/call',
          'Odoo busy',
          'Redis cmds/order',
          'quota waits',
          'worker CPU',
          'load 1m',
        ],
        ...scaling.runs.map((r) => [
          r.workers,
          r.imported,
          r.seconds,
          r.ordersPerSecond,
          r.speedup,
          r.odooCallsPerOrder,
          r.odooMsPerCall,
          r.odooBusyShare,
          r.redisCommandsPerOrder,
          r.quotaWaits,
          r.workerCpuShare,
          r.loadAverage1m,
        ]),
      ]),
    );
    say(scaling.verdict);
    say('');
  }

  const targets = evaluateTargets({ imports, adherence, overhead, pricing });
  if (forecast)
    targets.push({
      name: 'forecast beats the naive last-28-days mean (WAPE on held-back days)',
      limit: 'forecast < naive',
      measured: `${forecast.forecastWape ?? 'n/a'} % vs ${forecast.naiveLast28Wape ?? 'n/a'} %`,
      pass: forecast.forecastBeatsNaive,
    });
  if (settlement)
    targets.push({
      name: 'settlement import: Odoo calls per statement line',
      limit: '≤ 0.2, all reconciled',
      measured: `${settlement.odooCallsPerLine}, ${settlement.allReconciled ? 'all' : 'not all'} reconciled`,
      pass:
        settlement.odooCallsPerLine <= 0.2 &&
        settlement.allReconciled &&
        settlement.clearingBalanceAfter === 0,
    });
  say(
    formatTable([
      ['target', 'limit', 'measured', 'pass'],
      ...targets.map((t) => [t.name, t.limit, t.measured, t.pass]),
    ]),
  );
  const report = {
    kind: 'bench',
    version: 1,
    startedAt: new Date(started).toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    machine: machineInfo(),
    params: { ...params, quotas },
    scenarios: {
      orderImport: { runs: imports, raisedQuota: raised },
      quotaAdherence: adherence,
      stockSweep: stock,
      jobOverhead: overhead,
      redisMemory: memory,
      pricing,
      settlementImport: settlement,
      listingCheck: listing,
      sellerMetrics: seller,
      forecast,
      fiftyShops,
      scaling,
      memory: imports.map((r) => ({ workers: r.params.workers, peakRssMiB: r.peakRssMiB })),
    },
    targets,
    allTargetsMet: targets.every((t) => t.pass),
  };
  say('');
  say(writeReport('bench', report));
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`bench crashed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
