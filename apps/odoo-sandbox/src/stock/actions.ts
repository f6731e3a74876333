/**
 * `ir.actions.*` dicts returned by wizards and buttons, as recorded from real Odoo (fixtures);
 * view ids are those of the recorded databases (16 and 19 borrow the nearest version's).
 */
import type { Context, Env, Rec } from '../model-types.js';
import { displayNameById } from '../orm/values.js';

const pick = (env: Env, byMajor: Record<number, number>) =>
  byMajor[env.major] ?? byMajor[env.major >= 18 ? 18 : 17]!;

export function smsWizardAction(env: Env, wizardId: number, pickingIds: number[], ctx: Context) {
  const view = pick(env, { 17: 1048, 18: 1107 });
  return {
    name: 'SMS',
    type: 'ir.actions.act_window',
    view_mode: 'form',
    res_model: 'confirm.stock.sms',
    views: [[view, 'form']],
    view_id: view,
    target: 'new',
    res_id: wizardId,
    context: { ...ctx, button_validate_picking_ids: pickingIds },
  };
}

export function backorderWizardAction(env: Env, pickingIds: number[], ctx: Context) {
  const view = pick(env, { 17: 843, 18: 892 });
  return {
    name: 'Create Backorder?',
    type: 'ir.actions.act_window',
    view_mode: 'form',
    res_model: 'stock.backorder.confirmation',
    views: [[view, 'form']],
    view_id: view,
    target: 'new',
    context: {
      ...ctx,
      button_validate_picking_ids: pickingIds,
      default_show_transfers: false,
      default_pick_ids: pickingIds.map((id) => [4, id]),
    },
  };
}

/** 16 only: validating with nothing done asks for an immediate transfer (docs/odoo-api.md §2.5). */
export function immediateTransferAction(env: Env, pickingIds: number[], ctx: Context) {
  return {
    name: 'Immediate Transfer?',
    type: 'ir.actions.act_window',
    view_mode: 'form',
    res_model: 'stock.immediate.transfer',
    views: [[801, 'form']],
    view_id: 801,
    target: 'new',
    context: {
      ...ctx,
      button_validate_picking_ids: pickingIds,
      default_show_transfers: false,
      default_pick_ids: pickingIds.map((id) => [4, id]),
    },
  };
}

export function returnPickingAction(
  env: Env,
  returnId: number,
  partnerId: unknown,
  typeId: unknown,
  ctx: Context,
) {
  if (env.major >= 18) {
    return {
      name: 'Returned Picking',
      view_mode: 'form',
      res_model: 'stock.picking',
      res_id: returnId,
      type: 'ir.actions.act_window',
      context: ctx,
    };
  }
  return {
    name: 'Returned Picking',
    view_mode: 'form,tree,calendar',
    res_model: 'stock.picking',
    res_id: returnId,
    type: 'ir.actions.act_window',
    context: {
      ...ctx,
      default_partner_id: partnerId,
      search_default_picking_type_id: typeId,
      search_default_draft: false,
      search_default_assigned: false,
      search_default_confirmed: false,
      search_default_ready: false,
      search_default_planning_issues: false,
      search_default_available: false,
    },
  };
}

/** 16–18: `action_cancel` on a confirmed order returns this instead of cancelling (docs/odoo-api.md §2.4). */
export function cancelWizardAction(env: Env, orderId: number) {
  return {
    name: 'Cancel Sales Order',
    view_mode: 'form',
    res_model: 'sale.order.cancel',
    view_id: pick(env, { 17: 1066, 18: 1126 }),
    type: 'ir.actions.act_window',
    context: {
      default_template_id: 14,
      default_order_id: orderId,
      mark_so_as_canceled: true,
      default_email_layout_xmlid: 'mail.mail_notification_layout_with_responsible_signature',
      model_description: 'Sales Order',
    },
    target: 'new',
  };
}

/** `sale.order.action_view_invoice` for one invoice (17+), verbatim from the fixtures. */
export function invoiceAction(env: Env, invoiceIds: number[], order: Record<string, unknown>) {
  const v18 = env.major >= 18;
  const listView = v18 ? [708, 'account.out.invoice.list'] : [674, 'account.out.invoice.tree'];
  const action: Record<string, unknown> = {
    id: v18 ? 262 : 254,
    name: 'Invoices',
    type: 'ir.actions.act_window',
    xml_id: 'account.action_move_out_invoice_type',
    ...(v18 ? { path: 'invoicing' } : {}),
    help:
      '<p class="o_view_nocontent_smiling_face">\n                Create a customer invoice\n              </p><p>\n' +
      '                Create invoices, register payments and keep track of the discussions with your customers.\n' +
      '              </p>\n            ',
    binding_model_id: false,
    binding_type: 'action',
    binding_view_types: 'list,form',
    display_name: 'Invoices',
    view_id: listView,
    domain: v18
      ? "[('move_type', 'in', ['out_invoice', 'out_refund'])]"
      : "[('move_type', '=', 'out_invoice')]",
    context: {
      default_move_type: 'out_invoice',
      default_partner_id: order.partner_id,
      default_partner_shipping_id: order.partner_shipping_id,
      default_invoice_payment_term_id: null,
      default_invoice_origin: order.name,
    },
    res_id: invoiceIds.length === 1 ? invoiceIds[0] : 0,
    res_model: 'account.move',
    target: 'current',
    view_mode: v18 ? 'list,kanban,form,activity' : 'tree,kanban,form,activity',
    mobile_view_mode: 'kanban',
    views: v18
      ? [
          [715, 'form'],
          [708, 'list'],
          [false, 'kanban'],
          [false, 'activity'],
        ]
      : [
          [681, 'form'],
          [674, 'tree'],
          [false, 'kanban'],
          [false, 'activity'],
        ],
    limit: 80,
    groups_id: [],
    search_view_id: v18 ? [718, 'account.invoice.select'] : [684, 'account.invoice.select'],
    ...(v18 ? { embedded_action_ids: [] } : {}),
    filter: false,
  };
  if (invoiceIds.length > 1) {
    delete action.res_id;
    action.domain = `[('id', 'in', [${invoiceIds.join(', ')}])]`;
  }
  return action;
}

export function paymentsAction(paymentId: number) {
  return {
    name: 'Payments',
    type: 'ir.actions.act_window',
    res_model: 'account.payment',
    context: { create: false },
    view_mode: 'form',
    res_id: paymentId,
  };
}

/**
 * `stock.scrap.action_validate` with too little on hand: the insufficient-quantity wizard, its
 * `default_*` keys merged into the caller's context (fixtures stock_scrap_ageing #9).
 */
export function insufficientScrapAction(env: Env, scrap: Rec) {
  const productId = Number(scrap.product_id);
  const uom = env.store.get('uom.uom', Number(scrap.product_uom_id));
  return {
    name: `${String(displayNameById(env, 'product.product', productId))}: Insufficient Quantity To Scrap`,
    view_mode: 'form',
    res_model: 'stock.warn.insufficient.qty.scrap',
    view_id: pick(env, { 17: 851, 18: 900 }),
    type: 'ir.actions.act_window',
    context: {
      ...env.context,
      default_product_id: productId,
      default_location_id: scrap.location_id,
      default_scrap_id: scrap.id,
      default_quantity: Number(scrap.scrap_qty ?? 0),
      default_product_uom_name: String(uom?.name ?? 'Units'),
    },
    target: 'new',
  };
}
