import type { ApiType } from '../api-types.js';
import {
  agreeCancellation,
  issueRefund,
  listAfterSales,
  afterSalesDetail,
  prepareReturnLabel,
  uploadReturnLabel,
  returnAddress,
  listCancellations,
  listParentAfterSales,
} from './aftersales.handler.js';
import { createToken, tokenInfoGet } from './auth.handler.js';
import { listGoods, listSkus } from './goods.handler.js';
import type { Handler } from './handler.js';
import { addGoods, getCategories, getTemplate, partialUpdateGoods, uploadImage } from './listing.handler.js';
import { logisticsCompanies, warehouseList } from './logistics.handler.js';
import { shippingInfo } from './order-address.handler.js';
import { orderAmount } from './order-amount.handler.js';
import { listOrders, orderDetail } from './orders.handler.js';
import { changePrices, queryPrices } from './price.handler.js';
import {
  acceptPriceOrders,
  negotiatePriceOrder,
  queryPriceOrders,
  queryRecommendedPrices,
  rejectPriceOrders,
} from './price-order.handler.js';
import { confirmShipment } from './shipment-confirm.handler.js';
import { getShipment } from './shipment-get.handler.js';
import { editStock, queryStock } from './stock.handler.js';
import { goodsSales } from './goods-sales.handler.js';
import { semiStockGet, semiStockUpdate, semiWarehouseList } from './semi-stock.handler.js';
import {
  boxMarkInfo,
  packingSend,
  purchaseOrderList,
  shipOrderCreate,
  shipOrderList,
  stagingAdd,
  stagingGet,
} from './consignment.handler.js';
import { purchaseOrderApply } from './purchase-apply.handler.js';

/** One handler per supported `type`; a type without a handler is a compile error. */
export const HANDLERS: Record<ApiType, Handler> = {
  'bg.open.accesstoken.create': createToken,
  'bg.open.accesstoken.info.get': tokenInfoGet,
  'bg.order.list.v2.get': listOrders,
  'bg.order.detail.v2.get': orderDetail,
  'bg.order.shippinginfo.v2.get': shippingInfo,
  'bg.order.amount.query': orderAmount,
  'bg.logistics.companies.get': logisticsCompanies,
  'bg.logistics.warehouse.list.get': warehouseList,
  'bg.logistics.shipment.v2.confirm': confirmShipment,
  'bg.logistics.shipment.v2.get': getShipment,
  'bg.local.goods.list.query': listGoods,
  'bg.local.goods.sku.list.query': listSkus,
  'temu.local.goods.sku.stock.query': queryStock,
  'bg.local.goods.stock.edit': editStock,
  'bg.local.goods.sku.list.price.query': queryPrices,
  'bg.local.goods.priceorder.change.sku.price': changePrices,
  'bg.local.goods.priceorder.query': queryPriceOrders,
  'bg.local.goods.priceorder.accept': acceptPriceOrders,
  'bg.local.goods.priceorder.negotiate': negotiatePriceOrder,
  'temu.local.goods.priceorder.reject': rejectPriceOrders,
  'temu.local.goods.recommendedprice.query': queryRecommendedPrices,
  'bg.aftersales.parentaftersales.list.get': listParentAfterSales,
  'bg.aftersales.aftersales.list.get': listAfterSales,
  'bg.aftersales.cancel.list.get': listCancellations,
  'bg.aftersales.cancel.agree': agreeCancellation,
  'temu.aftersales.refund.issue': issueRefund,
  'temu.aftersales.parentaftersales.detail.get': afterSalesDetail,
  'temu.aftersales.returnlabel.prepare.get': prepareReturnLabel,
  'temu.aftersales.upload.returnlabel': uploadReturnLabel,
  'temu.aftersales.returnaddress.get': returnAddress,
  'bg.local.goods.cats.get': getCategories,
  'bg.local.goods.template.get': getTemplate,
  'bg.local.goods.image.upload': uploadImage,
  'bg.local.goods.add': addGoods,
  'bg.local.goods.partial.update': partialUpdateGoods,
  'bg.goods.salesv2.get': goodsSales,
  'bg.btg.goods.stock.quantity.get': semiStockGet,
  'bg.btg.goods.stock.quantity.update': semiStockUpdate,
  'bg.btg.goods.stock.warehouse.list.get': semiWarehouseList,
  'bg.purchaseorderv2.get': purchaseOrderList,
  'bg.purchaseorder.apply': purchaseOrderApply,
  'bg.shiporder.staging.add': stagingAdd,
  'bg.shiporder.staging.get': stagingGet,
  'bg.shiporderv3.create': shipOrderCreate,
  'bg.shiporderv2.get': shipOrderList,
  'bg.shiporder.packing.send': packingSend,
  'bg.logistics.boxmarkinfo.get': boxMarkInfo,
};
