import type { Money } from '../money.js';
import type { Address } from '../order.js';

/**
 * Buying the seller's return label (R15, status "label needed"): a parcel service quotes a label
 * from the buyer to the seller's return warehouse, then buys it. Two steps on purpose: the quote is
 * free and has an id, which the worker records before paying, so a replay after a crash finds the
 * quote and never buys a second label for the same case (docs/labels.md).
 */
export interface ReturnLabelRequest {
  /** The case number: printed on the label as reference, the purchase's idempotency key. */
  reference: string;
  /** Where the parcel starts: the buyer. */
  buyer: Address;
  /** Where it goes: the seller's return warehouse. */
  warehouse: Address;
  /** Parcel weight in grams (the provider converts to its own unit). */
  weightGrams: number;
}

export interface BoughtReturnLabel {
  /** The provider's id of the quote that was bought (the recorded key). */
  quoteId: string;
  /** Carrier as the provider names it (mapped to the marketplace's carrier id by configuration). */
  carrier: string;
  service: string;
  trackingNumber: string;
  /** Where the label file can be fetched. */
  labelUrl: string;
  price: Money;
}

export interface LabelFile {
  fileName: string;
  mimetype: string;
  content: Uint8Array;
}

export interface ReturnLabelPort {
  /** Asks for rates; nothing is charged. Returns the quote's id. */
  quote(request: ReturnLabelRequest): Promise<{ quoteId: string }>;
  /**
   * Buys the quote (cheapest allowed rate), or returns the label when the quote was bought already
   * (a replay), so one quote is paid at most once.
   */
  buy(quoteId: string): Promise<BoughtReturnLabel>;
  /** The label file (PDF or image) to attach to the ERP return. */
  download(label: BoughtReturnLabel): Promise<LabelFile>;
}

/** The ERP side: the label file is attached to the case's return transfer, found by the case number. */
export interface ReturnLabelErpPort {
  /** The attachment carrying the case's label on this return transfer, or null. */
  findReturnLabelAttachment(returnId: number, caseRef: string): Promise<number | null>;
  /** Attaches the file (named after the case number); finds and returns an existing one instead of a second. */
  attachReturnLabel(returnId: number, caseRef: string, file: LabelFile): Promise<{ attachmentId: number }>;
}

/** The file name every adapter uses for a case's label, so that a search by case number finds it. */
export function returnLabelFileName(caseRef: string, mimetype: string): string {
  const ext = mimetype === 'application/pdf' ? 'pdf' : mimetype === 'image/png' ? 'png' : 'bin';
  return `return-label-${caseRef}.${ext}`;
}
