import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OdooConnection, OdooListingProducts } from '../src/index.js';
import { realOdooFromEnv, sandboxAvailable, startTarget, type OdooTarget } from './support/odoo-target.js';

/**
 * Contract for the listing side of the ERP adapter: products with variants, attributes, category
 * and main image read in batches, and the listing to-do set and cleared. Runs against the sandbox
 * (16.0, 18.0, 20.0 over JSON-2) or, unchanged, against the real Odoo from the environment.
 */
const REAL = realOdooFromEnv() !== null;
type Protocol = 'auto' | 'jsonrpc' | 'json2';
const TARGETS: Array<[string | null, Protocol]> = REAL
  ? [[null, realOdooFromEnv()!.protocol ?? 'auto']]
  : [
      ['16.0', 'auto'],
      ['18.0', 'auto'],
      ['20.0', 'json2'],
    ];
const describeTarget = REAL || sandboxAvailable() ? describe.each(TARGETS) : describe.skip.each(TARGETS);

// The 900×900 PNG the recording wrote to image_1920 (fixtures/odoo/18.0/product_images_categories.json).
const FIXTURE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../fixtures/odoo/18.0/product_images_categories.json',
);
const PNG_900: string = (
  JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as {
    exchanges: Array<{ step: string; request: { params: { args: unknown[] } } }>;
  }
).exchanges
  .filter((e) => e.step === 'write image_1920 (900x900 PNG)')
  .map((e) => (e.request.params.args[5] as [unknown, { image_1920: string }])[1].image_1920)[0]!;

