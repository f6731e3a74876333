import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { grantBankStatementAccess, type OdooErp } from '@temu-odoo/odoo-client';
import { demoGoods } from '../../../tools/lib/demo-catalog.js';
import { fleetErp } from '../../../tools/lib/fleet-clients.js';
import {
  drained,
  startFleet,
  uniquePrefix,
  waitUntil,
  type Fleet,
  type FleetOptions,
} from '../../../tools/lib/fleet.js';
import { clearingJournalOf } from '../src/settlement/clearing-journal.js';

/** The demo catalogue in each sandbox's seed format, Temu with plenty of stock to sell. */
export function catalogSeeds(odooQty = 500) {
  const goods = demoGoods();
  return {
    temu: goods.map((g) => ({
      goodsName: g.goodsName,
      skus: g.skus.map((s) => ({
        sellerSku: s.sellerSku,
        priceMinor: s.priceMinor,
        currency: s.currency,
        stock: 10_000,
      })),
    })),
    odoo: goods.flatMap((g) =>
      g.skus.map((s) => ({
        defaultCode: s.sellerSku,
        name: s.name,
        listPrice: s.priceMinor / 100,
        qtyOnHand: odooQty,
      })),
    ),
    skus: goods.flatMap((g) => g.skus.map((s) => s.sellerSku)),
  };
}

export interface OdooSaleOrder {
  id: number;
  name: string;
  client_order_ref: string | false;
  state: string;
  amount_untaxed: number;
  amount_total: number;
  invoice_status: string;
  currency_id: [number, string];
  partner_id: [number, string];
  partner_shipping_id: [number, string];
  lines?: Array<{
    product_uom_qty: number;
    qty_delivered: number;
    price_unit: number;
    product_id: [number, string] | false;
  }>;
}

/** Shipping, discount and closing lines sit on `TEMU-*` service products: they are not goods. */
const isChargeLine = (l: NonNullable<OdooSaleOrder['lines']>[number]) =>
  Array.isArray(l.product_id) && l.product_id[1].startsWith('[TEMU-');

/** Odoo sale orders with their goods lines (charge lines left out, like the adapter's summaries). */
export async function odooOrders(fleet: Fleet): Promise<OdooSaleOrder[]> {
  const { records } = await fleet.odooControl<{ records: OdooSaleOrder[] }>('GET', 'state/sale.order');
  return records.map((o) => (o.lines ? { ...o, lines: o.lines.filter((l) => !isChargeLine(l)) } : o));
}

/** Odoo sale orders per Temu parent order number (client_order_ref). */
export async function odooOrdersByRef(fleet: Fleet): Promise<Map<string, OdooSaleOrder[]>> {
  const byRef = new Map<string, OdooSaleOrder[]>();
  for (const o of await odooOrders(fleet)) {
    if (!o.client_order_ref) continue;
    byRef.set(o.client_order_ref, [...(byRef.get(o.client_order_ref) ?? []), o]);
  }
  return byRef;
}

export interface TemuOrderState {
  parentOrderSn: string;
  status: number;
  children: Array<{
    orderSn: string;
    status: number;
    sellerSku: string;
    quantity: number;
    skuId: string;
    unitRetailMinor: number;
  }>;
}

export async function temuOrders(fleet: Fleet): Promise<TemuOrderState[]> {
  const all: TemuOrderState[] = [];
  const { orders } = await fleet.temuControl<{ orders: TemuOrderState[] }>('GET', 'state/orders');
  all.push(...orders);
  return all;
}

export { drained } from '../../../tools/lib/fleet.js';
export { fleetErp, fleetMarketplace } from '../../../tools/lib/fleet-clients.js';

/** On-hand quantity per internal reference, as Odoo computes it. */
export async function odooOnHand(fleet: Fleet): Promise<Map<string, number>> {
  const { records } = await fleet.odooControl<{
    records: Array<{ default_code: string | false; qty_available: number }>;
  }>('GET', 'state/product.product?fields=default_code,qty_available');
  return new Map(
    records.filter((r) => r.default_code).map((r) => [r.default_code as string, r.qty_available]),
  );
}

/** Quotas far above what an e2e run needs: the sandbox enforces them and the worker limits itself to them. */
export const GENEROUS_QUOTAS = {
  perSecond: 400,
  perMinute: { orders: 20_000, shipping: 5_000, products: 5_000, finance: 5_000, inventory: 5_000 },
};

export interface OrderFleetOptions {
  /** Names the fleet's unique Redis prefix. */
  label: string;
  shopId?: string;
  /** On-hand quantity of each product in the Odoo seed (`catalogSeeds`' default when absent). */
  odooQty?: number;
  /** Sandbox options on top of the demo catalogue, no orders and amounts computed at once. */
  temu?: NonNullable<FleetOptions['temu']>;
  /** Worker env on top of the generous quotas (concurrency, flush delay, mapping file…). */
  workerEnv?: NodeJS.ProcessEnv;
}

/**
 * The order e2e fleet: both sandboxes seeded with the demo catalogue, Temu with no orders of its
 * own and amounts ready at once, and quotas so high (the same figures in the sandbox and in the
 * worker) that throttling never decides what a test sees. Workers are started by the test.
 */
