/** Access groups, as far as the recorded flows need them (fixtures bank_statement_reconcile). */
import type { Env, ModelDef } from '../model-types.js';
import { accessError } from '../errors.js';
import { char, int, m2m } from './fields.js';

/** The group allowed to create bank statement lines in Community, and its name in the error. */
const STATEMENT_GROUP = 27;

export const resGroups: ModelDef = {
  name: 'res.groups',
  description: 'Access Groups',
  order: 'name',
  fields: { name: char('Name', { required: true }), implied_ids: m2m('Inherits', 'res.groups') },
};

export const irModelData: ModelDef = {
  name: 'ir.model.data',
  description: 'Model Data',
  order: 'module, model, name',
  fields: {
    module: char('Module'),
    name: char('External Identifier'),
    model: char('Model Name'),
    res_id: int('Record ID'),
  },
};

/** The accounting groups: 16/17 "Show Full Accounting Features" (implies read-only), 18+ "Basic". */
export function accountingGroups(major: number) {
  const full = major < 18;
  return {
    groups: [
      { id: 25, name: 'Read-only', implied_ids: [] },
      {
        id: STATEMENT_GROUP,
        name: full ? 'Show Full Accounting Features' : 'Basic',
        implied_ids: full ? [25] : [],
      },
    ],
    xmlIds: [
      { id: 1, module: 'account', name: 'group_account_readonly', model: 'res.groups', res_id: 25 },
      {
        id: 2,
        module: 'account',
        name: full ? 'group_account_user' : 'group_account_basic',
        model: 'res.groups',
        res_id: STATEMENT_GROUP,
      },
    ],
  };
}

/** Community's admin is an Invoicing administrator only: statement lines need the group above. */
export function checkStatementLineAccess(env: Env): void {
  const user = env.store.get('res.users', env.uid);
  const groups = (user?.groups_id ?? user?.group_ids) as number[] | undefined;
  if ((groups ?? []).includes(STATEMENT_GROUP)) return;
  const group = env.store.get('res.groups', STATEMENT_GROUP);
  throw accessError(
    `You are not allowed to create 'Bank Statement Line' (account.bank.statement.line) records.\n\nThis operation is allowed for the following groups:\n\t- Technical/${String(group?.name ?? 'Basic')}\n\nContact your administrator to request access if necessary.`,
  );
}
