import { describe, expect, it } from '@jest/globals';
import { endpointGroupOf } from '../../src/client/endpoint-groups.js';

describe('endpointGroupOf (R18 groups)', () => {
  it.each([
    ['bg.order.list.v2.get', 'orders'],
    ['bg.order.detail.v2.get', 'orders'],
    ['bg.order.shippinginfo.v2.get', 'orders'],
    ['bg.order.amount.query', 'orders'],
    ['bg.local.goods.stock.edit', 'inventory'],
    ['temu.local.goods.sku.stock.query', 'inventory'],
    ['bg.local.goods.list.query', 'products'],
    ['bg.local.goods.sku.list.query', 'products'],
    ['bg.local.goods.sku.list.price.query', 'products'],
    ['bg.local.goods.priceorder.change.sku.price', 'products'],
    ['bg.local.goods.priceorder.query', 'products'],
    ['bg.local.goods.priceorder.accept', 'products'],
    ['bg.local.goods.priceorder.negotiate', 'products'],
    ['temu.local.goods.priceorder.reject', 'products'],
    ['temu.local.goods.recommendedprice.query', 'products'],
    ['bg.logistics.companies.get', 'shipping'],
    ['bg.logistics.warehouse.list.get', 'shipping'],
    ['bg.logistics.shipment.v2.confirm', 'shipping'],
    ['bg.logistics.shipment.v2.get', 'shipping'],
    ['bg.aftersales.parentaftersales.list.get', 'finance'],
    ['bg.aftersales.aftersales.list.get', 'finance'],
    ['bg.aftersales.cancel.list.get', 'finance'],
    ['bg.aftersales.cancel.agree', 'finance'],
    ['bg.open.accesstoken.create', 'products'],
    ['bg.open.accesstoken.info.get', 'products'],
    ['bg.order.unshipped.package.get', 'orders'],
    ['bg.btg.goods.stock.quantity.update', 'inventory'],
    ['temu.aftersales.refund.issue', 'finance'],
  ])('%s → %s', (type, group) => {
    expect(endpointGroupOf(type)).toBe(group);
  });

  it('refuses a type it cannot place, naming it', () => {
    expect(() => endpointGroupOf('x.unknown')).toThrow(/x\.unknown/);
  });
});
