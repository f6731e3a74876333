/**
 * `stock.scrap` (fixtures stock_scrap_ageing): defaults WH/Stock (8) → Virtual Locations/Scrap (16),
 * name "New" until validated (then SP/0000n); `action_validate` moves the quantity and answers true.
 * With less on hand at the source location than the scrap quantity, real Odoo answers the
 * `stock.warn.insufficient.qty.scrap` wizard action instead; the wizard's `action_done` scraps anyway
 * and leaves a negative quant (fixtures stock_scrap_ageing #9–#14; docs/odoo-api.md "Returns and refunds").
 */
import type { Env, ModelDef, Rec } from '../model-types.js';
import { create, setValues } from '../orm/write.js';
import { displayNameById } from '../orm/values.js';
import { insufficientScrapAction } from '../stock/actions.js';
import { findQuant } from '../stock/quant-ops.js';
import { doneMove } from '../stock/move-ops.js';
import { char, datetime, float, m2o, o2m, selection } from './fields.js';

const STOCK = 8;
const SCRAP = 16;

export const stockScrap: ModelDef = {
  name: 'stock.scrap',
  description: 'Scrap',
  order: 'id desc',
  fields: {
    name: char('Reference', { default: () => 'New' }),
    origin: char('Source Document'),
    product_id: m2o('Product', 'product.product', { required: true }),
    product_uom_id: m2o('Unit of Measure', 'uom.uom', { default: () => 1 }),
    scrap_qty: float('Quantity', { default: () => 1 }),
    location_id: m2o('Source Location', 'stock.location', { default: () => STOCK }),
    scrap_location_id: m2o('Scrap Location', 'stock.location', { default: () => SCRAP }),
    picking_id: m2o('Picking', 'stock.picking'),
    move_ids: o2m('Stock Moves', 'stock.move', 'scrap_id'),
    state: selection('Status', ['draft', 'done'], { default: () => 'draft' }),
    date_done: datetime('Date'),
  },
  methods: {
    action_validate: ({ env, ids }) => {
      for (const id of ids) {
        const scrap = env.store.get('stock.scrap', id);
        if (!scrap || scrap.state === 'done') continue;
        const qty = Number(scrap.scrap_qty ?? 0);
        const onHand = Number(
          findQuant(env, Number(scrap.product_id), Number(scrap.location_id))?.quantity ?? 0,
        );
        if (onHand < qty) return insufficientScrapAction(env, scrap);
        doScrap(env, scrap);
      }
      return true;
    },
  },
};

/** `do_scrap`: one done move from the source to the scrap location, then the SP/ sequence name. */
export function doScrap(env: Env, scrap: Rec): true {
  if (scrap.state === 'done') return true;
  const qty = Number(scrap.scrap_qty ?? 0);
  const [moveId] = create(env, 'stock.move', [
    {
      name: `Scrap`,
      product_id: scrap.product_id,
      product_uom_qty: qty,
      location_id: scrap.location_id,
      location_dest_id: scrap.scrap_location_id,
      scrap_id: scrap.id,
      origin: scrap.origin ?? false,
      state: 'assigned',
    },
  ]);
  doneMove(env, env.store.get('stock.move', moveId!)!, qty);
  setValues(env, 'stock.scrap', scrap, {
    state: 'done',
    name: `SP/${String(env.store.nextSequence('stock.scrap')).padStart(5, '0')}`,
    date_done: env.now,
  });
  return true;
}

const fromContext = (key: string) => (env: Env) => env.context[key] ?? false;

/**
 * The "Insufficient Quantity To Scrap" wizard: created from the action's `default_*` context;
 * `action_done` scraps anyway (fixtures stock_scrap_ageing #10–#12).
 */
export const stockWarnInsufficientQtyScrap: ModelDef = {
  name: 'stock.warn.insufficient.qty.scrap',
  description: 'Warn Insufficient Scrap Quantity',
  order: 'id',
  displayName: (env, rec) =>
    String(displayNameById(env, 'product.product', Number(rec.product_id)) || rec.id),
  fields: {
    product_id: m2o('Product', 'product.product', {
      required: true,
      default: fromContext('default_product_id'),
    }),
    location_id: m2o('Location', 'stock.location', { default: fromContext('default_location_id') }),
    scrap_id: m2o('Scrap', 'stock.scrap', { default: fromContext('default_scrap_id') }),
    quantity: float('Quantity', { default: fromContext('default_quantity') }),
    product_uom_name: char('Unit of Measure', { default: fromContext('default_product_uom_name') }),
  },
  methods: {
    action_done: ({ env, ids }) => {
      const wizard = env.store.get('stock.warn.insufficient.qty.scrap', ids[0] ?? 0);
      const scrap = wizard ? env.store.get('stock.scrap', Number(wizard.scrap_id)) : undefined;
      return scrap ? doScrap(env, scrap) : true;
    },
  },
};
