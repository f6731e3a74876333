import { link, mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { statementImportJob, xlsxStatementToCsv, type QueueRegistry } from '@temu-odoo/queues';

/** A statement larger than this is refused (the job keeps it in Redis); the same cap as /ops upload. */
export const MAX_DROPPED_STATEMENT_BYTES = 20 * 1024 * 1024;

/** Folder states under the drop folder (README "Statements and payouts"). */
export const DROP_STATES = ['processing', 'processed', 'failed'] as const;

export interface StatementDropFolderOptions {
  dir: string;
  registry: QueueRegistry;
  /** Whether the scheduler serves this shop (read at each scan: a reloaded shops file counts). */
  knownShop: (shopId: string) => boolean;
  bankJournal: string;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void };
}

export interface DropScanResult {
  claimed: string[];
  processed: string[];
  failed: string[];
}

/** `<shopId>__anything.csv` / `.xlsx`: the shop is the part before the first double underscore. */
const NAMED = /^(.+?)__.+\.(csv|xlsx)$/i;

class DropRefusal extends Error {}

/**
 * The statement drop folder (issue 11): files dropped into `dir` are claimed into `processing/`,
 * queued as `settlement.import` (job id = shop + sha256, so the same file imports once), and moved
 * to `processed/` once the job completed or to `failed/` with `<file>.error.txt` once it failed for
 * good. Polling, not fs events (network volumes do not deliver them). Several scheduler replicas
 * may watch one folder: a file is claimed with link() into `processing/`, which fails when the name
 * is already there, so only one replica claims it; everything after the claim (enqueue by job id,
 * rename into a final folder) is idempotent, so any replica may finish what another claimed, and a
 * file left in `processing/` by a crash is finished by the next scan.
 */
export class StatementDropFolder {
  readonly #o: StatementDropFolderOptions;
  /** Job id per file in processing/ (by name, size and mtime): the content is hashed once. */
  readonly #jobIds = new Map<string, string>();
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<unknown> = Promise.resolve();

  constructor(options: StatementDropFolderOptions) {
    this.#o = options;
  }

  #path(state: (typeof DROP_STATES)[number] | null, name: string): string {
    return state ? path.join(this.#o.dir, state, name) : path.join(this.#o.dir, name);
  }

  /** One pass: finish what is in processing/ (also after a crash), then claim new files. */
  async scan(): Promise<DropScanResult> {
    const result: DropScanResult = { claimed: [], processed: [], failed: [] };
    for (const state of DROP_STATES) await mkdir(this.#path(state, ''), { recursive: true });
    for (const name of await this.#files(null)) {
      if (await this.#claim(name)) result.claimed.push(name);
    }
    for (const name of await this.#files('processing')) {
      const outcome = await this.#advance(name);
      if (outcome === 'processed') result.processed.push(name);
      if (outcome === 'failed') result.failed.push(name);
    }
    return result;
  }

  /** Scans every `intervalMs` (one scan at a time) until stopped; a failing scan is logged, not fatal. */
  start(intervalMs: number): this {
    const tick = () => {
      this.#running = this.scan()
        .then((r) => {
          if (r.claimed.length || r.processed.length || r.failed.length)
            this.#o.log.info({ ...r }, 'statement drop folder');
        })
        .catch((err: Error) => this.#o.log.warn({ err: err.message }, 'statement drop folder scan failed'))
        .finally(() => {
          if (this.#timer) this.#timer = setTimeout(tick, intervalMs);
        });
    };
    this.#timer = setTimeout(tick, 0);
    return this;
  }

  async stop(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  /** Regular files waiting in a state folder; dotfiles and `.part`/`.tmp` (copies in progress) skipped. */
  async #files(state: 'processing' | null): Promise<string[]> {
    const entries = await readdir(this.#path(state, ''), { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && !e.name.startsWith('.') && !/\.(part|tmp)$/i.test(e.name))
      .map((e) => e.name)
      .sort();
  }

  /** link() fails if processing/ already has the name: another replica claimed it (or an older file of that name is still there). */
  async #claim(name: string): Promise<boolean> {
    try {
      await link(this.#path(null, name), this.#path('processing', name));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' || code === 'ENOENT') return false;
      throw err;
    }
    await unlink(this.#path(null, name)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
    return true;
  }

  async #advance(name: string): Promise<'processed' | 'failed' | 'waiting' | 'gone'> {
    let jobId: string;
    try {
      jobId = await this.#enqueue(name);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
      if (!(err instanceof DropRefusal)) throw err;
      return (await this.#finish(name, 'failed', `${name}: ${err.message}\n`)) ? 'failed' : 'gone';
    }
    const job = await this.#o.registry.queue('odoo').getJob(jobId);
    const state = job ? await job.getState() : 'unknown';
    if (state === 'completed') return (await this.#finish(name, 'processed')) ? 'processed' : 'gone';
    if (state === 'failed') {
      const text = `${name}: settlement.import job ${jobId} failed\n${job?.failedReason ?? 'no reason'}\n`;
      return (await this.#finish(name, 'failed', text.replace(/; payout /g, ';\npayout ')))
        ? 'failed'
        : 'gone';
    }
    return 'waiting';
  }

  /** Queues the file (idempotent: same job id for the same shop and content) and returns the job id. */
  async #enqueue(name: string): Promise<string> {
    const file = this.#path('processing', name);
    const info = await stat(file);
    const key = `${name}:${info.size}:${info.mtimeMs}`;
    const known = this.#jobIds.get(key);
    const shopId = NAMED.exec(name)?.[1];
    if (!shopId)
      throw new DropRefusal(
        'the file name does not say the shop: name it <shopId>__<anything>.csv or .xlsx (e.g. shop-1__2026-11.csv)',
      );
    if (!this.#o.knownShop(shopId))
      throw new DropRefusal(
        `unknown shop "${shopId}" (the part of the name before "__" must be a configured shop id)`,
      );
    if (info.size > MAX_DROPPED_STATEMENT_BYTES)
      throw new DropRefusal(
        `statement too large: ${info.size} bytes (at most ${MAX_DROPPED_STATEMENT_BYTES})`,
      );
    if (known) return known;
    let content: string;
    try {
      const bytes = await readFile(file);
      content = /\.xlsx$/i.test(name) ? await xlsxStatementToCsv(bytes) : bytes.toString('utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw err;
      throw new DropRefusal((err as Error).message);
    }
    if (!content.trim()) throw new DropRefusal('the file is empty (expected a header row and payout rows)');
    const { data, opts } = statementImportJob(shopId, name, content, { bankJournal: this.#o.bankJournal });
    // Adding a job whose id exists is a no-op in BullMQ: a second replica or a restart queues nothing new.
    await this.#o.registry.enqueue('settlement.import', data, opts);
    this.#jobIds.set(key, opts.jobId!);
    return opts.jobId!;
  }

  /** processing/<name> → <state>/<name> (a suffix when that name exists); false if another replica moved it first. */
  async #finish(name: string, state: 'processed' | 'failed', errorText?: string): Promise<boolean> {
    let target = this.#path(state, name);
    if (await exists(target)) {
      const ext = path.extname(name);
      target = this.#path(state, `${path.basename(name, ext)}.${Date.now()}${ext}`);
    }
    try {
      await rename(this.#path('processing', name), target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
    for (const key of this.#jobIds.keys()) if (key.startsWith(`${name}:`)) this.#jobIds.delete(key);
    if (errorText) await writeFile(`${target}.error.txt`, errorText, 'utf8');
    this.#o.log.info({ file: name, to: path.relative(this.#o.dir, target) }, `statement ${state}`);
    return true;
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
