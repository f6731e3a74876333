/**
 * Selling models (issue 16) and the Temu gateway each needs (docs/temu-api.md §1.1, §11, "Selling models"):
 * - local: seller-fulfilled; orders, stock and prices on the regional gateway (US, EU or GLOBAL);
 * - semi: semi-managed; orders on the regional gateway, virtual stock on the PARTNER gateway;
 * - full: fully-managed (consignment); purchase orders and ship orders on the CN gateway, no consumer orders.
 * A wrong gateway answers "type not exists" or a region error on every call, so it is refused at start.
 */
export const SELLING_MODELS = ['local', 'semi', 'full'] as const;
export type SellingModel = (typeof SELLING_MODELS)[number];

/** Temu's public gateway hosts (docs/temu-api.md §1.1); other hosts (sandboxes, proxies) are not checked by host. */
const GATEWAY_HOSTS: Readonly<Record<string, 'US' | 'EU' | 'GLOBAL' | 'PARTNER' | 'CN'>> = {
  'openapi-b-us.temu.com': 'US',
  'openapi-b-eu.temu.com': 'EU',
  'openapi-b-global.temu.com': 'GLOBAL',
  'openapi-b-partner.temu.com': 'PARTNER',
  'openapi.kuajingmaihuo.com': 'CN',
};

const REGIONAL = new Set(['US', 'EU', 'GLOBAL']);

/** The Temu gateway a URL points at, or null for a host that is not one of Temu's (sandbox, proxy). */
export function temuGatewayOf(url: string): 'US' | 'EU' | 'GLOBAL' | 'PARTNER' | 'CN' | null {
  try {
    return GATEWAY_HOSTS[new URL(url).hostname.toLowerCase()] ?? null;
  } catch {
    return null;
  }
}

export interface SellingModelShop {
  shopId: string;
  sellingModel: SellingModel;
  region: string;
  gatewayUrl: string;
  partnerGatewayUrl?: string | undefined;
  semiWarehouseId?: string | undefined;
  deliveryAddressId?: number | undefined;
}

/**
 * Why this shop cannot start with its gateways, in one line naming the shop and the fix; null when
 * it can. Known Temu hosts must be the gateway of the model; any host must agree with `region`.
 */
export function sellingModelProblem(shop: SellingModelShop): string | null {
  const at = `shop ${shop.shopId} (sellingModel "${shop.sellingModel}")`;
  const main = temuGatewayOf(shop.gatewayUrl);
  const partner = shop.partnerGatewayUrl ? temuGatewayOf(shop.partnerGatewayUrl) : null;
  switch (shop.sellingModel) {
    case 'local':
    case 'semi': {
      if (!REGIONAL.has(shop.region))
        return `${at}: region ${shop.region} has no consumer orders; set region to US, EU or GLOBAL with that region's gateway (sellingModel "full" is the one for the CN gateway)`;
      if (main !== null && main !== shop.region)
        return `${at}: gatewayUrl ${shop.gatewayUrl} is Temu's ${main} gateway, not the ${shop.region} one its orders need; set gatewayUrl to https://openapi-b-${shop.region.toLowerCase()}.temu.com`;
      if (shop.sellingModel === 'local') {
        if (shop.partnerGatewayUrl)
          return `${at}: partnerGatewayUrl is for semi-managed shops; remove it or set sellingModel to "semi"`;
        return null;
      }
      if (!shop.partnerGatewayUrl)
        return `${at}: semi-managed stock lives on the PARTNER gateway; add "partnerGatewayUrl": "https://openapi-b-partner.temu.com"`;
      if (partner !== null && partner !== 'PARTNER')
        return `${at}: partnerGatewayUrl ${shop.partnerGatewayUrl} is Temu's ${partner} gateway; set it to https://openapi-b-partner.temu.com`;
      if (!shop.semiWarehouseId)
        return `${at}: semi-managed stock is kept per Temu warehouse; add "semiWarehouseId" (a warehouseId of bg.btg.goods.stock.warehouse.list.get)`;
      return null;
    }
    case 'full':
      if (shop.region !== 'CN')
        return `${at}: fully-managed purchase and ship orders are on the CN gateway; set region to CN and gatewayUrl to https://openapi.kuajingmaihuo.com`;
      if (main !== null && main !== 'CN')
        return `${at}: gatewayUrl ${shop.gatewayUrl} is Temu's ${main} gateway; fully-managed shops need https://openapi.kuajingmaihuo.com`;
      if (shop.partnerGatewayUrl) return `${at}: partnerGatewayUrl is for semi-managed shops; remove it`;
      if (shop.deliveryAddressId === undefined)
        return `${at}: ship orders need the seller's shipping address at Temu; add "deliveryAddressId" (an id of bg.mall.address.get)`;
      return null;
  }
}
