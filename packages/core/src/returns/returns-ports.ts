import type { Money } from '../money.js';
import type { Address } from '../order.js';
import type { CaseRefund, ReturnCase } from './return-case.js';

/**
 * The marketplace side of after-sales (R15), implemented by the Temu connector next to
 * `MarketplacePort`. Kept apart so that order-only fakes need not implement it.
 */
export interface ReturnsMarketplacePort {
  /** Refund-only and return cases updated within the window, with their lines. */
  listReturnCases(window: { fromMs: number; toMs: number }): AsyncIterable<ReturnCase>;
  /** Buyers' cancellation requests (before shipment) updated within the window. */
  listCancellations(window: { fromMs: number; toMs: number }): AsyncIterable<ReturnCase>;
  /** One case by its number, refund/return or cancellation; null when the marketplace has none. */
  getReturnCase(caseRef: string, orderRef: string): Promise<ReturnCase | null>;
  agreeCancellation(caseRef: string, orderRef: string): Promise<void>;
  /** Issues the (full) refund of a case. */
  issueRefund(caseRef: string, orderRef: string): Promise<void>;
  /** Uploads the seller's return label of a case that waits for one (bought from a carrier elsewhere). */
  uploadReturnLabel(caseRef: string, orderRef: string, label: ReturnLabel): Promise<void>;
  /**
   * The buyer's address for the seller's return label, while the case waits for one (absent in
   * adapters that cannot tell; the worker then leaves the label to a person).
   */
  getReturnLabelAddress?(caseRef: string, orderRef: string): Promise<Address>;
}

export interface ReturnLabel {
  carrierId: string;
  trackingNumber: string;
  labelUrl: string;
}

export interface ProductQuantity {
  productId: number;
  quantity: number;
}

/** The ERP documents that carry one case number (its idempotency key). */
export interface ErpCaseDocuments {
  returnTransfer: { returnId: number; received: boolean; lines: ProductQuantity[] } | null;
  scrapped: ProductQuantity[];
  creditNote: { creditNoteId: number; paid: boolean; amount: Money } | null;
}

/**
 * The ERP side of after-sales, implemented by the Odoo client next to `ErpPort`. Every write is
 * keyed on the case number, which the ERP documents keep, so a repeated call finds and finishes
 * instead of booking twice.
 */
export interface ReturnsErpPort {
  findCaseDocuments(orderId: number, caseRef: string): Promise<ErpCaseDocuments>;
  /** A return transfer from the order's done delivery for these quantities, left waiting for the goods. */
  createCaseReturn(orderId: number, caseRef: string, lines: ProductQuantity[]): Promise<{ returnId: number }>;
  /** Moves received quantities from stock to the scrap location (inspection found them damaged). */
  scrapReturned(returnId: number, caseRef: string, lines: ProductQuantity[]): Promise<void>;
  /**
   * Credit note reversing the order's posted invoice for these quantities (partial where partial),
   * posted, and its refund payment registered. With `refund`, the shipping and discount lines are
   * credited by the marketplace's shares and the note's total must equal `refund.total` to the
   * cent (a tax-rounding difference is closed by a line; more refuses before posting).
   */
  creditAndRefund(
    orderId: number,
    caseRef: string,
    lines: ProductQuantity[],
    refund?: CaseRefund | null,
  ): Promise<{ creditNoteId: number; amount: Money }>;
}
