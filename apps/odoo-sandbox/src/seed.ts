/**
 * The fresh database a sandbox starts from: "My Company" (US, USD), the generic chart's 15 % sale
 * tax (id 1), warehouse WH (id 1) with WH/Stock (id 8), Customers (id 5), Inventory adjustment
 * (id 14), admin uid 2 — the set-up of the recorded databases (fixtures README).
 */
import { COUNTRIES, CURRENCIES, STATES } from './data/countries.js';
import { moduleSeed } from './data/modules.js';
import type { Env, Rec } from './model-types.js';
import { MODELS } from './models/index.js';
import { installModule } from './models/ir-module.model.js';
import { applyInventory } from './models/stock-quant.model.js';
import { create } from './orm/write.js';
import { seedListPrice, type SandboxProductSeed } from './product-seed.js';
import { registerModels } from './registry.js';
import { Store } from './store.js';
import { majorOf, type OdooVersion } from './version-fields.js';
import { accountingGroups } from './models/res-groups.models.js';

registerModels(MODELS);

export interface SeedOptions {
  version: OdooVersion;
  login: string;
  products: SandboxProductSeed[];
  withDelivery: boolean;
  /** eCommerce installed (product gallery images); default false. */
  withWebsiteSale?: boolean;
  now: number;
  /** The company's tax rounding (Accounting settings); the generic chart's default is per line. */
  taxRounding?: 'round_per_line' | 'round_globally';
}

function put(store: Store, model: string, rows: Rec[], now: number): void {
  for (const r of rows)
    store.insert(model, { create_date: now, write_date: now, create_uid: 1, write_uid: 1, ...r });
}

