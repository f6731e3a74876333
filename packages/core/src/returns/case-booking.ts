import { BadInputError } from '../errors.js';
import type { ErpOrderSummary, ErpPort } from '../ports.js';
import type { ReturnCase } from './return-case.js';
import type { CaseAction, ErpCaseFacts, SkuQuantity } from './return-state-machine.js';
import type { ErpCaseDocuments, ProductQuantity, ReturnsErpPort } from './returns-ports.js';

/** ERP documents in SKU terms, through the order's lines (the ERP speaks product ids). */
export function caseFactsOf(order: ErpOrderSummary | null, docs: ErpCaseDocuments | null): ErpCaseFacts {
  const skuOf = new Map((order?.lines ?? []).map((l) => [l.productId, l.sku]));
  const toSku = (lines: ProductQuantity[]): SkuQuantity[] =>
    lines.map((l) => ({ sku: skuOf.get(l.productId) ?? `product ${l.productId}`, quantity: l.quantity }));
  return {
    order,
    returnTransfer: docs?.returnTransfer
      ? { ...docs.returnTransfer, lines: toSku(docs.returnTransfer.lines) }
      : null,
    scrapped: toSku(docs?.scrapped ?? []),
    creditNote: docs?.creditNote
      ? { creditNoteId: docs.creditNote.creditNoteId, paid: docs.creditNote.paid }
      : null,
  };
}

/** The ERP order of the case and the documents carrying its number. */
export async function readCaseFacts(
  erp: ErpPort,
  returnsErp: ReturnsErpPort,
  c: ReturnCase,
): Promise<ErpCaseFacts> {
  const [order] = await erp.findOrdersByRefs([c.orderRef]);
  if (!order) return caseFactsOf(null, null);
  return caseFactsOf(order, await returnsErp.findCaseDocuments(order.orderId, c.caseRef));
}

function productLines(c: ReturnCase, order: ErpOrderSummary, lines: SkuQuantity[]): ProductQuantity[] {
  return lines.map(({ sku, quantity }) => {
    const line = order.lines.find((l) => l.sku === sku);
    if (!line)
      throw new BadInputError(
        `case ${c.caseRef}: SKU ${sku} is not on ERP order ${order.name}`,
        'ERR_RETURN_UNKNOWN_SKU',
      );
    return { productId: line.productId, quantity };
  });
}

export type ErpCaseAction = Extract<CaseAction, { kind: 'create_return' | 'scrap' | 'credit_note' }>;

export function isErpCaseAction(a: CaseAction): a is ErpCaseAction {
  return a.kind === 'create_return' || a.kind === 'scrap' || a.kind === 'credit_note';
}

/** Runs one ERP action of a case plan; each adapter call finds and finishes instead of repeating. */
export async function bookCaseAction(
  returnsErp: ReturnsErpPort,
  c: ReturnCase,
  facts: ErpCaseFacts,
  action: ErpCaseAction,
): Promise<Record<string, unknown>> {
  const order = facts.order;
  if (!order)
    throw new BadInputError(
      `case ${c.caseRef}: order ${c.orderRef} is not in the ERP`,
      'ERR_RETURN_ORDER_NOT_IMPORTED',
    );
  switch (action.kind) {
    case 'create_return':
      return returnsErp.createCaseReturn(order.orderId, c.caseRef, productLines(c, order, action.lines));
    case 'scrap':
      await returnsErp.scrapReturned(action.returnId, c.caseRef, productLines(c, order, action.lines));
      return { scrapped: action.lines };
    case 'credit_note': {
      const r = await returnsErp.creditAndRefund(
        order.orderId,
        c.caseRef,
        productLines(c, order, action.lines),
        c.refund ?? null,
      );
      return { creditNoteId: r.creditNoteId, amountMinor: r.amount.amountMinor, currency: r.amount.currency };
    }
  }
}
