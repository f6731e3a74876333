import { ApiError } from '../error-codes.js';
import {
  consignmentOf,
  newSn,
  type SandboxPurchaseOrder,
  type SandboxShipOrder,
} from '../data/consignment.js';
import type { Handler } from './handler.js';
import { page, Params } from './params.js';

/**
 * Fully-managed (consignment) calls of the CN gateway (docs/temu-api.md "Selling models"). Business
 * refusals answer 2000000 with a message naming the field, the code the CN documentation gives for
 * these calls; Temu's exact per-case codes are not public.
 */
export const CONSIGNMENT_ERROR = 2_000_000;

const RECEIVE_ADDRESS = {
  provinceName: 'Guangdong',
  cityName: 'Dongguan',
  districtName: 'Humen',
  detailAddress: 'Temu sandbox warehouse',
  receiverName: 'Temu receiving',
  phone: '0769-00000000',
};

function poView(po: SandboxPurchaseOrder) {
  return {
    subPurchaseOrderSn: po.subPurchaseOrderSn,
    originalPurchaseOrderSn: po.originalPurchaseOrderSn,
    status: po.status,
    productId: po.productId,
    productSkcId: po.productSkcId,
    productName: po.productName,
    purchaseTime: po.purchaseTime,
    subWarehouseId: po.subWarehouseId,
    isCanJoinDeliverPlatform: po.status === 1 && !po.staged && po.deliveryOrderSn === null,
    deliverInfo: {
      deliveryOrderSn: po.deliveryOrderSn,
      deliverTime: po.deliverTime,
      receiveTime: po.receiveTime,
      receiveWarehouseId: po.subWarehouseId,
      receiveWarehouseName: po.subWarehouseName,
      expectLatestDeliverTimeOrDefault: po.latestDeliverTime ?? po.purchaseTime + 5 * 86_400_000,
      expectLatestArrivalTimeOrDefault: po.latestArrivalTime ?? po.purchaseTime + 10 * 86_400_000,
    },
    skuQuantityDetailList: po.lines.map((l) => ({
      productSkuId: l.productSkuId,
      extCode: l.extCode,
      className: l.className,
      purchaseQuantity: l.purchaseQuantity,
      deliverQuantity: l.deliverQuantity,
      realReceiveAuthenticQuantity: l.realReceiveAuthenticQuantity,
      qcResult: po.receiveTime ? 1 : 0,
      currencyType: l.currency,
      supplierPrice: l.supplierPrice,
    })),
  };
}

function shipView(so: SandboxShipOrder) {
  return {
    deliveryOrderSn: so.deliveryOrderSn,
    subPurchaseOrderSn: so.subPurchaseOrderSn,
    status: so.status,
    subWarehouseId: so.subWarehouseId,
    subWarehouseName: so.subWarehouseName,
    deliverTime: so.deliverTime,
    receiveTime: so.receiveTime,
    deliverSkcNum: so.lines.reduce((n, l) => n + l.skuNum, 0),
    receiveSkcNum: so.receiveSkcNum,
    defectiveSkcNum: so.defectiveSkcNum,
    deliverPackageNum: so.packages.length,
    packageList: so.packages.map((p) => ({
      packageSn: p.packageSn,
      skcNum: p.lines.reduce((n, l) => n + l.skuNum, 0),
    })),
    packageDetailList: so.lines.map((l) => ({
      productSkuId: l.productSkuId,
      productOriginalSkuId: l.productSkuId,
      skuNum: l.skuNum,
    })),
    expressCompanyId: so.expressCompanyId,
    expressDeliverySn: so.expressDeliverySn,
    expressBatchSn: so.expressBatchSn,
    deliveryMethod: so.expressDeliverySn ? 3 : 0,
  };
}

