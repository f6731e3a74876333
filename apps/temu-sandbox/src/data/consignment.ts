import type { SandboxState } from '../state.js';

/**
 * The semi-managed and fully-managed sides of the sandbox shop (issue 16; docs/temu-api.md
 * "Selling models"): virtual stock per SKU and warehouse on the PARTNER gateway, and Temu's purchase
 * orders, shipping desk and ship orders with warehouse receipt on the CN gateway. Kept beside the
 * shop's state (one per SandboxState), cleared with it on reseed.
 */
export interface SemiWarehouse {
  warehouseId: string;
  warehouseName: string;
}

/** Two warehouses, as EU semi shops may keep stock per warehouse (docs/temu-api.md "Selling models"). */
export const SEMI_WAREHOUSES: readonly SemiWarehouse[] = [
  { warehouseId: '7001001', warehouseName: 'Seller warehouse West' },
  { warehouseId: '7001002', warehouseName: 'Seller warehouse East' },
];

export interface PurchaseOrderLine {
  productSkuId: bigint;
  extCode: string;
  className: string;
  purchaseQuantity: number;
  deliverQuantity: number;
  realReceiveAuthenticQuantity: number;
  /** Agreed supply price as a decimal string, in `currency`. */
  supplierPrice: string | null;
  currency: string;
}

export interface SandboxPurchaseOrder {
  subPurchaseOrderSn: string;
  originalPurchaseOrderSn: string;
  /** 0 awaiting acceptance … 3 received … 8 voided (docs/temu-api.md "Selling models"). */
  status: number;
  productId: number;
  productSkcId: bigint;
  productName: string;
  purchaseTime: number;
  subWarehouseId: number;
  subWarehouseName: string;
  staged: boolean;
  deliveryOrderSn: string | null;
  deliverTime: number | null;
  receiveTime: number | null;
  /** Asked for by the seller in `bg.purchaseorder.apply` (ms); default purchase time + 5 / + 10 days. */
  latestDeliverTime?: number;
  latestArrivalTime?: number;
  lines: PurchaseOrderLine[];
}

export interface SandboxShipOrder {
  deliveryOrderSn: string;
  subPurchaseOrderSn: string;
  /** 0 awaiting packing, 1 awaiting receipt, 2 received, 3 stored, 4 returned, 5 cancelled, 6 partly received. */
  status: number;
  subWarehouseId: number;
  subWarehouseName: string;
  lines: Array<{ productSkuId: bigint; skuNum: number }>;
  packages: Array<{ packageSn: string; lines: Array<{ productSkuId: bigint; skuNum: number }> }>;
  deliverTime: number | null;
  receiveTime: number | null;
  receiveSkcNum: number | null;
  defectiveSkcNum: number | null;
  expressDeliverySn: string | null;
  expressCompanyId: number | null;
  expressBatchSn: string | null;
}

/**
 * What Temu checks when a seller applies for stocking (`bg.purchaseorder.apply`, docs/temu-api.md
 * "Selling models"), set over `POST /_sandbox/consignment/stocking-rules`. Absent = no limit.
 */
export interface StockingRules {
  /** Temu's advised stocking quantity per seller SKU code (above it: 1002). */
  advisedQuantity: Map<string, number>;
  /** Seller SKU codes Temu has delisted (1008). */
  delisted: Set<string>;
  /** Cap on the value applied per UTC day, in minor units of the SKU's currency (61001). */
  dailyCapMinor: number | null;
}

/** Where applied purchase orders are received: Temu assigns the sub-warehouse, the call names none. */
export const APPLY_SUB_WAREHOUSE = { id: 8_800_001, name: 'Temu Dongguan warehouse 1' } as const;

export class ConsignmentStore {
  /** `${productSkuId}@${warehouseId}` → virtual stock. */
  semiStock = new Map<string, number>();
  purchaseOrders = new Map<string, SandboxPurchaseOrder>();
  shipOrders = new Map<string, SandboxShipOrder>();
  /** Purchase orders whose next desk join Temu refuses, with the refusal. */
  refusals = new Map<string, { errorCode: number; errorMsg: string }>();
  stocking: StockingRules = { advisedQuantity: new Map(), delisted: new Set(), dailyCapMinor: null };
  /** UTC date → value applied that day (minor units), for the daily cap. */
  appliedMinorByDay = new Map<string, number>();
  private seq = 0;

  clear(): void {
    this.semiStock.clear();
    this.purchaseOrders.clear();
    this.shipOrders.clear();
    this.refusals.clear();
    this.stocking = { advisedQuantity: new Map(), delisted: new Set(), dailyCapMinor: null };
    this.appliedMinorByDay.clear();
    this.seq = 0;
  }

  next(): number {
    this.seq += 1;
    return this.seq;
  }

  semiKey(productSkuId: bigint | string, warehouseId: string): string {
    return `${productSkuId}@${warehouseId}`;
  }
}

const STORES = new WeakMap<SandboxState, ConsignmentStore>();

export function consignmentOf(state: SandboxState): ConsignmentStore {
  let store = STORES.get(state);
  if (!store) {
    store = new ConsignmentStore();
    STORES.set(state, store);
  }
  return store;
}

/** Temu's id patterns (docs/temu-api.md "Selling models"): WB/WP + 13 digits, FH + 14 digits, PC + 14 digits. */
export function newSn(
  store: ConsignmentStore,
  prefix: 'WB' | 'WP' | 'FH' | 'PC' | 'EB',
  digits: number,
): string {
  return `${prefix}${String(2_511_300_000_000 + store.next()).padStart(digits, '0')}`;
}
