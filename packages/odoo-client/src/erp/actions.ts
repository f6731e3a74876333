/** An `ir.actions.act_window` dict returned by a button instead of `true` (a wizard to fill, docs/odoo-api.md §5). */
export interface WindowAction {
  type: string;
  res_model: string;
  res_id?: number;
  context?: Record<string, unknown>;
}

export function asWindowAction(result: unknown): WindowAction | null {
  if (result && typeof result === 'object' && typeof (result as WindowAction).res_model === 'string')
    return result as WindowAction;
  return null;
}
