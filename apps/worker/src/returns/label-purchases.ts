import type { Redis } from 'ioredis';
import type { BoughtReturnLabel } from '@temu-odoo/core';
import { shopStateKey } from '@temu-odoo/queues';

/**
 * What the worker did about one case's return label, in Redis next to the shop's other state (the
 * shop id is the hash tag, README "Redis Cluster"). Written step by step *before* the next step
 * runs, so a replay after a crash resumes: the provider's quote id is recorded before paying (the
 * provider answers a second buy of one quote with the label it already sold), the label before the
 * upload, `uploaded` after Temu took it. Kept 90 days: a case is closed long before.
 */
export interface LabelPurchase {
  quoteId: string;
  label: BoughtReturnLabel | null;
  uploaded: boolean;
}

const RETENTION_S = 90 * 86_400;

export class LabelPurchases {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  #key(shopId: string, caseRef: string): string {
    return shopStateKey(this.prefix, shopId, `return-label:${caseRef}`);
  }

  async get(shopId: string, caseRef: string): Promise<LabelPurchase | null> {
    const h = await this.redis.hgetall(this.#key(shopId, caseRef));
    if (!h.quoteId) return null;
    return {
      quoteId: h.quoteId,
      label: h.label ? (JSON.parse(h.label) as BoughtReturnLabel) : null,
      uploaded: h.uploaded === '1',
    };
  }

  /** Records the quote unless one is recorded already (a concurrent run); returns the one that counts. */
  async recordQuote(shopId: string, caseRef: string, quoteId: string): Promise<string> {
    const key = this.#key(shopId, caseRef);
    const [[, set], [, current]] = (await this.redis
      .multi()
      .hsetnx(key, 'quoteId', quoteId)
      .hget(key, 'quoteId')
      .expire(key, RETENTION_S)
      .exec()) as [[null, number], [null, string], [null, number]];
    void set;
    return current;
  }

  async recordLabel(shopId: string, caseRef: string, label: BoughtReturnLabel): Promise<void> {
    await this.redis.hset(this.#key(shopId, caseRef), 'label', JSON.stringify(label));
  }

  async recordUploaded(shopId: string, caseRef: string): Promise<void> {
    await this.redis.hset(this.#key(shopId, caseRef), 'uploaded', '1');
  }
}
