import fs from 'node:fs';
import path from 'node:path';
import { readShopsFile, type ShopConfig } from './shops.js';

export interface ShopsChange {
  shops: ShopConfig[];
  added: string[];
  removed: string[];
  /** Same shop id, other settings (a rotated access token, a new gateway). */
  changed: string[];
}

export interface ShopsWatcherOptions {
  file: string;
  /** The shops the app started with (read from `file`). */
  initial: ShopConfig[];
  /** Re-read this often even without a file event (TEMU_SHOPS_RELOAD_SECONDS). */
  intervalMs: number;
  /** Called with the new list, synchronously, before the next check; must not throw. */
  onChange: (change: ShopsChange) => void;
  /** A changed file that is not valid: the old shops stay; said once per bad version of the file. */
  onInvalid: (message: string) => void;
}

/**
 * Adding a shop needs no restart: TEMU_SHOPS_FILE is re-read when its directory reports a change
 * (fs.watch) and every `intervalMs` besides, because watch events are not reliable everywhere (network
 * file systems, and Kubernetes swaps a mounted Secret's files through a symlink). The file's text is
 * compared, not its mtime, so a swap with an old timestamp still counts. A new version is used only
 * when valid as a whole; otherwise the shops in use stay and the error is reported (naming the
 * variable and the problem, never quoting the file: it holds secrets).
 */
export class ShopsWatcher {
  private shops: ShopConfig[];
  private lastText: string | null;
  private lastBadText: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private watcher: fs.FSWatcher | null = null;

  constructor(private readonly options: ShopsWatcherOptions) {
    this.shops = options.initial;
    this.lastText = readText(options.file);
  }

  get current(): ShopConfig[] {
    return this.shops;
  }

  start(): this {
    try {
      this.watcher = fs.watch(path.dirname(this.options.file), () => this.check());
      this.watcher.on('error', () => undefined); // the periodic check carries on
    } catch {
      // No watch support here: the periodic check alone.
    }
    this.timer = setInterval(() => this.check(), this.options.intervalMs);
    this.timer.unref();
    return this;
  }

  /** Re-reads the file now; true when the shops changed. Synchronous, so callers can use it inline. */
  check(): boolean {
    const text = readText(this.options.file);
    if (text === null || text === this.lastText || text === this.lastBadText) return false;
    let next: ShopConfig[];
    try {
      next = readShopsFile(this.options.file);
    } catch (err) {
      this.lastBadText = text;
      this.options.onInvalid(
        `${(err as Error).message}; the file changed but is not valid, so the shops in use stay (${this.shops.map((s) => s.shopId).join(', ')})`,
      );
      return false;
    }
    this.lastText = text;
    this.lastBadText = null;
    const before = new Map(this.shops.map((s) => [s.shopId, JSON.stringify(s)]));
    const after = new Set(next.map((s) => s.shopId));
    const change: ShopsChange = {
      shops: next,
      added: next.filter((s) => !before.has(s.shopId)).map((s) => s.shopId),
      removed: [...before.keys()].filter((id) => !after.has(id)),
      changed: next
        .filter((s) => before.has(s.shopId) && before.get(s.shopId) !== JSON.stringify(s))
        .map((s) => s.shopId),
    };
    this.shops = next;
    if (!change.added.length && !change.removed.length && !change.changed.length) return false;
    this.options.onChange(change);
    return true;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.watcher?.close();
  }
}

/** The file's text, or null while it cannot be read (mid-swap, or removed: the old shops stay). */
function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
