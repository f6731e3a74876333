import { describe, expect, it } from '@jest/globals';
import { dialectFor, parseServerVersion } from '../src/index.js';
import { FIXTURE_VERSIONS, loadFlow } from './support/fixtures.js';

const v = (major: number) => dialectFor({ major, minor: 0, serie: `${major}.0` });

describe('version detection', () => {
  it.each(FIXTURE_VERSIONS)('reads the common.version answer recorded on Odoo %s', (version) => {
    const answer = loadFlow(version, 'auth').exchanges.find((e) => e.request.params.method === 'version')!
      .response.result;
    expect(parseServerVersion(answer)).toEqual({
      major: Number(version.split('.')[0]),
      minor: 0,
      serie: version,
    });
  });

  it("reads JSON-2's /json/version and SaaS series", () => {
    expect(parseServerVersion({ version_info: [19, 0, 0, 'final', 0, ''], version: '19.0' }).major).toBe(19);
    expect(parseServerVersion({ server_version: 'saas~17.2', server_serie: 'saas~17.2' })).toMatchObject({
      major: 17,
      minor: 2,
    });
  });

  it('refuses an unreadable answer and versions before 16', () => {
    expect(() => parseServerVersion({})).toThrow(/readable version/);
    expect(() => v(15)).toThrow(/not supported/);
  });
});

describe('version differences (docs/odoo-api.md §2)', () => {
  it('sale order line fields: tax_id/product_uom until 18, tax_ids/product_uom_id in 19', () => {
    expect([16, 17, 18, 19].map((m) => [v(m).saleLineTaxField, v(m).saleLineUomField])).toEqual([
      ['tax_id', 'product_uom'],
      ['tax_id', 'product_uom'],
      ['tax_id', 'product_uom'],
      ['tax_ids', 'product_uom_id'],
    ]);
  });

  it('product type: detailed_type in 16/17, type+is_storable from 18 (fixtures setup)', () => {
    expect(v(17).storableProductVals()).toEqual({ detailed_type: 'product' });
    expect(v(18).storableProductVals()).toEqual({ type: 'consu', is_storable: true });
    expect(v(17).isStorable({ type: 'product', detailed_type: 'product' })).toBe(true);
    expect(v(18).isStorable({ type: 'consu', is_storable: true })).toBe(true);
    expect(v(18).isStorable({ type: 'consu', is_storable: false })).toBe(false);
  });

  it('done quantities: quantity_done in 16, quantity+picked from 17', () => {
    expect(v(16).moveDoneVals(2)).toEqual({ quantity_done: 2 });
    expect(v(17).moveDoneVals(2)).toEqual({ quantity: 2, picked: true });
    expect(v(19).moveDoneVals(0)).toEqual({ quantity: 0, picked: false });
    expect([v(16).moveLineDoneField, v(17).moveLineDoneField]).toEqual(['qty_done', 'quantity']);
  });

  it('cancel: disable_cancel_warning until 18, no wizard in 19', () => {
    expect(v(18).cancelContext).toEqual({ disable_cancel_warning: true });
    expect(v(18).cancelWizardModel).toBe('sale.order.cancel');
    expect(v(19).cancelContext).toEqual({});
    expect(v(19).cancelWizardModel).toBeNull();
  });

  it('returns: create_returns in 16/17, action_create_returns from 18; 16 passes lines itself', () => {
    expect([16, 17, 18, 19].map((m) => v(m).returnWizardMethod)).toEqual([
      'create_returns',
      'create_returns',
      'action_create_returns',
      'action_create_returns',
    ]);
    expect([v(16).returnLinesComputed, v(17).returnLinesComputed]).toEqual([false, true]);
  });

  it('warehouse context key, validate context, protocol and other removals', () => {
    expect([16, 17, 18, 19].map((m) => v(m).warehouseContextKey)).toEqual([
      'warehouse',
      'warehouse',
      'warehouse_id',
      'warehouse_id',
    ]);
    expect(v(16).validateContext([5], 'drop')).toEqual({
      skip_sms: true,
      skip_immediate: true,
      skip_backorder: true,
      picking_ids_not_to_backorder: [5],
    });
    expect(v(18).validateContext([5], 'create')).toEqual({ skip_sms: true, skip_backorder: true });
    expect([v(18).preferredProtocol, v(19).preferredProtocol]).toEqual(['jsonrpc', 'json2']);
    expect([v(17).hasNameGet, v(18).hasNameGet, v(18).partnerHasMobile, v(19).partnerHasMobile]).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect([v(18).packageModel, v(19).packageModel]).toEqual(['stock.quant.package', 'stock.package']);
    expect([v(16).creditNoteMethod, v(17).creditNoteMethod]).toEqual(['reverse_moves', 'refund_moves']);
  });
});
