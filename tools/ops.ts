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
  type QueueName,
} from '@temu-odoo/queues';
import { checkListings } from './lib/check-listings.js';

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

program.parseAsync().catch((err: Error) => {
  process.stderr.write(`ops: ${err.message}\n`);
  process.exit(1);
});
