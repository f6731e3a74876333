import type { Env, ModelDef, Rec } from '../model-types.js';
import { setValues } from '../orm/write.js';
import { linesOf, setMoveQuantity } from '../stock/move-ops.js';
import { bool, char, datetime, float, int, m2o, o2m, selection } from './fields.js';

const STATES = ['draft', 'waiting', 'confirmed', 'partially_available', 'assigned', 'done', 'cancel'];

const picking = (env: Env, rec: Rec) =>
  typeof rec.picking_id === 'number' ? env.store.get('stock.picking', rec.picking_id) : undefined;

/** "S00001 - MKT-1001/MP-SKU-001: Stock>Customers" (fixtures order_return). */
function moveDisplayName(env: Env, rec: Rec): string {
  const origin = picking(env, rec)?.origin ?? rec.origin;
  const product = env.store.get('product.product', Number(rec.product_id));
  const src = env.store.get('stock.location', Number(rec.location_id));
  const dest = env.store.get('stock.location', Number(rec.location_dest_id));
  return (
    (origin ? `${String(origin)}/` : '') +
    (product?.default_code ? `${String(product.default_code)}: ` : '') +
    `${String(src?.name ?? '')}>${String(dest?.name ?? '')}`
  );
}

export const stockMove: ModelDef = {
  name: 'stock.move',
  description: 'Stock Move',
  order: 'sequence, id',
  displayName: moveDisplayName,
  fields: {
    name: char('Description'),
    sequence: int('Sequence', { default: () => 10 }),
    product_id: m2o('Product', 'product.product', { required: true }),
    product_uom_qty: float('Demand', { default: () => 0 }),
    product_qty: float('Real Quantity', { compute: (_e, r) => Number(r.product_uom_qty ?? 0) }),
    quantity: float('Quantity', { min: 17 }),
    picked: bool('Picked', { min: 17 }),
    quantity_done: float('Quantity Done', { max: 16 }),
    reserved_availability: float('Quantity Reserved', {
      max: 16,
      compute: (_e, r) => Number(r._reserved ?? 0),
    }),
    state: selection('Status', STATES, { default: () => 'draft' }),
    product_uom: m2o('UoM', 'uom.uom', { default: () => 1 }),
    location_id: m2o('Source Location', 'stock.location', { required: true }),
    location_dest_id: m2o('Destination Location', 'stock.location', { required: true }),
    picking_id: m2o('Transfer', 'stock.picking'),
    picking_type_id: m2o('Operation Type', 'stock.picking.type', {
      compute: (env, r) => picking(env, r)?.picking_type_id ?? r.picking_type_id ?? false,
    }),
    sale_line_id: m2o('Sale Line', 'sale.order.line'),
    move_line_ids: o2m('Move Lines', 'stock.move.line', 'move_id'),
    date: datetime('Date Scheduled', { default: (env) => env.now }),
    origin: char('Source Document'),
    scrap_id: m2o('Scrap', 'stock.scrap'),
    reference: char('Reference', { compute: (env, r) => picking(env, r)?.name ?? r._reference ?? false }),
    is_inventory: bool('Inventory'),
    to_refund: bool('Update quantities on SO/PO'),
    origin_returned_move_id: m2o('Origin return move', 'stock.move'),
    returned_move_ids: o2m('All returned moves', 'stock.move', 'origin_returned_move_id'),
    partner_id: m2o('Destination Address', 'res.partner'),
    company_id: m2o('Company', 'res.company', { default: () => 1 }),
    warehouse_id: m2o('Warehouse', 'stock.warehouse'),
    procure_method: selection('Supply Method', ['make_to_stock', 'make_to_order'], {
      default: () => 'make_to_stock',
    }),
    priority: selection('Priority', ['0', '1'], { default: () => '0' }),
  },
  afterWrite: (env, recs, vals) => {
    for (const rec of recs) {
      if (env.major >= 17 && vals.quantity !== undefined) setMoveQuantity(env, rec, Number(vals.quantity));
      if (vals.picked !== undefined) {
        for (const line of linesOf(env, rec))
          setValues(env, 'stock.move.line', line, { picked: Boolean(vals.picked) });
      }
      if (env.major <= 16 && vals.quantity_done !== undefined) {
        for (const line of linesOf(env, rec))
          setValues(env, 'stock.move.line', line, { qty_done: Number(vals.quantity_done) });
      }
    }
  },
};

const move = (env: Env, rec: Rec) => env.store.get('stock.move', Number(rec.move_id));

export const stockMoveLine: ModelDef = {
  name: 'stock.move.line',
  description: 'Product Moves (Stock Move Line)',
  order: 'id',
  displayName: (env, rec) => String(move(env, rec)?.reference ?? rec.id),
  fields: {
    move_id: m2o('Stock Operation', 'stock.move'),
    picking_id: m2o('Transfer', 'stock.picking'),
    product_id: m2o('Product', 'product.product'),
    product_uom_id: m2o('Unit of Measure', 'uom.uom', { default: () => 1 }),
    quantity: float('Quantity', { min: 17 }),
    picked: bool('Picked', { min: 17 }),
    qty_done: float('Done', { max: 16 }),
    reserved_uom_qty: float('Reserved', { max: 16 }),
    location_id: m2o('From', 'stock.location'),
    location_dest_id: m2o('To', 'stock.location'),
    lot_id: m2o('Lot/Serial Number', 'stock.lot'),
    state: selection('Status', STATES, { compute: (env, r) => move(env, r)?.state ?? 'draft' }),
    reference: char('Reference', {
      compute: (env, r) => (move(env, r) ? moveRef(env, move(env, r)!) : false),
    }),
    date: datetime('Date', { default: (env) => env.now }),
    // Related fields the ageing reads filter on (fixtures stock_scrap_ageing #15–#16).
    picking_code: char('Type of Operation', {
      compute: (env, r) =>
        env.store.get('stock.picking.type', Number(picking(env, r)?.picking_type_id))?.code ?? false,
    }),
    is_inventory: bool('Inventory', { compute: (env, r) => Boolean(move(env, r)?.is_inventory) }),
  },
};

function moveRef(env: Env, m: Rec): unknown {
  return picking(env, m)?.name ?? m._reference ?? false;
}
