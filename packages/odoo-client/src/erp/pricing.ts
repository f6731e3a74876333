import { fromDecimal, toDecimal } from '@temu-odoo/core';
import type { ErpProductCost, Money } from '@temu-odoo/core';
import { chunk, fromOdooDatetime, m2oId, m2oName, str } from '../domain.js';
import type { OdooConnection } from '../odoo-connection.js';
import type { OdooCurrencies } from './currencies.js';

/**
 * Pricing reads and the shop's price list (docs/odoo-api.md, "Pricelists and costs"): costs are
 * `product.product.standard_price` in the company currency; the age of stock is the `in_date` of
 * internal quants with a positive quantity; a shop's prices are fixed-price variant items
 * (`applied_on = '0_product_variant'`) of the pricelist named after the shop.
 */
export class OdooPricing {
  readonly #conn: OdooConnection;
  readonly #currencies: OdooCurrencies;
  readonly #chunkSize: number;

  constructor(conn: OdooConnection, currencies: OdooCurrencies, chunkSize: number) {
    this.#conn = conn;
    this.#currencies = currencies;
    this.#chunkSize = chunkSize;
  }

  async readProductCosts(skus: string[]): Promise<Map<string, ErpProductCost>> {
    const currency = (await this.#currencies.companyCurrency()) ?? 'USD';
    const out = new Map<string, ErpProductCost>();
    for (const part of chunk([...new Set(skus)], this.#chunkSize)) {
      const rows = await this.#conn.searchRead<{
        id: number;
        default_code: unknown;
        standard_price: unknown;
        categ_id: unknown;
        weight: unknown;
      }>(
        'product.product',
        [['default_code', 'in', part]],
        ['id', 'default_code', 'standard_price', 'categ_id', 'weight'],
        {
          order: 'id asc',
        },
      );
      for (const r of rows) {
        const sku = str(r.default_code);
        // default_code is not unique in Odoo: the lowest id wins, as in resolveProducts.
        if (sku === null || out.has(sku)) continue;
        const cost = typeof r.standard_price === 'number' && r.standard_price > 0 ? r.standard_price : null;
        out.set(sku, {
          sku,
          productId: r.id,
          cost: cost === null ? null : fromDecimal(cost, currency),
          category: m2oName(r.categ_id),
          weightKg: typeof r.weight === 'number' && r.weight > 0 ? r.weight : null,
        });
      }
    }
    return out;
  }

  /**
   * Oldest `in_date` among the product's positive internal quants. A receipt merged into an existing
   * quant keeps the quant's first date (fixtures stock_scrap_ageing.json), so this is the age of the
   * oldest stock still counted, which is what a slow-mover discount wants.
   */
  async readOldestStockDates(productIds: number[]): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    for (const part of chunk([...new Set(productIds)], this.#chunkSize)) {
      const rows = await this.#conn.searchRead<{ product_id: unknown; in_date: unknown }>(
        'stock.quant',
        [
          ['product_id', 'in', part],
          ['location_id.usage', '=', 'internal'],
          ['quantity', '>', 0],
        ],
        ['product_id', 'in_date'],
      );
      for (const r of rows) {
        const id = m2oId(r.product_id);
        const at = fromOdooDatetime(r.in_date);
        if (id === null || at === null) continue;
        const known = out.get(id);
        if (known === undefined || at < known) out.set(id, at);
      }
    }
    return out;
  }

  async readPriceList(name: string): Promise<Map<number, Money>> {
    const list = await this.#findPriceList(name);
    if (!list) return new Map();
    return new Map(
      [...(await this.#items(list.id)).values()].map((i) => [
        i.productId,
        fromDecimal(i.price, list.currency),
      ]),
    );
  }

  /**
   * Writes changed prices in batches: Odoo's `write` sets one value on many records, so items whose
   * price changed are deleted in one `unlink` and created again, with the new ones, in one `create`
   * per chunk — two calls per chunk instead of one per price.
   */
  async writePriceList(
    name: string,
    currency: string,
    prices: Array<{ productId: number; price: Money }>,
  ): Promise<{ written: number; unchanged: number }> {
    const list = (await this.#findPriceList(name)) ?? (await this.#createPriceList(name, currency));
    const existing = await this.#items(list.id);
    const stale: number[] = [];
    const fresh: Array<Record<string, unknown>> = [];
    let unchanged = 0;
    for (const p of prices) {
      if (p.price.currency !== list.currency)
        throw new Error(
          `price list "${name}" is in ${list.currency}, a price in ${p.price.currency} was given`,
        );
      const value = toDecimal(p.price);
      const item = existing.get(p.productId);
      if (item && item.price === value) {
        unchanged++;
        continue;
      }
      if (item) stale.push(item.id);
      fresh.push({
        pricelist_id: list.id,
        applied_on: '0_product_variant',
        product_id: p.productId,
        compute_price: 'fixed',
        fixed_price: value,
      });
    }
    for (const ids of chunk(stale, this.#chunkSize))
      await this.#conn.call({ model: 'product.pricelist.item', method: 'unlink', ids });
    for (const vals of chunk(fresh, this.#chunkSize)) await this.#conn.create('product.pricelist.item', vals);
    return { written: fresh.length, unchanged };
  }

  async #findPriceList(name: string): Promise<{ id: number; currency: string } | null> {
    const rows = await this.#conn.searchRead<{ id: number; currency_id: unknown }>(
      'product.pricelist',
      [['name', '=', name]],
      ['id', 'currency_id'],
      { limit: 1, order: 'id asc' },
    );
    const row = rows[0];
    return row ? { id: row.id, currency: m2oName(row.currency_id) ?? 'USD' } : null;
  }

  async #createPriceList(name: string, currency: string): Promise<{ id: number; currency: string }> {
    const rows = await this.#conn.searchRead<{ id: number }>(
      'res.currency',
      [['name', '=', currency]],
      ['id'],
      {
        limit: 1,
        context: { active_test: false },
      },
    );
    if (!rows[0]) throw new Error(`Odoo has no currency ${currency} for the price list "${name}"`);
    const [id] = await this.#conn.create('product.pricelist', [{ name, currency_id: rows[0].id }]);
    return { id: id!, currency };
  }

  /** Fixed-price variant items of a list, one per product (the newest wins if a user added twins). */
  async #items(pricelistId: number): Promise<Map<number, { id: number; productId: number; price: number }>> {
    const rows = await this.#conn.searchReadAll<{ id: number; product_id: unknown; fixed_price: unknown }>(
      'product.pricelist.item',
      [
        ['pricelist_id', '=', pricelistId],
        ['applied_on', '=', '0_product_variant'],
        ['compute_price', '=', 'fixed'],
      ],
      ['product_id', 'fixed_price'],
      { pageSize: Math.max(this.#chunkSize, 2000) },
    );
    const out = new Map<number, { id: number; productId: number; price: number }>();
    for (const r of rows) {
      const productId = m2oId(r.product_id);
      if (productId === null) continue;
      const known = out.get(productId);
      if (!known || r.id > known.id)
        out.set(productId, { id: r.id, productId, price: Number(r.fixed_price) });
    }
    return out;
  }
}
