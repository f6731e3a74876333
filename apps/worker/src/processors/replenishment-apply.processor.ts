import {
  BadInputError,
  IntegrationError,
  OPEN_PURCHASE_STATUSES,
  type ConsignmentMarketplacePort,
  type StockRequestOutcome,
} from '@temu-odoo/core';
import {
  stockRequestField,
  stockRequestsKey,
  type ProcessorFn,
  type ReplenishmentShipmentRow,
  type StockRequestRecord,
} from '@temu-odoo/queues';
import type { WorkerDeps } from '../worker-deps.js';
import { consignmentShop } from '../consignment/consignment-shop.js';
import { readReplenishmentPlan } from '../replenishment/plan-shop-replenishment.js';

/** Records outlive the plan's review period by far; a plan a month old is not applied again. */
const KEEP_SECONDS = 60 * 86_400;
/** Longer than one shipment's calls take (a few SKCs at Temu's 3 calls/s, with retries inside the client). */
const LOCK_MS = 120_000;
/** How far before an in-doubt call its purchase order may be stamped (clock skew with the marketplace). */
const SKEW_MS = 5 * 60_000;

/**
 * Issue 16: one planned bulk shipment → seller-initiated purchase orders on Temu (README
 * "Forecasting and replenishment"); from there consignment.poll brings them into Odoo and the
 * shipping flow carries them to Temu's warehouse. Exactly once per plan, warehouse, shipment and SKU:
 * each SKU is marked `applying` in Redis before the call and its outcome written after; a SKU already
 * requested is never asked again, and a SKU left `applying` by a crash is first looked for among the
 * purchase orders placed since (same SKU and quantity, not claimed by another shipment). Temu's
 * refusals park the job with Temu's code and words; a replay asks again only for the refused SKUs.
 */
export function replenishmentApply(deps: WorkerDeps): ProcessorFn<'replenishment.apply'> {
  return async ({ shopId, planId, warehouseId, shipmentId }, { log }) => {
    const { market } = consignmentShop(deps, shopId);
    const plan = await readReplenishmentPlan(deps.redis, deps.prefix, shopId);
    if (!plan || plan.planId !== planId)
      throw new BadInputError(
        `plan ${planId} is not shop ${shopId}'s last plan (${plan?.planId ?? 'none'}): plan again and apply the current plan`,
        'ERR_STALE_PLAN',
      );
    const shipment = plan.shipments.find((s) => s.shipmentId === shipmentId && s.warehouseId === warehouseId);
    if (!shipment)
      throw new BadInputError(
        `plan ${planId} has no shipment ${shipmentId} to warehouse ${warehouseId} (shop ${shopId})`,
        'ERR_UNKNOWN_SHIPMENT',
      );
    // Two runs of one shipment at once (a replay beside a retry) would both see "not requested".
    const lockRef = `stock-request:${planId}:${warehouseId}:${shipmentId}`;
    const { token, locked } = await deps.locks.acquire(shopId, [lockRef], LOCK_MS);
    if (!locked.size)
      throw new IntegrationError(
        `shipment ${shipmentId} of plan ${planId} is being applied by another worker`,
        {
          kind: 'not_ready',
          code: 'ERR_STOCK_REQUEST_LOCKED',
        },
      );
    try {
      return await applyShipment(deps, market, { shopId, planId, warehouseId, shipment }, log);
    } finally {
      await deps.locks.release(shopId, [lockRef], token);
    }
  };
}

