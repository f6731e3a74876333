/**
 * What the replenishment planner reads from the marketplace for a shop whose goods sit in the
 * marketplace's own warehouses (fully-managed): per warehouse (group), each SKU's sales counter
 * and stock. The marketplace gives counters as of now, not daily history: the worker keeps a daily
 * snapshot of `totalSold` and differences consecutive days.
 */
export interface WarehouseSkuSales {
  /** The seller's SKU code; null when the marketplace row carries none (reported, not planned). */
  sku: string | null;
  /** The marketplace's SKU id. */
  skuId: string;
  /** Units sold in this warehouse since the SKU was listed (a running counter). */
  totalSold: number;
  /** Units sold in the last 30 days (a level for SKUs without history yet). */
  last30DaysSold: number;
  /** Sellable units in the warehouse. */
  onHand: number;
  /** Units shipped or booked to the warehouse, not yet received. */
  inTransit: number;
}

export interface MarketplaceWarehouseSalesPort {
  warehouseSales(warehouseId: string): Promise<WarehouseSkuSales[]>;
}

/** A draft transfer the ERP creates per planned shipment, found again by `reference`. */
export interface DraftTransfer {
  /** Unique per plan and shipment: the ERP's source document; a second request finds it. */
  reference: string;
  scheduledDate: string;
  note: string;
  lines: Array<{ sku: string; quantity: number }>;
}

export interface ErpTransferPort {
  /** Creates the transfers not there yet (by reference); returns each reference's ERP id and whether it was created now. */
  createDraftTransfers(
    transfers: DraftTransfer[],
    options: { warehouseId?: number | undefined },
  ): Promise<Array<{ reference: string; id: number; created: boolean }>>;
}
