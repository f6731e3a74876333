import type { OdooConnection } from '../odoo-connection.js';

/**
 * Set-up an Odoo administrator does once (docs/odoo-api.md "Payouts"): Community lets only the
 * accounting group create bank statement lines — "Show Full Accounting Features"
 * (`account.group_account_user`) up to 17, "Basic" (`account.group_account_basic`) from 18. Grants
 * it to the connected user (tests, demo); needs a user allowed to edit users.
 */
export async function grantBankStatementAccess(conn: OdooConnection): Promise<void> {
  const session = await conn.connect();
  const name = session.version.major >= 18 ? 'group_account_basic' : 'group_account_user';
  const [group] = await conn.searchRead<{ res_id: number }>(
    'ir.model.data',
    [
      ['module', '=', 'account'],
      ['name', '=', name],
    ],
    ['res_id'],
    { limit: 1 },
  );
  if (!group) throw new Error(`Odoo has no group account.${name} (is Invoicing installed?)`);
  // `groups_id` became `group_ids` in 19.
  const field = session.version.major >= 19 ? 'group_ids' : 'groups_id';
  await conn.write('res.users', [session.uid], { [field]: [[4, group.res_id]] });
}