async function applyShipment(
  deps: WorkerDeps,
  market: ConsignmentMarketplacePort,
  input: { shopId: string; planId: string; warehouseId: string; shipment: ReplenishmentShipmentRow },
  log: { info: (obj: object, msg: string) => void },
) {
  const { shopId, planId, warehouseId, shipment } = input;
  const shipmentId = shipment.shipmentId;
  const key = stockRequestsKey(deps.prefix, shopId, planId);
  const field = (sku: string) => stockRequestField(warehouseId, shipmentId, sku);
  const records = await readRecords(deps, key);
  const lines = shipment.lines.filter((l) => l.units > 0);
  const already = lines.filter((l) => records.get(field(l.sku))?.state === 'requested');
  let pending = lines.filter((l) => records.get(field(l.sku))?.state !== 'requested');

  const inDoubt = pending.filter((l) => records.get(field(l.sku))?.state === 'applying');
  let recovered = 0;
  if (inDoubt.length) {
    const found = await findOnMarketplace(
      market,
      inDoubt.map((l) => ({ sku: l.sku, quantity: l.units, atMs: records.get(field(l.sku))!.atMs })),
      claimedElsewhere(records, `${warehouseId}/${shipmentId}/`),
      deps.clock.nowMs(),
    );
    for (const [sku, purchaseRef] of found)
      records.set(
        field(sku),
        await write(deps, key, field(sku), {
          state: 'requested',
          atMs: deps.clock.nowMs(),
          quantity: lines.find((l) => l.sku === sku)!.units,
          purchaseRef,
          recovered: true,
        }),
      );
    pending = pending.filter((l) => !found.has(l.sku));
    recovered = found.size;
  }

  let outcomes: StockRequestOutcome[] = [];
  if (pending.length) {
    const atMs = deps.clock.nowMs();
    const multi = deps.redis.multi();
    for (const l of pending)
      multi.hset(key, field(l.sku), JSON.stringify({ state: 'applying', atMs, quantity: l.units }));
    await multi.expire(key, KEEP_SECONDS).exec();
    const shipByEnd = Date.parse(`${shipment.shipBy}T23:59:59.999Z`);
    outcomes = await market.requestStock({
      lines: pending.map((l) => ({ sku: l.sku, quantity: l.units })),
      // A late shipment's date is past: Temu would refuse a latest ship time before now.
      latestShipByMs: shipByEnd > atMs ? shipByEnd : null,
    });
    for (const o of outcomes)
      for (const sku of o.skus) {
        const quantity = pending.find((l) => l.sku === sku)?.units ?? 0;
        await write(
          deps,
          key,
          field(sku),
          o.status === 'requested'
            ? { state: 'requested', atMs, quantity, purchaseRef: o.purchaseRef }
            : { state: 'refused', atMs, quantity, code: o.code, reason: o.reason },
        );
      }
  }
  const refused = outcomes.filter((o) => o.status === 'refused');
  const summary = {
    planId,
    warehouseId,
    shipmentId,
    requested: outcomes.filter((o) => o.status === 'requested').flatMap((o) => o.skus),
    alreadyRequested: already.map((l) => l.sku),
    recovered,
  };
  log.info({ ...summary, refused: refused.length }, 'replenishment stock requested from Temu');
  if (refused.length)
    throw new BadInputError(
      `Temu refused stocking for shipment ${shipmentId} of plan ${planId} (shop ${shopId}): ${refused
        .map((o) => (o.status === 'refused' ? `${o.skus.join(', ')}: ${o.code} ${o.reason}` : ''))
        .join('; ')}. Fix it on Temu (or plan again) and replay; requested SKUs are not asked again`,
      'ERR_TEMU_STOCKING_REFUSED',
    );
  return summary;
}

async function readRecords(deps: WorkerDeps, key: string): Promise<Map<string, StockRequestRecord>> {
  const raw = await deps.redis.hgetall(key);
  return new Map(Object.entries(raw).map(([f, v]) => [f, JSON.parse(v) as StockRequestRecord]));
}

async function write(
  deps: WorkerDeps,
  key: string,
  field: string,
  record: StockRequestRecord,
): Promise<StockRequestRecord> {
  await deps.redis.hset(key, field, JSON.stringify(record));
  return record;
}

/** Purchase orders other shipments of the plan already own (never taken as this one's). */
function claimedElsewhere(records: Map<string, StockRequestRecord>, ownPrefix: string): Set<string> {
  const out = new Set<string>();
  for (const [f, r] of records)
    if (!f.startsWith(ownPrefix) && r.state === 'requested' && r.purchaseRef) out.add(r.purchaseRef);
  return out;
}

/** SKU → purchase order placed since its in-doubt call with that SKU and quantity, if any. */
async function findOnMarketplace(
  market: ConsignmentMarketplacePort,
  lines: Array<{ sku: string; quantity: number; atMs: number }>,
  claimed: Set<string>,
  nowMs: number,
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const fromMs = Math.min(...lines.map((l) => l.atMs)) - SKEW_MS;
  for await (const po of market.listPurchaseOrders({ fromMs, toMs: nowMs + SKEW_MS })) {
    if (claimed.has(po.ref) || !OPEN_PURCHASE_STATUSES.has(po.status)) continue;
    for (const l of lines)
      if (!found.has(l.sku) && po.lines.some((x) => x.sellerSku === l.sku && x.quantity === l.quantity))
        found.set(l.sku, po.ref);
  }
  return found;
}
