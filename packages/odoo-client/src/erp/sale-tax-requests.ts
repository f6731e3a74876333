import {
  BadInputError,
  formatRate,
  type DedicatedSaleTax,
  type SaleTaxRequest,
  type TaxRoundingMode,
} from '@temu-odoo/core';
import type { OdooConnection } from '../odoo-connection.js';

/** Cache key of a request that names an Odoo tax; null when the line gets no explicit tax. */
export function taxRequestKey(r: SaleTaxRequest): string | null {
  if (r.kind === 'named') return `named:${r.erpTaxName}`;
  if (r.kind === 'dedicated') return `dedicated:${r.tax.name}`;
  return null;
}

/** Account that holds tax the marketplace collects and remits (never the seller's tax payable). */
export const MARKETPLACE_TAX_ACCOUNT = {
  code: '252900',
  name: 'Sales tax collected by Temu (marketplace facilitator)',
} as const;

interface TaxRow {
  id: number;
  name: string;
  amount: number;
  amount_type: string;
  [field: string]: unknown;
}

/**
 * Turns the core's tax requests into Odoo tax ids (docs/odoo-api.md "Taxes and totals"):
 * - `named`: the existing sale tax of that name, checked to be a price-excluded percentage of the
 *   marketplace rate (a mapping to a 15 % tax for a 7.25 % line is refused, not applied);
 * - `dedicated`: found by name, else created with its own tax group of the destination country
 *   (Odoo refuses a foreign-country tax without one), price-excluded; a tax the marketplace
 *   collects books to {@link MARKETPLACE_TAX_ACCOUNT}.
 * Batched: one search per kind, one create per kind of missing record. Ids are cached per instance.
 */
export class OdooSaleTaxRequests {
  readonly #conn: OdooConnection;
  readonly #ids = new Map<string, number>();

  constructor(conn: OdooConnection) {
    this.#conn = conn;
  }

