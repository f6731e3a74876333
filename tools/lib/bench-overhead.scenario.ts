import { Queue, Worker } from 'bullmq';
import { createLogger } from '@temu-odoo/config';
import {
  WorkerRunner,
  createRedisConnection,
  jobOptions,
  noopProcessors,
  queuePrefix,
} from '@temu-odoo/queues';
import { deleteKeys, uniquePrefix } from './fleet.js';
import { round } from './report.js';

export interface OverheadResult {
  params: { jobs: number; concurrency: number; rounds: number; queue: string };
  rawJobsPerSecond: number;
  catalogJobsPerSecond: number;
  /** raw ÷ ours: how many times longer a job takes through our layer (1 = no cost). */
  overheadRatio: number;
  rounds: Array<{ kind: 'raw' | 'catalog'; jobsPerSecond: number }>;
}

/**
 * Scenario 4: the same `jobs` no-op `system.heartbeat` jobs drained by a raw BullMQ Worker and by our
 * WorkerRunner (payload parsing, child logger, failure policy), same Redis, same concurrency,
 * alternating rounds; best round of each.
 */
export async function runOverhead(p: {
  jobs: number;
  concurrency: number;
  rounds: number;
  redisUrl: string;
}): Promise<OverheadResult> {
  const rounds: OverheadResult['rounds'] = [];
  for (let r = 0; r < p.rounds; r++) {
    for (const kind of ['raw', 'catalog'] as const)
      rounds.push({ kind, jobsPerSecond: await drainOnce(kind, p) });
  }
  const best = (k: 'raw' | 'catalog') =>
    Math.max(...rounds.filter((r) => r.kind === k).map((r) => r.jobsPerSecond));
  const raw = best('raw');
  const ours = best('catalog');
  return {
    params: { jobs: p.jobs, concurrency: p.concurrency, rounds: p.rounds, queue: 'system' },
    rawJobsPerSecond: round(raw, 1),
    catalogJobsPerSecond: round(ours, 1),
    overheadRatio: round(raw / ours),
    rounds: rounds.map((r) => ({ ...r, jobsPerSecond: round(r.jobsPerSecond, 1) })),
  };
}

async function drainOnce(
  kind: 'raw' | 'catalog',
  p: { jobs: number; concurrency: number; redisUrl: string },
): Promise<number> {
  const prefix = uniquePrefix(`overhead-${kind}`);
  const connection = createRedisConnection(p.redisUrl, 'worker');
  const producer = createRedisConnection(p.redisUrl, 'producer');
  const queue = new Queue('system', { connection: producer, prefix: queuePrefix(prefix, 'system') });
  const opts = jobOptions('system.heartbeat');
  for (let i = 0; i < p.jobs; i += 1000) {
    const n = Math.min(1000, p.jobs - i);
    await queue.addBulk(
      Array.from({ length: n }, () => ({
        name: 'system.heartbeat',
        data: { from: 'bench', sentAtMs: Date.now() },
        opts,
      })),
    );
  }
  let done = 0;
  let resolveDone!: () => void;
  const finished = new Promise<void>((r) => (resolveDone = r));
  const onCompleted = () => {
    done += 1;
    if (done === p.jobs) resolveDone();
  };
  const started = Date.now();
  let close: () => Promise<void>;
  if (kind === 'raw') {
    const worker = new Worker('system', async () => null, {
      connection,
      prefix: queuePrefix(prefix, 'system'),
      concurrency: p.concurrency,
    });
    worker.on('completed', onCompleted);
    close = () => worker.close();
  } else {
    const runner = new WorkerRunner({
      connection,
      prefix,
      queues: ['system'],
      processors: noopProcessors(),
      log: createLogger({ service: 'bench', level: 'warn' }),
      concurrency: { system: p.concurrency },
    });
    for (const w of runner.start()) w.on('completed', onCompleted);
    close = () => runner.close();
  }
  await finished;
  const seconds = (Date.now() - started) / 1000;
  await close();
  await queue.close();
  await deleteKeys(producer, prefix);
  await producer.quit();
  await connection.quit();
  return p.jobs / seconds;
}
