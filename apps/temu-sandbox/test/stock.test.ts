import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTemuSandbox, type RunningTemuSandbox } from '../src/index.js';
import { control, CREDS, type Json, NO_LIMITS, TestClient } from './helpers.js';

describe('stock and prices (docs/temu-api.md §10)', () => {
  let sandbox: RunningTemuSandbox;
  let client: TestClient;
  let skus: Json[];

  beforeAll(async () => {
    sandbox = await startTemuSandbox({ port: 0, ...CREDS, orderCount: 0, rateLimits: NO_LIMITS });
    client = new TestClient(sandbox.url, CREDS);
    skus = (await control(sandbox.url, 'GET', 'state/skus')).body.skus;
  });
  afterAll(() => sandbox.close());

  const stockOf = async (sellerSku: string) =>
    (await control(sandbox.url, 'GET', 'state/skus')).body.skus.find((s: Json) => s.sellerSku === sellerSku)
      .stock;
  const goodsOf = (sellerSku: string) => {
    const s = skus.find((x) => x.sellerSku === sellerSku);
    return { goodsId: BigInt(s.goodsId), skuId: BigInt(s.skuId) };
  };
  const edit = (params: Record<string, unknown>) => client.call('bg.local.goods.stock.edit', params);

  it('overwrites with stockTarget and increments with stockDiff, per-SKU results', async () => {
    const red = goodsOf('DEMO-0001-RED');
    const blue = goodsOf('DEMO-0001-BLUE');
    const answer = await edit({
      goodsId: red.goodsId,
      skuStockTargetList: [{ skuId: red.skuId, stockTarget: 42 }],
      skuStockChangeList: [{ skuId: blue.skuId, stockDiff: -1 }],
    });
    const before = skus.find((s) => s.sellerSku === 'DEMO-0001-BLUE').stock;
    expect(answer.body.result).toMatchObject({
      operateResult: true,
      skuStockEditStatusInfoList: [{ stockEditStatus: true }, { stockEditStatus: true }],
    });
    expect(await stockOf('DEMO-0001-RED')).toBe(42);
    expect(await stockOf('DEMO-0001-BLUE')).toBe(before - 1);
    const query = await client.ok('temu.local.goods.sku.stock.query', {
      goodsId: red.goodsId,
      outSkuSnList: ['DEMO-0001-RED'],
    });
    expect(query.stockList[0].skuStockInfoList).toEqual([
      expect.objectContaining({ outSkuSn: 'DEMO-0001-RED', selfOrdinaryStock: { stock: 42, stockType: 0 } }),
    ]);
  });

  it('rejects both methods for one SKU (150013003), duplicates (150013001) and out-of-range quantities (150013002)', async () => {
    const { goodsId, skuId } = goodsOf('DEMO-0002-RED');
    expect(
      (
        await edit({
          goodsId,
          skuStockTargetList: [{ skuId, stockTarget: 1 }],
          skuStockChangeList: [{ skuId, stockDiff: 1 }],
        })
      ).body.errorCode,
    ).toBe(150013003);
    expect(
      (
        await edit({
          goodsId,
          skuStockTargetList: [
            { skuId, stockTarget: 1 },
            { skuId, stockTarget: 2 },
          ],
        })
      ).body.errorCode,
    ).toBe(150013001);
    expect(
      (await edit({ goodsId, skuStockTargetList: [{ skuId, stockTarget: 1_000_001 }] })).body.errorCode,
    ).toBe(150013002);
    expect((await edit({ goodsId, skuStockTargetList: [{ skuId, stockTarget: -1 }] })).body.errorCode).toBe(
      150013002,
    );
    expect((await edit({ goodsId })).body.errorCode).toBe(150010003);
    expect((await edit({ goodsId: 1, skuStockTargetList: [{ skuId, stockTarget: 1 }] })).body.errorCode).toBe(
      150010188,
    );
  });

  it('reports per-SKU failures: a SKU of another goods, a diff below zero', async () => {
    const { goodsId, skuId } = goodsOf('DEMO-0003-RED');
    const foreign = goodsOf('DEMO-0004-RED').skuId;
    const answer = await edit({
      goodsId,
      skuStockTargetList: [{ skuId: foreign, stockTarget: 5 }],
      skuStockChangeList: [{ skuId, stockDiff: -1_000_000 }],
    });
    expect(answer.body.success).toBe(true);
    expect(answer.body.result.operateResult).toBe(false);
    expect(answer.body.result.skuStockEditStatusInfoList.map((s: Json) => s.errorCode)).toEqual([
      150010188, 150013002,
    ]);
  });

  it('applies a requestUniqueKey once: a retry answers the first result, another request with the key is rejected', async () => {
    const { goodsId, skuId } = goodsOf('DEMO-0005-RED');
    const before = await stockOf('DEMO-0005-RED');
    const params = {
      goodsId,
      skuStockChangeList: [{ skuId, stockDiff: 3 }],
      requestUniqueKey: 'push-0005-1',
    };
    const first = await edit(params);
    const retry = await edit(params);
    expect(retry.body.result).toEqual(first.body.result);
    expect(await stockOf('DEMO-0005-RED')).toBe(before + 3);
    const other = await edit({ ...params, skuStockChangeList: [{ skuId, stockDiff: 4 }] });
    expect(other.body.errorCode).toBe(150010003);
  });

  it('keeps goods and SKU ids above 2^53 exact through list, edit and query', async () => {
    const big = skus.find((s) => BigInt(s.goodsId) > 2n ** 53n);
    const list = await client.call('bg.local.goods.list.query', {
      pageNo: 1,
      pageSize: 100,
      goodsSearchType: 1,
    });
    expect(list.text).toContain(`"goodsId":${big.goodsId}`);
    expect(list.body.result.total).toBe(20);
    const answer = await edit({
      goodsId: BigInt(big.goodsId),
      skuStockTargetList: [{ skuId: BigInt(big.skuId), stockTarget: 777 }],
    });
    expect(answer.text).toContain(`"skuId":${big.skuId}`);
    expect(await stockOf(big.sellerSku)).toBe(777);
    // One off (what a float64 client would send) is another goods.
    expect(
      (
        await edit({
          goodsId: BigInt(big.goodsId) - 1n,
          skuStockTargetList: [{ skuId: BigInt(big.skuId), stockTarget: 1 }],
        })
      ).body.errorCode,
    ).toBe(150010188);
  });

  it('pages goods and SKUs with pageNo and requires goodsSearchType', async () => {
    expect((await client.call('bg.local.goods.list.query', { pageNo: 1 })).body.errorCode).toBe(150010003);
    const page2 = await client.ok('bg.local.goods.sku.list.query', { pageNo: 2, pageSize: 10 });
    expect(page2.pageNo).toBe(2);
    expect(page2.skuList).toHaveLength(10);
    expect(page2.total).toBe(skus.length);
  });

  it('reads and changes supplier prices through price orders', async () => {
    const { goodsId, skuId } = goodsOf('DEMO-0006-RED');
    const q = await client.ok('bg.local.goods.sku.list.price.query', {
      querySupplierPriceBaseList: [{ goodsId, skuIdList: [skuId] }],
    });
    expect(
      q.openapiGoodsSupplierPriceDTOList[0].openapiSkuSupplierPriceDTOList[0].supplierPrice.currency,
    ).toBe('USD');
    const change = await client.ok('bg.local.goods.priceorder.change.sku.price', {
      goodsId,
      changeSkuPriceDTOList: [
        {
          reason: 'cost',
          skuChangePriceBaseDTOList: [
            { skuId, newSupplierPrice: { amount: '19.99', currency: 'USD' } },
            { skuId: 1, newSupplierPrice: { amount: '1.00', currency: 'USD' } },
          ],
        },
      ],
    });
    expect(change.successSkuList).toEqual([Number(skuId)]);
    expect(change.failedSkuList).toEqual([1]);
    expect(change.successPriceOrderList).toHaveLength(1);
    // The price order is reviewed first (status 100); with no review latency it has passed (201) by the next call.
    const orders = await client.ok('bg.local.goods.priceorder.query', {
      priceOrderSnList: [change.successPriceOrderList[0].priceOrderSn],
    });
    expect(orders.priceAuditList.map((o: Json) => o.status)).toEqual([201]);
    const after = (await control(sandbox.url, 'GET', 'state/skus')).body.skus.find(
      (s: Json) => s.sellerSku === 'DEMO-0006-RED',
    );
    expect(after.priceMinor).toBe(1999);
  });
});
