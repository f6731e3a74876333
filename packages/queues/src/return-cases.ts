import { z } from 'zod';
import { moneySchema } from './domain-schemas.js';
import type { Redis } from 'ioredis';
import { shopOfStateKey, shopStateKey } from './shop-state-keys.js';
import { scanKeys } from './scan-keys.js';

/** One after-sales case as the marketplace reports it (core `ReturnCase`), for job payloads. */
export const returnCaseSchema = z.object({
  shopId: z.string().min(1),
  caseRef: z.string().min(1),
  orderRef: z.string().min(1),
  kind: z.enum(['refund_only', 'return_and_refund', 'cancel_before_shipment']),
  status: z.enum([
    'requested',
    'label_needed',
    'return_shipped',
    'return_received',
    'under_review',
    'refund_pending',
    'refunded',
    'refused',
    'withdrawn',
  ]),
  lines: z.array(
    z.object({
      lineRef: z.string(),
      orderLineRef: z.string(),
      skuId: z.string(),
      sellerSku: z.string().nullable(),
      sku: z.string().nullable(),
      quantity: z.number().int().nonnegative(),
      reason: z.string().nullable(),
    }),
  ),
  updatedAtMs: z.number().int().nonnegative(),
  actionDeadlineMs: z.number().nullable().optional(),
  /** Temu's refund breakdown, which the credit note follows (core `CaseRefund`). */
  refund: z
    .object({
      total: moneySchema,
      shipping: moneySchema,
      sellerDiscount: moneySchema,
      marketplaceDiscount: moneySchema,
    })
    .nullable()
    .optional(),
});

/** What the fleet knows of an open case: shown on /ops and counted by the open-cases gauge. */
export interface OpenReturnCase {
  caseRef: string;
  orderRef: string;
  kind: string;
  /** Our stage (core `CaseStage`) and the marketplace status last seen. */
  stage: string;
  status: string;
  /** Something a person must do, with the action to take. */
  attention: { code: string; action: string } | null;
  /** Why the case is parked (bad input), when it is. */
  parked: string | null;
  seenAtMs: number;
}

const OPEN = 'returns:open';
const WATERMARK = 'returns:watermark';

/** Open after-sales cases per shop (a Redis hash caseRef → JSON), written by the worker. */
export class OpenReturnCases {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  #key(shopId: string): string {
    return shopStateKey(this.prefix, shopId, OPEN);
  }

  async get(shopId: string, caseRef: string): Promise<OpenReturnCase | null> {
    const raw = await this.redis.hget(this.#key(shopId), caseRef);
    return raw ? (JSON.parse(raw) as OpenReturnCase) : null;
  }

  async put(shopId: string, c: OpenReturnCase): Promise<void> {
    await this.redis.hset(this.#key(shopId), c.caseRef, JSON.stringify(c));
  }

  /** A closed case leaves the list; its closing stage is kept in the job's result. */
  async close(shopId: string, caseRef: string): Promise<void> {
    await this.redis.hdel(this.#key(shopId), caseRef);
  }

  async list(shopId: string): Promise<OpenReturnCase[]> {
    const all = await this.redis.hvals(this.#key(shopId));
    return all.map((v) => JSON.parse(v) as OpenReturnCase).sort((a, b) => a.caseRef.localeCompare(b.caseRef));
  }

  /** Open cases of every shop (SCAN over this prefix's hashes; /ops reads it). */
  async listAllShops(): Promise<Array<OpenReturnCase & { shopId: string }>> {
    const pattern = shopStateKey(this.prefix, '*', OPEN);
    const out: Array<OpenReturnCase & { shopId: string }> = [];
    for await (const keys of scanKeys(this.redis, pattern, 200)) {
      for (const key of keys) {
        const shopId = shopOfStateKey(this.prefix, key, OPEN);
        if (shopId === null) continue;
        for (const c of await this.list(shopId)) out.push({ ...c, shopId });
      }
    }
    return out;
  }

  async watermark(shopId: string): Promise<number | null> {
    const v = await this.redis.get(shopStateKey(this.prefix, shopId, WATERMARK));
    return v === null ? null : Number(v);
  }

  async setWatermark(shopId: string, ms: number): Promise<void> {
    await this.redis.set(shopStateKey(this.prefix, shopId, WATERMARK), String(Math.round(ms)));
  }
}