export function seedStore(opts: SeedOptions): Store {
  const store = new Store();
  const now = opts.now;
  for (const m of [
    'base',
    'product',
    'uom',
    'sale',
    'sale_management',
    'stock',
    'account',
    'sale_stock',
    'stock_sms',
  ])
    store.installedModules.add(m);
  const currencyId = new Map(CURRENCIES.map((c) => [c.name, c.id]));
  put(
    store,
    'res.currency',
    CURRENCIES.map((c) => ({
      id: c.id,
      name: c.name,
      symbol: c.symbol,
      full_name: c.full_name,
      active: c.active,
      rounding: c.rounding ?? 0.01,
      position: 'before',
    })),
    now,
  );
  put(
    store,
    'res.country',
    COUNTRIES.map((c) => ({
      id: c.id,
      code: c.code,
      name: c.name,
      currency_id: currencyId.get(c.currency) ?? false,
      phone_code: c.phone,
    })),
    now,
  );
  const countryId = new Map(COUNTRIES.map((c) => [c.code, c.id]));
  put(
    store,
    'res.country.state',
    STATES.map(([id, cc, code, name]) => ({ id, code, name, country_id: countryId.get(cc)! })),
    now,
  );
  put(
    store,
    'res.partner',
    [
      {
        id: 1,
        name: 'My Company',
        is_company: true,
        type: 'contact',
        active: true,
        country_id: 233,
        company_id: 1,
        lang: 'en_US',
      },
      { id: 2, name: 'OdooBot', type: 'contact', active: false, lang: 'en_US' },
      {
        id: 3,
        name: 'Administrator',
        type: 'contact',
        active: true,
        company_id: 1,
        lang: 'en_US',
        email: 'admin@example.com',
      },
      { id: 4, name: 'Default User Template', type: 'contact', active: false },
      { id: 5, name: 'Public user', type: 'contact', active: false },
      { id: 6, name: 'Portal User Template', type: 'contact', active: false },
    ],
    now,
  );
  // Access groups the flows need (fixtures bank_statement_reconcile); the admin has none of them.
  const access = accountingGroups(majorOf(opts.version));
  put(store, 'res.groups', access.groups, now);
  put(store, 'ir.model.data', access.xmlIds, now);
  put(
    store,
    'res.users',
    [
      {
        id: 1,
        name: 'OdooBot',
        login: '__system__',
        partner_id: 2,
        company_id: 1,
        active: false,
        lang: 'en_US',
        tz: false,
      },
      {
        id: 2,
        name: 'Administrator',
        login: opts.login,
        partner_id: 3,
        company_id: 1,
        active: true,
        lang: 'en_US',
        tz: false,
      },
    ],
    now,
  );
  put(
    store,
    'res.company',
    [
      {
        id: 1,
        name: 'My Company',
        currency_id: 1,
        country_id: 233,
        partner_id: 1,
        sequence: 10,
        tax_calculation_rounding_method: opts.taxRounding ?? 'round_per_line',
      },
    ],
    now,
  );
  put(store, 'uom.uom', [{ id: 1, name: 'Units', factor: 1, rounding: 0.01, active: true }], now);
  put(store, 'product.category', [{ id: 1, name: 'All' }], now);
  put(
    store,
    'account.tax.group',
    [{ id: 1, name: 'Tax 15%', country_id: 233, company_id: 1, sequence: 10 }],
    now,
  );
  put(
    store,
    'account.tax',
    [
      {
        id: 1,
        name: '15%',
        amount: 15,
        amount_type: 'percent',
        type_tax_use: 'sale',
        price_include: false,
        company_id: 1,
        country_id: 233,
        active: true,
        sequence: 1,
        description: '15%',
        tax_group_id: 1,
      },
      {
        id: 2,
        name: '15%',
        amount: 15,
        amount_type: 'percent',
        type_tax_use: 'purchase',
        price_include: false,
        company_id: 1,
        country_id: 233,
        active: true,
        sequence: 1,
        description: '15%',
        tax_group_id: 1,
      },
    ],
    now,
  );
  put(
    store,
    'account.journal',
    [
      { id: 1, name: 'Customer Invoices', code: 'INV', type: 'sale', sequence: 5 },
      { id: 2, name: 'Vendor Bills', code: 'BILL', type: 'purchase', sequence: 6 },
      { id: 3, name: 'Miscellaneous Operations', code: 'MISC', type: 'general', sequence: 9 },
      { id: 4, name: 'Exchange Difference', code: 'EXCH', type: 'general', sequence: 9 },
      { id: 5, name: 'Cash Basis Taxes', code: 'CABA', type: 'general', sequence: 10 },
      { id: 6, name: 'Bank', code: 'BNK1', type: 'bank', sequence: 10 },
      { id: 7, name: 'Cash', code: 'CSH1', type: 'cash', sequence: 10 },
    ].map((j) => ({ ...j, company_id: 1, active: true, currency_id: false })),
    now,
  );
  put(
    store,
    'account.payment.method.line',
    [{ id: 1, name: 'Manual Payment', journal_id: 6, payment_type: 'inbound', sequence: 10 }],
    now,
  );
  put(
    store,
    'stock.location',
    [
      {
        id: 1,
        name: 'Physical Locations',
        complete_name: 'Physical Locations',
        usage: 'view',
        location_id: false,
      },
      { id: 2, name: 'Partners', complete_name: 'Partners', usage: 'view', location_id: false },
      {
        id: 3,
        name: 'Virtual Locations',
        complete_name: 'Virtual Locations',
        usage: 'view',
        location_id: false,
      },
      { id: 4, name: 'Vendors', complete_name: 'Partners/Vendors', usage: 'supplier', location_id: 2 },
      { id: 5, name: 'Customers', complete_name: 'Partners/Customers', usage: 'customer', location_id: 2 },
      {
        id: 6,
        name: 'Inter-company transit',
        complete_name: 'Virtual Locations/Inter-company transit',
        usage: 'transit',
        location_id: 3,
      },
      { id: 7, name: 'WH', complete_name: 'WH', usage: 'view', location_id: 1, warehouse_id: 1 },
      { id: 8, name: 'Stock', complete_name: 'WH/Stock', usage: 'internal', location_id: 7, warehouse_id: 1 },
      {
        id: 14,
        name: 'Inventory adjustment',
        complete_name: 'Virtual Locations/Inventory adjustment',
        usage: 'inventory',
        location_id: 3,
      },
      {
        id: 15,
        name: 'Production',
        complete_name: 'Virtual Locations/Production',
        usage: 'production',
        location_id: 3,
      },
      { id: 16, name: 'Scrap', complete_name: 'Virtual Locations/Scrap', usage: 'inventory', location_id: 3 },
    ].map((l) => ({
      ...l,
      active: true,
      company_id: l.id >= 7 ? 1 : false,
      warehouse_id: l.warehouse_id ?? false,
    })),
    now,
  );
  put(
    store,
    'stock.picking.type',
    [
      {
        id: 1,
        name: 'Receipts',
        code: 'incoming',
        sequence_code: 'IN',
        // 16/17's Receipts type has no default source; 18 has Vendors (fixtures stock_scrap_ageing #19).
        default_location_src_id: majorOf(opts.version) >= 18 ? 4 : false,
        default_location_dest_id: 8,
        return_picking_type_id: 2,
      },
      {
        id: 2,
        name: 'Delivery Orders',
        code: 'outgoing',
        sequence_code: 'OUT',
        default_location_src_id: 8,
        default_location_dest_id: 5,
        return_picking_type_id: 1,
      },
    ].map((t) => ({
      ...t,
      warehouse_id: 1,
      create_backorder: 'ask',
      company_id: 1,
      active: true,
      sequence: t.id,
    })),
    now,
  );
  put(
    store,
    'stock.warehouse',
    [
      {
        id: 1,
        name: 'My Company',
        code: 'WH',
        lot_stock_id: 8,
        view_location_id: 7,
        in_type_id: 1,
        out_type_id: 2,
        company_id: 1,
        partner_id: 1,
        active: true,
        sequence: 10,
      },
    ],
    now,
  );
  const modules = moduleSeed(opts.version);
  put(
    store,
    'ir.module.module',
    modules.map((m) => {
      const installed = store.installedModules.has(m.name);
      return {
        id: m.id,
        name: m.name,
        shortdesc: m.name,
        application: m.application,
        sequence: m.sequence,
        state: installed ? 'installed' : 'uninstalled',
        latest_version: installed ? m.latest : false,
      };
    }),
    now,
  );
  for (const model of [
    'product.product',
    'product.template',
    'stock.quant',
    'stock.move',
    'stock.move.line',
    'stock.picking',
    'sale.order',
    'sale.order.line',
    'account.move',
    'account.move.line',
    'account.payment',
  ]) {
    store.reserveIdsUpTo(model, 0);
  }
  const env: Env = { store, version: opts.version, major: majorOf(opts.version), now, uid: 2, context: {} };
  if (opts.withDelivery) installModule(env, 'delivery');
  if (opts.withWebsiteSale) installModule(env, 'website_sale');
  seedProducts(env, opts.products);
  seedActivityModels(store, now);
  return store;
}

