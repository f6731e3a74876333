import type { OdooErp } from '@temu-odoo/odoo-client';
import { OpenReturnCases } from '@temu-odoo/queues';
import { demoGoods } from './demo-catalog.js';
import { fleetErp, fleetMarketplace } from './fleet-clients.js';
import { drained, startFleet, uniquePrefix, waitUntil, type Fleet } from './fleet.js';
import type { AppRuntime } from './processes.js';
import { returnsStuckReport } from './returns-stuck-report.js';

/**
 * Returns at scale (issue 13), shared by the `returns-sigkill` drill: N delivered orders of 2 units,
 * then M after-sales cases of every kind, driven to the end through the worker's jobs while the
 * caller may hurt the fleet; the verdict is counted from both sandboxes' state alone.
 */

const INITIAL = 1_000;
const SHIPPING = 499;

export type CaseKind =
  'refund' | 'refund_partial' | 'return' | 'damaged' | 'label' | 'cancel' | 'cancel_shipped';
/** The case mix, cycled: every kind appears once per 7 cases. */
const MIX: CaseKind[] = [
  'refund',
  'return',
  'damaged',
  'refund_partial',
  'label',
  'cancel',
  'cancel_shipped',
];

export interface WorldCase {
  kind: CaseKind;
  sn: string;
  orderSn: string;
  sku: string;
  /** Units asked back (of 2). */
  quantity: number;
}

export interface ReturnsWorld {
  fleet: Fleet;
  erp: OdooErp;
  cases: WorldCase[];
  /** Units shipped per SKU (2 per delivered order). */
  shipped: Map<string, number>;
}

interface SandboxCase {
  parentAfterSalesSn: string;
  status: number;
  refund?: { totalMinor: number };
}

export async function startReturnsFleet(label: string, workerRuntime: AppRuntime): Promise<Fleet> {
  const goods = demoGoods();
  const generous = 20_000;
  return startFleet({
    prefix: uniquePrefix(label),
    workerRuntime,
    temu: {
      catalog: goods.map((g) => ({
        goodsName: g.goodsName,
        skus: g.skus.map((s) => ({
          sellerSku: s.sellerSku,
          priceMinor: s.priceMinor,
          currency: s.currency,
          stock: 100_000,
        })),
      })),
      orderCount: 0,
      amountCalculationMs: 0,
      rateLimits: {
        appKeyPerSecond: 400,
        groupPerMinute: {
          orders: generous,
          shipping: 5_000,
          products: 5_000,
          finance: generous,
          inventory: 5_000,
        },
      },
    },
    odoo: {
      products: goods.flatMap((g) =>
        g.skus.map((s) => ({
          defaultCode: s.sellerSku,
          name: s.name,
          listPrice: s.priceMinor / 100,
          qtyOnHand: INITIAL,
        })),
      ),
    },
    workerEnv: {
      WORKER_CONCURRENCY: 'temu-orders=4,odoo=2,temu-finance=4',
      ODOO_FLUSH_DELAY_MS: '200',
      TEMU_QUOTA_ORDERS_PER_MINUTE: String(generous),
      TEMU_QUOTA_FINANCE_PER_MINUTE: String(generous),
      TEMU_QUOTA_PER_SECOND: '400',
      RETURNS_AGREE_CANCELLATIONS: 'true',
      RETURNS_REFUND_WITHOUT_RETURN: 'true',
      RETURNS_REFUND_ON_RECEIPT: 'true',
      RETURNS_SCRAP_REASONS: 'damaged',
    },
  });
}

let seq = 0;
export const poll = (fleet: Fleet, name: 'orders.poll' | 'returns.poll') =>
  fleet.registry.enqueue(name, { shopId: fleet.shopId }, { jobId: `${name}-${Date.now()}-${seq++}` });

/**
 * `orders` delivered orders (2 units, 4.99 shipping) on the demo SKUs in turn, imported into Odoo;
 * then `cases` cases in the `MIX` order on the first of them (a pre-shipment cancellation gets an
 * unshipped order of its own). Needs live workers.
 */
