/**
 * Everything that differs between Odoo 16, 17, 18, 19 and 20 on the wire and that the sandbox has to
 * reproduce, in one place (docs/odoo-api.md §2 tables and docs/odoo-api.md §5 "version switches"). 20.0 is 19.0 without the
 * deprecated RPC endpoints (docs/odoo-api.md, "JSON-2 and the deprecation timeline").
 */
export type OdooVersion = '16.0' | '17.0' | '18.0' | '19.0' | '20.0';
export const ODOO_VERSIONS = [
  '16.0',
  '17.0',
  '18.0',
  '19.0',
  '20.0',
] as const satisfies readonly OdooVersion[];

export function majorOf(version: OdooVersion): number {
  return Number(version.split('.')[0]);
}

export function isOdooVersion(value: string): value is OdooVersion {
  return (ODOO_VERSIONS as readonly string[]).includes(value);
}

/** `common.version` payload (fixtures auth.json). */
export function versionInfo(version: OdooVersion) {
  const major = majorOf(version);
  return {
    server_version: version,
    server_version_info: [major, 0, 0, 'final', 0, ''],
    server_serie: version,
    protocol_version: 1,
  };
}

/** Sale order line tax field: `tax_id` (16–18) → `tax_ids` (19). */
export const saleLineTaxField = (major: number) => (major >= 19 ? 'tax_ids' : 'tax_id');
/** Sale order line unit field: `product_uom` (16–18) → `product_uom_id` (19). */
export const saleLineUomField = (major: number) => (major >= 19 ? 'product_uom_id' : 'product_uom');
/** Warehouse context key for stock quantities: `warehouse` (16/17), `warehouse_id` (18/19; 19 also `search_warehouse`). */
export const warehouseContextKeys = (major: number): string[] =>
  major >= 19 ? ['warehouse_id', 'search_warehouse'] : major >= 18 ? ['warehouse_id'] : ['warehouse'];
/** JSON-2 (`/json/2/…`, `GET /json/version`) exists from 19. */
export const hasJson2 = (major: number) => major >= 19;
/** `/jsonrpc` (and `/xmlrpc`) are deprecated in 19 and gone in the sandbox's 20. */
export const hasJsonRpc = (major: number) => major < 20;
/** JSON-RPC `error.code`: 200 in 16–18, 0 in 19 (docs/odoo-api.md §1.2). */
export const jsonRpcErrorCode = (major: number) => (major >= 19 ? 0 : 200);
