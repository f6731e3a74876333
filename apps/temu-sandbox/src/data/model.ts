/** In-memory records of the simulated shop. Ids that may exceed 2^53 are bigint. */
export type ChildStatus = 1 | 2 | 3 | 4 | 5;
/** Parent statuses (docs/temu-api.md §8.2): 41 partially shipped, 51 partially delivered. */
export type ParentStatus = 1 | 2 | 3 | 4 | 5 | 41 | 51;

export const PARENT_STATUSES: readonly ParentStatus[] = [1, 2, 3, 4, 5, 41, 51];

export const PARENT_LABELS = [
  'soon_to_be_overdue',
  'past_due',
  'pending_buyer_cancellation',
  'pending_buyer_address_change',
  'pending_risk_control_alert',
  'signature_required_on_delivery',
] as const;
export type ParentLabel = (typeof PARENT_LABELS)[number];

export const ORDER_LABELS = [
  'customized_products',
  'US_to_CA',
  'pre_sale_order',
  'made_to_order',
  'vacation_order',
] as const;

export interface SkuRecord {
  skuId: bigint;
  goodsId: bigint;
  productSkuId: number;
  sellerSku: string;
  specName: string;
  /** Seller (supplier/base) price in minor units. */
  priceMinor: number;
  currency: string;
  stock: number;
  preSaleStock: number;
}

export interface GoodsRecord {
  goodsId: bigint;
  productId: number;
  goodsName: string;
  outGoodsSn: string;
  catId: number;
  createdAtMs: number;
  skus: SkuRecord[];
  /** Goods added over the API sit in 4-Incomplete (4001 price evaluation) until then; seeded goods are active. */
  reviewUntilMs?: number;
  /** Carousel image URLs and properties of goods added over the API. */
  images?: string[];
  properties?: Array<{ pid: number; vid: number; value: string }>;
}

export interface Address {
  receiptName: string;
  firstName: string;
  lastName: string;
  mobile: string;
  mail: string;
  regionName1: string;
  regionName2: string;
  regionName3: string;
  addressLine1: string;
  addressLine2: string;
  postCode: string;
}

/** How a control-created order is broken so a client's validation must reject it. */
export type MalformedKind = 'missing_order_sn' | 'bad_quantity' | 'missing_status';

export interface ChildOrder {
  orderSn: string;
  parentOrderSn: string;
  goodsId: bigint;
  skuId: bigint;
  productId: number;
  productSkuId: number;
  sellerSku: string;
  goodsName: string;
  spec: string;
  originalQuantity: number;
  canceledQuantity: number;
  shippedQuantity: number;
  status: ChildStatus;
  cancelledDuringPending: boolean;
  createdAt: number;
  shippedAt: number | null;
  unitBaseMinor: number;
  unitRetailMinor: number;
}

export interface ParentOrder {
  parentOrderSn: string;
  status: ParentStatus;
  regionId: number;
  siteId: number;
  currency: string;
  /** Times in UNIX seconds (docs/temu-api.md §15.1). */
  createdAt: number;
  updatedAt: number;
  confirmAt: number | null;
  /** ms epoch when the pending window ends (ms so tests can use short windows). */
  pendingFinishAtMs: number;
  expectShipLatestAt: number;
  latestDeliveryAt: number;
  shippedAt: number | null;
  /** ms epoch until which amounts answer 140020008. */
  amountReadyAtMs: number;
  shippingMinor: number;
  /** Discounts on the order (minor units, positive), funded by the seller / by Temu; 0 unless set by control. */
  sellerDiscountMinor?: number;
  temuDiscountMinor?: number;
  labels: Set<ParentLabel>;
  fulfillmentWarnings: Set<string>;
  address: Address;
  children: ChildOrder[];
  malformed: MalformedKind | null;
}

export interface ShipmentLine {
  parentOrderSn: string;
  orderSn: string;
  goodsId: bigint;
  skuId: bigint;
  quantity: number;
}

export interface Shipment {
  packageSn: string;
  sendType: number;
  carrierId: number;
  carrierName: string;
  trackingNumber: string;
  warehouseId: string | null;
  createdAt: number;
  lines: ShipmentLine[];
  subPackages: { carrierId: number; trackingNumber: string }[];
}

export type AfterSalesKind = 'cancel' | 'refund' | 'return';

export interface AfterSalesLine {
  afterSalesSn: string;
  /** The buyer's reason (e.g. "damaged"), shown as `afterSalesReasonDesc`; absent when none given. */
  reason?: string;
  orderSn: string;
  goodsId: bigint;
  skuId: bigint;
  productSkuId: number;
  sellerSku: string;
  quantity: number;
}

export interface AfterSalesCase {
  parentAfterSalesSn: string;
  parentOrderSn: string;
  kind: AfterSalesKind;
  /** 1 refund only, 2 return and refund (docs/temu-api.md §12). */
  afterSalesType: 1 | 2;
  status: number;
  createAtMs: number;
  updateAtMs: number;
  lines: AfterSalesLine[];
  /** The seller's label for a status-8 return, once uploaded. */
  returnLabel?: { trackingNumber: string; url: string };
  /** What Temu refunds the buyer for this case (detail `refundSummary`, minor units), fixed when opened. */
  refund?: CaseRefundAmounts;
}

export interface CaseRefundAmounts {
  goodsMinor: number;
  taxMinor: number;
  shippingMinor: number;
  sellerDiscountMinor: number;
  temuDiscountMinor: number;
  totalMinor: number;
}

export interface TokenRecord {
  accessToken: string;
  appKey: string;
  mallId: number;
  expiresAt: number;
  revoked: boolean;
  scopes: Set<string>;
}

export interface AuthCode {
  code: string;
  appKey: string;
  expiresAtMs: number;
  used: boolean;
}