export async function seedReturnsWorld(fleet: Fleet, orders: number, cases: number): Promise<ReturnsWorld> {
  const skus = demoGoods().flatMap((g) => g.skus.map((s) => s.sellerSku));
  const kinds = Array.from({ length: cases }, (_, i) => MIX[i % MIX.length]!);
  const create = async (status: number, sku: string) =>
    (
      await fleet.temuControl<{ orders: Array<{ parentOrderSn: string }> }>('POST', 'orders', {
        count: 1,
        status,
        lines: [{ sku, quantity: 2 }],
        shippingMinor: SHIPPING,
      })
    ).orders[0]!.parentOrderSn;
  const delivered: Array<{ sn: string; sku: string }> = [];
  const shipped = new Map<string, number>();
  for (let i = 0; i < orders; i++) {
    const sku = skus[i % skus.length]!;
    delivered.push({ sn: await create(5, sku), sku });
    shipped.set(sku, (shipped.get(sku) ?? 0) + 2);
  }
  const unshipped = new Map<number, { sn: string; sku: string }>();
  for (const [i, kind] of kinds.entries())
    if (kind === 'cancel')
      unshipped.set(i, { sn: await create(2, skus[i % skus.length]!), sku: skus[i % skus.length]! });
  await poll(fleet, 'orders.poll');
  await drained(fleet, 300_000);

  const world: ReturnsWorld = { fleet, erp: await fleetErp(fleet), cases: [], shipped };
  for (const [i, kind] of kinds.entries()) {
    const order = kind === 'cancel' ? unshipped.get(i)! : delivered[i]!;
    const body: Record<string, unknown> = { parentOrderSn: order.sn };
    if (kind === 'refund' || kind === 'refund_partial') body.kind = 'refund';
    else if (kind === 'cancel') body.kind = 'cancel';
    else if (kind === 'cancel_shipped') Object.assign(body, { kind: 'cancel', afterShipment: true });
    else body.kind = 'return';
    if (kind === 'refund_partial') body.quantity = 1;
    if (kind === 'damaged') body.reason = 'arrived damaged';
    const c = (await fleet.temuControl<{ afterSales: SandboxCase }>('POST', 'aftersales', body)).afterSales;
    if (kind === 'label') await advance(fleet, c.parentAfterSalesSn, 'use_merchant_label');
    world.cases.push({
      kind,
      sn: c.parentAfterSalesSn,
      orderSn: order.sn,
      sku: order.sku,
      quantity: kind === 'refund_partial' ? 1 : 2,
    });
  }
  return world;
}

const advance = (fleet: Fleet, sn: string, step: string) =>
  fleet.temuControl('POST', `aftersales/${sn}/advance`, { step });

const comesBack = (k: CaseKind) =>
  k === 'return' || k === 'damaged' || k === 'label' || k === 'cancel_shipped';

interface Picking {
  id: number;
  origin: string | false;
  state: string;
}

async function returnPickings(erp: OdooErp): Promise<Picking[]> {
  return erp.connection.searchRead<Picking>(
    'stock.picking',
    [['picking_type_code', '=', 'incoming']],
    ['origin', 'state'],
  );
}

/** The warehouse receives a return in Odoo: every move done for its full quantity, then validate. */
export async function receiveReturn(erp: OdooErp, pickingId: number): Promise<void> {
  const d = erp.connection.dialect;
  const moves = await erp.connection.searchRead<{ id: number; product_uom_qty: number }>(
    'stock.move',
    [['picking_id', '=', pickingId]],
    ['product_uom_qty'],
  );
  for (const m of moves) await erp.connection.write('stock.move', [m.id], d.moveDoneVals(m.product_uom_qty));
  await erp.connection.action('stock.picking', 'button_validate', [pickingId], { skip_sms: true });
}

/** Polls every 2 s (a scheduler would, less often) until `done` holds or the deadline passes. */
async function pollUntil(fleet: Fleet, done: () => Promise<boolean>, timeoutMs: number, what: string) {
  let last = 0;
  await waitUntil(
    async () => {
      if (await done()) return true;
      if (Date.now() - last > 2_000) {
        last = Date.now();
        await poll(fleet, 'returns.poll');
      }
      return false;
    },
    timeoutMs,
    what,
  ).catch(async (err: Error) => {
    throw new Error(`${err.message}: ${await returnsStuckReport(fleet)}`);
  });
}

/**
 * The buyers' and the warehouse's side: once every returned case has its return transfer in Odoo,
 * the seller's labels go up, the parcels travel back and Temu receives them, and the warehouse
 * validates each receipt; then polls until every case left the open list.
 */
export async function driveReturns(world: ReturnsWorld, timeoutMs: number): Promise<void> {
  const { fleet, erp } = world;
  const back = world.cases.filter((c) => comesBack(c.kind));
  const pickingOf = async () => {
    const byCase = new Map<string, Picking>();
    for (const p of await returnPickings(erp)) byCase.set(String(p.origin).split(' ')[0]!, p);
    return byCase;
  };
  await pollUntil(
    fleet,
    async () => {
      const p = await pickingOf();
      return back.every((c) => p.has(c.sn));
    },
    timeoutMs,
    'a return transfer for every returned case',
  );
  const market = fleetMarketplace(fleet);
  for (const c of back.filter((b) => b.kind === 'label'))
    await market.uploadReturnLabel(c.sn, c.orderSn, {
      carrierId: '1',
      trackingNumber: `RET-${c.sn}`,
      labelUrl: `https://labels.example.com/${c.sn}.pdf`,
    });
  for (const c of back.filter((b) => b.kind !== 'cancel_shipped')) {
    await advance(fleet, c.sn, 'ship_back');
    await advance(fleet, c.sn, 'receive');
  }
  const pickings = await pickingOf();
  for (const c of back) {
    const p = pickings.get(c.sn)!;
    if (p.state !== 'done') await receiveReturn(erp, p.id);
  }
  const open = new OpenReturnCases(fleet.redis, fleet.prefix);
  await pollUntil(
    fleet,
    async () => (await open.list(fleet.shopId)).length === 0,
    timeoutMs,
    'every case closed',
  );
  await drained(fleet, timeoutMs);
}

