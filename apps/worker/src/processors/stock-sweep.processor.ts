import { BadInputError, planStockPush, type ErpStockLevel } from '@temu-odoo/core';
import type { ProcessorFn } from '@temu-odoo/queues';
import { MAX_STOCK, TEMU_STOCK_CHANNEL } from '@temu-odoo/temu-connector';
import { shopOf, type ShopContext, type WorkerDeps } from '../worker-deps.js';
import { erpSkuMap } from '../stock/sku-map.js';

/**
 * R9: Odoo stock → Temu targets. Incremental sweeps read only products whose stock moved since the
 * watermark; a full pass reads every mapped product. Targets equal to what Temu last acknowledged
 * are dropped; the rest become one `stock.push` per goodsId, stamped with this sweep's time so a
 * newer sweep supersedes queued older pushes (latest wins).
 */
export function stockSweep(deps: WorkerDeps): ProcessorFn<'stock.sweep'> {
  return async ({ shopId, full }, { log }) => {
    const shop = shopOf(deps, shopId);
    assertStockSupported(shop);
    const nowMs = deps.clock.nowMs();
    const skuMap = await erpSkuMap(shop, deps.settings.skuMapping);
    const watermark = await shop.state.watermark('stock');
    let levels: ErpStockLevel[];
    let nextWatermark: number;
    const warehouse = shop.config.odooWarehouseId;
    if (full || watermark === null) {
      const products = await deps.erp.resolveProducts([...skuMap.keys()]);
      levels = products.size ? await deps.erp.readFreeStock([...products.values()], warehouse) : [];
      // Our clock, not Odoo's: step back a minute so a lagging Odoo clock cannot hide a change.
      nextWatermark = nowMs - 60_000;
    } else {
      const changes = await deps.erp.listStockChangesSince(watermark);
      levels = changes.productIds.length ? await deps.erp.readFreeStock(changes.productIds, warehouse) : [];
      nextWatermark = changes.untilMs;
    }
    const velocity = await velocityLookup(deps, shop, nowMs);
    const pushes = planStockPush({
      levels,
      skuMap,
      policy: {
        shares: deps.settings.channelShares,
        channel: TEMU_STOCK_CHANNEL,
        range: { min: 0, max: MAX_STOCK },
        safety: deps.settings.safety,
      },
      velocity,
      lastAcknowledged: await shop.state.acknowledgedStock(),
    });
    await shop.state.setLatestPush(
      pushes.map((p) => p.goodsId),
      nowMs,
    );
    await deps.registry.enqueueBulk(
      'stock.push',
      pushes.map((p) => ({
        data: { shopId, goodsId: p.goodsId, targets: p.targets, seq: nowMs },
        opts: { jobId: `push.${shopId}.${p.goodsId}.${nowMs}` },
      })),
    );
    await shop.state.setWatermark('stock', nextWatermark);
    const summary = {
      full: full || watermark === null,
      productsRead: levels.length,
      goodsToPush: pushes.length,
      skusToPush: pushes.reduce((n, p) => n + p.targets.length, 0),
    };
    log.info(summary, 'stock swept');
    return summary;
  };
}

/**
 * Local shops push `bg.local.*` stock, semi-managed ones Temu's virtual stock on the PARTNER gateway
 * (the connector picks, docs/temu-api.md "Selling models"); a fully-managed shop has no stock of its
 * own on Temu (Temu buys it with purchase orders), so a stock job for one is a configuration mistake.
 */
export function assertStockSupported(shop: ShopContext): void {
  if (shop.config.sellingModel === 'full') {
    throw new BadInputError(
      `shop ${shop.config.shopId} is fully-managed: Temu holds its stock and buys it with purchase orders, so there is no stock to push; remove the stock jobs for it`,
      'ERR_NOT_SUPPORTED_SHOP_TYPE',
    );
  }
}

async function velocityLookup(deps: WorkerDeps, shop: ShopContext, nowMs: number) {
  const rules = [deps.settings.safety.default, ...Object.values(deps.settings.safety.perSku ?? {})];
  const windows = [
    ...new Set(
      rules.filter((r) => r.kind === 'velocity').map((r) => (r as { windowDays: number }).windowDays),
    ),
  ];
  const sold = new Map<number, Map<string, number>>();
  for (const days of windows) sold.set(days, await shop.state.unitsSold(days, nowMs));
  return (sku: string, windowDays: number) => sold.get(windowDays)?.get(sku) ?? null;
}
