import type { OdooConnection } from '../odoo-connection.js';

export interface OdooSaleTax {
  id: number;
  name: string;
  /** Percent, e.g. 15 for 15%. */
  ratePercent: number;
  priceIncluded: boolean;
}

/** Key of a rate given as a fraction (0.2) so 0.2 and 0.20000000001 meet. */
export function rateKey(fraction: number): string {
  return (fraction * 100).toFixed(4);
}

/**
 * Sale taxes (`account.tax`, type_tax_use=sale, amount_type=percent) matched to marketplace tax
 * rates. Price-excluded taxes are preferred because marketplace unit prices exclude tax. Price-included
 * is `price_include` (16/17) or `price_include_override` (18+) (docs/odoo-api.md §2.10). Cached per instance.
 */
export class OdooTaxes {
  readonly #conn: OdooConnection;
  readonly #byRate = new Map<string, OdooSaleTax | null>();

  constructor(conn: OdooConnection) {
    this.#conn = conn;
  }

  async listSaleTaxes(): Promise<OdooSaleTax[]> {
    return this.#search([]);
  }

  /** rate fraction → tax; rates without a matching Odoo tax are absent. */
  async findSaleTaxes(rates: number[]): Promise<Map<string, OdooSaleTax>> {
    const wanted = [...new Set(rates.filter((r) => Number.isFinite(r) && r > 0).map(rateKey))];
    const missing = wanted.filter((k) => !this.#byRate.has(k));
    if (missing.length > 0) {
      const taxes = await this.#search([['amount', 'in', missing.map(Number)]]);
      for (const k of missing) {
        const candidates = taxes.filter((t) => t.ratePercent.toFixed(4) === k);
        this.#byRate.set(k, candidates.find((t) => !t.priceIncluded) ?? candidates[0] ?? null);
      }
    }
    const out = new Map<string, OdooSaleTax>();
    for (const k of wanted) {
      const t = this.#byRate.get(k);
      if (t) out.set(k, t);
    }
    return out;
  }

  async #search(extra: Array<[string, string, unknown]>): Promise<OdooSaleTax[]> {
    await this.#conn.connect();
    const includeField = this.#conn.dialect.taxPriceIncludeField;
    const rows = await this.#conn.searchRead<Record<string, unknown>>(
      'account.tax',
      [['type_tax_use', '=', 'sale'], ['amount_type', '=', 'percent'], ...extra],
      ['id', 'name', 'amount', includeField],
      { order: 'id asc' },
    );
    return rows.map((r) => ({
      id: r.id as number,
      name: String(r.name),
      ratePercent: Number(r.amount),
      priceIncluded: r[includeField] === true || r[includeField] === 'tax_included',
    }));
  }
}