/** Creates the products and books their on-hand quantity as inventory adjustments (like Odoo). */
export function seedProducts(env: Env, seeds: SandboxProductSeed[]): void {
  if (seeds.length === 0) return;
  const typeVals = (s: SandboxProductSeed) => {
    const t = s.type ?? 'storable';
    if (t === 'service') return { type: 'service' };
    if (env.major >= 18) return { type: 'consu', is_storable: t === 'storable' };
    return { detailed_type: t === 'storable' ? 'product' : 'consu' };
  };
  const ids = create(
    env,
    'product.product',
    seeds.map((s) => ({
      name: s.name,
      default_code: s.defaultCode,
      barcode: s.barcode ?? false,
      list_price: seedListPrice(s),
      ...typeVals(s),
    })),
  );
  setOnHand(
    env,
    ids.map((id, i) => [id, seeds[i]!.qtyOnHand]),
  );
}

/** Inventory adjustment to an absolute on-hand quantity in WH/Stock (control API and seeding). */
export function setOnHand(env: Env, items: Array<[number, number]>): void {
  const quants: Rec[] = [];
  for (const [productId, qty] of items) {
    let q = env.store.all('stock.quant').find((x) => x.product_id === productId && x.location_id === 8);
    if (!q)
      q = env.store.get(
        'stock.quant',
        create(env, 'stock.quant', [{ product_id: productId, location_id: 8 }])[0]!,
      )!;
    env.store.patch('stock.quant', q, {
      inventory_quantity: qty,
      inventory_quantity_set: true,
      write_date: env.now,
    });
    quants.push(q);
  }
  applyInventory(env, quants);
}

/**
 * `ir.model` rows for every served model (ids from 100 in registry order; real ids differ per
 * database, so clients look them up by `model`) and the To-Do activity type (id 4 in the fixtures).
 */
function seedActivityModels(store: Store, now: number): void {
  put(
    store,
    'ir.model',
    MODELS.map((m, i) => ({ id: 100 + i, model: m.name, name: m.description })),
    now,
  );
  put(
    store,
    'mail.activity.type',
    [
      {
        id: 4,
        name: 'To-Do',
        category: 'default',
        res_model: false,
        keep_done: false,
        delay_count: 5,
        sequence: 10,
      },
    ],
    now,
  );
}