export function startOrderFleet(options: OrderFleetOptions): Promise<Fleet> {
  const seeds = catalogSeeds(options.odooQty);
  const { perSecond, perMinute } = GENEROUS_QUOTAS;
  return startFleet({
    prefix: uniquePrefix(options.label),
    ...(options.shopId === undefined ? {} : { shopId: options.shopId }),
    temu: {
      catalog: seeds.temu,
      orderCount: 0,
      amountCalculationMs: 0,
      rateLimits: { appKeyPerSecond: perSecond, groupPerMinute: { ...perMinute } },
      ...options.temu,
    },
    odoo: { products: seeds.odoo },
    workerEnv: {
      TEMU_QUOTA_ORDERS_PER_MINUTE: String(perMinute.orders),
      TEMU_QUOTA_SHIPPING_PER_MINUTE: String(perMinute.shipping),
      TEMU_QUOTA_PRODUCTS_PER_MINUTE: String(perMinute.products),
      TEMU_QUOTA_FINANCE_PER_MINUTE: String(perMinute.finance),
      TEMU_QUOTA_INVENTORY_PER_MINUTE: String(perMinute.inventory),
      TEMU_QUOTA_PER_SECOND: String(perSecond),
      ...options.workerEnv,
    },
  });
}

/** A running fleet and an Odoo client on its sandbox. */
export interface ErpFleet {
  fleet: Fleet;
  erp: OdooErp;
}

/**
 * `startOrderFleet` with its worker started (orders, Odoo and finance queues in parallel, Odoo
 * writes flushed after 200 ms unless `workerEnv` says otherwise) and an Odoo client on its sandbox.
 * Stops the fleet again if the client cannot be made, so a failed start leaks no processes.
 */
export async function startErpFleet(options: OrderFleetOptions): Promise<ErpFleet> {
  const fleet = await startOrderFleet({
    ...options,
    workerEnv: {
      WORKER_CONCURRENCY: 'temu-orders=4,odoo=2,temu-finance=2',
      ODOO_FLUSH_DELAY_MS: '200',
      ...options.workerEnv,
    },
  });
  try {
    fleet.startWorker();
    return { fleet, erp: await fleetErp(fleet) };
  } catch (err) {
    await fleet.stop();
    throw err;
  }
}

/**
 * The settlement e2e fleet: `startErpFleet`, and what an Odoo administrator does once before
 * statements can be imported: the integration user may create bank statement lines.
 */
export async function startSettlementFleet(options: OrderFleetOptions): Promise<ErpFleet> {
  const started = await startErpFleet(options);
  try {
    await grantBankStatementAccess(started.erp.connection);
    return started;
  } catch (err) {
    await started.fleet.stop();
    throw err;
  }
}

/**
 * A full refund booked by hand in Odoo, as a user would: the invoices of the sale order referenced
 * `ref` reversed (Odoo's reversal wizard) into a credit note, posted and left unpaid.
 */
export async function postCreditNoteByHand(
  erp: OdooErp,
  ref: string,
  reason: string,
): Promise<{ id: number; cents: number }> {
  const conn = erp.connection;
  const [order] = await conn.searchRead<{ invoice_ids: number[] }>(
    'sale.order',
    [['client_order_ref', '=', ref]],
    ['invoice_ids'],
  );
  const ctx = { active_model: 'account.move', active_ids: order!.invoice_ids };
  const [wizard] = await conn.create('account.move.reversal', [{ reason }], ctx);
  await conn.action('account.move.reversal', conn.dialect.creditNoteMethod, [wizard!], ctx);
  const [note] = await conn.searchRead<{ id: number; amount_total: number }>(
    'account.move',
    [
      ['move_type', '=', 'out_refund'],
      ['reversed_entry_id', 'in', order!.invoice_ids],
    ],
    ['amount_total'],
  );
  await conn.action('account.move', 'action_post', [note!.id]);
  return { id: note!.id, cents: Math.round(note!.amount_total * 100) };
}

/** The shop's clearing journal balance in cents: what Temu still owes for settled orders. */
export async function clearingCents(fleet: Fleet, erp: OdooErp): Promise<number> {
  const balance = await erp.clearingBalance(clearingJournalOf(fleet.shopId));
  return balance.reduce((s, m) => s + m.amountMinor, 0);
}

/** Waits, letting the queues drain between looks, until the shop's clearing balance is `cents`. */
export async function waitForClearing(
  fleet: Fleet,
  erp: OdooErp,
  cents: number,
  what: string,
): Promise<void> {
  await waitUntil(
    async () => {
      await drained(fleet, 60_000);
      return (await clearingCents(fleet, erp)) === cents;
    },
    180_000,
    what,
  );
}

/**
 * `pnpm ops <args>` as an operator runs it, against the fleet's Redis and queue prefix; its stdout.
 * (Straight through tsx rather than pnpm: the same program, without pnpm's start-up in each test.)
 */
export async function runOps(fleet: Fleet, args: string[]): Promise<string> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--conditions=development', '--import', 'tsx', 'tools/ops.ts', ...args],
    {
      cwd: root,
      env: { ...process.env, REDIS_URL: fleet.workerEnv.REDIS_URL, QUEUE_PREFIX: fleet.prefix },
    },
  );
  return stdout;
}
