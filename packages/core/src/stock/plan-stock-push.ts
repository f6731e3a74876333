import { BadInputError } from '../errors.js';
import type { ErpStockLevel, MarketplaceSku, StockTarget } from '../stock.js';
import { safetyStockFor, temuTarget, validateChannelShares } from './allocation.js';
import type { SafetyStockConfig, VelocityLookup } from './allocation.js';

export interface StockPolicy {
  /** Channel shares as fractions (see validateChannelShares). */
  shares: Record<string, number>;
  /** Key of Temu's share in `shares`; default `temu`. */
  temuChannel?: string;
  safety: SafetyStockConfig;
}

export interface PlanStockPushInput {
  levels: ErpStockLevel[];
  /** ERP SKU code → the Temu SKU it feeds. Only mapped products are considered. */
  skuMap: ReadonlyMap<string, Pick<MarketplaceSku, 'goodsId' | 'skuId'>>;
  policy: StockPolicy;
  /** Units sold per SKU (velocity safety stock); no history when absent. */
  velocity?: VelocityLookup;
  /** Last quantity Temu acknowledged per Temu skuId. */
  lastAcknowledged: ReadonlyMap<string, number>;
}

/** One `bg.local.goods.stock.edit` call: absolute targets for the changed SKUs of one goods (docs/temu-api.md §10.3). */
export interface StockPush {
  goodsId: string;
  targets: StockTarget[];
}

const noHistory: VelocityLookup = () => null;

/**
 * Stock levels → the pushes Temu needs: per mapped SKU the allocation target, dropped when it equals
 * what Temu last acknowledged, grouped by goodsId (Temu takes one goods per call), goods with nothing
 * changed left out. Sorted by goodsId and skuId so that the plan (and its request key) is stable.
 */
export function planStockPush(input: PlanStockPushInput): StockPush[] {
  const shares = validateChannelShares(input.policy.shares);
  const channel = input.policy.temuChannel ?? 'temu';
  const share = shares[channel];
  if (share === undefined) {
    throw new BadInputError(
      `no share for channel "${channel}" in the allocation (${Object.keys(shares).join(', ')})`,
      'ERR_CHANNEL_SHARES',
    );
  }
  const velocity = input.velocity ?? noHistory;

  // Several rows for one SKU (e.g. one per warehouse of the shop) add up.
  const freeBySku = new Map<string, number>();
  for (const level of input.levels) {
    if (!input.skuMap.has(level.sku)) continue;
    freeBySku.set(level.sku, (freeBySku.get(level.sku) ?? 0) + level.freeQuantity);
  }

  const byGoods = new Map<string, StockTarget[]>();
  const fedBy = new Map<string, string>();
  for (const [sku, freeQuantity] of freeBySku) {
    const target = input.skuMap.get(sku);
    if (target === undefined) continue;
    const other = fedBy.get(target.skuId);
    if (other !== undefined) {
      // Two ERP products feeding one Temu SKU would each push the full quantity: a mapping error.
      throw new BadInputError(
        `Temu SKU ${target.skuId} is mapped from two ERP SKUs (${other} and ${sku}); map each Temu SKU once`,
        'ERR_DUPLICATE_SKU_MAPPING',
        { skuId: target.skuId, erpSkus: [other, sku] },
      );
    }
    fedBy.set(target.skuId, sku);
    const quantity = temuTarget({
      freeQuantity,
      safetyStock: safetyStockFor(sku, input.policy.safety, velocity),
      share,
    });
    if (input.lastAcknowledged.get(target.skuId) === quantity) continue;
    byGoods.set(target.goodsId, [...(byGoods.get(target.goodsId) ?? []), { skuId: target.skuId, quantity }]);
  }

  return [...byGoods.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([goodsId, targets]) => ({
      goodsId,
      targets: targets.sort((a, b) => a.skuId.localeCompare(b.skuId)),
    }));
}
