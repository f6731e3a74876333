import type { ErpCharge } from '@temu-odoo/core';
import type { OdooConnection } from '../odoo-connection.js';

export type ChargeKind = ErpCharge['kind'] | 'rounding';

/**
 * Service products that carry the lines of a marketplace order that are not goods: the buyer's
 * shipping fee, discounts, and the closing line to the buyer's total. Odoo needs a product on every
 * accountable sale line; these are created once (no default taxes: each line gets its own).
 */
export const CHARGE_PRODUCTS: Record<ChargeKind, { code: string; name: string }> = {
  shipping: { code: 'TEMU-SHIPPING', name: 'Temu shipping fee' },
  seller_discount: { code: 'TEMU-DISCOUNT-SELLER', name: 'Temu discount funded by the seller' },
  marketplace_discount: { code: 'TEMU-DISCOUNT-TEMU', name: 'Temu discount funded by Temu' },
  rounding: { code: 'TEMU-ROUNDING', name: "Temu total: difference to Odoo's tax rounding" },
};

const CHARGE_CODES = new Set(Object.values(CHARGE_PRODUCTS).map((p) => p.code));

/** Lines on these products are not goods: order summaries leave them out. */
export function isChargeSku(sku: string): boolean {
  return CHARGE_CODES.has(sku);
}

export class OdooChargeProducts {
  readonly #conn: OdooConnection;
  #ids: Promise<Map<ChargeKind, number>> | undefined;

  constructor(conn: OdooConnection) {
    this.#conn = conn;
  }

  /** kind → product id; found by internal reference, created (one call) when missing. */
  ids(): Promise<Map<ChargeKind, number>> {
    this.#ids ??= this.#load().catch((err: unknown) => {
      this.#ids = undefined;
      throw err;
    });
    return this.#ids;
  }

  async #load(): Promise<Map<ChargeKind, number>> {
    const kinds = Object.keys(CHARGE_PRODUCTS) as ChargeKind[];
    const rows = await this.#conn.searchRead<{ id: number; default_code: string }>(
      'product.product',
      [['default_code', 'in', kinds.map((k) => CHARGE_PRODUCTS[k].code)]],
      ['id', 'default_code'],
      { order: 'id asc', context: { active_test: false } },
    );
    const out = new Map<ChargeKind, number>();
    for (const k of kinds) {
      const row = rows.find((r) => r.default_code === CHARGE_PRODUCTS[k].code);
      if (row) out.set(k, row.id);
    }
    const missing = kinds.filter((k) => !out.has(k));
    const serviceType =
      this.#conn.dialect.version.major >= 18 ? { type: 'service' } : { detailed_type: 'service' };
    const ids = await this.#conn.create(
      'product.product',
      missing.map((k) => ({
        name: CHARGE_PRODUCTS[k].name,
        default_code: CHARGE_PRODUCTS[k].code,
        ...serviceType,
        invoice_policy: 'order',
        sale_ok: true,
        purchase_ok: false,
        taxes_id: [[6, 0, []]],
      })),
    );
    missing.forEach((k, i) => out.set(k, ids[i]!));
    return out;
  }
}
