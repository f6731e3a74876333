/** Transient wizards of `stock`, `stock_sms` and the return flow (docs/odoo-api.md §2.5, §2.7). */
import { userError } from '../errors.js';
import type { Env, ModelDef, Rec } from '../model-types.js';
import { create, setValues } from '../orm/write.js';
import { returnPickingAction } from '../stock/actions.js';
import { movesOf } from '../stock/picking-ops.js';
import { createPicking } from '../stock/picking-ops.js';
import { buttonValidate } from '../stock/picking-validate.js';
import { bool, float, m2m, m2o, o2m } from './fields.js';

function withContext<T>(env: Env, extra: Record<string, unknown>, fn: () => T): T {
  const saved = env.context;
  env.context = { ...saved, ...extra };
  try {
    return fn();
  } finally {
    env.context = saved;
  }
}

const contextPickings = (env: Env): number[] =>
  (env.context.button_validate_picking_ids as number[] | undefined) ?? [];

export const stockBackorderConfirmation: ModelDef = {
  name: 'stock.backorder.confirmation',
  description: 'Backorder Confirmation',
  order: 'id',
  fields: {
    pick_ids: m2m('Pickings', 'stock.picking'),
    show_transfers: bool('Show Transfers'),
    backorder_confirmation_line_ids: o2m(
      'Backorder Lines',
      'stock.backorder.confirmation.line',
      'backorder_confirmation_id',
    ),
  },
  methods: {
    // Both read the pickings from context `button_validate_picking_ids` (docs/odoo-api.md §2.5).
    process: ({ env, ids }) => {
      const pickings = contextPickings(env);
      if (pickings.length === 0) return true;
      const lines = env.store
        .all('stock.backorder.confirmation.line')
        .filter((l) => ids.includes(Number(l.backorder_confirmation_id)));
      const notTo = lines.filter((l) => !l.to_backorder).map((l) => Number(l.picking_id));
      return withContext(env, { skip_backorder: true, picking_ids_not_to_backorder: notTo }, () =>
        buttonValidate(env, pickings),
      );
    },
    process_cancel_backorder: ({ env, ids }) => {
      const pickings = contextPickings(env);
      if (pickings.length === 0) return true;
      const wizard = env.store.get('stock.backorder.confirmation', ids[0] ?? 0);
      const notTo = (wizard?.pick_ids as number[] | undefined) ?? pickings;
      return withContext(env, { skip_backorder: true, picking_ids_not_to_backorder: notTo }, () =>
        buttonValidate(env, pickings),
      );
    },
  },
};

export const stockBackorderConfirmationLine: ModelDef = {
  name: 'stock.backorder.confirmation.line',
  description: 'Backorder Confirmation Line',
  order: 'id',
  fields: {
    backorder_confirmation_id: m2o('Immediate Transfer', 'stock.backorder.confirmation'),
    picking_id: m2o('Transfer', 'stock.picking'),
    to_backorder: bool('To Backorder'),
  },
};

export const stockImmediateTransfer: ModelDef = {
  name: 'stock.immediate.transfer',
  description: 'Immediate Transfer',
  order: 'id',
  max: 16,
  fields: { pick_ids: m2m('Pickings', 'stock.picking'), show_transfers: bool('Show Transfers') },
  methods: {
    process: ({ env, ids }) => {
      const wizard = env.store.get('stock.immediate.transfer', ids[0] ?? 0);
      const pickings = contextPickings(env).length
        ? contextPickings(env)
        : ((wizard?.pick_ids as number[]) ?? []);
      for (const id of pickings) {
        const p = env.store.get('stock.picking', id);
        if (!p) continue;
        for (const m of movesOf(env, p))
          setValues(env, 'stock.move', m, { quantity_done: Number(m._reserved ?? m.product_uom_qty ?? 0) });
      }
      return withContext(env, { skip_immediate: true }, () => buttonValidate(env, pickings));
    },
  },
};

/** stock_sms: asks once per company before the first SMS-eligible delivery (fixtures README). */
function smsDecision(send: boolean) {
  return ({ env, ids }: { env: Env; ids: number[] }) => {
    env.store.flags.has_received_warning_stock_sms = true;
    env.store.flags.stock_move_sms_validation = send;
    const wizard = env.store.get('confirm.stock.sms', ids[0] ?? 0);
    const pickings = contextPickings(env).length
      ? contextPickings(env)
      : ((wizard?.pick_ids as number[]) ?? []);
    return buttonValidate(env, pickings);
  };
}

export const confirmStockSms: ModelDef = {
  name: 'confirm.stock.sms',
  description: 'Confirm Stock SMS',
  order: 'id',
  fields: {
    pick_ids: m2m('Pickings', 'stock.picking'),
    company_id: m2o('Company', 'res.company', { default: () => 1 }),
  },
  methods: { send_sms: smsDecision(true), dont_send_sms: smsDecision(false) },
};

function returnedQty(env: Env, move: Rec): number {
  return env.store
    .all('stock.move')
    .filter((m) => m.origin_returned_move_id === move.id && m.state !== 'cancel')
    .reduce((s, m) => s + Number(m.product_uom_qty ?? 0), 0);
}