export interface ReturnsCounts {
  cases: number;
  closedInTemu: number;
  openInWorker: number;
  /** Cases whose money came back (every kind but the pre-shipment cancellation). */
  refunded: number;
  creditNotes: number;
  /** Refunded cases without exactly one credit note, or with one not equal to Temu's refund. */
  wrongCreditNotes: string[];
  returnTransfers: number;
  duplicateReturnTransfers: number;
  scraps: number;
  expectedScraps: number;
  /** SKUs whose Odoo on hand is not initial − shipped + restocked. */
  wrongStock: string[];
  cancelledOrdersNotCancelled: string[];
}

/** Independent counts from both sandboxes (Temu control state, Odoo records). */
export async function countReturns(world: ReturnsWorld): Promise<ReturnsCounts> {
  const { fleet, erp } = world;
  const temu = new Map(
    (await fleet.temuControl<{ afterSales: SandboxCase[] }>('GET', 'state/aftersales')).afterSales.map(
      (c) => [c.parentAfterSalesSn, c],
    ),
  );
  const notes = await erp.connection.searchRead<{
    ref: string | false;
    amount_total: number;
    state: string;
    payment_state: string;
  }>('account.move', [['move_type', '=', 'out_refund']], ['ref', 'amount_total', 'state', 'payment_state']);
  const refunded = world.cases.filter((c) => c.kind !== 'cancel');
  const wrongCreditNotes: string[] = [];
  for (const c of refunded) {
    const mine = notes.filter((n) => String(n.ref).includes(c.sn));
    const want = (temu.get(c.sn)?.refund?.totalMinor ?? NaN) / 100;
    if (mine.length !== 1 || mine[0]!.amount_total !== want || mine[0]!.payment_state !== 'paid')
      wrongCreditNotes.push(
        `${c.sn} (${c.kind}): ${mine.length} notes ${mine.map((n) => n.amount_total).join('/')} vs Temu ${want}`,
      );
  }
  const pickings = await returnPickings(erp);
  const perCase = new Map<string, number>();
  for (const p of pickings) {
    const sn = String(p.origin).split(' ')[0]!;
    perCase.set(sn, (perCase.get(sn) ?? 0) + 1);
  }
  const scraps = await erp.connection.searchRead<{ origin: string | false }>('stock.scrap', [], ['origin']);
  const restocked = new Map<string, number>();
  for (const c of world.cases)
    if (comesBack(c.kind) && c.kind !== 'damaged')
      restocked.set(c.sku, (restocked.get(c.sku) ?? 0) + c.quantity);
  const { records } = await fleet.odooControl<{
    records: Array<{ default_code: string | false; qty_available: number }>;
  }>('GET', 'state/product.product?fields=default_code,qty_available');
  const onHand = new Map(
    records.filter((r) => r.default_code).map((r) => [r.default_code as string, r.qty_available]),
  );
  const wrongStock = [...new Set([...world.shipped.keys(), ...restocked.keys()])]
    .filter((sku) => onHand.get(sku) !== INITIAL - (world.shipped.get(sku) ?? 0) + (restocked.get(sku) ?? 0))
    .map(
      (sku) =>
        `${sku}: ${onHand.get(sku)} vs ${INITIAL - (world.shipped.get(sku) ?? 0) + (restocked.get(sku) ?? 0)}`,
    );
  const cancels = world.cases.filter((c) => c.kind === 'cancel');
  const cancelOrders = await erp.findOrdersByRefs(cancels.map((c) => c.orderSn));
  const open = new OpenReturnCases(fleet.redis, fleet.prefix);
  return {
    cases: world.cases.length,
    closedInTemu: world.cases.filter((c) => temu.get(c.sn)?.status === 5).length,
    openInWorker: (await open.list(fleet.shopId)).length,
    refunded: refunded.length,
    creditNotes: notes.length,
    wrongCreditNotes,
    returnTransfers: pickings.length,
    duplicateReturnTransfers: [...perCase.values()].filter((n) => n > 1).length,
    scraps: scraps.length,
    expectedScraps: world.cases.filter((c) => c.kind === 'damaged').length,
    wrongStock,
    cancelledOrdersNotCancelled: cancels
      .filter((c) => cancelOrders.find((o) => o.orderRef === c.orderSn)?.state !== 'cancelled')
      .map((c) => c.orderSn),
  };
}

export function returnsVerdictPasses(c: ReturnsCounts): boolean {
  return (
    c.closedInTemu === c.cases &&
    c.openInWorker === 0 &&
    c.creditNotes === c.refunded &&
    c.wrongCreditNotes.length === 0 &&
    c.duplicateReturnTransfers === 0 &&
    c.scraps === c.expectedScraps &&
    c.wrongStock.length === 0 &&
    c.cancelledOrdersNotCancelled.length === 0
  );
}
