import type { Env, ModelDef } from '../model-types.js';
import { setValues } from '../orm/write.js';
import { bool, char, int, selection } from './fields.js';
import { create } from '../orm/write.js';

/** Modules pulled in when a module is installed (only what the fixtures show). */
const DEPENDS: Record<string, string[]> = { delivery: ['stock_delivery'] };

/**
 * Installing `delivery` adds `stock.picking.carrier_tracking_ref`/`carrier_id` (stock_delivery in
 * 17–19, docs/odoo-api.md §2.5) and its "Standard delivery" service product.
 */
export function installModule(env: Env, name: string): void {
  const names = [name, ...(DEPENDS[name] ?? [])];
  for (const n of names) {
    if (env.store.installedModules.has(n)) continue;
    env.store.installedModules.add(n);
    const rec = env.store.all('ir.module.module').find((m) => m.name === n);
    if (rec)
      setValues(env, 'ir.module.module', rec, { state: 'installed', latest_version: `${env.version}.1.0` });
  }
  if (name === 'delivery' && !env.store.all('delivery.carrier').length) {
    const [productId] = create(env, 'product.product', [
      {
        name: 'Standard delivery',
        type: 'service',
        default_code: 'Delivery_007',
        list_price: 0,
        taxes_id: [[6, 0, []]],
      },
    ]);
    create(env, 'delivery.carrier', [{ name: 'Standard delivery', product_id: productId }]);
  }
}

export const irModuleModule: ModelDef = {
  name: 'ir.module.module',
  description: 'Module',
  order: 'application desc, sequence, name',
  fields: {
    name: char('Technical Name', { required: true }),
    shortdesc: char('Module Name'),
    state: selection('Status', [
      'uninstallable',
      'uninstalled',
      'installed',
      'to upgrade',
      'to remove',
      'to install',
    ]),
    latest_version: char('Installed Version'),
    application: bool('Application'),
    sequence: int('Sequence', { default: () => 100 }),
  },
  methods: {
    button_immediate_install: ({ env, ids }) => {
      for (const id of ids) {
        const rec = env.store.get('ir.module.module', id);
        if (rec) installModule(env, String(rec.name));
      }
      return { type: 'ir.actions.act_url', target: 'self', url: env.major >= 18 ? '/odoo' : '/web' };
    },
  },
};
