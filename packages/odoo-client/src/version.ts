import { OdooError } from './errors.js';
import type { Domain } from './domain.js';

/** What `common.version` (or JSON-2's `/json/version`) tells about the server. */
export interface OdooServerVersion {
  major: number;
  minor: number;
  /** e.g. `18.0` or `saas~17.2`. */
  serie: string;
}

/** 20 is treated as 19 on the ORM side; only its transport differs (no /jsonrpc, docs/odoo-api.md). */
export const SUPPORTED_MAJORS = [16, 17, 18, 19, 20] as const;

/**
 * Parses `common.version` → `{server_version, server_version_info: [18,0,0,"final",0,""], server_serie}`
 * or JSON-2's `{version_info: [...], version: "19.0"}` (docs/odoo-api.md §1.1, §1.6).
 */
export function parseServerVersion(raw: unknown): OdooServerVersion {
  const r = (raw ?? {}) as Record<string, unknown>;
  const info = (Array.isArray(r.server_version_info) ? r.server_version_info : r.version_info) as
    unknown[] | undefined;
  const text = String(r.server_serie ?? r.server_version ?? r.version ?? '');
  let major = typeof info?.[0] === 'number' ? info[0] : NaN;
  let minor = typeof info?.[1] === 'number' ? info[1] : 0;
  if (Number.isNaN(major)) {
    const m = /(\d+)\.(\d+)/.exec(text);
    if (m) {
      major = Number(m[1]);
      minor = Number(m[2]);
    }
  }
  if (!Number.isFinite(major)) {
    throw new OdooError(
      `Odoo did not report a readable version (got ${JSON.stringify(raw)?.slice(0, 200)})`,
      {
        kind: 'bad_input',
        code: 'ERR_ODOO_VERSION_UNREADABLE',
        odooMessage: 'unreadable version',
      },
    );
  }
  return { major, minor, serie: text || `${major}.${minor}` };
}

/**
 * Every field/method name that differs between Odoo 16, 17, 18 and 19 (docs/odoo-api.md §2, §5 checklist).
 * The rest of the package asks the dialect instead of comparing version numbers.
 */
export interface OdooDialect {
  readonly version: OdooServerVersion;
  /** Protocol `auto` picks: JSON-2 from 19 (docs/odoo-api.md, "JSON-2 and the deprecation timeline"). */
  readonly preferredProtocol: 'jsonrpc' | 'json2';
  /** sale.order.line taxes: `tax_id` (16–18) → `tax_ids` (19). */
  readonly saleLineTaxField: 'tax_id' | 'tax_ids';
  /** sale.order.line unit: `product_uom` (16–18) → `product_uom_id` (19). */
  readonly saleLineUomField: 'product_uom' | 'product_uom_id';
  /** Product type fields to read: `detailed_type`+`type` (16/17) → `type`+`is_storable` (18/19) (docs/odoo-api.md §2.2). */
  readonly productTypeFields: readonly string[];
  /** Values that make a new product storable (tracked in stock). */
  storableProductVals(): Record<string, unknown>;
  /** Domain leaf(s) selecting storable products. */
  storableProductDomain(): Domain;
  /** Whether a product record read with `productTypeFields` is storable. */
  isStorable(product: Record<string, unknown>): boolean;
  /** stock.move done quantity: `quantity_done` (16) → `quantity` + `picked` (17+) (docs/odoo-api.md §2.5). */
  readonly moveDoneField: 'quantity_done' | 'quantity';
  /** Values writing a move's done quantity. */
  moveDoneVals(quantity: number): Record<string, unknown>;
  /** stock.move.line done quantity: `qty_done` (16) → `quantity` (17+). */
  readonly moveLineDoneField: 'qty_done' | 'quantity';
  /**
   * Context for `stock.picking.button_validate` without wizards: `skip_sms` (stock_sms asks once per
   * company, fixtures order_confirm_deliver), `skip_immediate` (16's immediate-transfer wizard),
   * `skip_backorder` (+ `picking_ids_not_to_backorder` to drop the rest) (docs/odoo-api.md §2.5).
   */
  validateContext(pickingIds: number[], backorder: 'create' | 'drop'): Record<string, unknown>;
  /** 16–18 return the `sale.order.cancel` wizard unless `disable_cancel_warning`; 19 cancels directly (docs/odoo-api.md §2.4). */
  readonly cancelContext: Record<string, unknown>;
  readonly cancelWizardModel: 'sale.order.cancel' | null;
  /** How a locked order shows: 16 state `done`; 17+ boolean `locked` (docs/odoo-api.md §2.3, §2.4). */
  readonly lockedField: 'locked' | null;
  /** stock.return.picking confirm method: `create_returns` (16/17) → `action_create_returns` (18/19) (docs/odoo-api.md §2.7). */
  readonly returnWizardMethod: 'create_returns' | 'action_create_returns';
  /** 16 fills return lines only by onchange: over RPC they must be passed at create (docs/odoo-api.md §2.7). */
  readonly returnLinesComputed: boolean;
  /** Context key scoping quantities to a warehouse: `warehouse` (16/17) → `warehouse_id` (18/19) (docs/odoo-api.md §2.8). */
  readonly warehouseContextKey: 'warehouse' | 'warehouse_id';
  /** res.partner.mobile is gone in 19 (docs/odoo-api.md §2.1). */
  readonly partnerHasMobile: boolean;
  /** name_get is gone in 18 (docs/odoo-api.md §1.1). */
  readonly hasNameGet: boolean;
  /** stock.quant.package → stock.package in 19 (docs/odoo-api.md §2.8). */
  readonly packageModel: 'stock.quant.package' | 'stock.package';
  /** Credit note wizard method: `reverse_moves` (16) → `refund_moves` (17+) (docs/odoo-api.md §2.7). */
  readonly creditNoteMethod: 'reverse_moves' | 'refund_moves';
  /** `price_include` is stored in 16/17, computed from `price_include_override` in 18+ (docs/odoo-api.md §2.10). */
  readonly taxPriceIncludeField: 'price_include' | 'price_include_override';
}

