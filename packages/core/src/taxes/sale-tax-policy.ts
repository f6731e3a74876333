import { DEFAULT_MARKETPLACE_NAME } from '../marketplace-name.js';
import { BadInputError } from '../errors.js';
import { usStateCode } from './us-states.js';

/**
 * Which ERP sale tax a marketplace line gets (R5). Temu reports a tax rate per line; the ERP must
 * book exactly that rate for the order's destination, never the product's default tax (an Odoo
 * product created with the generic chart carries 15 %, and a 7.25 % Temu line kept it silently —
 * the total then differed from what the buyer paid). The resolution, in order:
 *
 * 1. a mapping rule for the shop (or `*`) and the destination (country, then country + state) and
 *    the rate names an existing ERP tax;
 * 2. otherwise a dedicated marketplace tax named after shop, destination and rate is found or
 *    created in the ERP (`createMissing`, on by default);
 * 3. otherwise the order is parked with "no ERP sale tax for 7.25% (US-CA) in shop X" until a
 *    rule maps it (then replayed).
 *
 * Where the marketplace collects and remits the tax itself (US marketplace-facilitator sales tax,
 * EU import OSS), the dedicated tax books to a separate "collected by the marketplace" account so it
 * never shows as the seller's own liability; which destinations do so is configuration.
 */
export interface TaxMappingRule {
  /** A shop id, or `*` for every shop. */
  shopId: string;
  /** ISO 3166-1 alpha-2 of the destination. */
  country: string;
  /** State code (US: `CA`); absent = the whole country. */
  state?: string | null;
  /** The marketplace rate in percent (7.25 for 7.25 %). */
  ratePercent: number;
  /** Name of the ERP sale tax to use (exact `account.tax` name). */
  erpTaxName: string;
}

export interface SaleTaxPolicy {
  rules: TaxMappingRule[];
  /** Create a dedicated marketplace tax for a rate no rule maps (true), or park the order (false). */
  createMissing: boolean;
  /** Destinations (`US`, or `US-CA` for one state) whose tax the marketplace collects and remits. */
  marketplaceCollected: string[];
}

export const DEFAULT_SALE_TAX_POLICY: SaleTaxPolicy = {
  rules: [],
  createMissing: true,
  marketplaceCollected: [],
};

export interface Destination {
  country: string;
  /** Only kept where the marketplace reports taxes per state (US). */
  state: string | null;
}

/** A tax the ERP adapter finds by name or creates (with its own tax group of the same name). */
export interface DedicatedSaleTax {
  name: string;
  ratePercent: number;
  country: string;
  /** Tax booked to the "collected by the marketplace" account instead of the seller's tax account. */
  collectedByMarketplace: boolean;
}

/**
 * What the ERP line's tax must be:
 * - `none`: rate 0, explicitly no tax;
 * - `erp_default`: no rate known (order priced by estimate, which its note says), the ERP's defaults;
 * - `named`: an existing ERP tax mapped by a rule;
 * - `dedicated`: the marketplace tax of this shop, destination and rate, found or created.
 */
export type SaleTaxRequest =
  | { kind: 'none' }
  | { kind: 'erp_default' }
  | { kind: 'named'; erpTaxName: string; ratePercent: number }
  | { kind: 'dedicated'; tax: DedicatedSaleTax };

/** Countries where Temu reports the sales tax per state (US sales tax is a state tax). */
const STATE_TAX_COUNTRIES = new Set(['US']);

export function destinationOf(
  country: string | null | undefined,
  state: string | null | undefined,
): Destination {
  const cc = (country ?? '').trim().toUpperCase();
  const st = (state ?? '').trim();
  return { country: cc, state: STATE_TAX_COUNTRIES.has(cc) && st !== '' ? usStateCode(st) : null };
}

export function destinationLabel(d: Destination): string {
  return d.state ? `${d.country}-${d.state}` : d.country;
}

/** A fraction (0.0725) as the percent the ERP stores (7.25), to 4 decimals like Odoo's `amount`. */
export function ratePercentOf(fraction: number): number {
  return Math.round(fraction * 100 * 10_000) / 10_000;
}

/** 7.25 → "7.25%", 20 → "20%". */
export function formatRate(ratePercent: number): string {
  return `${Number(ratePercent.toFixed(4))}%`;
}

const sameRate = (a: number, b: number) => Math.abs(a - b) < 0.00005;

function findRule(policy: SaleTaxPolicy, shopId: string, d: Destination, ratePercent: number) {
  const candidates = policy.rules.filter(
    (r) =>
      (r.shopId === shopId || r.shopId === '*') &&
      r.country.toUpperCase() === d.country &&
      sameRate(r.ratePercent, ratePercent),
  );
  const rank = (r: TaxMappingRule) =>
    (r.state && d.state && r.state.toUpperCase() === d.state ? 0 : !r.state ? 2 : 9) +
    (r.shopId === shopId ? 0 : 1);
  return candidates.filter((r) => rank(r) < 9).sort((a, b) => rank(a) - rank(b))[0];
}

/** The destination's tax is collected and remitted by the marketplace (policy `marketplaceCollected`). */
export function collectedByMarketplace(policy: SaleTaxPolicy, d: Destination): boolean {
  const set = new Set(policy.marketplaceCollected.map((x) => x.trim().toUpperCase()));
  return set.has(d.country) || (d.state !== null && set.has(`${d.country}-${d.state}`));
}

/**
 * The tax request of one line. Throws a BadInputError (ERR_NO_SALE_TAX, the order is parked) when
 * no rule maps the rate and creating marketplace taxes is switched off.
 */
export function resolveSaleTax(
  shopId: string,
  destination: Destination,
  rateFraction: number | null,
  policy: SaleTaxPolicy = DEFAULT_SALE_TAX_POLICY,
  /** Names a dedicated tax (the ERP finds it again by that name): the app passes the connector's. */
  marketplaceName = DEFAULT_MARKETPLACE_NAME,
): SaleTaxRequest {
  if (rateFraction === null) return { kind: 'erp_default' };
  if (!Number.isFinite(rateFraction) || rateFraction < 0) {
    throw new BadInputError(`tax rate ${rateFraction} is not a rate`, 'ERR_BAD_TAX_RATE', { shopId });
  }
  if (rateFraction === 0) return { kind: 'none' };
  const ratePercent = ratePercentOf(rateFraction);
  const rule = findRule(policy, shopId, destination, ratePercent);
  if (rule) return { kind: 'named', erpTaxName: rule.erpTaxName, ratePercent };
  const where = destinationLabel(destination) || 'unknown destination';
  if (!policy.createMissing) {
    throw new BadInputError(
      `no ERP sale tax for ${formatRate(ratePercent)} (${where}) in shop ${shopId}: map it under "taxes" in MAPPING_FILE (or allow creating marketplace taxes), then replay`,
      'ERR_NO_SALE_TAX',
      { shopId, destination: where, ratePercent },
    );
  }
  const collected = collectedByMarketplace(policy, destination);
  return {
    kind: 'dedicated',
    tax: {
      name: `${marketplaceName} ${shopId} ${where} ${formatRate(ratePercent)}${collected ? ` (collected by ${marketplaceName})` : ''}`,
      ratePercent,
      country: destination.country,
      collectedByMarketplace: collected,
    },
  };
}
