/**
 * `stock.scrap` (fixtures stock_scrap_ageing): defaults WH/Stock (8) → Virtual Locations/Scrap (16),
 * name "New" until validated (then SP/0000n); `action_validate` moves the quantity and answers true.
 * With too little on hand real Odoo answers the `stock.warn.insufficient.qty.scrap` wizard action;
 * the sandbox answers a UserError instead (the integration scraps only what it received back).
 */
import { userError } from '../errors.js';
import type { ModelDef } from '../model-types.js';
import { create, setValues } from '../orm/write.js';
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
        const productId = Number(scrap.product_id);
        const qty = Number(scrap.scrap_qty ?? 0);
        if (Number(findQuant(env, productId, Number(scrap.location_id))?.quantity ?? 0) < qty)
          throw userError(`Insufficient quantity to scrap ${qty} of product ${productId}.`);
        const [moveId] = create(env, 'stock.move', [
          {
            name: `Scrap`,
            product_id: productId,
            product_uom_qty: qty,
            location_id: scrap.location_id,
            location_dest_id: scrap.scrap_location_id,
            scrap_id: id,
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
      }
      return true;
    },
  },
};
