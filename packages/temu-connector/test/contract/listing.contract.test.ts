import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ListingDraft, ListingProduct } from '@temu-odoo/core';
import sharp from 'sharp';
import { goodsListCall } from '../../src/calls/goods-list.call.js';
import { TemuListing } from '../../src/temu-listing.js';
import { startHarness } from './sandbox-harness.js';
import type { Harness } from './sandbox-harness.js';

let h: Harness;
let images: { url: string; close: () => Promise<void> };

/** A real HTTP server for the images Temu downloads (white square photos, and one too small). */
async function startImageServer() {
  const white = (size: number) =>
    sharp({ create: { width: size, height: size, channels: 3, background: '#ffffff' } })
      .jpeg()
      .toBuffer();
  const files: Record<string, Buffer> = { '/good.jpg': await white(1000), '/small.jpg': await white(700) };
  const server = createServer((req, res) => {
    const body = files[req.url ?? ''];
    if (!body) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'image/jpeg' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

beforeAll(async () => {
  h = await startHarness({ orderCount: 0, listingReviewMs: 300 });
  images = await startImageServer();
});
afterAll(async () => {
  await images.close();
  await h.close();
});

function lamp(code: string, over: Partial<ListingProduct> = {}): ListingProduct {
  return {
    erpId: 1,
    code,
    title: 'Warm white LED desk lamp',
    description: 'A lamp',
    erpCategoryId: 5,
    erpCategoryName: 'Lamps',
    attributes: { Material: ['Metal'], 'Power Source': ['USB'] },
    variants: ['Black', 'White'].map((colour, i) => ({
      erpId: 10 + i,
      sku: `${code}-${colour.toUpperCase()}`,
      price: { amountMinor: 1999, currency: 'USD' },
      weightKg: 0.8,
      dimensionsCm: { length: 30, width: 15, height: 10 },
      attributes: { Color: colour },
      label: `Lamp (${colour})`,
    })),
    images: [{ role: 'main', source: 'image_1920' }],
    ...over,
  };
}

const draft = (product: ListingProduct, over: Partial<ListingDraft> = {}): ListingDraft => ({
  product,
  categoryId: 111,
  imageUrls: [`${images.url}/good.jpg`],
  stockBySku: {},
  handlingDays: 2,
  ...over,
});

const remoteCode = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (err: { remoteCode?: string; kind?: string }) => `${err.kind}:${err.remoteCode}`,
  );

describe('Temu listing over HTTP (cats, template, image upload, goods add / partial update)', () => {
  it('walks the category tree lazily and caches each level', async () => {
    const listing = new TemuListing({ client: h.client() });
    expect(await listing.category(111)).toEqual({
      categoryId: 111,
      name: 'Desk Lamps',
      leaf: true,
      available: true,
    });
    expect(await listing.category(110)).toMatchObject({ leaf: false });
    expect(await listing.category(220)).toMatchObject({ leaf: true, available: false });
    const cached = listing.cachedEntries;
    expect(await listing.category(111)).toMatchObject({ leaf: true });
    expect(listing.cachedEntries).toBe(cached);
    expect(await listing.category(424242)).toBeNull();
  });

  it('reads the template: required Material with its values, free Power Source, Color as variant attribute', async () => {
    const t = await new TemuListing({ client: h.client() }).template(111);
    expect(t.attributes).toEqual([
      {
        name: 'Material',
        required: true,
        variantAttribute: false,
        allowedValues: ['Metal', 'Plastic', 'Wood', 'Glass'],
      },
      { name: 'Power Source', required: true, variantAttribute: false, allowedValues: null },
      expect.objectContaining({ name: 'Color', required: true, variantAttribute: true }),
    ]);
    expect(t.requiresWeight && t.requiresDimensions).toBe(true);
  });

  it('publishes goods with their SKUs; incomplete (4) while in review, then active (1)', async () => {
    const listing = new TemuListing({ client: h.client() });
    const published = await listing.publish(draft(lamp('LAMP-PUB')));
    expect(published.skus.map((s) => s.sku)).toEqual(['LAMP-PUB-BLACK', 'LAMP-PUB-WHITE']);
    expect(published.skus.every((s) => /^\d+$/.test(s.skuId))).toBe(true);
    const find = async (searchType: number) =>
      (
        await h
          .client()
          .call(goodsListCall, { goodsSearchType: searchType, goodsIdList: [published.goodsId] })
      ).goodsList;
    expect((await find(4)).map((g) => g.subStatus4VO)).toEqual([4001]);
    let active = await find(1);
    while (active.length === 0) active = await find(1); // review time 300 ms; no wall-clock assertion
    expect(active[0]).toMatchObject({
      goodsName: 'Warm white LED desk lamp',
      outGoodsSn: 'LAMP-PUB',
      status4VO: 1,
    });

    await listing.update(
      published.goodsId,
      draft(lamp('LAMP-PUB', { title: 'Warm white LED desk lamp, metal' })),
      published,
    );
    expect((await find(1))[0]?.goodsName).toBe('Warm white LED desk lamp, metal');
  });

  it("answers Temu's own validation errors as business errors with the documented codes", async () => {
    const listing = new TemuListing({ client: h.client() });
    expect(await remoteCode(listing.publish(draft(lamp('LAMP-NL'), { categoryId: 110 })))).toBe(
      'business:150010124',
    );
    expect(
      await remoteCode(
        listing.publish(draft(lamp('LAMP-NOSPEC', { attributes: { 'Power Source': ['USB'] } }))),
      ),
    ).toBe('business:150011010');
    expect(
      await remoteCode(
        listing.publish(draft(lamp('LAMP-SMALL'), { imageUrls: [`${images.url}/small.jpg`] })),
      ),
    ).toBe('business:150011065');
    await listing.publish(draft(lamp('LAMP-DUP')));
    const again = lamp('LAMP-DUP');
    again.variants.forEach((v) => (v.sku = `${v.sku}-2`));
    expect(await remoteCode(listing.publish(draft(again)))).toBe('business:150010090');
    expect(
      await remoteCode(
        listing.publish(draft(lamp('LAMP-404'), { imageUrls: [`${images.url}/missing.jpg`] })),
      ),
    ).toBe('business:150011021');
  });
});
