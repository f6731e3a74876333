import type { SandboxState } from '../state.js';
import { openAfterSales } from './aftersales.js';
import type { SandboxCatalogItem } from './catalog.js';
import { categoryById, OPEN_LEAF_IDS } from './categories.js';
import type { GoodsRecord, ParentLabel, ParentStatus } from './model.js';
import { createOrder } from './order-factory.js';
import { consignmentOf } from './consignment.js';

/** Status pattern of seeded orders: every status appears within the first 10 (docs/temu-api.md §8.2). */
const STATUS_CYCLE: readonly ParentStatus[] = [2, 2, 1, 4, 5, 3, 41, 51, 2, 4];

/** Labels given to the 2nd, 3rd, … unshipped seeded orders, so clients meet every blocker. */
const UNSHIPPED_LABELS: readonly ParentLabel[][] = [
  [],
  ['pending_buyer_cancellation'],
  ['pending_buyer_address_change'],
  ['signature_required_on_delivery'],
  ['pending_risk_control_alert'],
];

function parseId(text: string, what: string): bigint {
  if (!/^\d{1,20}$/.test(text))
    throw new Error(`catalog: ${what} must be decimal digits (got ${JSON.stringify(text)})`);
  return BigInt(text);
}

/** The goods' leaf category: the catalogue's, checked against the tree, else the open leaf at its index. */
function leafCategory(catId: number | undefined, index: number): number {
  if (catId === undefined) return OPEN_LEAF_IDS[index % OPEN_LEAF_IDS.length]!;
  const cat = categoryById(catId);
  if (!cat?.leaf || cat.availableStatus !== 0)
    throw new Error(`catalog: goods ${index} catId ${catId} is not a leaf category open to the shop`);
  return catId;
}

export function loadCatalog(state: SandboxState, catalog: SandboxCatalogItem[]): void {
  const seenSellerSku = new Set<string>();
  catalog.forEach((item, i) => {
    const goodsId = item.goodsId
      ? parseId(item.goodsId, `goods ${i} goodsId`)
      : 601_099_500_000_000n + BigInt(i);
    const goods: GoodsRecord = {
      goodsId,
      productId: 1_000_000_000 + i,
      goodsName: item.goodsName,
      outGoodsSn: item.skus[0]?.sellerSku.replace(/-[^-]+$/, '') ?? `GOODS-${i + 1}`,
      catId: leafCategory(item.catId, i),
      createdAtMs: Date.UTC(2025, 0, 1 + i),
      skus: [],
    };
    item.skus.forEach((s, j) => {
      if (seenSellerSku.has(s.sellerSku)) throw new Error(`catalog: seller SKU ${s.sellerSku} appears twice`);
      seenSellerSku.add(s.sellerSku);
      const sku = {
        skuId: s.skuId ? parseId(s.skuId, `${s.sellerSku} skuId`) : 17_592_300_000_000n + BigInt(i * 100 + j),
        goodsId,
        productSkuId: 650_000_000_000 + i * 100 + j,
        sellerSku: s.sellerSku,
        specName: s.sellerSku.split('-').pop() ?? s.sellerSku,
        priceMinor: s.priceMinor,
        currency: s.currency,
        stock: s.stock,
        preSaleStock: 0,
      };
      goods.skus.push(sku);
      state.skus.set(sku.skuId.toString(), sku);
    });
    state.goods.set(goodsId.toString(), goods);
  });
}

/** Rebuilds the whole shop from the seed: catalogue, orders in every status, after-sales cases. */
export function seedShop(state: SandboxState): void {
  state.clearShop();
  consignmentOf(state).clear();
  loadCatalog(state, state.config.catalog);
  const nowMs = Date.now();
  let unshippedSeen = 0;
  for (let i = 0; i < state.config.orderCount; i++) {
    const status = STATUS_CYCLE[i % STATUS_CYCLE.length]!;
    const labels = status === 2 ? (UNSHIPPED_LABELS[unshippedSeen++ % UNSHIPPED_LABELS.length] ?? []) : [];
    const ageMs = status === 1 ? 0 : state.rng.int(2, 96) * 3_600_000;
    const parent = createOrder(state, { status, labels, createdAtMs: nowMs - ageMs });
    if (labels.includes('pending_buyer_cancellation')) openAfterSales(state, parent, 'cancel', 1);
    if (status === 3) openAfterSales(state, parent, 'cancel', 5);
    if (status === 5)
      openAfterSales(state, parent, i % 20 === 4 ? 'refund' : 'return', i % 20 === 4 ? 1 : 10);
    if (status === 51) openAfterSales(state, parent, 'refund', 5, parent.children.slice(0, 1), 1);
  }
  // One unshipped line with a buyer's partial cancellation before shipment (docs/temu-api.md §15.14).
  const partial = [...state.orders.values()].find((o) => o.status === 2 && o.labels.size === 0);
  const first = partial?.children[0];
  if (first) {
    if (first.originalQuantity < 2) first.originalQuantity += 1;
    first.canceledQuantity = 1;
  }
}
