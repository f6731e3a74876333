import type { Env, MethodCall, ModelDef, Rec, Vals } from '../model-types.js';
import { create, setValues, write } from '../orm/write.js';
import { changeOnHand } from '../stock/quant-ops.js';
import { bool, datetime, float, m2o } from './fields.js';

const INVENTORY_NAME = 'Product Quantity Updated';

function inventoryLocation(env: Env): number {
  return env.store.all('stock.location').find((l) => l.usage === 'inventory')?.id ?? 14;
}

/**
 * `action_apply_inventory`: one done move per quant from/to "Inventory adjustment" with
 * `is_inventory` (fixtures setup). Returns None → JSON-RPC answer without `result`.
 */
export function applyInventory(env: Env, quants: Rec[]): void {
  for (const q of quants) {
    if (!q.inventory_quantity_set) continue;
    const diff = Number(q.inventory_quantity ?? 0) - Number(q.quantity ?? 0);
    const adj = inventoryLocation(env);
    if (diff !== 0) {
      const qty = Math.abs(diff);
      const [src, dest] = diff > 0 ? [adj, Number(q.location_id)] : [Number(q.location_id), adj];
      const name = typeof q._inventory_name === 'string' ? q._inventory_name : INVENTORY_NAME;
      create(env, 'stock.move', [
        {
          name,
          _reference: name,
          product_id: q.product_id,
          product_uom_qty: qty,
          location_id: src,
          location_dest_id: dest,
          is_inventory: true,
          state: 'done',
          date: env.now,
          ...(env.major >= 17 ? { quantity: qty, picked: true } : { quantity_done: qty }),
        },
      ]);
      changeOnHand(env, Number(q.product_id), src, -qty);
      changeOnHand(env, Number(q.product_id), dest, qty);
    }
    setValues(env, 'stock.quant', q, {
      inventory_quantity: 0,
      inventory_quantity_set: false,
      _inventory_name: false,
    });
  }
}

/** Inventory-mode create merges into the existing quant of that product and location (Odoo does). */
function createQuants({ env, args, kwargs }: MethodCall): number[] {
  const input = (args[0] ?? kwargs.vals_list) as Vals | Vals[];
  const list = Array.isArray(input) ? input : [input];
  const ids: number[] = [];
  for (const vals of list) {
    const existing = env.store
      .all('stock.quant')
      .find((q) => q.product_id === vals.product_id && q.location_id === vals.location_id);
    if (existing && vals.inventory_quantity !== undefined) {
      write(env, 'stock.quant', [existing.id], { inventory_quantity: vals.inventory_quantity });
      ids.push(existing.id);
      continue;
    }
    const [id] = create(env, 'stock.quant', [vals]);
    const rec = env.store.get('stock.quant', id!)!;
    if (vals.inventory_quantity !== undefined) {
      const user = env.store.get('res.users', env.uid);
      setValues(env, 'stock.quant', rec, {
        inventory_quantity_set: true,
        _inventory_name: `${INVENTORY_NAME} (${String(user?.name ?? 'Administrator')})`,
      });
    }
    ids.push(id!);
  }
  return ids;
}

export const stockQuant: ModelDef = {
  name: 'stock.quant',
  description: 'Quants',
  order: 'id',
  displayName: (env, rec) => {
    const loc = env.store.get('stock.location', Number(rec.location_id));
    return String(loc?.complete_name ?? rec.id);
  },
  fields: {
    product_id: m2o('Product', 'product.product', { required: true }),
    location_id: m2o('Location', 'stock.location', { required: true }),
    quantity: float('Quantity', { readonly: true }),
    reserved_quantity: float('Reserved Quantity', { readonly: true }),
    available_quantity: float('Available Quantity', {
      compute: (_env, r) => Number(r.quantity ?? 0) - Number(r.reserved_quantity ?? 0),
    }),
    inventory_quantity: float('Counted Quantity'),
    inventory_quantity_set: bool('Inventory Quantity Set'),
    inventory_diff_quantity: float('Difference', {
      compute: (_env, r) =>
        r.inventory_quantity_set ? Number(r.inventory_quantity ?? 0) - Number(r.quantity ?? 0) : 0,
    }),
    lot_id: m2o('Lot/Serial Number', 'stock.lot'),
    owner_id: m2o('Owner', 'res.partner'),
    company_id: m2o('Company', 'res.company', { default: () => 1 }),
    warehouse_id: m2o('Warehouse', 'stock.warehouse', {
      compute: (env, r) => env.store.get('stock.location', Number(r.location_id))?.warehouse_id ?? false,
    }),
    in_date: datetime('Incoming Date'),
  },
  beforeWrite: (_env, _recs, vals) => {
    if (vals.inventory_quantity !== undefined) vals.inventory_quantity_set = true;
  },
  modelMethods: { create: createQuants },
  methods: {
    action_apply_inventory: ({ env, ids }) => {
      applyInventory(
        env,
        ids.map((id) => env.store.get('stock.quant', id)).filter((r): r is Rec => Boolean(r)),
      );
      return undefined;
    },
  },
};

export const stockLot: ModelDef = {
  name: 'stock.lot',
  description: 'Lot/Serial',
  order: 'name, id',
  fields: {
    name: { type: 'char', string: 'Lot/Serial Number' },
    product_id: m2o('Product', 'product.product'),
  },
};
