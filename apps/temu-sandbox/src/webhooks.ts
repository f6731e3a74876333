import type { Logger } from '@temu-odoo/config';
import { toJson } from './json.js';
import type { SandboxEvent, SandboxState } from './state.js';
import { encryptEventData, signWebhook, type WebhookHeaders } from './webhook-crypto.js';

interface Outgoing {
  eventCode: string;
  payload: Record<string, unknown>;
}

/** Maps a state change to the event(s) Temu pushes (docs/temu-api.md §14.3). */
export function eventsFor(state: SandboxState, event: SandboxEvent): Outgoing[] {
  const mallId = state.mallId;
  if (event.kind === 'status') {
    return event.children.map((child) => ({
      eventCode: 'bg_order_status_change_event',
      payload: {
        mallId,
        parentOrderSn: event.parent.parentOrderSn,
        orderSn: child.orderSn,
        orderStatus: child.status,
        updateTime: event.parent.updatedAt,
      },
    }));
  }
  if (event.kind === 'address') {
    return [
      {
        eventCode: 'bg_trade_logistics_address_changed',
        payload: { mallId, parentOrderSn: event.parent.parentOrderSn },
      },
    ];
  }
  const c = event.afterSales;
  if (c.kind === 'cancel') {
    return [
      {
        eventCode: 'bg_cancel_order_status_change',
        payload: {
          mallId,
          parentAfterSalesSn: c.parentAfterSalesSn,
          parentOrderSn: c.parentOrderSn,
          parentAfterSalesStatus: c.status,
          updateAt: c.updateAtMs,
          applyOperatorRole: 2,
        },
      },
    ];
  }
  return [
    {
      eventCode: 'bg_aftersales_status_change',
      payload: {
        mallId,
        afterSalesType: c.afterSalesType,
        parentAfterSalesSn: c.parentAfterSalesSn,
        parentOrderSn: c.parentOrderSn,
        updateAt: c.updateAtMs,
        applyOperatorRole: 1,
        parentAfterSalesStatus: c.status,
      },
    },
  ];
}

const RETRY_DELAYS_MS = [500, 2_000];

/**
 * Pushes encrypted, signed events to `state.webhookUrl` (docs/temu-api.md §14.2). Delivery is best effort
 * with two retries; Temu's own retry policy is undocumented (docs/temu-api.md §17).
 */
export class WebhookDispatcher {
  private readonly inflight = new Set<Promise<void>>();
  private readonly sleepers = new Set<() => void>();
  private closed = false;

  constructor(
    private readonly state: SandboxState,
    private readonly logger?: Logger,
  ) {
    state.onEvent((event) => {
      if (!state.webhookUrl || this.closed) return;
      for (const out of eventsFor(state, event)) this.track(this.deliver(state.webhookUrl, out));
    });
  }

  private track(p: Promise<void>): void {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  private async deliver(url: string, out: Outgoing): Promise<void> {
    const { appKey, appSecret } = this.state.config;
    const json = toJson(out.payload);
    const headers: WebhookHeaders = {
      'x-tm-app-key': appKey,
      'x-tm-event-code': out.eventCode,
      'x-tm-timestamp': String(Date.now()),
      'x-tm-ext-param': '{}',
    };
    const body = JSON.stringify({ eventData: encryptEventData(json, appSecret) });
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...headers,
            'x-tm-signature': signWebhook(headers, json, appSecret),
          },
          body,
          signal: AbortSignal.timeout(5_000),
        });
        await res.arrayBuffer();
        if (res.ok) {
          this.state.stats.recordWebhook(true);
          return;
        }
        throw new Error(`HTTP ${res.status}`);
      } catch (err) {
        const delay = RETRY_DELAYS_MS[attempt];
        if (delay === undefined || this.closed) {
          this.state.stats.recordWebhook(false);
          this.logger?.warn({ err, eventCode: out.eventCode }, 'webhook delivery failed');
          return;
        }
        await this.sleep(delay);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  /** Waits for deliveries in flight; pending retries are cut short. */
  async close(): Promise<void> {
    this.closed = true;
    for (const wake of [...this.sleepers]) wake();
    await Promise.allSettled([...this.inflight]);
  }
}
