import { BadInputError, fromDecimal, IntegrationError, toDecimal, type Money } from '@temu-odoo/core';
import { isOdooError } from '../errors.js';
import { m2oName } from '../domain.js';
import type { OdooConnection } from '../odoo-connection.js';

/**
 * Currency facts: conversion rates (`res.currency.rate`; factor A→B = rate(B)/rate(A), docs/odoo-api.md §2.9),
 * the company currency, and the pricelist that gives a sale order its currency (17+: `currency_id`
 * follows the pricelist, docs/odoo-api.md §2.3). Cached per instance.
 */
export class OdooCurrencies {
  readonly #conn: OdooConnection;
  #company: Promise<string | null> | undefined;
  readonly #pricelists = new Map<string, number | null>();
  /** `EUR@2026-11-30` pairs known to have a rate (a rate never disappears in practice). */
  readonly #ratedOn = new Set<string>();
  readonly #ids = new Map<string, number>();
  /** `EUR@2026-11-30` → Odoo's rate for that past date. */
  readonly #rates = new Map<string, number>();

  constructor(conn: OdooConnection) {
    this.#conn = conn;
  }

  async rate(from: string, to: string): Promise<number> {
    const a = from.trim().toUpperCase();
    const b = to.trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(a) || !/^[A-Z]{3}$/.test(b))
      throw new BadInputError(
        `currencyRate needs ISO 4217 codes, got "${from}" and "${to}"`,
        'ERR_ODOO_CURRENCY_CODE',
      );
    if (a === b) return 1;
    // Most currencies ship inactive (docs/odoo-api.md §2.9): search them all.
    const rows = await this.#conn.searchRead<{ name: string; rate: number; active: boolean }>(
      'res.currency',
      [['name', 'in', [a, b]]],
      ['name', 'rate', 'active'],
      { context: { active_test: false } },
    );
    const get = (code: string) => {
      const r = rows.find((x) => x.name === code);
      if (!r) throw new BadInputError(`Odoo has no currency ${code}`, 'ERR_ODOO_UNKNOWN_CURRENCY');
      if (!r.active) {
        throw new IntegrationError(
          `Odoo currency ${code} is inactive: activate it and give it a rate (Accounting > Currencies)`,
          {
            kind: 'business',
            code: 'ERR_ODOO_CURRENCY_INACTIVE',
          },
        );
      }
      // A currency without rates counts as 1.0 in Odoo (COALESCE, docs/odoo-api.md §2.9).
      return typeof r.rate === 'number' && r.rate > 0 ? r.rate : 1;
    };
    return get(b) / get(a);
  }

  /** Company currency code, or null when it cannot be read (then orders keep Odoo's default). */
  companyCurrency(): Promise<string | null> {
    this.#company ??= this.#conn
      .searchRead<{ currency_id: unknown }>('res.company', [], ['currency_id'], { limit: 1, order: 'id asc' })
      .then((rows) => m2oName(rows[0]?.currency_id))
      .catch((err: unknown) => {
        this.#company = undefined;
        // A server without res.company access (restricted user) is not fatal: skip currency checks.
        if (isOdooError(err) && err.kind !== 'transient') return null;
        throw err;
      });
    return this.#company;
  }

  /**
   * Throws `not_ready` when Odoo has no rate for `currency` on or before `date` (YYYY-MM-DD): Odoo would
   * then convert at 1.0 without a word (docs/odoo-api.md "Currencies"). The job waits and is retried;
   * the operator sees "no EUR rate in Odoo for 2026-11-30".
   */
  async requireRate(currency: string, date: string): Promise<void> {
    const code = currency.toUpperCase();
    const key = `${code}@${date}`;
    if (this.#ratedOn.has(key)) return;
    const rows = await this.#conn.searchRead<{ id: number }>(
      'res.currency.rate',
      [
        ['currency_id.name', '=', code],
        ['name', '<=', date],
      ],
      ['id'],
      { limit: 1, order: 'name desc' },
    );
    if (rows.length === 0) {
      throw new IntegrationError(
        `no ${code} rate in Odoo for ${date}: add one in Accounting > Currencies (or enable automatic rates); the order waits and is retried`,
        {
          kind: 'not_ready',
          code: 'ERR_ODOO_NO_RATE',
          retryAfterMs: 15 * 60_000,
          details: { currency: code, date },
        },
      );
    }
    this.#ratedOn.add(key);
  }

  /**
   * `amount` converted to the company currency at Odoo's rate for `date` (the latest
   * `res.currency.rate` on or before it, units of the currency per company unit), as Odoo books a
   * foreign-currency item (docs/odoo-api.md "Company currency of journal items"). No rate for that
   * date: `not_ready`, like an order (never a silent 1.0).
   */
  async toCompany(amount: Money, date: string): Promise<Money> {
    const company = (await this.companyCurrency()) ?? amount.currency;
    if (amount.currency === company) return amount;
    const key = `${amount.currency}@${date}`;
    let rate = this.#rates.get(key);
    if (rate === undefined) {
      await this.requireRate(amount.currency, date);
      const [row] = await this.#conn.searchRead<{ rate: number }>(
        'res.currency.rate',
        [
          ['currency_id.name', '=', amount.currency],
          ['name', '<=', date],
        ],
        ['rate'],
        { limit: 1, order: 'name desc' },
      );
      rate = row && row.rate > 0 ? row.rate : 1;
      // A past date's rate is settled; today's may still be corrected: only past ones are kept.
      if (date < new Date().toISOString().slice(0, 10)) this.#rates.set(key, rate);
    }
    return fromDecimal(Number(toDecimal(amount)) / rate, company);
  }

  /** The id of a currency by ISO code (inactive ones too), cached. */
  async idOf(code: string): Promise<number> {
    const hit = this.#ids.get(code);
    if (hit !== undefined) return hit;
    const [row] = await this.#conn.searchRead<{ id: number }>('res.currency', [['name', '=', code]], ['id'], {
      limit: 1,
      context: { active_test: false },
    });
    if (!row) throw new BadInputError(`Odoo has no currency ${code}`, 'ERR_ODOO_UNKNOWN_CURRENCY');
    this.#ids.set(code, row.id);
    return row.id;
  }

  /** The pricelist in `currency` (lowest id), or null when none exists. */
  async pricelistFor(currency: string): Promise<number | null> {
    const code = currency.toUpperCase();
    if (!this.#pricelists.has(code)) {
      const rows = await this.#conn.searchRead<{ id: number }>(
        'product.pricelist',
        [['currency_id.name', '=', code]],
        ['id'],
        { limit: 1, order: 'id asc' },
      );
      this.#pricelists.set(code, rows[0]?.id ?? null);
    }
    return this.#pricelists.get(code) ?? null;
  }
}
