import {
  fromDecimal,
  IntegrationError,
  toDecimal,
  type ErpJournalRef,
  type ErpPayout,
  type ErpPayoutBatch,
  type ErpPayoutBooking,
} from '@temu-odoo/core';
import type { OdooConnection } from '../odoo-connection.js';
import type { OdooCurrencies } from './currencies.js';
import type { OdooSettlement } from './settlement.js';
import { bookAdjustments } from './payout-adjustments.js';

interface BankJournal {
  id: number;
  name: string;
  liquidity: number;
  /** The journal's own currency; null: the company currency. */
  currency: string | null;
}

interface StatementLineRow {
  id: number;
  payment_ref: string;
  is_reconciled: boolean;
  move_id: [number, string];
}

interface ItemRow {
  id: number;
  ref: string | false;
  move_id: [number, string];
  account_id: [number, string];
  amount_residual_currency: number;
  reconciled: boolean;
}

/**
 * Payouts into the seller's bank (docs/odoo-api.md "Payouts"): Community has no public matching
 * API, so each payout is a bank statement line whose suspense item is moved to the clearing
 * account and reconciled there with the open clearing items of the orders it pays (what the
 * recordings show working on 17 and 18). Batched: lookups with `in` domains in chunks, one create
 * for all new lines, one write for all their suspense items, then one reconcile per payout.
 */
export class OdooPayouts {
  readonly #conn: OdooConnection;
  readonly #settlement: OdooSettlement;
  readonly #currencies: OdooCurrencies;
  readonly #chunkSize: number;
  readonly #bankJournals = new Map<string, BankJournal>();

  constructor(
    conn: OdooConnection,
    settlement: OdooSettlement,
    currencies: OdooCurrencies,
    chunkSize: number,
  ) {
    this.#conn = conn;
    this.#settlement = settlement;
    this.#currencies = currencies;
    this.#chunkSize = chunkSize;
  }

