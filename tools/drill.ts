/**
 * `pnpm drill` (issue 7): fault drills, each bounded and self-stopping, each on a fresh fleet (both
 * sandboxes in process, real worker processes). Verdict per drill from both sandboxes' state; the
 * JSON report goes to `reports/drill-<timestamp>.json`, whose absolute path is the last line printed.
 * Exits 1 when a verdict fails.
 */
import { Command } from 'commander';
import { drillDefinitions, type DrillDefinition } from './lib/drill-faults.js';
import { countDrill, verdictPasses, type DrillCounts } from './lib/drill-verdict.js';
import {
  DEFAULT_QUOTAS,
  scaleQuotas,
  seedUnshippedOrders,
  startImportFleet,
  saleOrderCount,
  waitForImport,
  type Quotas,
} from './lib/import-fleet.js';
import { startPrivateRedis, type PrivateRedis } from './lib/private-redis.js';
import { waitForWorkersReady } from './lib/bench-import.scenario.js';
import { formatTable, machineInfo, writeReport } from './lib/report.js';
import { buildApps, stopApps, type AppProcess } from './lib/processes.js';
import { startFleetScheduler } from './lib/fleet-scheduler.js';
import { runReturnsDrill, type ReturnsDrillResult } from './lib/drill-returns.js';

interface DrillResult {
  name: string;
  description: string;
  params: { orders: number; malformed: number; workers: number; quotas: Quotas };
  fault: Record<string, unknown>;
  reconcileNeeded: boolean;
  durationSeconds: number;
  counts: DrillCounts;
  pass: boolean;
  error?: string;
}

const num = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`expected a positive number, got "${v}"`);
  return n;
};

const program = new Command()
  .name('drill')
  .description('Fault drills of the fleet (issue 7); the last line printed is the JSON report path')
  .option('--small', 'fast CI configuration: few hundred orders, short faults')
  .option('--orders <n>', 'orders per drill import', num)
  .option('--workers <n>', 'worker processes per drill', num)
  .option('--quota-factor <x>', 'multiply every Temu quota (sandbox and worker alike)', num)
  .option('--only <names>', 'comma-separated drill names to run')
  .option('--no-build', 'use the compiled apps as they are (another run just built them)')
  .option(
    '--redis-url <url>',
    'Redis for the drills that do not need a private one',
    process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  );

async function runDrill(
  def: DrillDefinition,
  p: DrillResult['params'],
  timeoutMs: number,
  redisUrl: string,
): Promise<DrillResult> {
  const started = Date.now();
  let redis: PrivateRedis | null = null;
  if (def.privateRedis) redis = await startPrivateRedis();
  const fleet = await startImportFleet({
    label: `drill-${def.name}`,
    quotas: p.quotas,
    redisUrl: redis?.url ?? redisUrl,
  });
  let scheduler: AppProcess | null = null;
  let schedulerHealthUrl: string | null = null;
  try {
    await seedUnshippedOrders(fleet, p.orders, p.malformed);
    for (let i = 0; i < p.workers; i++) fleet.startWorker();
    await waitForWorkersReady(fleet);
    if (def.scheduler) {
      const started = await startFleetScheduler(fleet, {}, 'dist');
      scheduler = started.app;
      schedulerHealthUrl = started.healthUrl;
    } else {
      await fleet.registry.enqueue('orders.poll', { shopId: fleet.shopId });
    }
    let expected = p.orders - p.malformed;
    // Strike once the import is a quarter done: "mid-import".
    while ((await saleOrderCount(fleet)) < expected / 4 && Date.now() - started < timeoutMs)
      await new Promise((r) => setTimeout(r, 100));
    let done = false;
    const faultResult = await def.fault({ fleet, redis, importDone: () => done, schedulerHealthUrl });
    expected += faultResult.addedOrders ?? 0;
    const wait = await waitForImport(fleet, expected, timeoutMs, () => undefined);
    done = true;
    // No reconcile is enqueued: in production it runs once a day, so an order it alone would bring
    // waits up to a day. Orders still missing at the deadline are exactly what it would have had
    // to bring, and they fail the drill.
    const reconcileNeeded = !wait.done;
    if (def.afterImport) await def.afterImport(fleet);
    // Let in-flight batches land so duplicates written late are counted too.
    await new Promise((r) => setTimeout(r, 3_000));
    const counts = await countDrill(fleet);
    return {
      name: def.name,
      description: def.description,
      params: p,
      fault: faultResult,
      reconcileNeeded,
      durationSeconds: Math.round((Date.now() - started) / 1000),
      counts,
      pass: verdictPasses(counts) && !reconcileNeeded,
    };
  } finally {
    if (scheduler) await stopApps([scheduler]);
    await fleet.stop().catch(() => undefined);
    await redis?.stop();
  }
}

