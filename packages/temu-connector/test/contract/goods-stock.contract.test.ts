import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { goodsListCall, iterateGoods } from '../../src/calls/goods-list.call.js';
import { iterateSkus, skuListCall } from '../../src/calls/sku-list.call.js';
import { skuStockQueryCall } from '../../src/calls/sku-stock-query.call.js';
import { stockEditCall } from '../../src/calls/stock-edit.call.js';
import { skuPriceQueryCall } from '../../src/calls/sku-price-query.call.js';
import { priceChangeCall } from '../../src/calls/price-change.call.js';
import { TemuMarketplace } from '../../src/temu-marketplace.js';
import { TemuError } from '../../src/errors.js';
import { collect, startHarness, TWO_POW_53 } from './sandbox-harness.js';
import type { Harness, SandboxSku } from './sandbox-harness.js';

let h: Harness;
let skus: SandboxSku[];

beforeAll(async () => {
  h = await startHarness({ orderCount: 0 });
  ({ skus } = await h.control<{ skus: SandboxSku[] }>('GET', 'state/skus'));
});
afterAll(async () => {
  await h.close();
});

const bigSku = () => {
  const sku = skus.find((s) => BigInt(s.skuId) > TWO_POW_53 || BigInt(s.goodsId) > TWO_POW_53);
  if (!sku) throw new Error('the sandbox catalogue should hold ids beyond 2^53');
  return sku;
};

