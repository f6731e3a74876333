/**
 * `pnpm ops <command>`: operator commands against the fleet's Redis (REDIS_URL, QUEUE_PREFIX).
 * They enqueue the same catalog jobs the scheduler does, so a command and a schedule never differ.
 */
import { Command } from 'commander';
import {
  QUEUE_NAMES,
  QueueRegistry,
  createRedisConnection,
  replayParked,
  statementImportJob,
  xlsxStatementToCsv,
  type QueueName,
} from '@temu-odoo/queues';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { PriceState } from '../apps/worker/src/pricing/price-state.js';
import { formatPriceTable } from './lib/price-table.js';
import { checkListings } from './lib/check-listings.js';
import { formatReplenishmentTable } from './lib/replenishment-table.js';
import {
  enqueueStockRequests,
  lastReplenishmentPlanKey,
  payoutReportRow,
  readPayoutReports,
  type ReplenishmentPlanTable,
} from '@temu-odoo/queues';
import { formatPayoutTable } from './lib/payout-table.js';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = process.env.QUEUE_PREFIX ?? 'temu-odoo';
const defaultShop = process.env.TEMU_SHOP_ID ?? 'demo-shop';

async function withRegistry<T>(fn: (registry: QueueRegistry) => Promise<T>): Promise<T> {
  const connection = createRedisConnection(redisUrl, 'producer');
  const registry = new QueueRegistry({ connection, prefix });
  try {
    return await fn(registry);
  } finally {
    await registry.close();
    await connection.quit();
  }
}

const print = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};
const parseQueue = (q: string): QueueName => {
  if (!(QUEUE_NAMES as string[]).includes(q))
    throw new Error(`unknown queue ${q}; expected one of ${QUEUE_NAMES.join(', ')}`);
  return q as QueueName;
};

const program = new Command('ops').description('Operate the temu-odoo fleet');

program
  .command('backfill')
  .description('Import orders changed in the last N days (first-run backfill, or again on demand)')
  .option('--shop <id>', 'shop id', defaultShop)
  .option('--days <n>', 'days back', '30')
  .action(async (o: { shop: string; days: string }) =>
    withRegistry(async (r) =>
      print((await r.enqueue('orders.poll', { shopId: o.shop, backfillDays: Number(o.days) })).asJSON()),
    ),
  );

program
  .command('reconcile-orders')
  .description("Compare Temu's order list with Odoo for a window and re-enqueue what is missing or stale")
  .option('--shop <id>', 'shop id', defaultShop)
  .option('--days <n>', 'window: the last N days', '7')
  .action(async (o: { shop: string; days: string }) =>
    withRegistry(async (r) => {
      const toMs = Date.now();
      const fromMs = toMs - Number(o.days) * 86_400_000;
      print((await r.enqueue('orders.reconcile', { shopId: o.shop, fromMs, toMs })).asJSON());
    }),
  );

program
  .command('reconcile-stock')
  .description("Read Temu's current stock and correct drift from Odoo")
  .option('--shop <id>', 'shop id', defaultShop)
  .action(async (o: { shop: string }) =>
    withRegistry(async (r) => print((await r.enqueue('stock.reconcile', { shopId: o.shop })).asJSON())),
  );

program
  .command('parked')
  .description('List parked (failed) jobs with their reasons')
  .option('--queue <name>', 'one queue only')
  .action(async (o: { queue?: string }) =>
    withRegistry(async (r) => {
      const queues = o.queue ? [parseQueue(o.queue)] : QUEUE_NAMES;
      for (const name of queues) {
        for (const job of await r.queue(name).getFailed(0, 999)) {
          const data = job.data as { shopId?: string; orderRef?: string };
          process.stdout.write(
            `${name}\t${job.id}\t${job.name}\t${data.shopId ?? ''}\t${data.orderRef ?? ''}\t${job.failedReason}\n`,
          );
        }
      }
    }),
  );

program
  .command('replay')
  .description('Replay parked jobs: one (--job), or all of a queue (--queue) or of every queue (--all)')
  .option('--queue <name>', 'queue of the job(s)')
  .option('--job <id>', 'one job id')
  .option('--all', 'every parked job of the queue, or of every queue without --queue')
  .action(async (o: { queue?: string; job?: string; all?: boolean }) =>
    withRegistry(async (r) => {
      if (o.job) {
        if (!o.queue) throw new Error('--job needs --queue');
        const job = await r.queue(parseQueue(o.queue)).getJob(o.job);
        if (!job) throw new Error(`no job ${o.job} in ${o.queue}`);
        await replayParked(job);
        print({ replayed: [`${o.queue}/${o.job}`] });
        return;
      }
      if (!o.all) throw new Error('say which: --job <id> --queue <name>, or --all [--queue <name>]');
      const queues = o.queue ? [parseQueue(o.queue)] : QUEUE_NAMES;
      const replayed: string[] = [];
      for (const name of queues) {
        for (const job of await r.queue(name).getFailed(0, 9_999)) {
          await replayParked(job);
          replayed.push(`${name}/${job.id}`);
        }
      }
      print({ replayed });
    }),
  );