describeTarget(
  'OdooListingProducts contract (sandbox %s, protocol %s, or the real Odoo from env)',
  (version, protocol) => {
    const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`.toUpperCase();
    let target: OdooTarget;
    let conn: OdooConnection;
    let listing: OdooListingProducts;
    let teeId: number;
    let lampId: number;

    beforeAll(async () => {
      target = await startTarget(version, [], protocol);
      conn = new OdooConnection({ ...target.options, retry: { retries: 2, minDelayMs: 5, maxDelayMs: 20 } });
      await conn.connect();
      listing = new OdooListingProducts(conn, { publicUrl: target.options.url, currency: 'USD' });
      const [categ] = await conn.create('product.category', [{ name: `CT Lamps ${run}` }]);
      const [colour] = await conn.create('product.attribute', [
        {
          name: `CT Colour ${run}`,
          create_variant: 'always',
          value_ids: [
            [0, 0, { name: 'Red' }],
            [0, 0, { name: 'Navy' }],
          ],
        },
      ]);
      const [material] = await conn.create('product.attribute', [
        { name: `CT Material ${run}`, create_variant: 'no_variant', value_ids: [[0, 0, { name: 'Cotton' }]] },
      ]);
      const values = async (attr: number) =>
        (
          await conn.searchRead<{ id: number }>(
            'product.attribute.value',
            [['attribute_id', '=', attr]],
            ['id'],
            { order: 'id' },
          )
        ).map((v) => v.id);
      [teeId] = (await conn.create('product.template', [
        {
          name: `CT Variant Tee ${run}`,
          list_price: 12,
          categ_id: categ,
          description_sale: 'Cotton tee',
          image_1920: PNG_900,
          attribute_line_ids: [
            [0, 0, { attribute_id: colour, value_ids: [[6, 0, await values(colour!)]] }],
            [0, 0, { attribute_id: material, value_ids: [[6, 0, await values(material!)]] }],
          ],
          ...conn.dialect.storableProductVals(),
        },
      ])) as [number];
      const variants = await conn.searchRead<{ id: number; product_template_attribute_value_ids: number[] }>(
        'product.product',
        [['product_tmpl_id', '=', teeId]],
        ['product_template_attribute_value_ids'],
        { order: 'id' },
      );
      // 2 colours × 1 material value on a no_variant line = 2 variants (fixtures: one per 'always' value)
      expect(variants).toHaveLength(2);
      await conn.write('product.product', [variants[0]!.id], { default_code: `CT-${run}-TEE-RED` });
      await conn.write('product.product', [variants[1]!.id], { default_code: `CT-${run}-TEE-NAVY` });
      [lampId] = (await conn.create('product.template', [
        {
          name: `CT Lamp ${run}`,
          list_price: 19,
          default_code: `CT-${run}-LAMP`,
          ...conn.dialect.storableProductVals(),
        },
      ])) as [number];
    });
    afterAll(async () => {
      await target.close();
    });

    it('reads templates, variants, attributes and the main image in batched calls', async () => {
      // The sandbox is Odoo without eCommerce (no gallery); a real Odoo may have it.
      const gallery = REAL ? await hasGallery(conn) : false;
      const before = conn.counter.businessTotal();
      const products = await listing.readListingProducts({ codes: [`CT-${run}-TEE-NAVY`, `CT-${run}-LAMP`] });
      // codes → templates (1), templates (1), variants (1), attribute values (1), images (1), whether
      // the gallery field exists (fields_get, 1) = 6 calls; with eCommerce + gallery ids and bytes (2)
      expect(conn.counter.businessTotal() - before).toBe(gallery ? 8 : 6);
      const tee = products.find((p) => p.erpId === teeId)!;
      expect(tee).toMatchObject({
        code: `CT-${run}-TEE`,
        title: `CT Variant Tee ${run}`,
        description: 'Cotton tee',
        erpCategoryName: expect.stringContaining(`CT Lamps ${run}`),
        attributes: { [`CT Colour ${run}`]: ['Red', 'Navy'], [`CT Material ${run}`]: ['Cotton'] },
      });
      expect(tee.variants.map((v) => [v.sku, v.attributes, v.price])).toEqual([
        [`CT-${run}-TEE-RED`, { [`CT Colour ${run}`]: 'Red' }, { amountMinor: 1200, currency: 'USD' }],
        [`CT-${run}-TEE-NAVY`, { [`CT Colour ${run}`]: 'Navy' }, { amountMinor: 1200, currency: 'USD' }],
      ]);
      expect(tee.images).toEqual([
        {
          role: 'main',
          source: 'image_1920',
          base64: PNG_900, // Odoo keeps a PNG up to 1920 px byte for byte (fixture observation)
          url: `${target.options.url.replace(/\/$/, '')}/web/image/product.template/${teeId}/image_1920`,
        },
      ]);
      const lamp = products.find((p) => p.erpId === lampId)!;
      expect(lamp).toMatchObject({ code: `CT-${run}-LAMP`, images: [], attributes: {} });
      expect(lamp.variants.map((v) => v.sku)).toEqual([`CT-${run}-LAMP`]);
    });

    if (!REAL)
      it('without eCommerce the gallery field does not exist, as in Odoo ("Invalid field")', async () => {
        await expect(conn.read('product.template', [teeId], ['product_template_image_ids'])).rejects.toThrow(
          "Invalid field 'product_template_image_ids' on model 'product.template'",
        );
      });

    if (!REAL)
      it('serves the image at its /web/image URL (what the marketplace downloads)', async () => {
        const [tee] = await listing.readListingProducts({ codes: [`CT-${run}-TEE-RED`] });
        const res = await fetch(tee!.images[0]!.url!);
        expect(res.status).toBe(200);
        expect(Buffer.from(await res.arrayBuffer()).toString('base64')).toBe(PNG_900);
      });

    it('puts the problems on a to-do on the product, rewrites it only when they change, and clears it when fixed', async () => {
      const todos = () =>
        conn.searchRead<{ id: number; note: string; summary: string }>(
          'mail.activity',
          [
            ['res_model', '=', 'product.template'],
            ['res_id', '=', lampId],
          ],
          ['note', 'summary'],
        );
      await listing.setListingProblems([
        { erpId: lampId, note: 'Listing check: 1 problem\n- image_1920: no main image' },
      ]);
      const first = await todos();
      expect(first.map((t) => t.summary)).toEqual(['Temu listing problems']);
      expect(first[0]!.note).toContain('no main image');
      await listing.setListingProblems([
        { erpId: lampId, note: 'Listing check: 1 problem\n- image_1920: no main image' },
      ]);
      expect((await todos()).map((t) => t.id)).toEqual(first.map((t) => t.id));
      await listing.setListingProblems([{ erpId: lampId, note: null }]);
      expect(await todos()).toEqual([]);
    });
  },
);

async function hasGallery(conn: OdooConnection): Promise<boolean> {
  const fields = await conn.call<Record<string, unknown>>({
    model: 'product.template',
    method: 'fields_get',
    params: { allfields: ['product_template_image_ids'], attributes: ['type'] },
  });
  return 'product_template_image_ids' in fields;
}

// The 400×300 PNG of the same recording: a gallery image too small for Temu.
const PNG_400x300: string = (
  JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as {
    exchanges: Array<{ step: string; request: { params: { args: unknown[] } } }>;
  }
).exchanges
  .filter((e) => e.step.startsWith('write image_1920 (400x300'))
  .map((e) => (e.request.params.args[5] as [unknown, { image_1920: string }])[1].image_1920)[0]!;

(REAL || !sandboxAvailable() ? describe.skip : describe)(
  'OdooListingProducts gallery (sandbox 18.0 with website_sale)',
  () => {
    let target: OdooTarget;
    let conn: OdooConnection;
    beforeAll(async () => {
      target = await startTarget('18.0', [], 'auto', { withWebsiteSale: true });
      conn = new OdooConnection(target.options);
      await conn.connect();
    });
    afterAll(async () => {
      await target.close();
    });

    it('reads every gallery image (product.image, in sequence order) after the main image, with its URL', async () => {
      const [id] = (await conn.create('product.template', [
        {
          name: 'Gallery tee',
          default_code: 'GAL-TEE',
          image_1920: PNG_900,
          product_template_image_ids: [
            [0, 0, { name: 'Back', sequence: 20, image_1920: PNG_400x300 }],
            [0, 0, { name: 'Side', sequence: 5, image_1920: PNG_900 }],
          ],
          ...conn.dialect.storableProductVals(),
        },
      ])) as [number];
      const imageIds = (
        await conn.searchRead<{ id: number; name: string }>(
          'product.image',
          [['product_tmpl_id', '=', id]],
          ['name'],
          {
            order: 'sequence, id',
          },
        )
      ).map((r) => r.id);
      expect(imageIds).toHaveLength(2);
      const listing = new OdooListingProducts(conn, { publicUrl: target.options.url });
      const [tee] = await listing.readListingProducts({ codes: ['GAL-TEE'] });
      const base = target.options.url.replace(/\/$/, '');
      // Side (sequence 5) before Back (sequence 20), both after the template's own image.
      expect(tee!.images).toEqual([
        {
          role: 'main',
          source: 'image_1920',
          base64: PNG_900,
          url: `${base}/web/image/product.template/${id}/image_1920`,
        },
        {
          role: 'gallery',
          source: `product_template_image_ids "Side" (product.image ${imageIds[0]})`,
          base64: PNG_900,
          url: `${base}/web/image/product.image/${imageIds[0]}/image_1920`,
        },
        {
          role: 'gallery',
          source: `product_template_image_ids "Back" (product.image ${imageIds[1]})`,
          base64: PNG_400x300,
          url: `${base}/web/image/product.image/${imageIds[1]}/image_1920`,
        },
      ]);
      const res = await fetch(tee!.images[2]!.url!);
      expect(Buffer.from(await res.arrayBuffer()).toString('base64')).toBe(PNG_400x300);
    });
  },
);
