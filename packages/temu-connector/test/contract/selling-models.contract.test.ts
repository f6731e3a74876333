/**
 * Issue 16 over HTTP against the Temu sandbox: semi-managed virtual stock per warehouse through the
 * stock port, and a fully-managed shop's purchase order → shipping desk → ship order → box marks →
 * tracking → warehouse receipt, with Temu's refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TemuSemiMarketplace } from '../../src/temu-semi-stock.js';
import { TemuConsignment } from '../../src/temu-consignment.js';
import { semiStockUpdateCall } from '../../src/calls/semi-stock.calls.js';
import { collect, startHarness } from './sandbox-harness.js';
import type { Harness, SandboxSku } from './sandbox-harness.js';

const WEST = '7001001';
const EAST = '7001002';

let h: Harness;
let skus: SandboxSku[];

beforeAll(async () => {
  h = await startHarness({ orderCount: 0 });
  ({ skus } = await h.control<{ skus: SandboxSku[] }>('GET', 'state/skus'));
});
afterAll(async () => {
  await h.close();
});

async function semiStock(): Promise<Map<string, number>> {
  const { stock } = await h.control<{
    stock: Array<{ productSkuId: string; warehouseId: string; quantity: number }>;
  }>('GET', 'state/semi-stock');
  return new Map(stock.map((s) => [`${s.productSkuId}@${s.warehouseId}`, s.quantity]));
}

describe('semi-managed stock on the PARTNER gateway (bg.btg.goods.stock.quantity.*)', () => {
  const market = () =>
    new TemuSemiMarketplace({
      shopId: 'semi',
      client: h.client(),
      partnerClient: h.client(),
      warehouseId: WEST,
    });

  it('overwrites the targets of one SKC in its warehouse only, and reads them back', async () => {
    const goodsId = skus[0]!.goodsId;
    const own = skus.filter((s) => s.goodsId === goodsId).slice(0, 2);
    const targets = own.map((s, i) => ({ skuId: s.skuId, quantity: 7 + i }));
    const results = await market().setStock(goodsId, targets, 'unused-key');
    expect(results).toEqual(targets.map((t) => ({ skuId: t.skuId, ok: true })));
    const stock = await semiStock();
    // Written by hand: 7 and 8 in the West warehouse, the East one untouched (0).
    expect(own.map((s) => stock.get(`${s.skuId}@${WEST}`))).toEqual([7, 8]);
    expect(own.map((s) => stock.get(`${s.skuId}@${EAST}`))).toEqual([0, 0]);
    expect(await market().readStock(goodsId, [own[1]!.skuId])).toEqual([
      { skuId: own[1]!.skuId, quantity: 8 },
    ]);
    // Overwrite is idempotent: the same targets again change nothing.
    await market().setStock(goodsId, targets, 'unused-key');
    expect((await semiStock()).get(`${own[0]!.skuId}@${WEST}`)).toBe(7);
  });

  it('adds a delta in mode 1 and refuses a zero delta or an unknown warehouse with 2000000', async () => {
    const sku = skus[0]!;
    await h.client().call(semiStockUpdateCall, {
      productSkcId: sku.goodsId,
      quantityChangeMode: 1,
      skuStockChangeList: [{ productSkuId: sku.skuId, warehouseId: WEST, stockDiff: -3 }],
    });
    // 7 from the test above − 3 = 4.
    expect((await semiStock()).get(`${sku.skuId}@${WEST}`)).toBe(4);
    await expect(
      h.client().call(semiStockUpdateCall, {
        productSkcId: sku.goodsId,
        quantityChangeMode: 2,
        skuStockChangeList: [{ productSkuId: sku.skuId, warehouseId: '999', targetStockAvailable: 1 }],
      }),
    ).rejects.toMatchObject({ remoteCode: '2000000', kind: 'business' });
    // Our own schema refuses a zero delta before it reaches Temu.
    await expect(
      h.client().call(semiStockUpdateCall, {
        quantityChangeMode: 1,
        skuStockChangeList: [{ productSkuId: sku.skuId, warehouseId: WEST, stockDiff: 0 }],
      }),
    ).rejects.toThrow(/non-zero stockDiff/);
  });
});

describe('fully-managed purchase and ship orders on the CN gateway', () => {
  const consignment = () =>
    new TemuConsignment({
      shopId: 'full',
      client: h.client(),
      deliveryAddressId: 5001,
      deliveryAddressType: 4,
      expressCompany: { id: 77, name: 'SF Express' },
    });

  it('lists a purchase order with its supply price, ships it once and sees the receipt', async () => {
    const [a, b] = skus;
    const { subPurchaseOrderSn: ref } = await h.control<{ subPurchaseOrderSn: string }>(
      'POST',
      'consignment/purchase-orders',
      {
        lines: [
          { extCode: a!.sellerSku, quantity: 12, supplierPrice: '3.10', currency: 'USD' },
          { extCode: b!.sellerSku, quantity: 5, supplierPrice: '4.25', currency: 'USD' },
        ],
      },
    );
    expect(ref).toMatch(/^WB\d{13}$/);
    const now = Date.now();
    const orders = await collect(
      consignment().listPurchaseOrders({ fromMs: now - 60_000, toMs: now + 60_000 }),
    );
    const po = orders.find((o) => o.ref === ref)!;
    expect(po).toMatchObject({ status: 'to_ship', statusCode: 1, shipmentRef: null });
    // "3.10" USD → 310 cents, "4.25" → 425 (decimal strings to minor units).
    expect(po.lines.map((l) => [l.sellerSku, l.quantity, l.unitPrice?.amountMinor])).toEqual([
      [a!.sellerSku, 12, 310],
      [b!.sellerSku, 5, 425],
    ]);

    const shipped = await consignment().shipPurchaseOrder({
      purchaseRef: ref,
      lines: po.lines.map((l) => ({ lineRef: l.lineRef, quantity: l.quantity })),
      trackingNumber: 'SF1234567890',
      carrier: null,
    });
    expect(shipped).toMatchObject({ boxMarks: 1, trackingUploaded: true });
    expect(shipped.shipmentRef).toMatch(/^FH\d{14}$/);
    // A retry finds the ship order and creates nothing new.
    const again = await consignment().shipPurchaseOrder({
      purchaseRef: ref,
      lines: po.lines.map((l) => ({ lineRef: l.lineRef, quantity: l.quantity })),
      trackingNumber: 'SF1234567890',
      carrier: null,
    });
    expect(again.shipmentRef).toBe(shipped.shipmentRef);
    const { shipOrders } = await h.control<{ shipOrders: Array<{ subPurchaseOrderSn: string }> }>(
      'GET',
      'state/consignment',
    );
    expect(shipOrders.filter((s) => s.subPurchaseOrderSn === ref)).toHaveLength(1);

    const [inTransit] = await consignment().getShipments([shipped.shipmentRef]);
    expect(inTransit).toMatchObject({
      status: 'in_transit',
      trackingNumber: 'SF1234567890',
      receivedAtMs: null,
    });

    await h.control('POST', `consignment/ship-orders/${shipped.shipmentRef}/receive`, {});
    const [received] = await consignment().getShipments([shipped.shipmentRef]);
    // 12 + 5 = 17 units shipped and received, none defective.
    expect(received).toMatchObject({ status: 'received', receivedQuantity: 17, defectiveQuantity: 0 });
    const [after] = await consignment().getPurchaseOrders([ref]);
    expect(after).toMatchObject({ status: 'received', shipmentRef: shipped.shipmentRef });
    expect(after!.lines.map((l) => l.receivedQuantity)).toEqual([12, 5]);
  });

  it("parks Temu's refusal on the shipping desk with Temu's code and words", async () => {
    const { subPurchaseOrderSn: ref } = await h.control<{ subPurchaseOrderSn: string }>(
      'POST',
      'consignment/purchase-orders',
      { lines: [{ extCode: skus[2]!.sellerSku, quantity: 3 }] },
    );
    await h.control('POST', `consignment/purchase-orders/${ref}/refuse-shipping`, {
      errorCode: 2000000,
      errorMsg: 'purchase order under quality hold',
    });
    const attempt = consignment().shipPurchaseOrder({
      purchaseRef: ref,
      lines: [{ lineRef: skus[2]!.skuId, quantity: 3 }],
      trackingNumber: 'SF0000000001',
      carrier: null,
    });
    await expect(attempt).rejects.toMatchObject({ kind: 'bad_input', code: 'ERR_TEMU_SHIP_ORDER_REFUSED' });
    await expect(attempt).rejects.toThrow(
      `Temu refused purchase order ${ref} on the shipping desk (shop full): 2000000 purchase order under quality hold`,
    );
  });

  it('refuses a quantity above what is left to deliver, as a parked refusal', async () => {
    const { subPurchaseOrderSn: ref } = await h.control<{ subPurchaseOrderSn: string }>(
      'POST',
      'consignment/purchase-orders',
      { lines: [{ extCode: skus[3]!.sellerSku, quantity: 2 }] },
    );
    const attempt = consignment().shipPurchaseOrder({
      purchaseRef: ref,
      lines: [{ lineRef: skus[3]!.skuId, quantity: 9 }],
      trackingNumber: 'SF0000000002',
      carrier: null,
    });
    await expect(attempt).rejects.toThrow(
      /Temu refused the ship order of purchase order .* at bg\.shiporderv3\.create: 2000000 .*exceeds skuDeliveryQuantityMaxLimit 2/,
    );
  });
});

describe('seller-initiated stocking (bg.purchaseorder.apply) behind requestStock', () => {
  const consignment = () =>
    new TemuConsignment({
      shopId: 'full',
      client: h.client(),
      deliveryAddressId: 5001,
      deliveryAddressType: 4,
      expressCompany: { id: 77, name: 'SF Express' },
    });

  async function newOrders(before: Set<string>) {
    const { purchaseOrders } = await h.control<{
      purchaseOrders: Array<{
        subPurchaseOrderSn: string;
        originalPurchaseOrderSn: string;
        status: number;
        lines: Array<{ extCode: string; purchaseQuantity: number; supplierPrice: string | null }>;
      }>;
    }>('GET', 'state/consignment');
    return purchaseOrders.filter((p) => !before.has(p.subPurchaseOrderSn));
  }

  async function refs(): Promise<Set<string>> {
    return new Set((await newOrders(new Set())).map((p) => p.subPurchaseOrderSn));
  }

  afterAll(async () => {
    await h.control('POST', 'consignment/stocking-rules', {});
  });

  it("applies once per SKC: one purchase order awaiting acceptance at the SKUs' supply prices, found by its number", async () => {
    const [a] = skus;
    const sibling = skus.find((s) => s.goodsId === a!.goodsId && s.skuId !== a!.skuId)!;
    const before = await refs();
    const stats0 = await h.control<{ callsByType: Record<string, number> }>('GET', 'stats');
    const outcomes = await consignment().requestStock({
      lines: [
        { sku: a!.sellerSku, quantity: 30 },
        { sku: sibling.sellerSku, quantity: 6 },
      ],
      latestShipByMs: null,
    });
    const created = await newOrders(before);
    // Both SKUs belong to one goods (SKC): one application, one purchase order.
    expect(created).toHaveLength(1);
    expect(outcomes).toEqual([
      {
        skus: [a!.sellerSku, sibling.sellerSku],
        status: 'requested',
        purchaseRef: created[0]!.subPurchaseOrderSn,
      },
    ]);
    expect(created[0]!.status).toBe(0);
    expect(created[0]!.originalPurchaseOrderSn).toMatch(/^WP\d{13}$/);
    // Supply price = the catalogue price in minor units / 100, as a decimal string.
    expect(created[0]!.lines.map((l) => [l.extCode, l.purchaseQuantity, l.supplierPrice])).toEqual([
      [a!.sellerSku, 30, (a!.priceMinor / 100).toFixed(2)],
      [sibling.sellerSku, 6, (sibling.priceMinor / 100).toFixed(2)],
    ]);
    const stats1 = await h.control<{ callsByType: Record<string, number> }>('GET', 'stats');
    expect(
      (stats1.callsByType['bg.purchaseorder.apply'] ?? 0) -
        (stats0.callsByType['bg.purchaseorder.apply'] ?? 0),
    ).toBe(1);
    // Listed through the port as awaiting acceptance; Temu's buyer accepts → to ship.
    const [po] = await consignment().getPurchaseOrders([created[0]!.subPurchaseOrderSn]);
    expect(po).toMatchObject({ status: 'awaiting_acceptance', statusCode: 0 });
    await h.control('POST', `consignment/purchase-orders/${created[0]!.subPurchaseOrderSn}/accept`, {});
    const [accepted] = await consignment().getPurchaseOrders([created[0]!.subPurchaseOrderSn]);
    expect(accepted).toMatchObject({ status: 'to_ship', statusCode: 1 });
  });

  it("returns Temu's refusals with its code and words and creates nothing: above advised, delisted, unknown, daily cap", async () => {
    const [a, b, c] = skus;
    const sibling = skus.find((s) => s.goodsId === a!.goodsId && s.skuId !== a!.skuId)!;
    // Applied today so far: the test above, 30 × a's price + 6 × its sibling's. The cap leaves
    // room for exactly 2 more of c.
    const appliedMinor = 30 * a!.priceMinor + 6 * sibling.priceMinor;
    await h.control('POST', 'consignment/stocking-rules', {
      advisedQuantity: { [a!.sellerSku]: 5 },
      delisted: [b!.sellerSku],
      dailyCapMinor: appliedMinor + c!.priceMinor * 2,
    });
    const before = await refs();
    const ask = (sku: string, quantity: number) =>
      consignment().requestStock({ lines: [{ sku, quantity }], latestShipByMs: null });
    expect(await ask(a!.sellerSku, 6)).toEqual([
      expect.objectContaining({
        status: 'refused',
        code: '1002',
        reason: expect.stringContaining('advised 5'),
      }),
    ]);
    expect(await ask(b!.sellerSku, 1)).toEqual([
      expect.objectContaining({
        status: 'refused',
        code: '1008',
        reason: expect.stringContaining('货品SKU已下架'),
      }),
    ]);
    expect(await ask('NOT-ON-TEMU', 1)).toEqual([
      expect.objectContaining({ skus: ['NOT-ON-TEMU'], status: 'refused', code: 'NOT_LISTED' }),
    ]);
    expect(await ask(c!.sellerSku, 3)).toEqual([
      expect.objectContaining({
        status: 'refused',
        code: '61001',
        reason: expect.stringContaining('当日备货总额'),
      }),
    ]);
    expect(await newOrders(before)).toEqual([]);
    // Exactly at the cap passes.
    expect(await ask(c!.sellerSku, 2)).toEqual([expect.objectContaining({ status: 'requested' })]);
    expect(await newOrders(before)).toHaveLength(1);
  });
});