/** Lines are there at once in 17+ (18+: quantity 0); 16 fills them only in an onchange (docs/odoo-api.md §2.7). */
function fillReturnLines(env: Env, wizard: Rec): void {
  if (env.major <= 16) return;
  const picking = env.store.get('stock.picking', Number(wizard.picking_id));
  if (!picking) return;
  for (const m of movesOf(env, picking)) {
    if (m.state !== 'done' || m.scrapped) continue;
    const qty = Math.max(0, Number(m.quantity ?? 0) - returnedQty(env, m));
    create(env, 'stock.return.picking.line', [
      {
        wizard_id: wizard.id,
        product_id: m.product_id,
        move_id: m.id,
        quantity: env.major >= 18 ? 0 : qty,
        to_refund: true,
        uom_id: m.product_uom ?? 1,
      },
    ]);
  }
}

function createReturns(env: Env, wizardId: number, all: boolean): unknown {
  const wizard = env.store.get('stock.return.picking', wizardId);
  const picking = wizard ? env.store.get('stock.picking', Number(wizard.picking_id)) : undefined;
  if (!wizard || !picking) throw userError('You may only return Done pickings.');
  const lines = env.store.all('stock.return.picking.line').filter((l) => l.wizard_id === wizard.id);
  if (all)
    for (const l of lines)
      setValues(env, 'stock.return.picking.line', l, {
        quantity: Number(env.store.get('stock.move', Number(l.move_id))?.quantity ?? 0),
      });
  const todo = lines.filter((l) => Number(l.quantity ?? 0) > 0);
  if (todo.length === 0) throw userError('Please specify at least one non-zero quantity.');
  const type = env.store.get('stock.picking.type', Number(picking.picking_type_id));
  const returnTypeId = Number(type?.return_picking_type_id ?? picking.picking_type_id);
  const dest =
    env.major <= 17 && typeof wizard.location_id === 'number'
      ? wizard.location_id
      : Number(picking.location_id);
  const ret = createPicking(env, {
    typeId: returnTypeId,
    locationId: Number(picking.location_dest_id),
    locationDestId: dest,
    partnerId: (picking.partner_id as number | false) ?? false,
    origin: `Return of ${String(picking.name)}`,
    saleId: (picking.sale_id as number | false) ?? false,
    extra: { return_id: picking.id },
    moves: todo.map((l) => {
      const orig = env.store.get('stock.move', Number(l.move_id));
      return {
        name: orig?.name ?? false,
        product_id: l.product_id,
        product_uom_qty: Number(l.quantity),
        origin_returned_move_id: l.move_id ?? false,
        to_refund: Boolean(l.to_refund),
        sale_line_id: l.to_refund ? (orig?.sale_line_id ?? false) : false,
        origin: `Return of ${String(picking.name)}`,
      };
    }),
  });
  return returnPickingAction(env, ret.id, picking.partner_id, returnTypeId, env.context);
}

export const stockReturnPicking: ModelDef = {
  name: 'stock.return.picking',
  description: 'Return Picking',
  order: 'id',
  fields: {
    picking_id: m2o('Transfer', 'stock.picking'),
    product_return_moves: o2m('Moves', 'stock.return.picking.line', 'wizard_id'),
    company_id: m2o('Company', 'res.company', { default: () => 1 }),
    location_id: m2o('Return Location', 'stock.location', { max: 17 }),
  },
  methodVersions: {
    create_returns: { max: 17 },
    action_create_returns: { min: 18 },
    action_create_returns_all: { min: 18 },
  },
  prepareCreate: (env, vals) => {
    const ctx = env.context;
    if (!vals.picking_id && ctx.active_model === 'stock.picking') {
      vals.picking_id =
        (ctx.active_id as number | undefined) ?? (ctx.active_ids as number[] | undefined)?.[0] ?? false;
    }
    const picking = env.store.get('stock.picking', Number(vals.picking_id));
    if (!picking || picking._state === 'cancel' || !movesOf(env, picking).some((m) => m.state === 'done')) {
      throw userError('You may only return Done pickings.');
    }
    if (env.major <= 17 && vals.location_id === undefined) vals.location_id = picking.location_id;
  },
  afterCreate: (env, rec, vals) => {
    if (vals.product_return_moves === undefined) fillReturnLines(env, rec);
  },
  methods: {
    create_returns: ({ env, ids }) => createReturns(env, ids[0] ?? 0, false),
    action_create_returns: ({ env, ids }) => createReturns(env, ids[0] ?? 0, false),
    action_create_returns_all: ({ env, ids }) => createReturns(env, ids[0] ?? 0, true),
  },
};

export const stockReturnPickingLine: ModelDef = {
  name: 'stock.return.picking.line',
  description: 'Return Picking Line',
  order: 'id',
  fields: {
    wizard_id: m2o('Wizard', 'stock.return.picking'),
    product_id: m2o('Product', 'product.product', { required: true }),
    quantity: float('Quantity'),
    move_id: m2o('Move', 'stock.move'),
    to_refund: bool('Update quantities on SO/PO', { default: () => true }),
    uom_id: m2o('Unit of Measure', 'uom.uom', { default: () => 1 }),
    move_quantity: float('Move Quantity', {
      min: 18,
      compute: (env, r) => Number(env.store.get('stock.move', Number(r.move_id))?.quantity ?? 0),
    }),
  },
};
