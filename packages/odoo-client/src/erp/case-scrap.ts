import { BadInputError } from '@temu-odoo/core';
import type { ProductQuantity } from '@temu-odoo/core';
import { m2oId } from '../domain.js';
import type { OdooConnection } from '../odoo-connection.js';
import { asWindowAction } from './actions.js';

const INSUFFICIENT_QTY_WIZARD = 'stock.warn.insufficient.qty.scrap';

/**
 * Scraps received return quantities (fixtures stock_scrap_ageing): one `stock.scrap` per product
 * from the return's destination (WH/Stock) to the scrap location, `origin` = the case number and
 * `picking_id` = the return, then `action_validate`. Products already scrapped for the case are
 * skipped, so a retry does not scrap twice.
 *
 * With less on hand than the scrap quantity (the returned unit was sold again meanwhile, or the
 * count is off) Odoo answers the insufficient-quantity wizard instead of `true`. The unit was
 * physically received by the validated return, so we confirm the wizard as a warehouse user would
 * ("scrap anyway": create it from the action's context, then `action_done`); Odoo then leaves a
 * negative quant that the next inventory count settles (docs/odoo-api.md "Returns and refunds").
 */
export async function scrapReturned(
  conn: OdooConnection,
  returnId: number,
  caseRef: string,
  lines: ProductQuantity[],
): Promise<void> {
  await conn.connect();
  const [ret] = await conn.read<{ state: string; location_dest_id: unknown }>(
    'stock.picking',
    [returnId],
    ['state', 'location_dest_id'],
  );
  if (ret?.state !== 'done')
    throw new BadInputError(
      `case ${caseRef}: return ${returnId} is not received (state ${ret?.state ?? 'missing'}); validate it before scrapping`,
      'ERR_ODOO_RETURN_NOT_RECEIVED',
    );
  const existing = await conn.searchRead<{ id: number; product_id: unknown; state: string }>(
    'stock.scrap',
    [['origin', '=', caseRef]],
    ['product_id', 'state'],
  );
  const locationId = m2oId(ret.location_dest_id);
  for (const line of lines) {
    const found = existing.find((s) => m2oId(s.product_id) === line.productId);
    if (found?.state === 'done') continue;
    const scrapId =
      found?.id ??
      (
        await conn.create('stock.scrap', [
          {
            product_id: line.productId,
            scrap_qty: line.quantity,
            origin: caseRef,
            picking_id: returnId,
            ...(locationId ? { location_id: locationId } : {}),
          },
        ])
      )[0]!;
    const answer = await conn.action('stock.scrap', 'action_validate', [scrapId]);
    const wizard = asWindowAction(answer);
    if (!wizard) continue;
    if (wizard.res_model !== INSUFFICIENT_QTY_WIZARD)
      throw new BadInputError(
        `case ${caseRef}: scrapping product ${line.productId} asks for the ${wizard.res_model} wizard: finish scrap ${scrapId} in Odoo`,
        'ERR_ODOO_SCRAP_WIZARD',
      );
    const ctx = wizard.context ?? {};
    const [wizardId] = await conn.create(INSUFFICIENT_QTY_WIZARD, [{}], ctx);
    await conn.action(INSUFFICIENT_QTY_WIZARD, 'action_done', [wizardId!], ctx);
  }
}
