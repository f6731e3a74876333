import { describe, expect, it } from '@jest/globals';
import { planStockPush } from '../../src/stock/plan-stock-push.js';
import type { StockPolicy } from '../../src/stock/plan-stock-push.js';

const skuMap = new Map([
  ['MUG-RED', { goodsId: 'G1', skuId: 'S11' }],
  ['MUG-BLUE', { goodsId: 'G1', skuId: 'S12' }],
  ['PLATE', { goodsId: 'G2', skuId: 'S21' }],
  ['BOWL', { goodsId: 'G3', skuId: 'S31' }],
]);
const policy: StockPolicy = {
  shares: { temu: 0.4, own_site: 0.35, other: 0.25 },
  channel: 'temu',
  safety: { default: { kind: 'fixed', quantity: 2 } },
};

describe('planStockPush', () => {
  it('computes targets for mapped SKUs and groups them per goods', () => {
    const pushes = planStockPush({
      levels: [
        { productId: 1, sku: 'MUG-RED', freeQuantity: 52 }, // (52 − 2) × 0.4 = 20
        { productId: 2, sku: 'MUG-BLUE', freeQuantity: 10 }, // 3.2 → 3
        { productId: 3, sku: 'PLATE', freeQuantity: -4 }, // 0
        { productId: 9, sku: 'UNMAPPED', freeQuantity: 100 },
      ],
      skuMap,
      policy,
      lastAcknowledged: new Map(),
    });
    expect(pushes).toEqual([
      {
        goodsId: 'G1',
        targets: [
          { skuId: 'S11', quantity: 20 },
          { skuId: 'S12', quantity: 3 },
        ],
      },
      { goodsId: 'G2', targets: [{ skuId: 'S21', quantity: 0 }] },
    ]);
  });

  it('skips SKUs equal to what Temu acknowledged and goods with nothing changed', () => {
    const pushes = planStockPush({
      levels: [
        { productId: 1, sku: 'MUG-RED', freeQuantity: 52 },
        { productId: 2, sku: 'MUG-BLUE', freeQuantity: 10 },
        { productId: 3, sku: 'PLATE', freeQuantity: 27 }, // 10
      ],
      skuMap,
      policy,
      lastAcknowledged: new Map([
        ['S11', 20],
        ['S12', 4],
        ['S21', 10],
      ]),
    });
    expect(pushes).toEqual([{ goodsId: 'G1', targets: [{ skuId: 'S12', quantity: 3 }] }]);
  });

  it('adds up several stock rows of one SKU and uses per-SKU and velocity safety stock', () => {
    const pushes = planStockPush({
      levels: [
        { productId: 4, sku: 'BOWL', freeQuantity: 30 },
        { productId: 4, sku: 'BOWL', freeQuantity: 20 },
      ],
      skuMap,
      policy: {
        shares: { temu: 0.5 },
        channel: 'temu',
        safety: {
          default: { kind: 'fixed', quantity: 0 },
          perSku: { BOWL: { kind: 'velocity', windowDays: 10, daysOfCover: 5 } },
        },
      },
      velocity: (sku) => (sku === 'BOWL' ? 20 : null), // 2/day × 5 days = 10
      lastAcknowledged: new Map(),
    });
    expect(pushes).toEqual([{ goodsId: 'G3', targets: [{ skuId: 'S31', quantity: 20 }] }]); // (50 − 10) × 0.5
  });

  it('rejects an allocation without a Temu share or over 100%', () => {
    const input = { levels: [], skuMap, lastAcknowledged: new Map<string, number>() };
    expect(() => planStockPush({ ...input, policy: { ...policy, shares: { own_site: 0.5 } } })).toThrow(
      'no share for channel "temu" in the allocation (own_site)',
    );
    expect(() =>
      planStockPush({ ...input, policy: { ...policy, shares: { temu: 0.8, own_site: 0.3 } } }),
    ).toThrow('channel shares sum to 110%');
  });

  it('rejects two ERP SKUs feeding one Temu SKU', () => {
    expect(() =>
      planStockPush({
        levels: [
          { productId: 1, sku: 'A', freeQuantity: 1 },
          { productId: 2, sku: 'B', freeQuantity: 1 },
        ],
        skuMap: new Map([
          ['A', { goodsId: 'G', skuId: 'S' }],
          ['B', { goodsId: 'G', skuId: 'S' }],
        ]),
        policy,
        lastAcknowledged: new Map(),
      }),
    ).toThrow('marketplace SKU S is mapped from two ERP SKUs (A and B); map each marketplace SKU once');
  });
});
