import { demoGoods } from '../../../tools/lib/demo-catalog.js';
import { OdooConnection, OdooErp } from '@temu-odoo/odoo-client';
import { TemuClient, TemuMarketplace } from '@temu-odoo/temu-connector';
import { FLEET_CREDENTIALS, type Fleet } from '../../../tools/lib/fleet.js';

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

/** Until every queue of the fleet has no waiting, delayed or active job (twice in a row). */
export async function drained(fleet: Fleet, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quietRounds = 0;
  while (quietRounds < 2) {
    if (Date.now() > deadline) throw new Error(`queues not drained within ${timeoutMs} ms`);
    let busy = 0;
    for (const q of fleet.registry.all()) {
      const c = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      busy += Object.values(c).reduce((a, b) => a + b, 0);
    }
    quietRounds = busy === 0 ? quietRounds + 1 : 0;
    await new Promise((r) => setTimeout(r, 400));
  }
}

/** On-hand quantity per internal reference, as Odoo computes it. */
export async function odooOnHand(fleet: Fleet): Promise<Map<string, number>> {
  const { records } = await fleet.odooControl<{
    records: Array<{ default_code: string | false; qty_available: number }>;
  }>('GET', 'state/product.product?fields=default_code,qty_available');
  return new Map(
    records.filter((r) => r.default_code).map((r) => [r.default_code as string, r.qty_available]),
  );
}

/** The fleet's Odoo sandbox through the real adapter (connected). */
export async function fleetErp(fleet: Fleet): Promise<OdooErp> {
  const connection = new OdooConnection({
    url: fleet.odoo.url,
    db: FLEET_CREDENTIALS.odooDb,
    username: FLEET_CREDENTIALS.odooUser,
    password: FLEET_CREDENTIALS.odooPassword,
  });
  await connection.connect();
  return new OdooErp(connection);
}

/** The fleet's Temu shop through the real connector (signed calls, like Seller Center tools). */
export function fleetMarketplace(fleet: Fleet): TemuMarketplace {
  return new TemuMarketplace({
    shopId: fleet.shopId,
    client: new TemuClient({
      baseUrl: fleet.temu.url,
      appKey: FLEET_CREDENTIALS.appKey,
      appSecret: FLEET_CREDENTIALS.appSecret,
      accessToken: FLEET_CREDENTIALS.accessToken,
    }),
  });
}
