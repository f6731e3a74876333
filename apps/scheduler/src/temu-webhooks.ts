import type { Logger, ShopConfig } from '@temu-odoo/config';
import type { QueueRegistry } from '@temu-odoo/queues';
import { verifyTemuWebhook } from '@temu-odoo/temu-connector';
import type { Redis } from 'ioredis';
import type { WebhookHandler } from './http-server.js';
import { shopForWebhook } from './webhook-shop.js';

/** Temu's event for a buyer's address change (docs/temu-api.md §14.3). */
const ADDRESS_CHANGED = 'bg_trade_logistics_address_changed';

/**
 * Temu webhooks (docs/temu-api.md §14) are the fast path: a verified order event enqueues the same
 * `orders.sync` polling would, at once. Polling stays the backstop, so a lost webhook costs latency,
 * never an order. Secrets: the payload is decrypted with the app secret of the app key it names;
 * several shops may share that app key, so the event goes to the shop its mall id names
 * (shopForWebhook), and one whose shop cannot be determined is refused and counted
 * (`temu_odoo_webhooks_unroutable_total`).
 */
export function createTemuWebhookHandler(input: {
  registry: QueueRegistry;
  shops: ShopConfig[];
  log: Logger;
  /** Where refused events are counted (`<prefix>:state:{metrics}`, shown on the dashboard's /metrics). */
  redis: Redis;
  prefix: string;
}): WebhookHandler {
  return {
    async handle(body, headers) {
      const appKey = String(headers['x-tm-app-key'] ?? '');
      const candidates = input.shops.filter((s) => s.appKey === appKey);
      if (!candidates.length)
        throw new Error(`webhook rejected: no configured shop uses app key ${appKey.slice(0, 6)}…`);
      const event = verifyTemuWebhook({ headers, body, appKey, appSecret: candidates[0]!.appSecret });
      const raw = event.payload.mallId;
      const mallId = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : null;
      const shop = shopForWebhook(candidates, mallId);
      if (!shop) {
        await input.redis
          .hincrby(`${input.prefix}:state:{metrics}`, 'webhooks_unroutable_total', 1)
          .catch(() => undefined);
        throw new Error(
          `webhook rejected: no configured shop on this app key has mall id ${mallId ?? '(none in the event)'}; set "mallId" in TEMU_SHOPS_FILE`,
        );
      }
      const orderRef = typeof event.payload.parentOrderSn === 'string' ? event.payload.parentOrderSn : null;
      if (!orderRef) {
        input.log.info({ eventCode: event.eventCode }, 'webhook without an order: nothing to sync');
        return 0;
      }
      const updateSeconds = Number(event.payload.updateTime ?? 0);
      const updatedAtMs = updateSeconds > 0 ? updateSeconds * 1000 : event.timestampMs;
      await input.registry.enqueue(
        'orders.sync',
        {
          shopId: shop.shopId,
          orderRef,
          updatedAtMs,
          reason: 'webhook',
          ...(event.eventCode === ADDRESS_CHANGED ? { refreshAddress: true } : {}),
        },
        { jobId: `sync.${shop.shopId}.${orderRef}.${updatedAtMs}.webhook.${event.eventCode}` },
      );
      input.log.info(
        { eventCode: event.eventCode, shop: shop.shopId, parentOrderSn: orderRef },
        'webhook: order sync enqueued',
      );
      return 1 + (await enqueueCaseSync(input.registry, shop.shopId, orderRef, event));
    },
  };
}

/**
 * After-sales events (`bg_aftersales_status_change`, `bg_cancel_order_status_change`, docs/temu-api.md
 * "Returns and refunds") also sync their case at once; `returns.poll` stays the backstop.
 */
async function enqueueCaseSync(
  registry: QueueRegistry,
  shopId: string,
  orderRef: string,
  event: { eventCode: string; payload: Record<string, unknown>; timestampMs: number },
): Promise<number> {
  const caseRef = event.payload.parentAfterSalesSn;
  if (typeof caseRef !== 'string' || caseRef === '') return 0;
  const at = Number(event.payload.updateAt ?? 0);
  const updatedAtMs = at > 0 ? (at < 1e12 ? at * 1000 : at) : event.timestampMs;
  await registry.enqueue(
    'returns.sync',
    { shopId, caseRef, orderRef, updatedAtMs },
    { jobId: `returns.sync.${shopId}.${caseRef}.webhook.${updatedAtMs}` },
  );
  return 1;
}
