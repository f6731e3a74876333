import {
  BadInputError,
  IntegrationError,
  type CaseLabelProgress,
  type ErpCaseFacts,
  type ReturnCase,
  type ReturnsMarketplacePort,
} from '@temu-odoo/core';
import type { LabelPurchases } from './label-purchases.js';
import type { ReturnLabelSetup } from './return-label-env.js';

/**
 * The seller's return label of a case (issue 13; docs/labels.md): bought from the provider once,
 * uploaded to Temu, attached to the Odoo return. Each step reads what `LabelPurchases` recorded so
 * that a replay resumes where the last run stopped and never buys a second label.
 */

/** Temu's answers to an upload (docs/temu-api.md "Return labels"). */
const LABEL_INVALID = '130010006';
const TRACKING_INVALID = '130010007';
const OPERATE_FORBID = '130010005';
const LABEL_ALREADY_UPLOADED = '180021003';

const remoteCode = (err: unknown) => (err instanceof IntegrationError ? String(err.remoteCode ?? '') : '');

/** Label progress for the planner: null until a label went up to the marketplace. */
export async function labelProgress(
  setup: ReturnLabelSetup | undefined,
  purchases: LabelPurchases,
  c: ReturnCase,
  facts: ErpCaseFacts,
): Promise<CaseLabelProgress | null> {
  if (!setup) return null;
  const purchase = await purchases.get(c.shopId, c.caseRef);
  if (!purchase?.uploaded) return null;
  const ret = facts.returnTransfer;
  const attached = ret
    ? (await setup.erp.findReturnLabelAttachment(ret.returnId, c.caseRef)) !== null
    : false;
  return { uploaded: true, attached };
}

export interface LabelStepContext {
  setup: ReturnLabelSetup;
  purchases: LabelPurchases;
  market: ReturnsMarketplacePort;
}

/** Quote (recorded) → buy (recorded) → upload to the marketplace (recorded). */
export async function buyAndUploadLabel(
  ctx: LabelStepContext,
  c: ReturnCase,
): Promise<{ trackingNumber: string; carrier: string }> {
  const { setup, purchases, market } = ctx;
  const addressOf = market.getReturnLabelAddress?.bind(market);
  if (!addressOf)
    throw new BadInputError(
      `case ${c.caseRef}: this marketplace adapter cannot give the buyer's return address; upload the label by hand`,
      'ERR_RETURN_LABEL_UNSUPPORTED',
    );
  let purchase = await purchases.get(c.shopId, c.caseRef);
  let quoteId = purchase?.quoteId;
  if (!quoteId) {
    const buyer = await addressOf(c.caseRef, c.orderRef);
    const quote = await setup.port.quote({
      reference: c.caseRef,
      buyer,
      warehouse: setup.warehouse,
      weightGrams: setup.weightGrams,
    });
    quoteId = await purchases.recordQuote(c.shopId, c.caseRef, quote.quoteId);
    purchase = null;
  }
  let label = purchase?.label ?? null;
  if (!label) {
    label = await setup.port.buy(quoteId);
    await purchases.recordLabel(c.shopId, c.caseRef, label);
  }
  const carrierId = setup.carriers.get(label.carrier.toLowerCase());
  if (!carrierId)
    throw new BadInputError(
      `case ${c.caseRef}: the label was bought from carrier ${label.carrier} (tracking ${label.trackingNumber}), which RETURN_LABEL_CARRIERS does not map to a Temu carrier id; add it and replay`,
      'ERR_RETURN_LABEL_CARRIER',
    );
  if (purchase?.uploaded) return { trackingNumber: label.trackingNumber, carrier: label.carrier };
  try {
    await market.uploadReturnLabel(c.caseRef, c.orderRef, {
      carrierId,
      trackingNumber: label.trackingNumber,
      labelUrl: label.labelUrl,
    });
  } catch (err) {
    const code = remoteCode(err);
    if (code === LABEL_INVALID || code === TRACKING_INVALID)
      throw new BadInputError(
        `case ${c.caseRef}: Temu refused the bought label (${code === LABEL_INVALID ? 'return label invalid' : 'tracking number invalid'}, ${code}; ${label.carrier} tracking ${label.trackingNumber}); it is recorded and will not be bought again: fix and replay, or upload one by hand`,
        'ERR_RETURN_LABEL_REFUSED',
        { caseRef: c.caseRef, remoteCode: code },
      );
    // "Operate forbid" after a crash between upload and record: Temu already has our label when
    // its return address call says so (180021003).
    if (code !== OPERATE_FORBID || !(await alreadyUploaded(addressOf, c))) throw err;
  }
  await purchases.recordUploaded(c.shopId, c.caseRef);
  return { trackingNumber: label.trackingNumber, carrier: label.carrier };
}

async function alreadyUploaded(
  addressOf: (caseRef: string, orderRef: string) => Promise<unknown>,
  c: ReturnCase,
): Promise<boolean> {
  try {
    await addressOf(c.caseRef, c.orderRef);
    return false;
  } catch (err) {
    return remoteCode(err) === LABEL_ALREADY_UPLOADED;
  }
}

/** Downloads the bought label and attaches it to the ERP return (the adapter finds an existing one). */
export async function attachLabel(
  setup: ReturnLabelSetup,
  purchases: LabelPurchases,
  c: ReturnCase,
  returnId: number,
): Promise<{ attachmentId: number }> {
  const purchase = await purchases.get(c.shopId, c.caseRef);
  if (!purchase?.label)
    throw new BadInputError(
      `case ${c.caseRef}: no bought label is recorded to attach to return ${returnId}`,
      'ERR_RETURN_LABEL_MISSING',
    );
  const file = await setup.port.download(purchase.label);
  return setup.erp.attachReturnLabel(returnId, c.caseRef, file);
}
