import { describe, expect, it } from '@jest/globals';
import { toErpInvoiceStatus, toErpOrderState } from '../src/erp/sale-orders.js';

// Odoo's sale.order selections (16–19), mapped by hand to the ERP port's words.
describe("sale order states in the integration's words", () => {
  it.each([
    ['draft', 'quotation'],
    ['sent', 'quotation'],
    ['sale', 'confirmed'],
    ['done', 'locked'],
    ['cancel', 'cancelled'],
  ])('state %s → %s', (odoo, ours) => {
    expect(toErpOrderState({ id: 1, name: 'S00001', state: odoo })).toBe(ours);
  });

  it('an unknown state is an error naming the order, not a guess', () => {
    expect(() => toErpOrderState({ id: 7, name: 'S00007', state: 'archived' })).toThrow(
      'Odoo sale order S00007 has state "archived", unknown to this integration',
    );
  });

  it.each([
    ['no', 'none'],
    ['to invoice', 'to_invoice'],
    ['invoiced', 'invoiced'],
    ['upselling', 'invoiced'],
  ])('invoice_status %s → %s', (odoo, ours) => {
    expect(toErpInvoiceStatus(odoo)).toBe(ours);
  });
});