program
  .command('prices')
  .description(
    'Plan the shop prices and print the table (SKU, cost, current, proposed, floor, rules); without --dry-run also push',
  )
  .option('--shop <id>', 'shop id', defaultShop)
  .option('--dry-run', 'compute and print only: nothing is pushed to Temu or written to Odoo')
  .option('--timeout <seconds>', 'how long to wait for the worker', '120')
  .action(async (o: { shop: string; dryRun?: boolean; timeout: string }) =>
    withRegistry(async (r) => {
      const job = await r.enqueue(
        'prices.plan',
        { shopId: o.shop, dryRun: Boolean(o.dryRun) },
        { jobId: `prices.plan.ops.${o.shop}.${Date.now()}` },
      );
      const deadline = Date.now() + Number(o.timeout) * 1000;
      for (;;) {
        const state = await job.getState();
        if (state === 'completed') break;
        if (state === 'failed') {
          const failed = await r.queue('temu-products').getJob(job.id!);
          throw new Error(`prices.plan failed: ${failed?.failedReason ?? 'no reason'}`);
        }
        if (Date.now() > deadline) throw new Error(`no worker finished prices.plan within ${o.timeout} s`);
        await new Promise((done) => setTimeout(done, 250));
      }
      const connection = createRedisConnection(redisUrl, 'producer');
      const table = await new PriceState(connection, prefix, o.shop)
        .lastPlan()
        .finally(() => connection.quit());
      if (!table) throw new Error(`the worker kept no plan table for shop ${o.shop}`);
      process.stdout.write(`${formatPriceTable(table)}\n`);
    }),
  );

program
  .command('import-statement')
  .description(
    'Import a Temu payout statement (CSV or XLSX): payouts booked on the bank and reconciled (README "Statements and payouts")',
  )
  .argument('<file>', 'statement file (CSV or XLSX, default layout or --columns)')
  .option('--shop <id>', 'shop id', defaultShop)
  .option('--bank-journal <name>', 'Odoo bank journal the payouts arrive on', 'Bank')
  .option('--columns <json>', 'column mapping, e.g. {"payoutId":"Payout ID",...} (file or inline JSON)')
  .option('--wait <seconds>', 'wait for the import and print its report', '0')
  .action(async (file: string, o: { shop: string; bankJournal: string; columns?: string; wait: string }) =>
    withRegistry(async (r) => {
      if (/\.xls$/i.test(file))
        throw new Error(`${file}: old Excel .xls is not read; save the sheet as .xlsx or CSV (UTF-8)`);
      // XLSX: its first sheet as CSV, one line per sheet row (errors name the sheet row).
      const content = /\.xlsx$/i.test(file)
        ? await xlsxStatementToCsv(await readFile(file))
        : await readFile(file, 'utf8');
      const columns = o.columns
        ? (JSON.parse(
            o.columns.trim().startsWith('{') ? o.columns : await readFile(o.columns, 'utf8'),
          ) as Record<string, string>)
        : undefined;
      const { data, opts } = statementImportJob(o.shop, path.basename(file), content, {
        bankJournal: o.bankJournal,
        ...(columns ? { columns: columns as never } : {}),
      });
      const job = await r.enqueue('settlement.import', data, opts);
      const deadline = Date.now() + Number(o.wait) * 1000;
      for (;;) {
        const state = await job.getState();
        if (state === 'completed' || state === 'failed' || Date.now() >= deadline) {
          const done = await r.queue('odoo').getJob(job.id!);
          print({
            job: job.id,
            state,
            report: done?.returnvalue ?? null,
            refused: done?.failedReason ?? null,
          });
          return;
        }
        await new Promise((res) => setTimeout(res, 500));
      }
    }),
  );

program
  .command('check-listings')
  .description(
    "Check Odoo products against Temu's listing rules (all, or one with --product) and print the report",
  )
  .option('--shop <id>', 'shop id', defaultShop)
  .option('--product <code>', 'one product or variant internal reference')
  .option('--publish', 'publish the products that pass')
  .option('--wait-seconds <n>', 'how long to wait for a worker to run the check', '600')
  .action(async (o: { shop: string; product?: string; publish?: boolean; waitSeconds: string }) =>
    withRegistry(async (r) => {
      const redis = createRedisConnection(redisUrl, 'producer');
      try {
        const text = await checkListings(r, redis, {
          shopId: o.shop,
          ...(o.product ? { product: o.product } : {}),
          publish: o.publish === true,
          waitMs: Number(o.waitSeconds) * 1000,
        });
        process.stdout.write(`${text}\n`);
      } finally {
        await redis.quit();
      }
    }),
  );

