import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTemuSandbox, type RunningTemuSandbox } from '@temu-odoo/temu-sandbox';
import { FLEET_CREDENTIALS, waitUntil, type Fleet } from '../../../tools/lib/fleet.js';
import { startFleetScheduler, type FleetScheduler } from '../../../tools/lib/fleet-scheduler.js';
import type { AppProcess } from '../../../tools/lib/processes.js';
import { catalogSeeds, odooOrdersByRef, startOrderFleet, GENEROUS_QUOTAS } from './e2e-support.js';

/**
 * Issue 17: adding a shop needs no restart. A fleet (one scheduler, one worker process) starts with
 * one shop in TEMU_SHOPS_FILE; a second shop, on its own Temu gateway with its own app key, is added
 * to the file. Its orders must reach Odoo while the very same processes keep running: the scheduler
 * registers the new shop's polls, the worker builds its client, nobody is restarted.
 */

let fleet: Fleet;
let second: RunningTemuSandbox;
let scheduler: FleetScheduler;
let worker: AppProcess;
let shopsFile: string;

const SECOND = {
  shopId: 'shop-added',
  appKey: 'second-app-key-00000000000000002',
  appSecret: 'second-app-secret-0123456789abcd',
  accessToken: 'second-access-token-0123456789abcdefgh',
};

const shopEntry = (
  shopId: string,
  gatewayUrl: string,
  creds: { appKey: string; appSecret: string; accessToken: string },
) => ({
  shopId,
  region: 'US',
  gatewayUrl,
  appKey: creds.appKey,
  appSecret: creds.appSecret,
  accessToken: creds.accessToken,
});

/** Replaces the file in one step, as Kubernetes does for a mounted Secret. */
function writeShops(shops: object[]): void {
  fs.writeFileSync(`${shopsFile}.tmp`, JSON.stringify(shops));
  fs.renameSync(`${shopsFile}.tmp`, shopsFile);
}

async function unshippedRefs(url: string): Promise<string[]> {
  const res = await fetch(`${url}/_sandbox/state/orders`);
  const { orders } = (await res.json()) as { orders: Array<{ parentOrderSn: string; status: number }> };
  return orders.filter((o) => o.status === 2).map((o) => o.parentOrderSn);
}

async function allInOdoo(refs: string[]): Promise<boolean> {
  const byRef = await odooOrdersByRef(fleet);
  return refs.every((ref) => byRef.get(ref)?.length === 1);
}

beforeAll(async () => {
  fleet = await startOrderFleet({ label: 'shops-reload' });
  const { perSecond, perMinute } = GENEROUS_QUOTAS;
  // The second shop's gateway: other credentials, other seed (other order numbers), same catalogue.
  second = await startTemuSandbox({
    port: 0,
    ...SECOND,
    seed: 2,
    catalog: catalogSeeds().temu,
    orderCount: 0,
    amountCalculationMs: 0,
    rateLimits: { appKeyPerSecond: perSecond, groupPerMinute: { ...perMinute } },
  });
  shopsFile = path.join(os.tmpdir(), `${fleet.prefix}-shops.json`);
  writeShops([shopEntry(fleet.shopId, fleet.temu.url, FLEET_CREDENTIALS)]);
  const env = { TEMU_SHOPS_FILE: shopsFile, TEMU_SHOPS_RELOAD_SECONDS: '1' };
  worker = fleet.startWorker(env);
  scheduler = await startFleetScheduler(fleet, env);
}, 180_000);

afterAll(async () => {
  if (scheduler && scheduler.app.child.exitCode === null) {
    scheduler.app.child.kill('SIGTERM');
    await scheduler.app.exited;
  }
  await fleet?.stop();
  await second?.close();
  if (shopsFile) fs.rmSync(shopsFile, { force: true });
}, 60_000);

describe('adding a shop to TEMU_SHOPS_FILE', () => {
  it("brings the new shop's orders into Odoo without restarting the worker or the scheduler", async () => {
    await fleet.temuControl('POST', 'orders', { count: 3, status: 2 });
    const firstRefs = await unshippedRefs(fleet.temu.url);
    expect(firstRefs).toHaveLength(3);
    await waitUntil(() => allInOdoo(firstRefs), 120_000, "the first shop's orders in Odoo");

    await fetch(`${second.url}/_sandbox/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: 4, status: 2 }),
    });
    const secondRefs = await unshippedRefs(second.url);
    expect(secondRefs).toHaveLength(4);
    expect(secondRefs.filter((r) => firstRefs.includes(r))).toEqual([]); // two distinct shops' orders
    // Nothing of the second shop can be in Odoo yet: no process knows it.
    expect(await allInOdoo(secondRefs.slice(0, 1))).toBe(false);

    writeShops([
      shopEntry(fleet.shopId, fleet.temu.url, FLEET_CREDENTIALS),
      shopEntry(SECOND.shopId, second.url, SECOND),
    ]);
    await waitUntil(() => allInOdoo(secondRefs), 120_000, "the added shop's orders in Odoo");

    // The same two processes did it: neither exited (each would have had to restart to read the file).
    expect(worker.child.exitCode).toBeNull();
    expect(scheduler.app.child.exitCode).toBeNull();
    expect(fleet.workers).toEqual([worker]);
    // Each order of both shops exactly once (3 + 4 by construction above).
    const byRef = await odooOrdersByRef(fleet);
    expect([...firstRefs, ...secondRefs].map((r) => byRef.get(r)?.length)).toEqual([1, 1, 1, 1, 1, 1, 1]);
  }, 300_000);
});
