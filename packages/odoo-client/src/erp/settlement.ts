import {
  IntegrationError,
  fromDecimal,
  toDecimal,
  type ErpFeeLine,
  type ErpJournalRef,
  type ErpOrderSettlement,
  type ErpOrderSettlementResult,
  type Money,
} from '@temu-odoo/core';
import type { OdooConnection } from '../odoo-connection.js';
import { invoiceAndRegisterPayment, postAndPay } from './invoicing.js';
import { MARKETPLACE_TAX_ACCOUNT } from './sale-tax-requests.js';

/** Where fees go when the company has it (generic chart "Expenses"); else the first expense account. */
export const FEE_ACCOUNT = { code: '600000', name: 'Expenses' } as const;

interface MoveRow {
  id: number;
  state: string;
  payment_state: string;
  currency_id: [number, string] | false;
}

/**
 * Settlement per order in Odoo (docs/odoo-api.md "Settlement per order"): the customer invoice is
 * paid into the shop's clearing journal (a bank-type journal: payments need one), what the
 * marketplace keeps becomes a vendor bill (`in_invoice`, or `in_refund` when it pays more than it
 * keeps) from the marketplace partner, paid from the same journal. Both payments book on the
 * journal's clearing account; its open items are the clearing balance. Every step is searched before it is done,
 * so a retry books nothing twice. Ids found or created are cached per instance.
 */
export class OdooSettlement {
  readonly #conn: OdooConnection;
  readonly #journals = new Map<string, Promise<number>>();
  readonly #partners = new Map<string, number>();
  readonly #accounts = new Map<string, number>();
  readonly #clearingAccounts = new Map<number, number>();

  constructor(conn: OdooConnection) {
    this.#conn = conn;
  }

  async payInvoiceInto(orderId: number, journal: ErpJournalRef): Promise<{ invoiceId: number }> {
    return invoiceAndRegisterPayment(this.#conn, orderId, await this.journal(journal));
  }

  async settle(input: ErpOrderSettlement): Promise<ErpOrderSettlementResult> {
    const [order] = await this.#conn.searchRead<{ id: number }>(
      'sale.order',
      [['client_order_ref', '=', input.orderRef]],
      ['id'],
      { limit: 1 },
    );
    if (!order) {
      throw new IntegrationError(`no Odoo sale order has client_order_ref ${input.orderRef} to settle`, {
        kind: 'business',
        code: 'ERR_ODOO_MISSING_RECORD',
      });
    }
    const journalId = await this.journal(input.clearingJournal);
    const { invoiceId } = await invoiceAndRegisterPayment(this.#conn, order.id, journalId);
    const total = input.fees.reduce((s, f) => s + f.amount.amountMinor, 0);
    if (total === 0) return { invoiceId, feeBillId: null };
    const [invoice] = await this.#conn.read<MoveRow>('account.move', [invoiceId], ['currency_id']);
    const bill = await this.#feeBill(input, total, invoice?.currency_id || false);
    await postAndPay(this.#conn, [bill], journalId, input.billRef);
    return { invoiceId, feeBillId: bill.id };
  }

  /**
   * Open items of the journal's clearing account per currency (minor units): payments in (invoices)
   * minus payments out (fee bills) not yet matched by a payout.
   */
  async balance(journal: ErpJournalRef): Promise<Money[]> {
    const { accountId } = await this.clearing(journal);
    const rows = await this.#conn.searchReadAll<{
      amount_residual_currency: number;
      currency_id: [number, string] | false;
    }>(
      'account.move.line',
      [
        ['account_id', '=', accountId],
        ['reconciled', '=', false],
      ],
      ['amount_residual_currency', 'currency_id'],
    );
    const sums = new Map<string, number>();
    for (const l of rows) {
      if (!l.currency_id) continue;
      const code = l.currency_id[1];
      sums.set(code, (sums.get(code) ?? 0) + fromDecimal(l.amount_residual_currency, code).amountMinor);
    }
    return [...sums].map(([currency, amountMinor]) => ({ currency, amountMinor }));
  }

  /** Σ `amount_residual` (company currency) of the clearing account's open items. */
  async companyBalance(journal: ErpJournalRef, company: string): Promise<Money> {
    const { accountId } = await this.clearing(journal);
    const rows = await this.#conn.searchReadAll<{ amount_residual: number }>(
      'account.move.line',
      [
        ['account_id', '=', accountId],
        ['reconciled', '=', false],
      ],
      ['amount_residual'],
    );
    const minor = rows.reduce((s, l) => s + fromDecimal(l.amount_residual, company).amountMinor, 0);
    return { currency: company, amountMinor: minor };
  }

