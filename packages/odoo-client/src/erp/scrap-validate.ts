import { BadInputError } from '@temu-odoo/core';
import type { OdooConnection } from '../odoo-connection.js';
import { asWindowAction } from './actions.js';

const INSUFFICIENT_QTY_WIZARD = 'stock.warn.insufficient.qty.scrap';

/**
 * `stock.scrap.action_validate`, finishing the wizard Odoo may answer instead of `true`.
 *
 * With less on hand than the scrap quantity (a returned unit sold again meanwhile, or a count that
 * is off) Odoo answers the "Insufficient Quantity To Scrap" wizard. The unit was physically received
 * by the validated return, so we confirm as a warehouse user would ("scrap anyway"): the wizard is
 * created from the action's context and `action_done` runs with it, exactly the calls recorded from
 * real Odoo (fixtures stock_scrap_ageing #9–#12, docs/odoo-api.md "Returns and refunds"). Odoo then
 * leaves a negative quant, which the next inventory count settles. Any other wizard stops with the
 * scrap named, for a person to finish in Odoo.
 */
export async function validateScrap(conn: OdooConnection, scrapId: number, what: string): Promise<void> {
  const wizard = asWindowAction(await conn.action('stock.scrap', 'action_validate', [scrapId]));
  if (!wizard) return;
  if (wizard.res_model !== INSUFFICIENT_QTY_WIZARD)
    throw new BadInputError(
      `${what} asks for the ${wizard.res_model} wizard: finish scrap ${scrapId} in Odoo`,
      'ERR_ODOO_SCRAP_WIZARD',
    );
  const context = wizard.context ?? {};
  // One vals dict, as the recorded client sent it (create is model_create_multi: dict or list).
  const wizardId = await conn.call<number | number[]>({
    model: INSUFFICIENT_QTY_WIZARD,
    method: 'create',
    params: { vals_list: {} },
    context,
  });
  await conn.action(
    INSUFFICIENT_QTY_WIZARD,
    'action_done',
    [Array.isArray(wizardId) ? wizardId[0]! : wizardId],
    context,
  );
}