export function dialectFor(version: OdooServerVersion): OdooDialect {
  const v = version.major;
  if (v < 16) {
    throw new OdooError(`Odoo ${version.serie} is not supported (supported: 16.0 to 20.0)`, {
      kind: 'bad_input',
      code: 'ERR_ODOO_UNSUPPORTED_VERSION',
      odooMessage: version.serie,
    });
  }
  const v17 = v >= 17;
  const v18 = v >= 18;
  const v19 = v >= 19;
  return {
    version,
    preferredProtocol: v19 ? 'json2' : 'jsonrpc',
    saleLineTaxField: v19 ? 'tax_ids' : 'tax_id',
    saleLineUomField: v19 ? 'product_uom_id' : 'product_uom',
    productTypeFields: v18 ? ['type', 'is_storable'] : ['type', 'detailed_type'],
    storableProductVals: () => (v18 ? { type: 'consu', is_storable: true } : { detailed_type: 'product' }),
    storableProductDomain: () => (v18 ? [['is_storable', '=', true]] : [['detailed_type', '=', 'product']]),
    isStorable: (p) => (v18 ? p.is_storable === true : p.detailed_type === 'product' || p.type === 'product'),
    moveDoneField: v17 ? 'quantity' : 'quantity_done',
    moveDoneVals: (quantity) => (v17 ? { quantity, picked: quantity > 0 } : { quantity_done: quantity }),
    moveLineDoneField: v17 ? 'quantity' : 'qty_done',
    validateContext: (pickingIds, backorder) => ({
      skip_sms: true,
      ...(v17 ? {} : { skip_immediate: true }),
      skip_backorder: true,
      ...(backorder === 'drop' ? { picking_ids_not_to_backorder: pickingIds } : {}),
    }),
    cancelContext: v19 ? {} : { disable_cancel_warning: true },
    cancelWizardModel: v19 ? null : 'sale.order.cancel',
    lockedField: v17 ? 'locked' : null,
    returnWizardMethod: v18 ? 'action_create_returns' : 'create_returns',
    returnLinesComputed: v17,
    warehouseContextKey: v18 ? 'warehouse_id' : 'warehouse',
    partnerHasMobile: !v19,
    hasNameGet: !v18,
    packageModel: v19 ? 'stock.package' : 'stock.quant.package',
    creditNoteMethod: v17 ? 'refund_moves' : 'reverse_moves',
    taxPriceIncludeField: v18 ? 'price_include_override' : 'price_include',
  };
}
