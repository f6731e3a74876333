import { z } from 'zod';
import type { JobsOptions } from 'bullmq';
import type { EndpointGroup } from '@temu-odoo/temu-connector';
import { orderSchema } from './domain-schemas.js';
import { returnCaseSchema } from './return-cases.js';
import { consignmentShipmentSchema, purchaseOrderSchema } from './consignment-schemas.js';

/**
 * The one catalog of queues and jobs. Producers enqueue through `enqueue()` (parses the payload
 * first), processors parse again on receipt, the worker refuses to start without a processor for
 * every job here, and the dashboard mounts Bull Board from `QUEUE_NAMES`.
 */

/** Temu endpoint groups (defined in the connector); each has its own per-minute quota (R18) and queue. */
export type { EndpointGroup as TemuGroup } from '@temu-odoo/temu-connector';

export interface QueueDefinition {
  description: string;
  /**
   * The Temu endpoint group this queue's jobs mostly call (documentation: quotas and throttles are
   * applied per call and per app key by TemuQuotaLimiter, since a job may call several groups).
   */
  temuGroup?: EndpointGroup;
}

export const QUEUES = {
  'temu-orders': { description: 'Temu Order API: list, detail, address, amounts', temuGroup: 'orders' },
  'temu-inventory': { description: 'Temu stock pushes, one call per goodsId', temuGroup: 'inventory' },
  'temu-products': { description: 'Temu listings and prices', temuGroup: 'products' },
  'temu-shipping': { description: 'Tracking uploads to Temu', temuGroup: 'shipping' },
  'temu-finance': { description: 'Temu after-sales and settlement', temuGroup: 'finance' },
  odoo: { description: 'Reads and writes in Odoo, batched' },
  system: { description: 'Fleet housekeeping: heartbeats' },
} as const satisfies Record<string, QueueDefinition>;

export type QueueName = keyof typeof QUEUES;
export const QUEUE_NAMES = Object.keys(QUEUES) as QueueName[];

const shopId = z.string().min(1, { message: 'expected a shop id' });
const epochMs = z.number().int().nonnegative();