async function main(): Promise<void> {
  const o = program.parse().opts<{
    small?: boolean;
    orders?: number;
    workers?: number;
    quotaFactor?: number;
    only?: string;
    build: boolean;
    redisUrl: string;
  }>();
  // Worker processes run compiled, as in the Docker image (see AppRuntime).
  if (o.build) buildApps();
  const small = Boolean(o.small);
  const orders = o.orders ?? (small ? 300 : 2000);
  const workers = o.workers ?? 2;
  // Drills test resilience, not the quota: quotas raised on both sides so an import takes seconds, not minutes.
  const quotas = scaleQuotas(DEFAULT_QUOTAS, o.quotaFactor ?? 5);
  const settings = {
    small,
    odooDownMs: small ? 10_000 : 60_000,
    stormMs: small ? 15_000 : 60_000,
    killEveryMs: small ? 2_000 : 3_000,
    killForMs: small ? 20_000 : 90_000,
    odooLatencyMs: small ? 1_000 : 1_500,
    ordersAfterLoss: small ? 50 : 300,
  };
  const only = o.only?.split(',').map((s) => s.trim());
  const say = (s: string) => process.stdout.write(`${s}\n`);
  // Cluster mode (README "Redis Cluster"): the private-Redis drills need a single Redis of their
  // own and are skipped; the cluster drills run only then.
  const clusterMode = Boolean(process.env.REDIS_CLUSTER_NODES?.trim());
  const defs = drillDefinitions(settings).filter((d) => {
    if (only && !only.includes(d.name)) return false;
    const fits = clusterMode ? !d.privateRedis : !d.cluster;
    if (!fits)
      say(
        `[${d.name}] SKIPPED: ${clusterMode ? 'needs a private single Redis, REDIS_CLUSTER_NODES is set' : 'needs REDIS_CLUSTER_NODES'}`,
      );
    return fits;
  });
  say(
    `drill (${small ? 'small' : 'full'}): ${orders} orders, ${workers} workers, orders quota ${quotas.ordersPerMinute}/min, ${JSON.stringify(settings)}`,
  );
  const started = Date.now();
  const results: DrillResult[] = [];
  for (const def of defs) {
    say(`[${def.name}] ${def.description}…`);
    const p = { orders, malformed: Math.round(orders * def.malformedShare), workers, quotas };
    const timeoutMs = small ? 90_000 : 300_000;
    const r = await runDrill(def, p, timeoutMs, o.redisUrl).catch((err: Error): DrillResult => ({
      name: def.name,
      description: def.description,
      params: p,
      fault: {},
      reconcileNeeded: false,
      durationSeconds: 0,
      counts: null as unknown as DrillCounts,
      pass: false,
      error: err.stack ?? err.message,
    }));
    results.push(r);
    const c = r.counts;
    say(
      r.error
        ? `VERDICT ${def.name}: FAIL (crashed: ${r.error.split('\n')[0]})`
        : `VERDICT ${def.name}: ${r.pass ? 'PASS' : 'FAIL'} — Temu parents ${c.temuParentOrders} (expected in Odoo ${c.expectedInOdoo}), Odoo orders ${c.odooOrders}, duplicates ${c.duplicates}, missing ${c.missing}, malformed parked ${c.malformedParked}/${c.malformedInTemu}${r.reconcileNeeded ? ', reconcile needed' : ''}`,
    );
  }
  // Issue 13: returns under SIGKILL, on its own fleet and verdict (cases, credit notes, stock).
  const returnsResults: ReturnsDrillResult[] = [];
  let returnsFailed = false;
  if (!only || only.includes('returns-sigkill')) {
    const rs = {
      orders: small ? 40 : 100,
      cases: small ? 14 : 30,
      workers,
      killEveryMs: settings.killEveryMs,
      killForMs: settings.killForMs,
    };
    say(
      `[returns-sigkill] ${rs.orders} orders, ${rs.cases} cases, a worker SIGKILLed every ${rs.killEveryMs} ms…`,
    );
    const r = await runReturnsDrill({ ...rs, timeoutMs: small ? 180_000 : 420_000 }).catch(
      (err: Error) => ({ name: 'returns-sigkill', pass: false, error: err.stack ?? err.message }) as const,
    );
    if ('error' in r) say(`VERDICT returns-sigkill: FAIL (crashed: ${r.error.split('\n')[0]})`);
    else {
      returnsResults.push(r);
      const c = r.returns;
      say(
        `VERDICT returns-sigkill: ${r.pass ? 'PASS' : 'FAIL'} — ${r.fault.kills} kills; cases closed ${c.closedInTemu}/${c.cases} in Temu, open in worker ${c.openInWorker}; credit notes ${c.creditNotes} for ${c.refunded} refunds, wrong ${c.wrongCreditNotes.length}; return transfers ${c.returnTransfers}, duplicated ${c.duplicateReturnTransfers}; scraps ${c.scraps}/${c.expectedScraps}; SKUs with wrong stock ${c.wrongStock.length}`,
      );
    }
    if (!r.pass) returnsFailed = true;
  }
  say('');
  say(
    formatTable([
      [
        'drill',
        'verdict',
        'expected',
        'Odoo',
        'dupes',
        'missing',
        'malformed parked',
        'reconcile',
        'seconds',
      ],
      ...results.map((r) => [
        r.name,
        r.pass ? 'PASS' : 'FAIL',
        r.counts?.expectedInOdoo ?? null,
        r.counts?.odooOrders ?? null,
        r.counts?.duplicates ?? null,
        r.counts?.missing ?? null,
        r.counts ? `${r.counts.malformedParked}/${r.counts.malformedInTemu}` : null,
        r.reconcileNeeded,
        r.durationSeconds,
      ]),
    ]),
  );
  const report = {
    kind: 'drill',
    version: 1,
    startedAt: new Date(started).toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    machine: machineInfo(),
    params: {
      mode: small ? 'small' : 'full',
      redis: clusterMode ? 'cluster' : 'single',
      orders,
      workers,
      quotas,
      ...settings,
    },
    drills: results,
    returnsDrills: returnsResults,
    allPassed: results.every((r) => r.pass) && !returnsFailed,
  };
  say('');
  say(writeReport('drill', report));
  process.exit(report.allPassed ? 0 : 1);
}

main().catch((err) => {
  process.stderr.write(`drill crashed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(2);
});
