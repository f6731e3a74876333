import { BadInputError } from '../errors.js';
import type { ErpStockLevel, MarketplaceSku, StockTarget } from '../stock.js';
import { safetyStockFor, channelTarget, validateChannelShares } from './allocation.js';
import type { SafetyStockConfig, VelocityLookup } from './allocation.js';

export interface StockPolicy {
  /** Channel shares as fractions (see validateChannelShares). */
  shares: Record<string, number>;
  /** Key of the marketplace's share in `shares` (the connector names it). */
  channel: string;
  /** Quantities the marketplace accepts (the connector knows them); [0, ∞) when absent. */
  range?: { min: number; max: number };
  safety: SafetyStockConfig;
}

export interface PlanStockPushInput {
  levels: ErpStockLevel[];
  /** ERP SKU code → the marketplace SKU it feeds. Only mapped products are considered. */
  skuMap: ReadonlyMap<string, Pick<MarketplaceSku, 'goodsId' | 'skuId'>>;
  policy: StockPolicy;
  /** Units sold per SKU (velocity safety stock); no history when absent. */
  velocity?: VelocityLookup;
  /** Last quantity the marketplace acknowledged per marketplace skuId. */
  lastAcknowledged: ReadonlyMap<string, number>;
}

/** One stock update call: absolute targets for the changed SKUs of one goods. */
export interface StockPush {
  goodsId: string;
  targets: StockTarget[];
}

const noHistory: VelocityLookup = () => null;

/**
 * Stock levels → the pushes the marketplace needs: per mapped SKU the allocation target, dropped when
 * it equals what it last acknowledged, grouped by goodsId (one goods per call), goods with nothing
 * changed left out. Sorted by goodsId and skuId so that the plan (and its request key) is stable.
 */
export function planStockPush(input: PlanStockPushInput): StockPush[] {
  const shares = validateChannelShares(input.policy.shares);
  const channel = input.policy.channel;
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
      // Two ERP products feeding one marketplace SKU would each push the full quantity: a mapping error.
      throw new BadInputError(
        `marketplace SKU ${target.skuId} is mapped from two ERP SKUs (${other} and ${sku}); map each marketplace SKU once`,
        'ERR_DUPLICATE_SKU_MAPPING',
        { skuId: target.skuId, erpSkus: [other, sku] },
      );
    }
    fedBy.set(target.skuId, sku);
    const quantity = channelTarget({
      freeQuantity,
      safetyStock: safetyStockFor(sku, input.policy.safety, velocity),
      share,
      ...input.policy.range,
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
