import { BadInputError } from '@temu-odoo/core';
import type { ProductQuantity } from '@temu-odoo/core';
import { m2oId } from '../domain.js';
import type { OdooConnection } from '../odoo-connection.js';
import { validateScrap } from './scrap-validate.js';

/**
 * Scraps received return quantities (fixtures stock_scrap_ageing): one `stock.scrap` per product
 * from the return's destination (WH/Stock) to the scrap location, `origin` = the case number and
 * `picking_id` = the return, then `action_validate`. Products already scrapped for the case are
 * skipped, so a retry does not scrap twice.
 * Validation confirms Odoo's insufficient-quantity wizard when on hand is short (scrap-validate.ts).
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
    await validateScrap(conn, scrapId, `case ${caseRef}: scrapping product ${line.productId}`);
  }
}