/** bg.purchaseorderv2.get: pageNo/pageSize (1–500) required, filters by status, numbers and purchase time (ms). */
export const purchaseOrderList: Handler = ({ state, body }) => {
  const p = new Params(body, CONSIGNMENT_ERROR);
  const pageNo = p.int('pageNo', { required: true, min: 1 })!;
  const pageSize = p.int('pageSize', { required: true, min: 1, max: 500 })!;
  const statuses = Array.isArray(body.statusList) ? body.statusList.map((v) => Number(String(v))) : undefined;
  const sns = p.strList('subPurchaseOrderSnList');
  const from = p.int('purchaseTimeFrom', { min: 0 });
  const to = p.int('purchaseTimeTo', { min: 0 });
  const all = [...consignmentOf(state).purchaseOrders.values()]
    .filter((po) => !statuses || statuses.length === 0 || statuses.includes(po.status))
    .filter((po) => !sns || sns.length === 0 || sns.includes(po.subPurchaseOrderSn))
    .filter(
      (po) => (from === undefined || po.purchaseTime >= from) && (to === undefined || po.purchaseTime <= to),
    )
    .sort(
      (a, b) => a.purchaseTime - b.purchaseTime || a.subPurchaseOrderSn.localeCompare(b.subPurchaseOrderSn),
    );
  return { total: all.length, subOrderForSupplierList: page(all, pageNo, pageSize).map(poView) };
};

/** bg.shiporder.staging.add: per-order join errors (not a failed call), as Temu answers them. */
export const stagingAdd: Handler = ({ state, body }) => {
  const p = new Params(body, CONSIGNMENT_ERROR);
  const joins = p.objects('joinInfoList') ?? [];
  if (!joins.length) p.fail('joinInfoList', 'is required');
  const store = consignmentOf(state);
  const errors: Array<{ joinErrorSubPurchaseOrderSn: string; errorCode: number; errorMsg: string }> = [];
  for (const j of joins) {
    const sn = j.str('subPurchaseOrderSn', true)!;
    j.int('deliveryAddressType', { required: true, min: 1, max: 4 });
    const po = store.purchaseOrders.get(sn);
    const refusal = store.refusals.get(sn);
    if (refusal) {
      errors.push({ joinErrorSubPurchaseOrderSn: sn, ...refusal });
    } else if (!po) {
      errors.push({
        joinErrorSubPurchaseOrderSn: sn,
        errorCode: CONSIGNMENT_ERROR,
        errorMsg: `purchase order ${sn} does not exist`,
      });
    } else if (po.status !== 1 || po.deliveryOrderSn !== null) {
      errors.push({
        joinErrorSubPurchaseOrderSn: sn,
        errorCode: CONSIGNMENT_ERROR,
        errorMsg: `purchase order ${sn} in status ${po.status} cannot join the shipping desk`,
      });
    } else {
      po.staged = true;
    }
  }
  return { existJoinErrorSubPurchase: errors.length > 0, joinErrorList: errors };
};

/** bg.shiporder.staging.get: the purchase orders on the shipping desk. */
export const stagingGet: Handler = ({ state, body }) => {
  const p = new Params(body, CONSIGNMENT_ERROR);
  const pageNo = p.int('pageNo', { required: true, min: 1 })!;
  const pageSize = p.int('pageSize', { required: true, min: 1, max: 100 })!;
  const sns = p.strList('subPurchaseOrderSnList');
  const staged = [...consignmentOf(state).purchaseOrders.values()].filter(
    (po) => po.staged && (!sns || sns.length === 0 || sns.includes(po.subPurchaseOrderSn)),
  );
  return {
    total: staged.length,
    list: page(staged, pageNo, pageSize).map((po) => ({
      subPurchaseOrderBasicVO: {
        subPurchaseOrderSn: po.subPurchaseOrderSn,
        subWarehouseId: po.subWarehouseId,
        subWarehouseName: po.subWarehouseName,
        receiveAddressInfo: RECEIVE_ADDRESS,
        expectLatestDeliverTimeOrDefault: po.purchaseTime + 5 * 86_400_000,
      },
      orderDetailVOList: po.lines.map((l) => ({
        productSkuId: l.productSkuId,
        productOriginalSkuId: l.productSkuId,
        skuDeliveryQuantityMaxLimit: l.purchaseQuantity - l.deliverQuantity,
        productSkuPurchaseQuantity: l.purchaseQuantity,
      })),
    })),
  };
};

