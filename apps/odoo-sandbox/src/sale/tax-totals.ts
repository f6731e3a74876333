/**
 * `sale.order.tax_totals`, the widget summary (fixtures taxes_fiscal_positions): one "Untaxed
 * Amount" subtotal with one entry per tax group. 17 keys it by subtotal name with formatted strings
 * ("$\u00a0154.37"); 18 has `subtotals[].tax_groups[]` with `*_currency` amounts and no strings.
 */
import { round } from '../float-round.js';
import type { Env } from '../model-types.js';
import { roundsGlobally, type LineAmounts } from './amounts.js';

interface GroupTotal {
  id: number;
  name: string;
  taxIds: number[];
  base: number;
  tax: number;
}

function groupTotals(env: Env, lines: LineAmounts[]): GroupTotal[] {
  const groups = new Map<number, GroupTotal & { raw: Map<number, number> }>();
  for (const l of lines) {
    const seen = new Set<number>();
    for (const [taxId, raw] of l.rawTaxes) {
      const tax = env.store.get('account.tax', taxId);
      const groupId = Number(tax?.tax_group_id ?? 0);
      let g = groups.get(groupId);
      if (!g) {
        const name = String(env.store.get('account.tax.group', groupId)?.name ?? '');
        groups.set(groupId, (g = { id: groupId, name, taxIds: [], base: 0, tax: 0, raw: new Map() }));
      }
      if (!g.taxIds.includes(taxId)) g.taxIds.push(taxId);
      g.raw.set(taxId, (g.raw.get(taxId) ?? 0) + raw);
      g.tax += round(raw);
      if (!seen.has(groupId)) g.base += l.subtotal;
      seen.add(groupId);
    }
  }
  const global = roundsGlobally(env);
  return [...groups.values()]
    .sort((a, b) => a.id - b.id)
    .map(({ raw, ...g }) => ({
      ...g,
      base: round(g.base),
      tax: global ? round([...raw.values()].reduce((s, r) => s + round(r), 0)) : round(g.tax),
    }));
}

function formatted(env: Env, currencyId: number, amount: number): string {
  const c = env.store.get('res.currency', currencyId);
  const text = amount.toFixed(2);
  const symbol = String(c?.symbol ?? '');
  return c?.position === 'after' ? `${text}\u00a0${symbol}` : `${symbol}\u00a0${text}`;
}

export function taxTotals(
  env: Env,
  lines: LineAmounts[],
  totals: { untaxed: number; tax: number; total: number },
  currencyId: number,
): Record<string, unknown> {
  const groups = groupTotals(env, lines);
  const { untaxed, tax, total } = totals;
  if (env.major <= 17) {
    const fmt = (n: number) => formatted(env, currencyId, n);
    return {
      amount_untaxed: untaxed,
      amount_total: total,
      formatted_amount_total: fmt(total),
      formatted_amount_untaxed: fmt(untaxed),
      groups_by_subtotal: {
        'Untaxed Amount': groups.map((g) => ({
          group_key: g.id,
          tax_group_id: g.id,
          tax_group_name: g.name,
          tax_group_amount: g.tax,
          tax_group_base_amount: g.base,
          formatted_tax_group_amount: fmt(g.tax),
          formatted_tax_group_base_amount: fmt(g.base),
          hide_base_amount: false,
        })),
      },
      subtotals: [{ name: 'Untaxed Amount', amount: untaxed, formatted_amount: fmt(untaxed) }],
      subtotals_order: ['Untaxed Amount'],
      display_tax_base: false,
    };
  }
  const companyCurrency = Number(env.store.get('res.company', 1)?.currency_id ?? 1);
  return {
    currency_id: currencyId,
    currency_pd: 0.01,
    company_currency_id: companyCurrency,
    company_currency_pd: 0.01,
    has_tax_groups: groups.length > 0,
    subtotals: [
      {
        tax_groups: groups.map((g) => ({
          id: g.id,
          involved_tax_ids: g.taxIds,
          tax_amount_currency: g.tax,
          tax_amount: g.tax,
          base_amount_currency: g.base,
          base_amount: g.base,
          display_base_amount_currency: g.base,
          display_base_amount: g.base,
          group_name: g.name,
          group_label: false,
        })),
        tax_amount_currency: tax,
        tax_amount: tax,
        base_amount_currency: untaxed,
        base_amount: untaxed,
        name: 'Untaxed Amount',
      },
    ],
    base_amount_currency: untaxed,
    base_amount: untaxed,
    tax_amount_currency: tax,
    tax_amount: tax,
    same_tax_base: groups.every((g) => g.base === untaxed),
    total_amount_currency: total,
    total_amount: total,
  };
}