  async book(input: ErpPayoutBatch): Promise<ErpPayoutBooking[]> {
    if (input.payouts.length === 0) return [];
    const clearingIds = await this.#settlement.clearing(input.clearingJournal);
    const clearing = clearingIds.accountId;
    const bank = await this.#bankJournal(input.bankJournal);
    const existing = new Map<string, StatementLineRow>();
    for (const refs of this.#chunks(input.payouts.map((p) => p.ref))) {
      const rows = await this.#conn.searchRead<StatementLineRow>(
        'account.bank.statement.line',
        [
          ['journal_id', '=', bank.id],
          ['payment_ref', 'in', refs],
        ],
        ['payment_ref', 'is_reconciled', 'move_id'],
      );
      for (const r of rows) existing.set(r.payment_ref, r);
    }
    const adjustmentRefs = (p: ErpPayout) => (p.adjustments ?? []).map((a) => a.ref);
    const open = await this.#openItems(
      clearing,
      input.payouts.flatMap((p) => [...p.orders.flatMap((o) => o.clearingRefs), ...adjustmentRefs(p)]),
    );
    // Refunds, chargebacks, exchange differences of new payouts onto the clearing account first.
    const { refused, booked } = await bookAdjustments(
      this.#conn,
      this.#settlement,
      clearingIds,
      input.payouts.filter((p) => !existing.has(p.ref)),
      new Set(open.keys()),
      this.#currencies,
    );
    if (booked > 0)
      for (const [ref, items] of await this.#openItems(clearing, input.payouts.flatMap(adjustmentRefs)))
        open.set(ref, items);
    const fresh = input.payouts.filter((p) => !existing.has(p.ref) && !refused.has(p.ref));
    const vals = [];
    for (const p of fresh) vals.push(await this.#lineVals(bank, p));
    const created = await this.#conn.create('account.bank.statement.line', vals);
    const createdRows = await this.#conn.read<StatementLineRow>('account.bank.statement.line', created, [
      'payment_ref',
      'is_reconciled',
      'move_id',
    ]);
    for (const r of createdRows) existing.set(r.payment_ref, r);
    // Lines to finish: the new ones and any a crash left unreconciled.
    const toMatch = input.payouts.filter((p) => !refused.has(p.ref) && !existing.get(p.ref)!.is_reconciled);
    const counterItems = await this.#counterItems(
      toMatch.map((p) => existing.get(p.ref)!.move_id[0]),
      bank.liquidity,
    );
    const onSuspense = [...counterItems.values()]
      .filter((i) => i.account_id[0] !== clearing)
      .map((i) => i.id);
    await this.#conn.write('account.move.line', onSuspense, { account_id: clearing });

    const out: ErpPayoutBooking[] = [];
    for (const p of input.payouts) {
      const refusals = refused.get(p.ref);
      if (refusals) {
        out.push({
          ref: p.ref,
          statementLineId: 0,
          alreadyBooked: false,
          expected: { amountMinor: 0, currency: p.amount.currency },
          ordersMatched: 0,
          reconciled: false,
          refused: refusals,
        });
        continue;
      }
      const line = existing.get(p.ref)!;
      const alreadyBooked = !created.includes(line.id);
      const orderItems = p.orders.map((o) => o.clearingRefs.flatMap((ref) => open.get(ref) ?? []));
      const items = [...orderItems, ...adjustmentRefs(p).map((ref) => open.get(ref) ?? [])];
      const counter = counterItems.get(line.move_id[0]);
      // A line matched by an earlier import settled exactly what was owed then. Otherwise what is
      // owed is what earlier attempts matched already (the payout less its counter item's residual,
      // which is −amount before any match) plus the open items found now: a payout booked before
      // all its orders were settled is finished by a later attempt (settlement.reconcile).
      // (Only on the clearing account: an item still on suspense was never matched.)
      const matchedBefore =
        counter && counter.account_id[0] === clearing ? p.amount.amountMinor + this.#minor(counter, p) : 0;
      const expectedMinor =
        alreadyBooked && line.is_reconciled
          ? p.amount.amountMinor
          : matchedBefore + items.flat().reduce((s, i) => s + this.#minor(i, p), 0);
      const ordersMatched = orderItems.filter((i) => i.length > 0).length;
      let reconciled = line.is_reconciled;
      if (!reconciled && counter && !counter.reconciled && items.flat().length > 0) {
        await this.#conn.action('account.move.line', 'reconcile', [
          counter.id,
          ...items.flat().map((i) => i.id),
        ]);
        reconciled = expectedMinor === p.amount.amountMinor;
      }
      out.push({
        ref: p.ref,
        statementLineId: line.id,
        alreadyBooked,
        expected: { amountMinor: expectedMinor, currency: p.amount.currency },
        ordersMatched,
        reconciled,
      });
    }
    return out;
  }

  /**
   * A payout in the bank journal's currency is a plain line. One in another currency (a EUR shop
   * paid into the company's USD bank) is booked like Odoo's foreign-currency statement line: the
   * amount in the journal's currency at Odoo's rate for the payout date, `foreign_currency_id` and
   * `amount_currency` the payout itself; its counterpart item is then in the payout's currency, so
   * it matches the clearing items in that currency and Odoo books the exchange difference against
   * their rates (docs/odoo-api.md "Company currency of journal items").
   */
  async #lineVals(bank: BankJournal, p: ErpPayout): Promise<Record<string, unknown>> {
    const base = { journal_id: bank.id, date: p.date, payment_ref: p.ref };
    const journalCurrency = bank.currency ?? (await this.#currencies.companyCurrency()) ?? p.amount.currency;
    if (journalCurrency === p.amount.currency) return { ...base, amount: toDecimal(p.amount) };
    if (bank.currency)
      throw new IntegrationError(
        `bank journal ${bank.name} is in ${bank.currency} but payout ${p.ref} is in ${p.amount.currency}: pay it into a ${p.amount.currency} bank journal or one in the company currency`,
        { kind: 'business', code: 'ERR_ODOO_PAYOUT_CURRENCY' },
      );
    const company = await this.#currencies.toCompany(p.amount, p.date);
    return {
      ...base,
      amount: toDecimal(company),
      foreign_currency_id: await this.#currencies.idOf(p.amount.currency),
      amount_currency: toDecimal(p.amount),
    };
  }

  #minor(item: ItemRow, p: ErpPayout): number {
    return fromDecimal(item.amount_residual_currency, p.amount.currency).amountMinor;
  }

  /** Unreconciled items of the clearing account by the reference of their entry. */
  async #openItems(clearing: number, refs: string[]): Promise<Map<string, ItemRow[]>> {
    const out = new Map<string, ItemRow[]>();
    for (const chunk of this.#chunks([...new Set(refs)])) {
      const rows = await this.#conn.searchRead<ItemRow>(
        'account.move.line',
        [
          ['account_id', '=', clearing],
          ['reconciled', '=', false],
          ['ref', 'in', chunk],
        ],
        ['ref', 'move_id', 'account_id', 'amount_residual_currency', 'reconciled'],
      );
      for (const r of rows) {
        if (!r.ref) continue;
        out.set(r.ref, [...(out.get(r.ref) ?? []), r]);
      }
    }
    return out;
  }

  /** Per statement entry, its item that is not on the bank account (the suspense one, or moved). */
  async #counterItems(moveIds: number[], liquidity: number): Promise<Map<number, ItemRow>> {
    const out = new Map<number, ItemRow>();
    for (const chunk of this.#chunks(moveIds)) {
      const rows = await this.#conn.searchRead<ItemRow>(
        'account.move.line',
        [
          ['move_id', 'in', chunk],
          ['account_id', '!=', liquidity],
        ],
        ['ref', 'move_id', 'account_id', 'amount_residual_currency', 'reconciled'],
      );
      for (const r of rows) out.set(r.move_id[0], r);
    }
    return out;
  }

  async #bankJournal(ref: ErpJournalRef): Promise<BankJournal> {
    const hit = this.#bankJournals.get(ref.name);
    if (hit) return hit;
    type Row = {
      id: number;
      default_account_id: [number, string] | false;
      currency_id: [number, string] | false;
    };
    const fields = ['default_account_id', 'currency_id'];
    let [row] = await this.#conn.searchRead<Row>('account.journal', [['name', '=', ref.name]], fields, {
      limit: 1,
    });
    if (!row) {
      const [id] = await this.#conn.create('account.journal', [{ ...ref, type: 'bank' }]);
      [row] = await this.#conn.read<Row>('account.journal', [id!], fields);
    }
    const journal = {
      id: row!.id,
      name: ref.name,
      liquidity: row!.default_account_id ? row!.default_account_id[0] : 0,
      currency: row!.currency_id ? row!.currency_id[1] : null,
    };
    this.#bankJournals.set(ref.name, journal);
    return journal;
  }

  #chunks<T>(items: T[]): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < items.length; i += this.#chunkSize) out.push(items.slice(i, i + this.#chunkSize));
    return out;
  }
}