  /** The company's tax rounding (Accounting settings), which decides how Odoo totals an order. */
  async roundingMode(): Promise<TaxRoundingMode> {
    const rows = await this.#conn.searchRead<{ tax_calculation_rounding_method: string }>(
      'res.company',
      [],
      ['tax_calculation_rounding_method'],
      { limit: 1, order: 'id asc' },
    );
    return rows[0]?.tax_calculation_rounding_method === 'round_globally'
      ? 'round_globally'
      : 'round_per_line';
  }

  /** key → Odoo tax id, or the error that parks the orders needing it. */
  async resolve(requests: SaleTaxRequest[]): Promise<Map<string, number | Error>> {
    const out = new Map<string, number | Error>();
    const named = new Map<string, Extract<SaleTaxRequest, { kind: 'named' }>>();
    const dedicated = new Map<string, DedicatedSaleTax>();
    for (const r of requests) {
      const key = taxRequestKey(r);
      if (key === null) continue;
      const cached = this.#ids.get(key);
      if (cached !== undefined) out.set(key, cached);
      else if (r.kind === 'named') named.set(r.erpTaxName, r);
      else if (r.kind === 'dedicated') dedicated.set(r.tax.name, r.tax);
    }
    if (named.size > 0) await this.#resolveNamed(named, out);
    if (dedicated.size > 0) await this.#resolveDedicated(dedicated, out);
    return out;
  }

  async #saleTaxesNamed(names: string[]): Promise<TaxRow[]> {
    const include = this.#conn.dialect.taxPriceIncludeField;
    return this.#conn.searchRead<TaxRow>(
      'account.tax',
      [
        ['type_tax_use', '=', 'sale'],
        ['name', 'in', names],
      ],
      ['id', 'name', 'amount', 'amount_type', include],
      { order: 'id asc' },
    );
  }

  async #resolveNamed(
    wanted: Map<string, Extract<SaleTaxRequest, { kind: 'named' }>>,
    out: Map<string, number | Error>,
  ): Promise<void> {
    const rows = await this.#saleTaxesNamed([...wanted.keys()]);
    const include = this.#conn.dialect.taxPriceIncludeField;
    for (const [name, r] of wanted) {
      const key = taxRequestKey(r)!;
      const tax = rows.find((t) => t.name === name);
      const mapped = `Odoo sale tax "${name}" (mapped in MAPPING_FILE "taxes" for ${formatRate(r.ratePercent)})`;
      if (!tax) {
        out.set(
          key,
          new BadInputError(
            `${mapped} does not exist: create it in Odoo or fix the rule`,
            'ERR_ODOO_MAPPED_TAX_MISSING',
          ),
        );
      } else if (tax.amount_type !== 'percent' || Math.abs(Number(tax.amount) - r.ratePercent) > 0.00005) {
        out.set(
          key,
          new BadInputError(
            `${mapped} is ${tax.amount_type === 'percent' ? formatRate(Number(tax.amount)) : `a ${tax.amount_type} tax`}, not ${formatRate(r.ratePercent)}: fix the rule`,
            'ERR_ODOO_MAPPED_TAX_RATE',
          ),
        );
      } else if (tax[include] === true || tax[include] === 'tax_included') {
        out.set(
          key,
          new BadInputError(
            `${mapped} is included in the price; Temu's unit prices exclude tax: map a price-excluded tax`,
            'ERR_ODOO_MAPPED_TAX_INCLUDED',
          ),
        );
      } else {
        this.#ids.set(key, tax.id);
        out.set(key, tax.id);
      }
    }
  }

  async #resolveDedicated(
    wanted: Map<string, DedicatedSaleTax>,
    out: Map<string, number | Error>,
  ): Promise<void> {
    const existing = await this.#saleTaxesNamed([...wanted.keys()]);
    const missing: DedicatedSaleTax[] = [];
    for (const [name, spec] of wanted) {
      const tax = existing.find((t) => t.name === name);
      if (tax) this.#remember(spec, tax.id, out);
      else missing.push(spec);
    }
    if (missing.length === 0) return;
    const countries = await this.#countryIds(missing.map((t) => t.country));
    const creatable = missing.filter((spec) => {
      if (countries.has(spec.country)) return true;
      out.set(
        `dedicated:${spec.name}`,
        new BadInputError(
          `Odoo has no country "${spec.country}" for the tax ${spec.name}`,
          'ERR_ODOO_UNKNOWN_COUNTRY',
        ),
      );
      return false;
    });
    if (creatable.length === 0) return;
    const groups = await this.#taxGroups(creatable, countries);
    const account = creatable.some((t) => t.collectedByMarketplace) ? await this.#marketplaceAccount() : null;
    const include = this.#conn.dialect.taxPriceIncludeField;
    // 17+ keys both distributions on `tax_id` with a required `document_type`; 16 has no such field.
    const typed = this.#conn.dialect.version.major >= 17;
    const distribution = (accountId: number, documentType: 'invoice' | 'refund') =>
      [
        { repartition_type: 'base', factor_percent: 100 },
        { repartition_type: 'tax', factor_percent: 100, account_id: accountId },
      ].map((line) => [0, 0, typed ? { ...line, document_type: documentType } : line]);
    const ids = await this.#conn.create(
      'account.tax',
      creatable.map((spec) => ({
        name: spec.name,
        amount_type: 'percent',
        amount: spec.ratePercent,
        type_tax_use: 'sale',
        tax_group_id: groups.get(spec.name),
        country_id: countries.get(spec.country),
        description: formatRate(spec.ratePercent),
        [include]: include === 'price_include' ? false : 'tax_excluded',
        ...(spec.collectedByMarketplace && account !== null
          ? {
              invoice_repartition_line_ids: distribution(account, 'invoice'),
              refund_repartition_line_ids: distribution(account, 'refund'),
            }
          : {}),
      })),
    );
    creatable.forEach((spec, i) => this.#remember(spec, ids[i]!, out));
  }

  #remember(spec: DedicatedSaleTax, id: number, out: Map<string, number | Error>): void {
    const key = `dedicated:${spec.name}`;
    this.#ids.set(key, id);
    out.set(key, id);
  }

  async #countryIds(codes: string[]): Promise<Map<string, number>> {
    const rows = await this.#conn.searchRead<{ id: number; code: string }>(
      'res.country',
      [['code', 'in', [...new Set(codes)]]],
      ['id', 'code'],
    );
    return new Map(rows.map((r) => [r.code, r.id]));
  }

  /** One tax group per dedicated tax, of the same name and country (found, else created). */
  async #taxGroups(specs: DedicatedSaleTax[], countries: Map<string, number>): Promise<Map<string, number>> {
    const rows = await this.#conn.searchRead<{ id: number; name: string; country_id: unknown }>(
      'account.tax.group',
      [['name', 'in', specs.map((s) => s.name)]],
      ['id', 'name', 'country_id'],
      { order: 'id asc' },
    );
    const out = new Map<string, number>();
    for (const s of specs) {
      const g = rows.find((r) => r.name === s.name);
      if (g) out.set(s.name, g.id);
    }
    const toCreate = specs.filter((s) => !out.has(s.name));
    const ids = await this.#conn.create(
      'account.tax.group',
      toCreate.map((s) => ({ name: s.name, country_id: countries.get(s.country) })),
    );
    toCreate.forEach((s, i) => out.set(s.name, ids[i]!));
    return out;
  }

  async #marketplaceAccount(): Promise<number> {
    const rows = await this.#conn.searchRead<{ id: number }>(
      'account.account',
      [['code', '=', MARKETPLACE_TAX_ACCOUNT.code]],
      ['id'],
      { limit: 1 },
    );
    if (rows[0]) return rows[0].id;
    const [id] = await this.#conn.create('account.account', [
      { ...MARKETPLACE_TAX_ACCOUNT, account_type: 'liability_current' },
    ]);
    return id!;
  }
}
