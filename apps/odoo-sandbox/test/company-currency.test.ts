/**
 * Company-currency amounts of a foreign-currency invoice, as recorded on real Odoo 17 and 18
 * (fixtures currency_rates): a USD company, EUR rates 0.91 (2026-11-29) and 0.92 (2026-11-30).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startOdooSandbox, type RunningOdooSandbox } from '../src/index.js';
import { flowClient, type FlowClient } from './support/flow-client.js';

describe.each(['17.0', '18.0'] as const)('Odoo %s company-currency amounts', (version) => {
  let sandbox: RunningOdooSandbox;
  let odoo: FlowClient;
  let eur: number;
  let partner: number;
  beforeAll(async () => {
    sandbox = await startOdooSandbox({ port: 0, version, db: 'ccdb', username: 'admin', password: 'k' });
    odoo = flowClient(sandbox.url, 'ccdb', 'k', false);
    const [found] = await odoo.call<Array<{ id: number }>>(
      'res.currency',
      'search_read',
      null,
      { domain: [['name', '=', 'EUR']], fields: ['id'] },
      { active_test: false },
    );
    eur =
      found?.id ??
      (await odoo.call<number[]>('res.currency', 'create', null, { vals_list: [{ name: 'EUR' }] }))[0]!;
    await odoo.call('res.currency', 'write', [eur], { vals: { active: true } });
    await odoo.call('res.currency.rate', 'create', null, {
      vals_list: [
        { currency_id: eur, name: '2026-11-29', rate: 0.91 },
        { currency_id: eur, name: '2026-11-30', rate: 0.92 },
      ],
    });
    partner = (
      await odoo.call<number[]>('res.partner', 'create', null, {
        vals_list: [{ name: 'CC buyer' }],
      })
    )[0]!;
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  const invoice = async (type: string, date: string) => {
    // The recorded invoice: 2 × 12.41 + 11.03 = 35.85 EUR, 15 % tax per line 3.72 + 1.65 = 5.37 → 41.22.
    const [id] = await odoo.call<number[]>('account.move', 'create', null, {
      vals_list: [
        {
          move_type: type,
          partner_id: partner,
          currency_id: eur,
          invoice_date: date,
          invoice_line_ids: [
            [0, 0, { name: 'A', quantity: 2, price_unit: 12.41, tax_ids: [[6, 0, [1]]] }],
            [0, 0, { name: 'B', quantity: 1, price_unit: 11.03, tax_ids: [[6, 0, [1]]] }],
          ],
        },
      ],
    });
    const [row] = await odoo.call<Array<Record<string, unknown>>>('account.move', 'read', [id!], {
      fields: [
        'amount_total',
        'amount_untaxed_signed',
        'amount_total_signed',
        'amount_total_in_currency_signed',
      ],
    });
    return row!;
  };

  it('converts at the invoice date: the total on 18, line by line with the tax on its own on 17', async () => {
    // 24.82 / 0.92 = 26.978 → 26.98 and 11.03 / 0.92 = 11.989 → 11.99: untaxed 38.97 USD.
    // 18: 41.22 / 0.92 = 44.804 → 44.80. 17: 38.97 + 5.37 / 0.92 (5.837 → 5.84) = 44.81.
    expect(await invoice('out_invoice', '2026-11-30')).toMatchObject({
      amount_total: 41.22,
      amount_untaxed_signed: 38.97,
      amount_total_signed: version === '18.0' ? 44.8 : 44.81,
      amount_total_in_currency_signed: 41.22,
    });
    // A day earlier, the 0.91 rate: 41.22 / 0.91 = 45.297 → 45.30 on 18; 17: 24.82/0.91 = 27.27,
    // 11.03/0.91 = 12.12, 5.37/0.91 = 5.90 → 45.29. A credit note is negative.
    expect(await invoice('out_refund', '2026-11-29')).toMatchObject({
      amount_total_signed: version === '18.0' ? -45.3 : -45.29,
      amount_total_in_currency_signed: -41.22,
    });
  });
});
