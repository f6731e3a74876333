/** Models that only need to exist (relations of fields the flows read, mostly empty in a fresh db). */
import type { ModelDef } from '../model-types.js';
import { bool, char, int } from './fields.js';

const stub = (name: string, description: string): ModelDef => ({
  name,
  description,
  order: 'id',
  fields: { name: char('Name'), active: bool('Active', { default: () => true }), sequence: int('Sequence') },
});

export const STUB_MODELS: ModelDef[] = [
  stub('account.payment.term', 'Payment Terms'),
  stub('crm.tag', 'CRM Tag'),
  stub('crm.team', 'Sales Team'),
  stub('product.packaging', 'Product Packaging'),
  stub('account.bank.statement', 'Bank Statement'),
  stub('account.full.reconcile', 'Full Reconcile'),
];
