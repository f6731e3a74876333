import type { Redis } from 'ioredis';
import { toDecimal, type ErpPayout } from '@temu-odoo/core';
import { shopOfStateKey, shopStateKey } from './shop-state-keys.js';
import { scanKeys } from './scan-keys.js';

/** Per shop hash: payout id → JSON `PayoutReportEntry` (the last word on each payout booked). */
export const PAYOUT_REPORTS = 'payouts';

/** Reconciled payouts kept per shop beyond this many are dropped, oldest first (Redis never evicts). */
export const MAX_KEPT_PAYOUTS = 5_000;

/**
 * One payout's report (issue 11), written by `settlement.import` and updated by
 * `settlement.reconcile`, read by `/ops` and `pnpm ops payouts`. Amounts in minor units of `currency`.
 */
export interface PayoutReportEntry {
  payoutId: string;
  date: string;
  currency: string;
  amountMinor: number;
  expectedMinor: number;
  differenceMinor: number;
  orders: number;
  ordersMatched: number;
  reconciled: boolean;
  statementLineId: number;
  fileName: string;
  bankJournal: string;
  bookedAtMs: number;
  checkedAtMs: number;
  /** settlement.reconcile runs that looked at it after the import. */
  rechecks: number;
  /** What the ERP was asked, kept while not reconciled so settlement.reconcile can match it again. */
  booking: ErpPayout | null;
}

const keyOf = (prefix: string, shopId: string) => shopStateKey(prefix, shopId, PAYOUT_REPORTS);

/** Stores reports (one HSET), then drops the oldest reconciled ones beyond {@link MAX_KEPT_PAYOUTS}. */
export async function savePayoutReports(
  redis: Redis,
  prefix: string,
  shopId: string,
  entries: PayoutReportEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const key = keyOf(prefix, shopId);
  await redis.hset(key, Object.fromEntries(entries.map((e) => [e.payoutId, JSON.stringify(e)])));
  if ((await redis.hlen(key)) <= MAX_KEPT_PAYOUTS) return;
  const all = await readPayoutReports(redis, prefix, shopId);
  const drop = all
    .filter((e) => e.reconciled)
    .sort((a, b) => a.bookedAtMs - b.bookedAtMs)
    .slice(0, all.length - MAX_KEPT_PAYOUTS)
    .map((e) => e.payoutId);
  if (drop.length) await redis.hdel(key, ...drop);
}

/** The shop's payout reports (or the given payout ids), newest payout date first. */
export async function readPayoutReports(
  redis: Redis,
  prefix: string,
  shopId: string,
  payoutIds?: string[],
): Promise<PayoutReportEntry[]> {
  const key = keyOf(prefix, shopId);
  const raw =
    payoutIds === undefined
      ? Object.values(await redis.hgetall(key))
      : payoutIds.length === 0
        ? []
        : (await redis.hmget(key, ...payoutIds)).filter((v): v is string => v !== null);
  return raw
    .map((v) => JSON.parse(v) as PayoutReportEntry)
    .sort((a, b) => b.date.localeCompare(a.date) || a.payoutId.localeCompare(b.payoutId));
}

/** Shops that have payout reports (a SCAN over the few per-shop keys). */
export async function payoutReportShops(redis: Redis, prefix: string): Promise<string[]> {
  const shops = new Set<string>();
  for await (const keys of scanKeys(redis, keyOf(prefix, '*'), 500))
    for (const k of keys) {
      const shop = shopOfStateKey(prefix, k, PAYOUT_REPORTS);
      if (shop !== null) shops.add(shop);
    }
  return [...shops].sort();
}

/** A report as the operator reads it (decimals with the currency). */
export function payoutReportRow(e: PayoutReportEntry): Record<string, string | number | boolean> {
  const d = (minor: number) => `${toDecimal({ amountMinor: minor, currency: e.currency })} ${e.currency}`;
  return {
    payout: e.payoutId,
    date: e.date,
    orders: e.orders,
    ordersMatched: e.ordersMatched,
    amount: d(e.amountMinor),
    expected: d(e.expectedMinor),
    difference: d(e.differenceMinor),
    currency: e.currency,
    reconciled: e.reconciled,
    rechecks: e.rechecks,
    file: e.fileName,
  };
}