  /** The journal's id and its clearing account (the journal's payments in and out book there). */
  async clearing(ref: ErpJournalRef): Promise<{ journalId: number; accountId: number }> {
    const journalId = await this.journal(ref);
    const accountId = this.#clearingAccounts.get(journalId);
    if (accountId === undefined) throw new Error(`clearing journal ${ref.name} has no account yet`);
    return { journalId, accountId };
  }

  /**
   * The journal by name, created as a bank journal with the given code when missing. Concurrent
   * jobs of this process share one lookup; jobs of other processes may create a second journal or
   * account at the same moment, so after a create the lowest id is searched again and used: every
   * process settles on the same journal and clearing account.
   */
  journal(ref: ErpJournalRef): Promise<number> {
    let pending = this.#journals.get(ref.name);
    if (!pending) {
      pending = this.#findOrCreateJournal(ref);
      this.#journals.set(ref.name, pending);
      pending.catch(() => this.#journals.delete(ref.name));
    }
    return pending;
  }

  async #findOrCreateJournal(ref: ErpJournalRef): Promise<number> {
    const lowest = async () =>
      (
        await this.#conn.searchRead<{ id: number }>('account.journal', [['name', '=', ref.name]], ['id'], {
          limit: 1,
          order: 'id asc',
        })
      )[0]?.id;
    let id = await lowest();
    if (id === undefined) {
      await this.#createUnlessRaced(
        () => this.#conn.create('account.journal', [{ ...ref, type: 'bank' }]),
        lowest,
      );
      id = (await lowest())!;
    }
    this.#clearingAccounts.set(id, await this.#wireClearingAccount(id, ref));
    return id;
  }

  /**
   * Creates a record; when Odoo refuses it (a unique code another process created a moment ago:
   * Odoo's journal and account codes are unique per company), the record found by `find` is used.
   */
  async #createUnlessRaced(create: () => Promise<unknown>, find: () => Promise<number | undefined>) {
    try {
      await create();
    } catch (err) {
      if ((await find()) === undefined) throw err;
    }
  }

  /**
   * Payments of a clearing journal book on one reconcilable account of its own ("Temu clearing
   * shop"), set as the outstanding account of the journal's payment methods, so that its open items
   * are what the marketplace owes and a payout can be reconciled against them (docs/odoo-api.md
   * "Settlement per order").
   */
  async #wireClearingAccount(journalId: number, ref: ErpJournalRef): Promise<number> {
    const code = `CLR${ref.code}`;
    const lowest = async () =>
      (
        await this.#conn.searchRead<{ id: number }>('account.account', [['code', '=', code]], ['id'], {
          limit: 1,
          order: 'id asc',
        })
      )[0]?.id;
    let accountId = await lowest();
    if (accountId === undefined) {
      await this.#createUnlessRaced(
        () =>
          this.#conn.create('account.account', [
            { code, name: ref.name, account_type: 'asset_current', reconcile: true },
          ]),
        lowest,
      );
      accountId = (await lowest())!;
    }
    const methods = await this.#conn.searchRead<{ id: number; payment_account_id: [number, string] | false }>(
      'account.payment.method.line',
      [['journal_id', '=', journalId]],
      ['payment_account_id'],
    );
    const unwired = methods.filter((m) => !m.payment_account_id || m.payment_account_id[0] !== accountId);
    if (unwired.length > 0)
      await this.#conn.write(
        'account.payment.method.line',
        unwired.map((m) => m.id),
        { payment_account_id: accountId },
      );
    return accountId;
  }

  async #feeBill(
    input: ErpOrderSettlement,
    totalMinor: number,
    currency: [number, string] | false,
  ): Promise<MoveRow> {
    const moveType = totalMinor > 0 ? 'in_invoice' : 'in_refund';
    const fields = ['state', 'payment_state', 'currency_id'];
    const [found] = await this.#conn.searchRead<MoveRow>(
      'account.move',
      [
        ['move_type', '=', moveType],
        ['ref', '=', input.billRef],
        ['state', '!=', 'cancel'],
      ],
      fields,
      { limit: 1 },
    );
    if (found) return found;
    const sign = totalMinor > 0 ? 1 : -1;
    const lines = await Promise.all(
      input.fees.map(async (f) => [
        0,
        0,
        {
          name: f.label,
          account_id: await this.#accountFor(f),
          quantity: 1,
          price_unit: toDecimal({ ...f.amount, amountMinor: sign * f.amount.amountMinor }),
          // Lines without a product get no default taxes, but say so (fixtures vendor_bill_fees).
          tax_ids: [[6, 0, []]],
        },
      ]),
    );
    const [id] = await this.#conn.create('account.move', [
      {
        move_type: moveType,
        partner_id: await this.#partner(input.feePartnerName),
        ...(currency ? { currency_id: currency[0] } : {}),
        invoice_date: new Date().toISOString().slice(0, 10),
        ref: input.billRef,
        invoice_line_ids: lines,
      },
    ]);
    return { id: id!, state: 'draft', payment_state: 'not_paid', currency_id: currency };
  }

  async #partner(name: string): Promise<number> {
    const hit = this.#partners.get(name);
    if (hit !== undefined) return hit;
    const [row] = await this.#conn.searchRead<{ id: number }>(
      'res.partner',
      [
        ['name', '=', name],
        ['is_company', '=', true],
      ],
      ['id'],
      { limit: 1 },
    );
    const id =
      row?.id ?? (await this.#conn.create('res.partner', [{ name, is_company: true, supplier_rank: 1 }]))[0]!;
    this.#partners.set(name, id);
    return id;
  }

  /** Collected tax offsets the "collected by the marketplace" account; fees go to expenses. */
  #accountFor(fee: ErpFeeLine): Promise<number> {
    return fee.kind === 'collected_tax'
      ? this.account(MARKETPLACE_TAX_ACCOUNT.code, MARKETPLACE_TAX_ACCOUNT.name, 'liability_current')
      : this.account(FEE_ACCOUNT.code, FEE_ACCOUNT.name, 'expense');
  }

  /**
   * The account with this code; for expenses any expense account (first by code) will do when the
   * chart has no such code; created only when none exists.
   */
  async account(code: string, name: string, type: string, anyOfType = type === 'expense'): Promise<number> {
    const hit = this.#accounts.get(code);
    if (hit !== undefined) return hit;
    let [row] = await this.#conn.searchRead<{ id: number }>(
      'account.account',
      [['code', '=', code]],
      ['id'],
      {
        limit: 1,
      },
    );
    if (!row && anyOfType) {
      [row] = await this.#conn.searchRead<{ id: number }>(
        'account.account',
        [['account_type', '=', 'expense']],
        ['id'],
        { limit: 1, order: 'code' },
      );
    }
    const id =
      row?.id ?? (await this.#conn.create('account.account', [{ code, name, account_type: type }]))[0]!;
    this.#accounts.set(code, id);
    return id;
  }
}
