import type { CustomerInput, CustomerRef } from '../../ports.js';
import { customerInput, toErpOrderDraft } from '../order-mapping.js';
import { missing, type ImportBatch } from './import-batch.js';
import type { Work } from './import-types.js';

/**
 * Steps 3 and 4: maps the new orders (unknown SKU → parked) before any customer is created for
 * them, then one find-or-create for every distinct customer of the new orders and of open ERP
 * orders whose buyer is known now (the quotation of a pending order, or an address the buyer
 * changed): the drafts get their customer, and rechecked orders whose customer moved are updated.
 */
export async function settleCustomers(
  batch: ImportBatch,
  products: ReadonlyMap<string, number>,
): Promise<void> {
  const { erp } = batch;
  const placeholder: CustomerRef = { key: '', partnerId: 0, deliveryPartnerId: 0 };
  const customers = new Map<string, CustomerInput>();
  for (const w of batch.next('create')) {
    try {
      w.draft = toErpOrderDraft(
        w.order,
        placeholder,
        products,
        batch.mapping,
        batch.taxPolicy,
        batch.marketplaceName,
      );
      const input = customerInput(w.order, batch.marketplaceName);
      w.customerKey = customerSlot(input);
      if (!customers.has(w.customerKey)) customers.set(w.customerKey, input);
    } catch (err) {
      batch.fail(w, err);
    }
  }

  const toRecheck = batch.alive().filter((w) => needsCustomerCheck(w));
  for (const w of toRecheck) {
    const input = customerInput(w.order, batch.marketplaceName);
    w.customerKey = customerSlot(input);
    if (!customers.has(w.customerKey)) customers.set(w.customerKey, input);
  }
  if (customers.size === 0) return;

  try {
    const slots = [...customers.keys()];
    const refs = await erp.findOrCreateCustomers([...customers.values()]);
    // One answer per input, in order: a slot is a customer key with one delivery address.
    const byKey = new Map(refs.map((r, i) => [slots[i]!, r]));
    for (const w of toRecheck) {
      const ref = byKey.get(w.customerKey ?? '');
      if (!ref || !w.erp || w.erpOrderId === undefined) continue;
      if (ref.partnerId === w.erp.partnerId && ref.deliveryPartnerId === w.erp.deliveryPartnerId) continue;
      try {
        await erp.updateOrderCustomer(w.erpOrderId, {
          partnerId: ref.partnerId,
          deliveryPartnerId: ref.deliveryPartnerId,
        });
        w.done.push('update_customer');
      } catch (err) {
        batch.fail(w, err);
      }
    }
    for (const w of batch.next('create')) {
      const ref = byKey.get(w.customerKey ?? '');
      if (ref === undefined || w.draft === undefined) {
        batch.fail(
          w,
          missing(`the ERP returned no customer for key ${w.customerKey}`, 'ERR_CUSTOMER_MISSING'),
        );
        continue;
      }
      w.draft = { ...w.draft, partnerId: ref.partnerId, deliveryPartnerId: ref.deliveryPartnerId };
    }
  } catch (err) {
    for (const w of [...batch.next('create'), ...toRecheck]) batch.fail(w, err);
  }
}

/**
 * An open ERP order whose customer may have to move: a quotation (created while pending, with the
 * placeholder customer) once the buyer is known, or a confirmed order whose buyer changed the address
 * before shipment. Confirmed orders are checked only on an address change, so re-syncing them costs
 * no customer lookup.
 */
function needsCustomerCheck(w: Work): boolean {
  const erp = w.erp;
  if (erp === null || erp.partnerId === undefined || w.erpOrderId === undefined) return false;
  if (erp.deliveryStatus === 'done' || erp.deliveryStatus === 'partial') return false;
  if (w.order.status === 'cancelled' || w.plan.some((a) => a.kind === 'ignore')) return false;
  if (w.order.buyer === null && w.order.shippingAddress === null) return false;
  if (erp.state === 'quotation') return true;
  return erp.state === 'confirmed' && w.order.addressChanged === true;
}

/**
 * One customer key can come with several delivery addresses in a batch (one buyer, two orders to two
 * places): each pair is its own input so that each order gets its own delivery address.
 */
function customerSlot(input: CustomerInput): string {
  return `${input.key}\u0000${JSON.stringify(input.address)}`;
}
