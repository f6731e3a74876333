import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { loadShops, sellingModelProblem, temuGatewayOf } from '../src/index.js';

const creds = { appKey: 'key', appSecret: 'secret', accessToken: 'token' };
const files: string[] = [];

function shopsFile(shops: unknown[]): string {
  const file = path.join(os.tmpdir(), `selling-models-${process.pid}-${files.length}.json`);
  fs.writeFileSync(file, JSON.stringify(shops));
  files.push(file);
  return file;
}

const single = {
  TEMU_SHOP_ID: 'demo-shop',
  TEMU_REGION: 'US' as const,
  TEMU_GATEWAY_URL: 'http://127.0.0.1:4010',
  TEMU_APP_KEY: 'k',
  TEMU_APP_SECRET: 's',
  TEMU_ACCESS_TOKEN: 't',
};
const load = (shops: unknown[]) => loadShops({ ...single, TEMU_SHOPS_FILE: shopsFile(shops) });

afterEach(() => {
  for (const f of files.splice(0)) fs.rmSync(f, { force: true });
});

describe('selling model per shop (issue 16)', () => {
  it('defaults to local, and reads the older shopType as the model', () => {
    const shops = load([
      { ...creds, shopId: 'a', region: 'US', gatewayUrl: 'https://openapi-b-us.temu.com' },
      {
        ...creds,
        shopId: 'b',
        region: 'EU',
        shopType: 'semi',
        gatewayUrl: 'https://openapi-b-eu.temu.com',
        partnerGatewayUrl: 'https://openapi-b-partner.temu.com',
        semiWarehouseId: '7001001',
      },
    ]);
    expect(shops.map((s) => [s.shopId, s.sellingModel])).toEqual([
      ['a', 'local'],
      ['b', 'semi'],
    ]);
    expect(shops[1]).not.toHaveProperty('shopType');
  });

  it('loads one fleet of three models, regions and gateways sharing one app key', () => {
    const shops = load([
      {
        ...creds,
        shopId: 'us-local',
        region: 'US',
        sellingModel: 'local',
        gatewayUrl: 'https://openapi-b-us.temu.com',
      },
      {
        ...creds,
        shopId: 'eu-semi',
        region: 'EU',
        sellingModel: 'semi',
        gatewayUrl: 'https://openapi-b-eu.temu.com',
        partnerGatewayUrl: 'https://openapi-b-partner.temu.com',
        semiWarehouseId: '7001002',
      },
      {
        ...creds,
        shopId: 'cn-full',
        region: 'CN',
        sellingModel: 'full',
        gatewayUrl: 'https://openapi.kuajingmaihuo.com',
        deliveryAddressId: 5001,
      },
    ]);
    expect(shops.map((s) => [s.sellingModel, s.region, s.appKey])).toEqual([
      ['local', 'US', 'key'],
      ['semi', 'EU', 'key'],
      ['full', 'CN', 'key'],
    ]);
    expect(shops[2]).toMatchObject({ deliveryAddressId: 5001 });
  });

  it.each([
    [
      'a semi shop without the PARTNER gateway',
      {
        shopId: 's1',
        region: 'US',
        sellingModel: 'semi',
        gatewayUrl: 'https://openapi-b-us.temu.com',
        semiWarehouseId: '1',
      },
      'TEMU_SHOPS_FILE: shop s1 (sellingModel "semi"): semi-managed stock lives on the PARTNER gateway; add "partnerGatewayUrl": "https://openapi-b-partner.temu.com"',
    ],
    [
      'a semi shop whose partner gateway is the CN one',
      {
        shopId: 's2',
        region: 'US',
        sellingModel: 'semi',
        gatewayUrl: 'https://openapi-b-us.temu.com',
        partnerGatewayUrl: 'https://openapi.kuajingmaihuo.com',
        semiWarehouseId: '1',
      },
      'TEMU_SHOPS_FILE: shop s2 (sellingModel "semi"): partnerGatewayUrl https://openapi.kuajingmaihuo.com is Temu\'s CN gateway; set it to https://openapi-b-partner.temu.com',
    ],
    [
      'a local shop on the EU gateway while its region is US',
      { shopId: 'l1', region: 'US', gatewayUrl: 'https://openapi-b-eu.temu.com' },
      'TEMU_SHOPS_FILE: shop l1 (sellingModel "local"): gatewayUrl https://openapi-b-eu.temu.com is Temu\'s EU gateway, not the US one its orders need; set gatewayUrl to https://openapi-b-us.temu.com',
    ],
    [
      'a full shop on a regional gateway',
      {
        shopId: 'f1',
        region: 'US',
        sellingModel: 'full',
        gatewayUrl: 'https://openapi-b-us.temu.com',
        deliveryAddressId: 1,
      },
      'TEMU_SHOPS_FILE: shop f1 (sellingModel "full"): fully-managed purchase and ship orders are on the CN gateway; set region to CN and gatewayUrl to https://openapi.kuajingmaihuo.com',
    ],
    [
      'a full shop with region CN but the US gateway',
      {
        shopId: 'f2',
        region: 'CN',
        sellingModel: 'full',
        gatewayUrl: 'https://openapi-b-us.temu.com',
        deliveryAddressId: 1,
      },
      'TEMU_SHOPS_FILE: shop f2 (sellingModel "full"): gatewayUrl https://openapi-b-us.temu.com is Temu\'s US gateway; fully-managed shops need https://openapi.kuajingmaihuo.com',
    ],
    [
      'a local shop on the CN region',
      { shopId: 'l2', region: 'CN', gatewayUrl: 'https://openapi.kuajingmaihuo.com' },
      'TEMU_SHOPS_FILE: shop l2 (sellingModel "local"): region CN has no consumer orders; set region to US, EU or GLOBAL with that region\'s gateway (sellingModel "full" is the one for the CN gateway)',
    ],
  ])('refuses %s at start, in one line naming the shop and the fix', (_what, shop, message) => {
    expect(() => load([{ ...creds, ...shop }])).toThrow(message);
    expect(message).not.toContain('\n');
  });

  it('checks sandbox or proxy hosts by region only (their host says nothing)', () => {
    expect(temuGatewayOf('http://127.0.0.1:4010')).toBeNull();
    expect(temuGatewayOf('https://OPENAPI-B-PARTNER.temu.com/openapi/router')).toBe('PARTNER');
    expect(
      sellingModelProblem({
        shopId: 'x',
        sellingModel: 'full',
        region: 'CN',
        gatewayUrl: 'http://127.0.0.1:4010',
        deliveryAddressId: 9,
      }),
    ).toBeNull();
    expect(
      sellingModelProblem({
        shopId: 'x',
        sellingModel: 'full',
        region: 'CN',
        gatewayUrl: 'http://127.0.0.1:4010',
      }),
    ).toMatch(/add "deliveryAddressId"/);
  });

  it('refuses the single-shop shorthand on a region without consumer orders', () => {
    expect(() => loadShops({ ...single, TEMU_REGION: 'PARTNER' })).toThrow(
      /^TEMU_REGION \/ TEMU_GATEWAY_URL: shop demo-shop \(sellingModel "local"\): region PARTNER has no consumer orders/,
    );
  });
});
