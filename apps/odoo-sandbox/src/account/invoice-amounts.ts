import type { Env, Rec } from '../model-types.js';
import { round } from '../float-round.js';
import { currencyDigits, lineAmounts, sumAmounts } from '../sale/amounts.js';

export function invoiceLines(env: Env, move: Rec): Rec[] {
  return env.store
    .all('account.move.line')
    .filter((l) => l.move_id === move.id && (l.display_type ?? 'product') === 'product')
    .sort((a, b) => a.id - b.id);
}

export function moveLineAmounts(env: Env, l: Rec) {
  return lineAmounts(
    env,
    Number(l.price_unit ?? 0),
    Number(l.quantity ?? 0),
    Number(l.discount ?? 0),
    (l.tax_ids as number[]) ?? [],
    currencyDigits(env, Number(env.store.get('account.move', Number(l.move_id))?.currency_id ?? 1)),
  );
}

export function moveAmounts(env: Env, move: Rec) {
  if (move.move_type === 'entry') {
    // Sandbox-made moves (payments, bank lines) carry their amount; others sum their debits.
    const total =
      move._entry_amount !== undefined
        ? Number(move._entry_amount)
        : round(
            env.store
              .all('account.move.line')
              .filter((l) => l.move_id === move.id)
              .reduce((s, l) => s + Math.max(Number(l.balance ?? 0), 0), 0),
          );
    return { untaxed: total, tax: 0, total };
  }
  return sumAmounts(
    env,
    invoiceLines(env, move).map((l) => moveLineAmounts(env, l)),
    currencyDigits(env, Number(move.currency_id ?? 1)),
  );
}

export function residual(env: Env, move: Rec): number {
  if (move.move_type === 'entry') return 0;
  return round(moveAmounts(env, move).total - Number(move._paid ?? 0));
}

/** Paid at once (no bank reconciliation step): "paid", not "in_payment" (fixtures order_invoice_pay). */
export function paymentState(env: Env, move: Rec): string {
  if (move.state !== 'posted' || move.move_type === 'entry') return 'not_paid';
  const paid = Number(move._paid ?? 0);
  if (paid <= 0) return 'not_paid';
  return residual(env, move) <= 0 ? 'paid' : 'partial';
}
