import type { Env, ModelDef, Rec } from '../model-types.js';
import { setValues } from '../orm/write.js';
import { reserveMove, unreserveMove } from '../stock/move-ops.js';
import { cancelPicking, movesOf, nextPickingName, pickingState } from '../stock/picking-ops.js';
import { buttonValidate } from '../stock/picking-validate.js';
import { bool, char, datetime, m2o, o2m, selection, text } from './fields.js';

const recs = (env: Env, ids: number[]) =>
  ids.map((id) => env.store.get('stock.picking', id)).filter((p): p is Rec => Boolean(p));

export const stockPicking: ModelDef = {
  name: 'stock.picking',
  description: 'Transfer',
  order: 'priority desc, scheduled_date asc, id desc',
  // A transfer created over RPC takes its type's next name at once, like Odoo's create
  // (fixtures stock_scrap_ageing #21–#22: WH/IN/00003 while still assigned).
  prepareCreate: (env, vals) => {
    if ((vals.name === undefined || vals.name === '/') && typeof vals.picking_type_id === 'number')
      vals.name = nextPickingName(env, vals.picking_type_id);
  },
  fields: {
    name: char('Reference', { default: () => '/' }),
    state: selection('Status', ['draft', 'waiting', 'confirmed', 'assigned', 'done', 'cancel'], {
      compute: pickingState,
    }),
    picking_type_id: m2o('Operation Type', 'stock.picking.type', { required: true }),
    picking_type_code: selection('Type of Operation', ['incoming', 'outgoing', 'internal'], {
      compute: (env, r) => env.store.get('stock.picking.type', Number(r.picking_type_id))?.code ?? false,
    }),
    location_id: m2o('Source Location', 'stock.location'),
    location_dest_id: m2o('Destination Location', 'stock.location'),
    origin: char('Source Document'),
    sale_id: m2o('Sales Order', 'sale.order'),
    partner_id: m2o('Contact', 'res.partner'),
    move_ids: o2m('Stock Moves', 'stock.move', 'picking_id'),
    move_ids_without_package: o2m('Stock Moves', 'stock.move', 'picking_id'),
    move_line_ids: o2m('Operations', 'stock.move.line', 'picking_id'),
    scheduled_date: datetime('Scheduled Date', { default: (env) => env.now }),
    date: datetime('Creation Date', { default: (env) => env.now }),
    date_deadline: datetime('Deadline'),
    date_done: datetime('Date of Transfer'),
    carrier_tracking_ref: char('Tracking Reference', { module: 'delivery' }),
    carrier_id: m2o('Carrier', 'delivery.carrier', { module: 'delivery' }),
    carrier_tracking_url: char('Tracking URL', { module: 'delivery', compute: () => false }),
    backorder_id: m2o('Back Order of', 'stock.picking'),
    backorder_ids: o2m('Back Orders', 'stock.picking', 'backorder_id'),
    return_id: m2o('Return of', 'stock.picking'),
    return_ids: o2m('Returns', 'stock.picking', 'return_id'),
    company_id: m2o('Company', 'res.company', { default: () => 1 }),
    user_id: m2o('Responsible', 'res.users', { default: (env) => env.uid }),
    priority: selection('Priority', ['0', '1'], { default: () => '0' }),
    move_type: selection('Shipping Policy', ['direct', 'one'], { default: () => 'direct' }),
    note: text('Notes'),
    is_locked: bool('Is Locked', { default: () => true }),
  },
  methods: {
    button_validate: ({ env, ids }) => buttonValidate(env, ids),
    action_confirm: ({ env, ids }) => {
      for (const p of recs(env, ids)) {
        for (const m of movesOf(env, p))
          if (m.state === 'draft') setValues(env, 'stock.move', m, { state: 'confirmed' });
        for (const m of movesOf(env, p)) reserveMove(env, m);
      }
      return true;
    },
    action_assign: ({ env, ids }) => {
      for (const p of recs(env, ids)) for (const m of movesOf(env, p)) reserveMove(env, m);
      return true;
    },
    do_unreserve: ({ env, ids }) => {
      for (const p of recs(env, ids)) {
        for (const m of movesOf(env, p)) {
          if (m.state === 'done' || m.state === 'cancel') continue;
          unreserveMove(env, m);
          setValues(env, 'stock.move', m, { state: 'confirmed' });
        }
      }
      return undefined;
    },
    action_cancel: ({ env, ids }) => {
      for (const p of recs(env, ids)) cancelPicking(env, p);
      return true;
    },
    action_set_quantities_to_reservation: ({ env, ids }) => {
      if (env.major >= 17) return undefined;
      for (const p of recs(env, ids)) {
        for (const m of movesOf(env, p))
          setValues(env, 'stock.move', m, { quantity_done: Number(m._reserved ?? 0) });
      }
      return undefined;
    },
  },
};
