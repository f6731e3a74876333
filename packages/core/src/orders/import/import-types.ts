import type { Order } from '../../order.js';
import type { ErpOrderDraft, ErpOrderSummary, ErpPort } from '../../ports.js';
import type { UseCaseLog } from '../../use-case-log.js';
import type { SaleTaxPolicy } from '../../taxes/sale-tax-policy.js';
import type { SkuMapping } from '../order-mapping.js';
import type { OrderAction, OrderActionKind } from '../order-state-machine.js';

export type ImportOutcome = 'created' | 'updated' | 'unchanged' | 'ignored' | 'parked' | 'failed';

export interface ImportOrderResult {
  orderRef: string;
  shopId: string;
  outcome: ImportOutcome;
  erpOrderId?: number;
  /** The actions carried out, in order (a failed order lists what succeeded before the failure). */
  actions: OrderActionKind[];
  /** Why it was ignored, parked or failed: human-readable, shown to the operator. */
  reason?: string;
  /** Stable code: the ignore code or the error's code. */
  code?: string;
  error?: Error;
}

export interface ImportOrdersDeps {
  erp: ErpPort;
  mapping?: SkuMapping;
  /** Which ERP tax a marketplace rate gets per shop and destination (default: dedicated taxes). */
  taxPolicy?: SaleTaxPolicy;
  log?: UseCaseLog;
  /** See PlanOptions.importCancelled. */
  importCancelled?: boolean;
  /**
   * How ERP records name the marketplace (buyer placeholders, notes, dedicated tax names, which the
   * ERP adapter finds again by name): the connector's name; a neutral default otherwise.
   */
  marketplaceName?: string;
}

/** Where one order stands while the batch runs. */
export interface Work {
  order: Order;
  erp: ErpOrderSummary | null;
  plan: OrderAction[];
  next: number;
  done: OrderActionKind[];
  erpOrderId: number | undefined;
  draft: ErpOrderDraft | undefined;
  customerKey: string | undefined;
  error: Error | undefined;
}