/**
 * bg.shiporderv3.create: one group per receiving sub-warehouse, each purchase order on the desk at
 * most once, quantities within what is left to deliver; all or nothing.
 */
export const shipOrderCreate: Handler = ({ state, body, nowMs }) => {
  const p = new Params(body, CONSIGNMENT_ERROR);
  const groups = p.objects('deliveryOrderCreateGroupList') ?? [];
  if (!groups.length) p.fail('deliveryOrderCreateGroupList', 'is required');
  const store = consignmentOf(state);
  const created: SandboxShipOrder[] = [];
  const seen = new Set<string>();
  for (const g of groups) {
    const warehouseId = Number(g.requireId('subWarehouseId'));
    if (!g.object('receiveAddressInfo'))
      g.fail('receiveAddressInfo', 'is required (copy it from bg.shiporder.staging.get)');
    for (const info of g.objects('deliveryOrderCreateInfos') ?? []) {
      const sn = info.str('subPurchaseOrderSn', true)!;
      if (seen.has(sn))
        throw new ApiError(CONSIGNMENT_ERROR, `purchase order ${sn} appears twice in one call`);
      seen.add(sn);
      const po = store.purchaseOrders.get(sn);
      if (!po || !po.staged)
        throw new ApiError(CONSIGNMENT_ERROR, `purchase order ${sn} is not on the shipping desk`);
      if (po.subWarehouseId !== warehouseId)
        throw new ApiError(
          CONSIGNMENT_ERROR,
          `purchase order ${sn} is received by sub-warehouse ${po.subWarehouseId}, not ${warehouseId}`,
        );
      const lines = (info.objects('deliverOrderDetailInfos') ?? []).map((d) => ({
        productSkuId: d.requireId('productSkuId'),
        skuNum: d.requireInt('deliverSkuNum', { min: 1 }),
      }));
      if (!lines.length) info.fail('deliverOrderDetailInfos', 'is required');
      for (const l of lines) {
        const line = po.lines.find((x) => x.productSkuId === l.productSkuId);
        if (!line)
          throw new ApiError(
            CONSIGNMENT_ERROR,
            `productSkuId ${l.productSkuId} is not in purchase order ${sn}`,
          );
        if (l.skuNum > line.purchaseQuantity - line.deliverQuantity)
          throw new ApiError(
            CONSIGNMENT_ERROR,
            `deliverSkuNum ${l.skuNum} of productSkuId ${l.productSkuId} exceeds skuDeliveryQuantityMaxLimit ${line.purchaseQuantity - line.deliverQuantity}`,
          );
      }
      const packages = (info.objects('packageInfos') ?? []).map((pk) => ({
        packageSn: newSn(store, 'PC', 14),
        lines: (pk.objects('packageDetailSaveInfos') ?? []).map((d) => ({
          productSkuId: d.requireId('productSkuId'),
          skuNum: d.requireInt('skuNum', { min: 1 }),
        })),
      }));
      if (!packages.length) info.fail('packageInfos', 'is required');
      created.push({
        deliveryOrderSn: newSn(store, 'FH', 14),
        subPurchaseOrderSn: sn,
        status: 0,
        subWarehouseId: po.subWarehouseId,
        subWarehouseName: po.subWarehouseName,
        lines,
        packages,
        deliverTime: null,
        receiveTime: null,
        receiveSkcNum: null,
        defectiveSkcNum: null,
        expressDeliverySn: null,
        expressCompanyId: null,
        expressBatchSn: null,
      });
    }
  }
  for (const so of created) {
    store.shipOrders.set(so.deliveryOrderSn, so);
    const po = store.purchaseOrders.get(so.subPurchaseOrderSn)!;
    po.staged = false;
    po.deliveryOrderSn = so.deliveryOrderSn;
    for (const l of so.lines)
      po.lines.find((x) => x.productSkuId === l.productSkuId)!.deliverQuantity += l.skuNum;
  }
  void nowMs;
  return { deliveryOrders: created.map((so) => so.deliveryOrderSn), isUrgencyType: false };
};

