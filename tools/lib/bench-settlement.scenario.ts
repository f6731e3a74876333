import { performance } from 'node:perf_hooks';
import { formatStatementCsv, importStatement, money, type ErpJournalRef, type Payout } from '@temu-odoo/core';
import { OdooConnection, OdooErp, grantBankStatementAccess } from '@temu-odoo/odoo-client';
import { startOdooSandbox } from '@temu-odoo/odoo-sandbox';
import { round } from './report.js';

export interface SettlementRunResult {
  params: { lines: number; ordersPerPayout: number };
  payouts: number;
  durationSeconds: number;
  odooCalls: number;
  odooCallsPerLine: number;
  odooCallsByMethod: Record<string, number>;
  allReconciled: boolean;
  clearingBalanceAfter: number;
  secondImport: { odooCalls: number; newlyBooked: number };
}

const CHUNK = 2_000;

/**
 * Scenario 7 (issue 11): a statement of `lines` order rows (payouts of `ordersPerPayout`) imported
 * into an Odoo sandbox holding as many settled orders, each with its open clearing item. Measures
 * the import only: Odoo calls per statement line (target ≤ 0.2), time, and that every payout was
 * reconciled with the clearing balance back to 0; then the same statement again books nothing.
 * The settled orders are seeded over RPC in bulk (sale orders, and one posted clearing entry per
 * order at what the marketplace owes), which is not what is measured.
 */
export async function runSettlementImport(p: SettlementRunResult['params']): Promise<SettlementRunResult> {
  const sandbox = await startOdooSandbox({ port: 0, version: '18.0' });
  const options = { url: sandbox.url, db: sandbox.db, username: 'admin', password: 'admin' };
  try {
    const clearing: ErpJournalRef = { name: 'Temu clearing bench', code: 'TBNCH' };
    const bank: ErpJournalRef = { name: 'Bank', code: 'BNK1' };
    const seed = new OdooErp(new OdooConnection(options));
    const conn = seed.connection;
    await grantBankStatementAccess(conn);
    await seed.clearingBalance(clearing); // creates the journal and its clearing account
    const [journal] = await conn.searchRead<{ id: number }>(
      'account.journal',
      [['name', '=', clearing.name]],
      ['id'],
    );
    const [account] = await conn.searchRead<{ id: number }>(
      'account.account',
      [['code', '=', `CLR${clearing.code}`]],
      ['id'],
    );
    const [partner] = await conn.create('res.partner', [{ name: 'Bench buyer' }]);
    const refs = Array.from({ length: p.lines }, (_, i) => `PO-BENCH-${String(i).padStart(8, '0')}`);
    // 1.00 + (i mod 50) cents … so payouts differ.
    const owed = (i: number) => 1000 + (i % 50);
    for (let i = 0; i < refs.length; i += CHUNK) {
      const chunk = refs.slice(i, i + CHUNK);
      await conn.create(
        'sale.order',
        chunk.map((ref) => ({ partner_id: partner, client_order_ref: ref })),
      );
      const moves = await conn.create(
        'account.move',
        chunk.map((ref) => ({ move_type: 'entry', state: 'posted', journal_id: journal!.id, ref })),
      );
      await conn.create(
        'account.move.line',
        moves.map((move_id, k) => ({
          move_id,
          account_id: account!.id,
          partner_id: partner,
          balance: owed(i + k) / 100,
          name: chunk[k],
        })),
      );
    }
    const payouts: Payout[] = [];
    for (let i = 0; i < refs.length; i += p.ordersPerPayout) {
      const rows = refs.slice(i, i + p.ordersPerPayout).map((orderRef, k) => ({
        line: 0,
        kind: 'order' as const,
        orderRef,
        amount: money(owed(i + k), 'USD'),
      }));
      const total = rows.reduce((s, r) => s + r.amount.amountMinor, 0);
      payouts.push({
        payoutId: `BENCH-${String(payouts.length + 1).padStart(5, '0')}`,
        date: '2026-11-30',
        currency: 'USD',
        rows,
        total: money(total, 'USD'),
      });
    }
    const text = formatStatementCsv(payouts);

    const erp = new OdooErp(new OdooConnection(options));
    await erp.connect();
    erp.counter.reset();
    const t0 = performance.now();
    const report = await importStatement(erp, { text, bankJournal: bank, clearingJournal: clearing });
    const durationSeconds = round((performance.now() - t0) / 1000, 2);
    const odooCalls = erp.counter.businessTotal();
    const odooCallsByMethod = erp.counter.snapshot();
    const balance = await erp.clearingBalance(clearing);
    erp.counter.reset();
    const again = await importStatement(erp, { text, bankJournal: bank, clearingJournal: clearing });
    return {
      params: p,
      payouts: report.payouts.length,
      durationSeconds,
      odooCalls,
      odooCallsPerLine: round(odooCalls / p.lines, 4),
      odooCallsByMethod,
      allReconciled:
        report.rejected.length === 0 &&
        report.payouts.every((r) => r.reconciled && r.difference.amountMinor === 0),
      clearingBalanceAfter: balance.reduce((s, m) => s + m.amountMinor, 0),
      secondImport: {
        odooCalls: erp.counter.businessTotal(),
        newlyBooked: again.payouts.filter((r) => !r.alreadyBooked).length,
      },
    };
  } finally {
    await sandbox.close();
  }
}
