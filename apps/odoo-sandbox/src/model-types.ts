import type { OdooVersion } from './version-fields.js';
import type { Store } from './store.js';

export type FieldType =
  | 'char'
  | 'text'
  | 'html'
  | 'integer'
  | 'float'
  | 'monetary'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'selection'
  | 'many2one'
  | 'one2many'
  | 'many2many'
  | 'json'
  | 'binary';

/** A stored record: many2one = id | false, many2many = ids, datetime = epoch ms | false. */
export type Rec = { id: number } & Record<string, unknown>;
export type Vals = Record<string, unknown>;
export type Context = Record<string, unknown>;

/** One request's view of the database (Odoo's `env`): the request time is the transaction time. */
export interface Env {
  readonly store: Store;
  readonly version: OdooVersion;
  readonly major: number;
  readonly now: number;
  readonly uid: number;
  context: Context;
}

/**
 * How the domain filter and the record sort read a field. Injected (the ORM's `rawValue` and
 * `displayNameById`) so that evaluating a domain does not import the ORM that itself searches for
 * one2many values: the modules stay a tree, not a loop.
 */
export interface RecordReader {
  rawValue(env: Env, model: ModelDef, rec: Rec, fname: string): unknown;
  displayNameById(env: Env, modelName: string, id: number): string | false;
}

export interface FieldDef {
  type: FieldType;
  string: string;
  relation?: string;
  /** one2many: the many2one on `relation` that points back. */
  inverse?: string;
  required?: boolean;
  readonly?: boolean;
  /** First / last major version that has the field (docs/odoo-api.md §2). */
  min?: number;
  max?: number;
  /** Only present while this module is installed (e.g. `carrier_tracking_ref` needs `delivery`). */
  module?: string;
  /** Non-stored computed value. */
  compute?: (env: Env, rec: Rec) => unknown;
  /** Stored on another record: read and written through a many2one (`[m2o field, target field]`). */
  related?: [string, string];
  default?: (env: Env, vals: Vals) => unknown;
  /** Rounded like a NUMERIC(…, digits) column. */
  digits?: number;
  selection?: string[];
  /** Selection labels as `fields_get` shows them (default: the value itself). */
  selectionLabels?: Record<string, string>;
  /** `fields_get` says "not stored" although the sandbox keeps the value (computed in Odoo). */
  notStored?: boolean;
  /** The field as a later version declares it (e.g. 18 made `account.tax.price_include` computed). */
  since?: { major: number; def: Partial<FieldDef> };
}

export interface MethodCall {
  env: Env;
  model: ModelDef;
  ids: number[];
  args: unknown[];
  kwargs: Record<string, unknown>;
}

/** Returning `undefined` means Python `None`: JSON-RPC then omits `result` (docs/odoo-api.md §1.1). */
export type MethodImpl = (call: MethodCall) => unknown;

export interface ModelDef {
  name: string;
  description: string;
  /** Default `_order`. */
  order: string;
  fields: Record<string, FieldDef>;
  /** Field holding the display name (default `name`) or a function. */
  displayName?: (env: Env, rec: Rec) => string;
  /** Record methods callable over RPC (first argument = ids). */
  methods?: Record<string, MethodImpl>;
  /** `@api.model` methods (no ids). */
  modelMethods?: Record<string, MethodImpl>;
  /** Called with the vals of each new record, after defaults; may fill more values or throw. */
  prepareCreate?: (env: Env, vals: Vals) => void;
  /** Validation that runs after the id was taken (so a failure still uses up the id, like Odoo). */
  checkCreate?: (env: Env, vals: Vals) => void;
  afterCreate?: (env: Env, rec: Rec, vals: Vals) => void;
  beforeWrite?: (env: Env, recs: Rec[], vals: Vals) => void;
  afterWrite?: (env: Env, recs: Rec[], vals: Vals) => void;
  beforeUnlink?: (env: Env, recs: Rec[]) => void;
  min?: number;
  max?: number;
  /** Version range of individual methods, e.g. `create_returns` up to 17 (docs/odoo-api.md §2.7). */
  methodVersions?: Record<string, { min?: number; max?: number }>;
  /** Only exists while this module is installed (e.g. `product.image` needs `website_sale`). */
  module?: string;
}
