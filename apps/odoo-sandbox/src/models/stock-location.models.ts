/** Warehouse, locations and operation types (ids of a fresh database, fixtures README). */
import type { ModelDef } from '../model-types.js';
import { bool, char, int, m2o, selection } from './fields.js';

export const stockWarehouse: ModelDef = {
  name: 'stock.warehouse',
  description: 'Warehouse',
  order: 'sequence, id',
  fields: {
    name: char('Warehouse', { required: true }),
    code: char('Short Name', { required: true }),
    lot_stock_id: m2o('Location Stock', 'stock.location'),
    view_location_id: m2o('View Location', 'stock.location'),
    in_type_id: m2o('In Type', 'stock.picking.type'),
    out_type_id: m2o('Out Type', 'stock.picking.type'),
    company_id: m2o('Company', 'res.company', { default: () => 1 }),
    partner_id: m2o('Address', 'res.partner'),
    active: bool('Active', { default: () => true }),
    sequence: int('Sequence', { default: () => 10 }),
  },
};

export const stockLocation: ModelDef = {
  name: 'stock.location',
  description: 'Inventory Locations',
  order: 'complete_name, id',
  displayName: (_env, rec) => String(rec.complete_name ?? rec.name),
  fields: {
    name: char('Location Name', { required: true }),
    complete_name: char('Full Location Name'),
    usage: selection('Location Type', [
      'supplier',
      'view',
      'internal',
      'customer',
      'inventory',
      'production',
      'transit',
    ]),
    location_id: m2o('Parent Location', 'stock.location'),
    warehouse_id: m2o('Warehouse', 'stock.warehouse'),
    company_id: m2o('Company', 'res.company'),
    active: bool('Active', { default: () => true }),
  },
};

export const stockPickingType: ModelDef = {
  name: 'stock.picking.type',
  description: 'Picking Type',
  order: 'sequence, id',
  displayName: (env, rec) => {
    const wh =
      typeof rec.warehouse_id === 'number' ? env.store.get('stock.warehouse', rec.warehouse_id) : undefined;
    return wh ? `${String(wh.name)}: ${String(rec.name)}` : String(rec.name);
  },
  fields: {
    name: char('Operation Type', { required: true }),
    code: selection('Type of Operation', ['incoming', 'outgoing', 'internal']),
    sequence_code: char('Sequence Prefix'),
    warehouse_id: m2o('Warehouse', 'stock.warehouse'),
    default_location_src_id: m2o('Default Source Location', 'stock.location'),
    default_location_dest_id: m2o('Default Destination Location', 'stock.location'),
    return_picking_type_id: m2o('Operation Type for Returns', 'stock.picking.type'),
    create_backorder: selection('Create Backorder', ['ask', 'always', 'never'], { default: () => 'ask' }),
    company_id: m2o('Company', 'res.company', { default: () => 1 }),
    active: bool('Active', { default: () => true }),
    sequence: int('Sequence', { default: () => 10 }),
  },
};
