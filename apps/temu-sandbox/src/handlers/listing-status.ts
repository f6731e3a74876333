import type { GoodsRecord } from '../data/model.js';

/**
 * Listing lifecycle (docs/temu-api.md, "Listing (issue 15)"): an added goods is 4-Incomplete with
 * sub-status 4001 (price evaluation) until the sandbox's review time has passed, then 1-Active with
 * 2001 (on sale). Seeded goods are active from the start.
 */
export function goodsStatus(goods: GoodsRecord, nowMs: number): { status: 1 | 4; subStatus: 2001 | 4001 } {
  return goods.reviewUntilMs !== undefined && goods.reviewUntilMs > nowMs
    ? { status: 4, subStatus: 4001 }
    : { status: 1, subStatus: 2001 };
}