/** Waits for a job to finish; its return value, or the reason it was parked. */
async function finished(
  r: QueueRegistry,
  queue: QueueName,
  jobId: string,
  timeoutSeconds: number,
): Promise<unknown> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const job = await r.queue(queue).getJob(jobId);
    const state = job ? await job.getState() : 'missing';
    if (state === 'completed') return job!.returnvalue;
    if (state === 'failed') throw new Error(`${job!.name} failed: ${job!.failedReason ?? 'no reason'}`);
    if (Date.now() > deadline) throw new Error(`no worker finished ${jobId} within ${timeoutSeconds} s`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

program
  .command('replenishment')
  .description(
    'Plan bulk shipments of a fully-managed shop (forecast per SKU and Temu warehouse) and print the plan; with --create-transfers also draft them in Odoo, with --apply ask Temu to buy them (purchase orders)',
  )
  .option('--shop <id>', 'shop id', defaultShop)
  .option('--create-transfers', "create the plan's shipments as draft Odoo transfers (once per shipment)")
  .option(
    '--apply',
    "ask Temu to place purchase orders for the plan's shipments (bg.purchaseorder.apply, once per shipment)",
  )
  .option('--csv <file>', 'also write the plan lines as CSV (same as the dashboard export)')
  .option('--timeout <seconds>', 'how long to wait for the worker', '300')
  .action(
    async (o: { shop: string; createTransfers?: boolean; apply?: boolean; csv?: string; timeout: string }) =>
      withRegistry(async (r) => {
        const planJob = await r.enqueue(
          'replenishment.plan',
          { shopId: o.shop },
          { jobId: `replenishment.plan.ops.${o.shop}.${Date.now()}` },
        );
        const summary = (await finished(r, 'temu-products', planJob.id!, Number(o.timeout))) as {
          skipped?: string;
        };
        if (summary?.skipped) throw new Error(summary.skipped);
        const connection = createRedisConnection(redisUrl, 'producer');
        const read = async () => {
          const raw = await connection.get(lastReplenishmentPlanKey(prefix, o.shop));
          return raw ? (JSON.parse(raw) as ReplenishmentPlanTable) : null;
        };
        try {
          let plan = await read();
          if (!plan) throw new Error(`the worker kept no replenishment plan for shop ${o.shop}`);
          if (o.createTransfers && plan.shipments.length > 0) {
            const job = await r.enqueue(
              'replenishment.transfers',
              { shopId: o.shop, planId: plan.planId },
              { jobId: `replenishment.transfers.ops.${plan.planId}.${Date.now()}` },
            );
            const made = (await finished(r, 'odoo', job.id!, Number(o.timeout))) as {
              created: string[];
              existing: string[];
            };
            process.stdout.write(
              `Odoo draft transfers: ${made.created.length} created, ${made.existing.length} already there\n`,
            );
            plan = (await read()) ?? plan;
          }
          if (o.apply && plan.shipments.length > 0) {
            // Each shipment's job reports alone: a refused one is listed with Temu's words, the others still count.
            for (const jobId of await enqueueStockRequests(r, plan)) {
              try {
                const done = (await finished(r, 'temu-orders', jobId, Number(o.timeout))) as {
                  shipmentId: string;
                  requested: string[];
                  alreadyRequested: string[];
                };
                process.stdout.write(
                  `Temu stock request ${done.shipmentId}: ${done.requested.length} SKUs requested now, ${done.alreadyRequested.length} already\n`,
                );
              } catch (err) {
                process.stdout.write(`Temu stock request ${jobId}: ${(err as Error).message}\n`);
              }
            }
          }
          if (o.csv) {
            const { replenishmentCsv } = await import('../apps/dashboard/src/replenishment.view.js');
            await writeFile(o.csv, replenishmentCsv(plan));
          }
          process.stdout.write(`${formatReplenishmentTable(plan)}\n`);
        } finally {
          await connection.quit();
        }
      }),
  );

program
  .command('payouts')
  .description(
    'Per-payout report of imported statements: orders matched, amount, expected, difference, currency, reconciled (README "Statements and payouts")',
  )
  .option('--shop <id>', 'shop id', defaultShop)
  .option('--open', 'only payouts not reconciled yet')
  .option('--reconcile', 'first run settlement.reconcile for the shop (match payouts again) and wait for it')
  .option('--timeout <seconds>', 'how long to wait for the worker with --reconcile', '300')
  .option('--json', 'print the reports as JSON')
  .action(async (o: { shop: string; open?: boolean; reconcile?: boolean; timeout: string; json?: boolean }) =>
    withRegistry(async (r) => {
      if (o.reconcile) {
        const job = await r.enqueue(
          'settlement.reconcile',
          { shopId: o.shop },
          { jobId: `settlement.reconcile.ops.${o.shop}.${Date.now()}` },
        );
        await finished(r, 'temu-finance', job.id!, Number(o.timeout));
      }
      const connection = createRedisConnection(redisUrl, 'producer');
      try {
        const all = await readPayoutReports(connection, prefix, o.shop);
        const entries = o.open ? all.filter((e) => !e.reconciled) : all;
        if (o.json) print(entries.map(payoutReportRow));
        else process.stdout.write(`${formatPayoutTable(o.shop, entries)}\n`);
      } finally {
        await connection.quit();
      }
    }),
  );

program.parseAsync().catch((err: Error) => {
  process.stderr.write(`ops: ${err.message}\n`);
  process.exit(1);
});
