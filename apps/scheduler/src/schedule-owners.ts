import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Which scheduler replicas are alive and which schedules each wants, in Redis. A schedule is removed
 * only when no live replica wants it: during a rolling deploy an old and a new scheduler with
 * different shop files keep each other's schedules, and a scheduler that stops (or dies, once its
 * lease expires) leaves the removal of its shops' schedules to the survivors.
 */
export class ScheduleOwners {
  readonly replicaId = randomUUID();
  private readonly base: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    /** How long a replica's claim lives without renewal; several check intervals. */
    private readonly leaseMs: number,
  ) {
    // One hash tag: the MULTI below touches two keys, which must share a cluster slot.
    this.base = `${prefix}:{scheduler}`;
  }

  private wantsKey(replicaId: string): string {
    return `${this.base}:wants:${replicaId}`;
  }

  private get replicasKey(): string {
    return `${this.base}:replicas`;
  }

  /** Records (and renews the lease of) what this replica wants. */
  async claim(scheduleIds: string[]): Promise<void> {
    const key = this.wantsKey(this.replicaId);
    const tx = this.redis.multi().del(key);
    if (scheduleIds.length) tx.sadd(key, ...scheduleIds).pexpire(key, this.leaseMs);
    await tx.sadd(this.replicasKey, this.replicaId).exec();
  }

  /** Every schedule id a live replica other than this one wants; forgets replicas whose lease expired. */
  async wantedByOthers(): Promise<Set<string>> {
    const wanted = new Set<string>();
    for (const replica of await this.redis.smembers(this.replicasKey)) {
      if (replica === this.replicaId) continue;
      const ids = await this.redis.smembers(this.wantsKey(replica));
      if (!ids.length) await this.redis.srem(this.replicasKey, replica);
      for (const id of ids) wanted.add(id);
    }
    return wanted;
  }

  /** At shutdown: this replica no longer wants anything. */
  async release(): Promise<void> {
    await this.redis.multi().del(this.wantsKey(this.replicaId)).srem(this.replicasKey, this.replicaId).exec();
  }
}
