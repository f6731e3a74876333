import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { afterSalesListCall, iterateAfterSales } from '../../src/calls/aftersales-list.call.js';
import { iterateParentAfterSales } from '../../src/calls/aftersales-parent-list.call.js';
import { cancelAgreeCall } from '../../src/calls/cancel-agree.call.js';
import { iterateCancelRequests } from '../../src/calls/cancel-list.call.js';
import { TemuMarketplace } from '../../src/temu-marketplace.js';
import { collect, startHarness } from './sandbox-harness.js';
import type { Harness, SandboxOrder } from './sandbox-harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ orderCount: 0 });
});
afterAll(async () => {
  await h.close();
});

interface AfterSalesState {
  afterSales: { parentAfterSalesSn: string };
}

describe('after-sales over HTTP (bg.aftersales.*)', () => {
  it('lists refund cases (paged), their lines, and filters by window', async () => {
    const fromMs = Date.now() - 1000;
    const { orders } = await h.control<{ orders: SandboxOrder[] }>('POST', 'orders', { count: 3, status: 4 });
    const opened = [];
    for (const o of orders)
      opened.push(
        await h.control<AfterSalesState>('POST', 'aftersales', {
          parentOrderSn: o.parentOrderSn,
          kind: 'refund',
        }),
      );
    const sns = opened.map((o) => o.afterSales.parentAfterSalesSn);
    const client = h.client();
    const parents = await collect(
      iterateParentAfterSales(client, { pageSize: 2, updateAtStart: fromMs, updateAtEnd: Date.now() + 1000 }),
    );
    expect(parents.map((p) => p.parentAfterSalesSn).sort()).toEqual([...sns].sort());
    const lines = await collect(iterateAfterSales(client, { parentAfterSalesSnList: sns, pageSize: 1 }));
    expect(new Set(lines.map((l) => l.parentAfterSalesSn))).toEqual(new Set(sns));
    const one = await client.call(afterSalesListCall, { parentAfterSalesSnList: [sns[0]!] });
    expect(one.data[0]!.parentAfterSalesSn).toBe(sns[0]);
  });

  it('refuses a parent list without a window before calling (130010001 otherwise)', async () => {
    await expect(collect(iterateParentAfterSales(h.client(), {}))).rejects.toThrow(
      /createAtStart\/End or updateAtStart\/End/,
    );
  });

  it('lists a cancellation request and agrees to it; the order line becomes cancelled', async () => {
    const { orders } = await h.control<{ orders: SandboxOrder[] }>('POST', 'orders', { count: 1, status: 2 });
    const order = orders[0]!;
    const { afterSales } = await h.control<AfterSalesState>('POST', 'aftersales', {
      parentOrderSn: order.parentOrderSn,
      kind: 'cancel',
    });
    const client = h.client();
    const requests = await collect(
      iterateCancelRequests(client, { parentOrderSnList: [order.parentOrderSn] }),
    );
    expect(requests.map((r) => r.parentAfterSalesSn)).toEqual([afterSales.parentAfterSalesSn]);
    expect(requests[0]!.afterSalesInfoList[0]!.parentOrderSn).toBe(order.parentOrderSn);
    await expect(
      client.call(cancelAgreeCall, {
        parentAfterSalesSn: afterSales.parentAfterSalesSn,
        parentOrderSn: order.parentOrderSn,
      }),
    ).resolves.toEqual({ agreed: true });
    const mapped = await new TemuMarketplace({ shopId: 's', client }).getOrder(order.parentOrderSn);
    expect(mapped.lines.every((l) => l.status === 'cancelled' && l.quantity === 0)).toBe(true);
  });
});
