import type { Redis } from 'ioredis';
import { ORDERS_WATERMARK, getMany, shopStateKey } from '@temu-odoo/queues';

export interface RestoredWatermark {
  shopId: string;
  restoredMs: number;
}

/**
 * Recovery after Redis loses its data without a 30-day re-read of Temu. Without a watermark the
 * worker's next poll reads ORDER_BACKFILL_DAYS back (the first-run rule). What is actually known
 * then: this scheduler saw each shop's orders watermark W at its last check, so every Temu change up
 * to W had been listed and enqueued. What is not known is which of those enqueued syncs (or buffered
 * orders) were still waiting in Redis when it lost them. So the watermark is put back at
 * W − lookback (ORDER_RECOVERY_LOOKBACK_MINUTES): the next poll re-lists that window and re-enqueues
 * every order in it (the record of what was written is gone too), and Odoo's search by
 * `client_order_ref` keeps it to one order each. A backlog older than the lookback is left to the
 * daily reconciliation. The memory is this process's: a scheduler restarted together with an empty
 * Redis knows nothing and the first-run backfill applies.
 */
export class WatermarkMemory {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly lookbackMs: number,
  ) {}

  /** Remembers each shop's watermark; restores the ones that vanished after being seen. */
  async observe(shopIds: string[]): Promise<RestoredWatermark[]> {
    const keys = shopIds.map((id) => shopStateKey(this.prefix, id, ORDERS_WATERMARK));
    // Each shop's keys are in its own cluster slot: getMany, not one MGET.
    const values = await getMany(this.redis, keys);
    const restored: RestoredWatermark[] = [];
    for (const [i, shopId] of shopIds.entries()) {
      const value = values[i];
      if (value !== null && value !== undefined) {
        this.seen.set(shopId, Number(value));
        continue;
      }
      const last = this.seen.get(shopId);
      if (last === undefined) continue;
      const restoredMs = Math.max(0, last - this.lookbackMs);
      // NX: a worker's poll that got there first keeps its own (it read from the window it knew).
      if ((await this.redis.set(keys[i]!, String(restoredMs), 'NX')) === 'OK') {
        restored.push({ shopId, restoredMs });
        this.seen.set(shopId, restoredMs);
      }
    }
    return restored;
  }
}