/** bg.shiporderv2.get: pageSize above 20 fails with SYSTEM_EXCEPTION as observed (docs/temu-api.md "Selling models"). */
export const shipOrderList: Handler = ({ state, body }) => {
  const p = new Params(body, CONSIGNMENT_ERROR);
  const pageNo = p.int('pageNo', { required: true, min: 1 })!;
  const pageSize = p.int('pageSize', { required: true, min: 1 })!;
  if (pageSize > 20) throw ApiError.gateway('SYSTEM');
  const dsns = p.strList('deliveryOrderSnList');
  const psns = p.strList('subPurchaseOrderSnList');
  const all = [...consignmentOf(state).shipOrders.values()].filter(
    (so) =>
      (!dsns || dsns.length === 0 || dsns.includes(so.deliveryOrderSn)) &&
      (!psns || psns.length === 0 || psns.includes(so.subPurchaseOrderSn)),
  );
  return { total: all.length, list: page(all, pageNo, pageSize).map(shipView) };
};

/** bg.shiporder.packing.send: books the carrier and the tracking number; ship orders go in transit. */
export const packingSend: Handler = ({ state, body, nowMs }) => {
  const p = new Params(body, CONSIGNMENT_ERROR);
  const method = p.int('deliverMethod', { required: true, min: 1, max: 3 })!;
  p.int('deliveryAddressId', { required: true, min: 1 });
  const sns = p.strList('deliveryOrderSnList') ?? [];
  if (!sns.length) p.fail('deliveryOrderSnList', 'is required');
  const third = p.object('thirdPartyExpressDeliveryInfoVO');
  if (method === 3 && !third) p.fail('thirdPartyExpressDeliveryInfoVO', 'is required for deliverMethod 3');
  const tracking = third?.str('expressDeliverySn', true) ?? null;
  const companyId = third?.int('expressCompanyId', { required: true, min: 1 }) ?? null;
  third?.str('expressCompanyName', true);
  const store = consignmentOf(state);
  const orders = sns.map((sn) => {
    const so = store.shipOrders.get(sn);
    if (!so) throw new ApiError(CONSIGNMENT_ERROR, `ship order ${sn} does not exist`);
    if (so.status !== 0)
      throw new ApiError(CONSIGNMENT_ERROR, `ship order ${sn} in status ${so.status} was already sent`);
    return so;
  });
  const batch = newSn(store, 'EB', 14);
  for (const so of orders) {
    so.status = 1;
    so.deliverTime = nowMs;
    so.expressDeliverySn = tracking;
    so.expressCompanyId = companyId;
    so.expressBatchSn = batch;
    const po = store.purchaseOrders.get(so.subPurchaseOrderSn);
    if (po) {
      po.status = 2;
      po.deliverTime = nowMs;
    }
  }
  return { expressBatchSn: batch, createExpressErrorRequestList: [] };
};

/** bg.logistics.boxmarkinfo.get: one box-mark row per package, or a print key. */
export const boxMarkInfo: Handler = ({ state, body }) => {
  const p = new Params(body, CONSIGNMENT_ERROR);
  const sns = p.strList('deliveryOrderSnList') ?? [];
  if (!sns.length) p.fail('deliveryOrderSnList', 'is required');
  const store = consignmentOf(state);
  const orders = sns.map((sn) => {
    const so = store.shipOrders.get(sn);
    if (!so) throw new ApiError(CONSIGNMENT_ERROR, `ship order ${sn} does not exist`);
    return so;
  });
  if (p.bool('return_data_key')) return `sandbox-boxmark-${sns.join('-')}`;
  return orders.flatMap((so) =>
    so.packages.map((pk, i) => ({
      deliveryOrderSn: so.deliveryOrderSn,
      subPurchaseOrderSn: so.subPurchaseOrderSn,
      packageSn: pk.packageSn,
      packageIndex: i + 1,
      totalPackageNum: so.packages.length,
      packageSkcNum: pk.lines.reduce((n, l) => n + l.skuNum, 0),
      subWarehouseId: so.subWarehouseId,
      subWarehouseName: so.subWarehouseName,
      expressDeliverySn: so.expressDeliverySn,
      deliverTime: so.deliverTime,
    })),
  );
};