describe('goods and SKUs over HTTP (bg.local.goods.*)', () => {
  it('pages through goods by pageNo', async () => {
    const goodsIds = new Set(skus.map((s) => s.goodsId));
    const all = await collect(iterateGoods(h.client(), { pageSize: 3 }));
    expect(new Set(all.map((g) => g.goodsId))).toEqual(goodsIds);
    const first = await h.client().call(goodsListCall, { pageSize: 3 });
    expect(first.total).toBe(goodsIds.size);
  });

  it('pages through SKUs by pageNo and keeps ids beyond 2^53 exact as strings', async () => {
    const all = await collect(iterateSkus(h.client(), { pageSize: 4 }));
    expect(all.map((s) => s.skuId).sort()).toEqual(skus.map((s) => s.skuId).sort());
    const big = bigSku();
    const seen = all.find((s) => s.skuSn === big.sellerSku);
    expect(seen).toMatchObject({ skuId: big.skuId, goodsId: big.goodsId });
  });

  it("maps SKUs to MarketplaceSku through the port, with their goods' leaf category", async () => {
    const mapped = await collect(
      new TemuMarketplace({ shopId: 'shop-1', client: h.client(), pageSize: 5 }).listSkus(),
    );
    const big = bigSku();
    expect(mapped.find((s) => s.skuId === big.skuId)).toEqual({
      shopId: 'shop-1',
      goodsId: big.goodsId,
      skuId: big.skuId,
      sellerSku: big.sellerSku,
      listPriceMinor: big.priceMinor,
      currency: big.currency,
      stock: big.stock,
      // The 4th demo goods (Water Bottle) takes the 4th open leaf of the sandbox tree:
      // 111, 112, 1211, 1212 → 1212 "Water Bottles", read from the goods list (the SKU list has no catId).
      categoryId: '1212',
    });
  });

  it('filters the SKU list by an id beyond 2^53 sent as a string', async () => {
    const big = bigSku();
    const page = await h.client().call(skuListCall, { skuIdList: [big.skuId] });
    expect(page.skuList.map((s) => s.skuId)).toEqual([big.skuId]);
  });

  it('queries stock, edits it by target and by diff, and reads it back', async () => {
    const big = bigSku();
    const client = h.client();
    const stock = await client.call(skuStockQueryCall, { goodsId: big.goodsId, skuIdList: [big.skuId] });
    expect(stock.stockList[0]!.skuStockInfoList[0]).toMatchObject({
      skuId: big.skuId,
      selfOrdinaryStock: { stock: big.stock },
    });

    const target = await client.call(stockEditCall, {
      goodsId: big.goodsId,
      skuStockTargetList: [{ skuId: big.skuId, stockTarget: 40 }],
      requestUniqueKey: randomUUID(),
    });
    expect(target.skuStockEditStatusInfoList?.[0]).toMatchObject({ skuId: big.skuId, stockEditStatus: true });
    await client.call(stockEditCall, {
      goodsId: big.goodsId,
      skuStockChangeList: [{ skuId: big.skuId, stockDiff: -15 }],
      requestUniqueKey: randomUUID(),
    });
    const market = new TemuMarketplace({ shopId: 's', client });
    expect(await market.readStock(big.goodsId, [big.skuId])).toEqual([{ skuId: big.skuId, quantity: 25 }]);
  });

  it('setStock is idempotent per requestKey and reports per-SKU results', async () => {
    const big = bigSku();
    const market = new TemuMarketplace({ shopId: 's', client: h.client() });
    const key = randomUUID();
    const first = await market.setStock(big.goodsId, [{ skuId: big.skuId, quantity: 12 }], key);
    expect(first).toEqual([{ skuId: big.skuId, ok: true }]);
    // Another change in between; replaying the same key must not apply the old request again.
    await market.setStock(big.goodsId, [{ skuId: big.skuId, quantity: 30 }], randomUUID());
    expect(await market.setStock(big.goodsId, [{ skuId: big.skuId, quantity: 12 }], key)).toEqual([
      { skuId: big.skuId, ok: true },
    ]);
    expect(await market.readStock(big.goodsId, [big.skuId])).toEqual([{ skuId: big.skuId, quantity: 30 }]);

    const sibling = skus.find((s) => s.goodsId !== big.goodsId)!;
    const mixed = await market.setStock(
      big.goodsId,
      [
        { skuId: big.skuId, quantity: 5 },
        { skuId: sibling.skuId, quantity: 5 },
      ],
      randomUUID(),
    );
    expect(mixed[0]).toEqual({ skuId: big.skuId, ok: true });
    expect(mixed[1]).toMatchObject({ skuId: sibling.skuId, ok: false, errorCode: '150010188' });
  });

  it('refuses out-of-range stock before calling Temu', async () => {
    const big = bigSku();
    await expect(
      new TemuMarketplace({ shopId: 's', client: h.client() }).setStock(
        big.goodsId,
        [{ skuId: big.skuId, quantity: 1_000_001 }],
        'k',
      ),
    ).rejects.toThrow(/must be an integer 0–1000000/);
  });

  it('reads SKU prices and files a price change', async () => {
    const sku = skus[0]!;
    const client = h.client();
    const prices = await client.call(skuPriceQueryCall, {
      querySupplierPriceBaseList: [{ goodsId: sku.goodsId, skuIdList: [sku.skuId] }],
    });
    const price = prices.openapiGoodsSupplierPriceDTOList[0]!.openapiSkuSupplierPriceDTOList[0]!;
    expect(price.skuId).toBe(sku.skuId);
    expect(price.supplierPrice?.currency).toBe(sku.currency);
    const change = await client.call(priceChangeCall, {
      goodsId: sku.goodsId,
      changeSkuPriceDTOList: [
        {
          reason: 'cost increase',
          skuChangePriceBaseDTOList: [
            { skuId: sku.skuId, newSupplierPrice: { amount: '12.34', currency: sku.currency } },
          ],
        },
      ],
    });
    expect(change.successSkuList).toContain(sku.skuId);
  });

  it('keeps stock-edit business errors with their code', async () => {
    const sku = skus[0]!;
    try {
      await h
        .client()
        .call(stockEditCall, { goodsId: '1', skuStockTargetList: [{ skuId: sku.skuId, stockTarget: 1 }] });
      throw new Error('expected a business error');
    } catch (err) {
      expect(err).toBeInstanceOf(TemuError);
      expect((err as TemuError).kind).toBe('business');
      expect((err as TemuError).remoteCode).toBe('150010188');
    }
  });
});