/**
 * Retry layers (CONVENTIONS §5): inside one call the connectors retry throttled/transient failures
 * (Temu: 1 s, 2 s, 4 s, 8 s = at most 15 s over 5 attempts); across time BullMQ retries the job.
 * Worst case of both for a default job: 6 attempts × (15 s + call time) plus backoff 5 s·2^n
 * (5+10+20+40+80 s) ≈ 4.5 min before it is parked in `failed`, where it can be replayed.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 24 * 3600, count: 5_000 },
  // Parked jobs wait 14 days for an operator; the count cap bounds Redis in a storm of failures
  // (each order can still be brought back by a reconcile: Temu holds the truth).
  removeOnFail: { age: 14 * 24 * 3600, count: 20_000 },
};

export interface JobDefinition {
  queue: QueueName;
  schema: z.ZodType;
  description: string;
  options?: JobsOptions;
}

export const JOBS = {
  'system.heartbeat': {
    queue: 'system',
    description: 'Proves the scheduler → Redis → worker path; records the last beat',
    schema: z.object({ from: z.string().min(1), sentAtMs: epochMs }),
    options: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  },
  'orders.poll': {
    queue: 'temu-orders',
    description: 'Pages through orders changed since the watermark and enqueues one sync per order',
    schema: z.object({ shopId, backfillDays: z.number().positive().max(365).optional() }),
  },
  'orders.sync': {
    queue: 'temu-orders',
    description: 'Reads one Temu order with its address and amounts and hands it to Odoo',
    schema: z.object({
      shopId,
      orderRef: z.string().min(1, { message: 'expected the Temu parentOrderSn' }),
      updatedAtMs: epochMs,
      reason: z.enum(['poll', 'webhook', 'reconcile', 'manual', 'backfill']),
      /** The order as the list returned it; spares a detail call. */
      snapshot: orderSchema.optional(),
      /** Read the address again even if cached (Temu said the buyer changed it). */
      refreshAddress: z.boolean().optional(),
    }),
  },
  'orders.reconcile': {
    queue: 'temu-orders',
    description: "Compares Temu's order list with Odoo for a window and re-enqueues what is missing or stale",
    schema: z.object({ shopId, fromMs: epochMs.optional(), toMs: epochMs.optional() }),
  },
  'orders.flush': {
    queue: 'odoo',
    description: 'Writes the orders waiting in the shop buffer to Odoo in one batch',
    schema: z.object({ shopId }),
  },
  'orders.upsert': {
    queue: 'odoo',
    description: 'Creates or advances Odoo sale orders for given Temu orders (parked orders wait here)',
    schema: z.object({ shopId, orders: z.array(orderSchema).min(1).max(500) }),
  },
  'stock.sweep': {
    queue: 'odoo',
    description: 'Reads Odoo stock changes, computes Temu targets and enqueues pushes',
    schema: z.object({ shopId, full: z.boolean().default(false) }),
  },
  'shipping.scan': {
    queue: 'odoo',
    description: 'Finds validated Odoo deliveries of Temu orders and enqueues tracking uploads',
    schema: z.object({ shopId }),
  },
  'stock.push': {
    queue: 'temu-inventory',
    description: 'Sets absolute stock targets for the SKUs of one Temu goods',
    schema: z.object({
      shopId,
      goodsId: z.string().min(1),
      targets: z.array(z.object({ skuId: z.string().min(1), quantity: z.number().int().min(0) })).min(1),
      /** Sweep time that computed the targets: a push older than the latest for its goods is skipped. */
      seq: epochMs,
    }),
  },
  'stock.reconcile': {
    queue: 'temu-inventory',
    description: "Reads Temu's current stock and corrects drift",
    schema: z.object({ shopId }),
  },
  'products.refresh': {
    queue: 'temu-products',
    description: "Refreshes the shop's SKU map (seller SKU, goodsId, listed price) from Temu",
    schema: z.object({ shopId }),
  },
  'shipping.confirm': {
    queue: 'temu-shipping',
    description: 'Uploads tracking numbers of one Odoo delivery to Temu, once',
    schema: z.object({
      shopId,
      orderRef: z.string().min(1),
      deliveryId: z.number().int().positive(),
      trackingNumber: z.string().min(1, { message: 'expected a tracking number' }),
      carrierName: z.string().nullable(),
      lines: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive() })).min(1),
    }),
  },
  'auth.check': {
    queue: 'temu-products',
    description: "Reads the shop token's expiry and scopes; warns well before it expires (no refresh exists)",
    schema: z.object({ shopId }),
  },
  'prices.plan': {
    queue: 'temu-products',
    description:
      'Computes the shop prices (formula + rules) from Odoo costs and stock age, and enqueues one push per goods whose price moves',
    /** dryRun: compute and keep the table (for `pnpm ops prices --dry-run`), push nothing. */
    schema: z.object({ shopId, dryRun: z.boolean().default(false) }),
  },
  'prices.push': {
    queue: 'temu-products',
    description:
      'Files new base prices for the SKUs of one Temu goods (one price-order call), once per SKU and price',
    schema: z.object({
      shopId,
      goodsId: z.string().min(1),
      skus: z
        .array(
          z.object({
            skuId: z.string().min(1),
            sku: z.string().min(1),
            productId: z.number().int().positive(),
            priceMinor: z.number().int().positive(),
            floorMinor: z.number().int().positive(),
            currency: z.string().length(3),
          }),
        )
        .min(1),
    }),
  },
  'prices.review': {
    queue: 'temu-products',
    description:
      "Follows Temu's review of price orders: accepts counter-offers at or above the floor, refuses those below, writes listed prices to the Odoo pricelist",
    schema: z.object({
      shopId,
      goodsId: z.string().min(1),
      orders: z
        .array(
          z.object({
            orderRef: z.string().min(1),
            skuId: z.string().min(1),
            sku: z.string().min(1),
            productId: z.number().int().positive(),
            targetMinor: z.number().int().positive(),
            floorMinor: z.number().int().positive(),
            currency: z.string().length(3),
          }),
        )
        .min(1),
      /** How many times the orders were looked at already (part of the job id of the next look). */
      round: z.number().int().nonnegative().default(0),
    }),
  },
  'settlement.order': {
    queue: 'temu-finance',
    description:
      "Settles one delivered order: invoice paid into the shop's clearing journal, Temu's fees billed from it",
    schema: z.object({
      shopId,
      orderRef: z.string().min(1, { message: 'expected the Temu parentOrderSn' }),
      /** The destination's tax is collected by Temu (tax policy), decided when the order was written. */
      taxCollectedByMarketplace: z.boolean(),
    }),
  },
  'settlement.import': {
    queue: 'odoo',
    description:
      "Imports a Temu payout statement: each payout a bank line reconciled against its orders' clearing items",
    schema: z.object({
      shopId,
      fileName: z.string().min(1),
      /** sha256 of the content: the job id, so the same file is imported once. */
      fileHash: z.string().regex(/^[0-9a-f]{64}$/, { message: 'expected the sha256 of the file (hex)' }),
      /** The statement as CSV text (decoded from XLSX by the producer). */
      content: z
        .string()
        .min(1, { message: 'expected the statement text' })
        .max(64 * 1024 * 1024),
      /** The seller's bank journal in Odoo (default "Bank"). */
      bankJournal: z.string().min(1).default('Bank'),
      /** Column names when the file does not use the default layout (README "Statements and payouts"). */
      columns: z
        .object({
          payoutId: z.string().min(1),
          payoutDate: z.string().min(1),
          orderRef: z.string().min(1),
          currency: z.string().min(1),
          amount: z.string().min(1),
          /** Optional row type column (order, refund, chargeback, fx). */
          rowType: z.string().min(1).optional(),
        })
        .optional(),
    }),
    // A statement is refused or booked as a whole per payout: retrying a refusal changes nothing.
    options: { attempts: 3 },
  },
  'settlement.reconcile': {
    queue: 'temu-finance',
    description:
      "Matches again the shop's payouts whose bank line is not fully reconciled (orders settled after the statement arrived)",
    schema: z.object({ shopId }),
  },
  'returns.poll': {
    queue: 'temu-finance',
    description:
      'Finds refund, return and cancellation cases changed since the watermark, and open ones, and syncs each',
    schema: z.object({ shopId }),
  },
  'returns.sync': {
    queue: 'temu-finance',
    description:
      'Plans one after-sales case from Temu and Odoo; does the Temu steps (agree, refund) and hands Odoo steps to returns.book',
    schema: z.object({
      shopId,
      caseRef: z.string().min(1, { message: 'expected the Temu parentAfterSalesSn' }),
      orderRef: z.string().min(1, { message: 'expected the Temu parentOrderSn' }),
      updatedAtMs: epochMs,
      /** Written by the processor: the case's stage when it last ran (Bull Board shows it). */
      stage: z.string().optional(),
    }),
  },
  'returns.book': {
    queue: 'odoo',
    description:
      'Books one Odoo step of a case (return transfer, scrap, credit note + refund, return label attachment), keyed on the case number',
    schema: z.object({
      shopId,
      returnCase: returnCaseSchema,
      action: z.enum(['create_return', 'scrap', 'credit_note', 'attach_label']),
      stage: z.string().optional(),
    }),
  },
  'listing.check': {
    queue: 'temu-products',
    description:
      "Checks Odoo products (all, or the given codes) against Temu's listing rules; report, Odoo to-dos, publishes passing ones with publish",
    schema: z.object({
      shopId,
      /** Product or variant references; absent = every saleable product of the shop's Odoo. */
      productCodes: z.array(z.string().min(1)).min(1).max(500).optional(),
      /** Publish the products that pass (the mapping's `listing.autoPublish` on schedules). */
      publish: z.boolean().default(false),
    }),
  },
  'listing.publish': {
    queue: 'temu-products',
    description:
      'Re-checks the given products and publishes (or updates) the passing ones on Temu; never a failing one',
    schema: z.object({ shopId, productCodes: z.array(z.string().min(1)).min(1).max(500) }),
  },
  'health.evaluate': {
    queue: 'system',
    description: 'Seller metrics, orders at risk of missing their ship-by, gauges and alerts of one shop',
    schema: z.object({ shopId }),
    options: { attempts: 3, removeOnComplete: { count: 1_000 }, removeOnFail: { count: 1_000 } },
  },
  'replenishment.plan': {
    queue: 'temu-products',
    description:
      "Fully-managed shops: snapshots Temu's sales counters and warehouse stock, forecasts demand and plans bulk shipments per Temu warehouse",
    schema: z.object({ shopId }),
    // A plan is redone daily; a failed one is worth a look, not six tries.
    options: { attempts: 3 },
  },
  'replenishment.transfers': {
    queue: 'odoo',
    description: "Creates the last plan's shipments as draft Odoo transfers, once per shipment",
    schema: z.object({
      shopId,
      planId: z.string().min(1, { message: 'expected the plan id (<shop>-<date>)' }),
    }),
    options: { attempts: 3 },
  },
  'replenishment.apply': {
    queue: 'temu-orders',
    description:
      "Asks Temu to buy one planned shipment's stock (seller-initiated purchase orders), once per plan, warehouse and shipment",
    schema: z.object({
      shopId,
      planId: z.string().min(1, { message: 'expected the plan id (<shop>-<date>)' }),
      warehouseId: z.string().min(1),
      shipmentId: z.string().min(1),
    }),
    // A refusal is parked at once (bad input); retries are for throttling and outages only.
    options: { attempts: 3 },
  },
  'consignment.poll': {
    queue: 'temu-orders',
    description:
      "Reads a fully-managed shop's purchase orders (and their ship orders' receipt) and enqueues one upsert per order and status",
    schema: z.object({ shopId }),
  },
  'consignment.upsert': {
    queue: 'odoo',
    description:
      'Creates the Odoo sale order of one purchase order (once, keyed by its number) or writes its new status',
    schema: z.object({
      shopId,
      purchaseOrder: purchaseOrderSchema,
      shipment: consignmentShipmentSchema.nullable().default(null),
    }),
  },
  'consignment.ship-scan': {
    queue: 'odoo',
    description:
      'Finds validated Odoo deliveries of purchase-order sale orders and enqueues their ship orders',
    schema: z.object({ shopId }),
  },
  'consignment.ship': {
    queue: 'temu-shipping',
    description:
      "Ships one Odoo delivery to Temu's warehouse: shipping desk, ship order, box marks, tracking (once per purchase order)",
    schema: z.object({
      shopId,
      deliveryId: z.number().int().positive(),
      purchaseRef: z.string().min(1),
      trackingNumber: z.string().nullable(),
      carrierName: z.string().nullable(),
      lines: z.array(z.object({ sku: z.string().min(1), quantity: z.number().int().positive() })).min(1),
    }),
  },
  'alerts.fleet': {
    queue: 'system',
    description: 'Fleet alerts: parked jobs, queue backlog, Temu throttling, Odoo reachability',
    schema: z.object({}),
    options: { attempts: 3, removeOnComplete: { count: 1_000 }, removeOnFail: { count: 1_000 } },
  },
} as const satisfies Record<string, JobDefinition>;

export type JobName = keyof typeof JOBS;
export const JOB_NAMES = Object.keys(JOBS) as JobName[];

export type JobPayload<N extends JobName> = z.output<(typeof JOBS)[N]['schema']>;
export type JobInput<N extends JobName> = z.input<(typeof JOBS)[N]['schema']>;

export type JobsOfQueue<Q extends QueueName> = {
  [N in JobName]: (typeof JOBS)[N]['queue'] extends Q ? N : never;
}[JobName];

export function jobsOfQueue(queue: QueueName): JobName[] {
  return JOB_NAMES.filter((name) => JOBS[name].queue === queue);
}

export function jobOptions(name: JobName): JobsOptions {
  const own: JobsOptions = (JOBS[name] as JobDefinition).options ?? {};
  return { ...DEFAULT_JOB_OPTIONS, ...own };
}
