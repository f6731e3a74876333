import type { ListingErpPort, ListingProduct } from '@temu-odoo/core';
import { fromDecimal } from '@temu-odoo/core';
import { chunk, m2oId, m2oName, num, str } from '../domain.js';
import type { OdooConnection } from '../odoo-connection.js';

export interface OdooListingOptions {
  /** Templates per read (default 200). */
  chunkSize?: number;
  /** Images per read: `image_1920` is up to a few MB of base64 each (default 25). */
  imageChunkSize?: number;
  /** Currency of `lst_price` (the company's; default USD). */
  currency?: string;
  /** Base URL the marketplace downloads images from (default the connection's Odoo URL). */
  publicUrl: string;
  /** Summary of the to-do that lists the problems (how it is found again to clear it). */
  activitySummary?: string;
}

interface TemplateRow {
  id: number;
  name: string;
  description_sale: unknown;
  categ_id: unknown;
  product_variant_ids: number[];
}
interface VariantRow {
  id: number;
  product_tmpl_id: unknown;
  default_code: unknown;
  display_name: string;
  lst_price: number;
  weight: number;
  product_template_attribute_value_ids: number[];
}
interface GalleryRow {
  id: number;
  name: unknown;
  product_tmpl_id: unknown;
}
interface PtavRow {
  id: number;
  name: string;
  attribute_id: unknown;
  product_tmpl_id: unknown;
}

/**
 * Products for the listing checks, read in batches as fixtures/odoo/*\/product_images_categories.json
 * records them (docs/odoo-api.md, "Listing (issue 15)"): templates, then their variants, then their
 * attribute values (PTAVs: product-level attributes and each variant's combination), then the main
 * images in smaller chunks. Problems go to a To-Do activity on the template, marked done when fixed.
 */
export class OdooListingProducts implements ListingErpPort {
  readonly #conn: OdooConnection;
  readonly #chunk: number;
  readonly #imageChunk: number;
  readonly #currency: string;
  readonly #publicUrl: string;
  readonly #summary: string;
  #activityIds: { modelId: number; typeId: number | false } | null = null;
  /** Whether this Odoo has eCommerce's extra product media (asked once, fields_get). */
  #hasGallery: boolean | null = null;

  constructor(conn: OdooConnection, options: OdooListingOptions) {
    this.#conn = conn;
    this.#chunk = options.chunkSize ?? 200;
    this.#imageChunk = options.imageChunkSize ?? 25;
    this.#currency = options.currency ?? 'USD';
    this.#publicUrl = options.publicUrl.replace(/\/$/, '');
    this.#summary = options.activitySummary ?? 'Temu listing problems';
  }

  async #templateIds(codes: string[] | undefined): Promise<number[]> {
    if (codes === undefined) {
      const rows = await this.#conn.searchReadAll<{ id: number }>(
        'product.template',
        [
          ['sale_ok', '=', true],
          ['type', '!=', 'service'],
        ],
        ['id'],
      );
      return rows.map((r) => r.id);
    }
    // A code names a variant (its internal reference) or, with one variant, the template too.
    const ids = new Set<number>();
    for (const part of chunk(codes, this.#chunk)) {
      const rows = await this.#conn.searchRead<{ product_tmpl_id: unknown }>(
        'product.product',
        [['default_code', 'in', part]],
        ['product_tmpl_id'],
      );
      for (const r of rows) {
        const id = m2oId(r.product_tmpl_id);
        if (id !== null) ids.add(id);
      }
    }
    return [...ids].sort((a, b) => a - b);
  }

  /**
   * `product.template.product_template_image_ids` (→ `product.image`) exists only with `website_sale`;
   * without it reading the field is "Invalid field" and the model is missing, so the field is asked for
   * with `fields_get` once (it answers only the fields that exist) and the gallery read only then.
   */
  async #galleryAvailable(): Promise<boolean> {
    if (this.#hasGallery === null) {
      const fields = await this.#conn.call<Record<string, unknown>>({
        model: 'product.template',
        method: 'fields_get',
        params: { allfields: ['product_template_image_ids'], attributes: ['type'] },
      });
      this.#hasGallery = Object.hasOwn(fields ?? {}, 'product_template_image_ids');
    }
    return this.#hasGallery;
  }

  /** Gallery images of the templates, in Odoo's order (sequence, id), with their bytes. */
  async #gallery(
    ids: number[],
  ): Promise<Map<number, Array<{ id: number; name: string; base64: string | null }>>> {
    const out = new Map<number, Array<{ id: number; name: string; base64: string | null }>>();
    if (!(await this.#galleryAvailable())) return out;
    const rows = await this.#conn.searchRead<GalleryRow>(
      'product.image',
      [['product_tmpl_id', 'in', ids]],
      ['name', 'product_tmpl_id'],
      { order: 'sequence asc, id asc' },
    );
    const bytes = new Map<number, string>();
    for (const part of chunk(
      rows.map((r) => r.id),
      this.#imageChunk,
    ))
      for (const r of await this.#conn.read<{ id: number; image_1920: unknown }>('product.image', part, [
        'image_1920',
      ]))
        if (typeof r.image_1920 === 'string' && r.image_1920 !== '') bytes.set(r.id, r.image_1920);
    for (const r of rows) {
      const tmpl = m2oId(r.product_tmpl_id);
      if (tmpl === null) continue;
      const list = out.get(tmpl) ?? [];
      list.push({ id: r.id, name: str(r.name) ?? `image ${r.id}`, base64: bytes.get(r.id) ?? null });
      out.set(tmpl, list);
    }
    return out;
  }

  async readListingProducts(filter: { codes?: string[] }): Promise<ListingProduct[]> {
    const out: ListingProduct[] = [];
    for (const ids of chunk(await this.#templateIds(filter.codes), this.#chunk)) {
      const templates = await this.#conn.read<TemplateRow>('product.template', ids, [
        'name',
        'description_sale',
        'categ_id',
        'product_variant_ids',
      ]);
      const variants = await this.#conn.searchRead<VariantRow>(
        'product.product',
        [['product_tmpl_id', 'in', ids]],
        [
          'product_tmpl_id',
          'default_code',
          'display_name',
          'lst_price',
          'weight',
          'product_template_attribute_value_ids',
        ],
        { order: 'id asc' },
      );
      const ptavs = await this.#conn.searchRead<PtavRow>(
        'product.template.attribute.value',
        [['product_tmpl_id', 'in', ids]],
        ['name', 'attribute_id', 'product_tmpl_id'],
        { order: 'id asc' },
      );
      const images = new Map<number, string>();
      for (const part of chunk(ids, this.#imageChunk)) {
        for (const r of await this.#conn.read<{ id: number; image_1920: unknown }>('product.template', part, [
          'image_1920',
        ]))
          if (typeof r.image_1920 === 'string' && r.image_1920 !== '') images.set(r.id, r.image_1920);
      }
      const gallery = await this.#gallery(ids);
      const ptavById = new Map(ptavs.map((p) => [p.id, p]));
      for (const t of templates)
        out.push(this.#toProduct(t, variants, ptavs, ptavById, images.get(t.id), gallery.get(t.id) ?? []));
    }
    return out;
  }

  #toProduct(
    t: TemplateRow,
    allVariants: VariantRow[],
    ptavs: PtavRow[],
    ptavById: Map<number, PtavRow>,
    image: string | undefined,
    gallery: Array<{ id: number; name: string; base64: string | null }>,
  ): ListingProduct {
    const variants = allVariants.filter((v) => m2oId(v.product_tmpl_id) === t.id);
    const attributes: Record<string, string[]> = {};
    for (const p of ptavs.filter((x) => m2oId(x.product_tmpl_id) === t.id)) {
      const name = m2oName(p.attribute_id) ?? '';
      (attributes[name] ??= []).push(p.name);
    }
    const codes = variants.map((v) => str(v.default_code)).filter((c): c is string => c !== null);
    return {
      erpId: t.id,
      // Template reference: the first variant's code without its last part with several variants.
      code: variants.length === 1 ? (codes[0] ?? `TMPL-${t.id}`) : commonPrefix(codes) || `TMPL-${t.id}`,
      title: t.name,
      description: str(t.description_sale) ?? '',
      erpCategoryId: m2oId(t.categ_id),
      erpCategoryName: m2oName(t.categ_id) ?? '',
      attributes,
      variants: variants.map((v) => ({
        erpId: v.id,
        sku: str(v.default_code),
        price: num(v.lst_price) > 0 ? fromDecimal(num(v.lst_price), this.#currency) : null,
        weightKg: num(v.weight) > 0 ? num(v.weight) : null,
        dimensionsCm: null, // standard Odoo keeps no package dimensions: the mapping gives them
        attributes: Object.fromEntries(
          (v.product_template_attribute_value_ids ?? [])
            .map((id) => ptavById.get(id))
            .filter((p): p is PtavRow => p !== undefined)
            .map((p) => [m2oName(p.attribute_id) ?? '', p.name]),
        ),
        label: v.display_name,
      })),
      images: [
        ...(image
          ? [
              {
                role: 'main' as const,
                source: 'image_1920',
                base64: image,
                url: `${this.#publicUrl}/web/image/product.template/${t.id}/image_1920`,
              },
            ]
          : []),
        // Each extra image is its own product.image record; the source names it for the seller.
        ...gallery.map((g) => ({
          role: 'gallery' as const,
          source: `product_template_image_ids "${g.name}" (product.image ${g.id})`,
          ...(g.base64 ? { base64: g.base64 } : {}),
          url: `${this.#publicUrl}/web/image/product.image/${g.id}/image_1920`,
        })),
      ],
    };
  }

  async #activityRefs(): Promise<{ modelId: number; typeId: number | false }> {
    if (this.#activityIds) return this.#activityIds;
    const [model] = await this.#conn.searchRead<{ id: number }>(
      'ir.model',
      [['model', '=', 'product.template']],
      ['id'],
    );
    const [type] = await this.#conn.searchRead<{ id: number }>(
      'mail.activity.type',
      [['name', '=', 'To-Do']],
      ['id'],
      {
        limit: 1,
      },
    );
    if (!model) throw new Error('Odoo has no ir.model row for product.template');
    this.#activityIds = { modelId: model.id, typeId: type?.id ?? false };
    return this.#activityIds;
  }

  async setListingProblems(entries: Array<{ erpId: number; note: string | null }>): Promise<void> {
    if (entries.length === 0) return;
    const refs = await this.#activityRefs();
    const existing = new Map<number, { id: number; note: string }[]>();
    for (const part of chunk(
      entries.map((e) => e.erpId),
      this.#chunk,
    )) {
      const rows = await this.#conn.searchRead<{ id: number; res_id: number; note: unknown }>(
        'mail.activity',
        [
          ['res_model', '=', 'product.template'],
          ['res_id', 'in', part],
          ['summary', '=', this.#summary],
        ],
        ['res_id', 'note'],
      );
      for (const r of rows)
        existing.set(r.res_id, [...(existing.get(r.res_id) ?? []), { id: r.id, note: str(r.note) ?? '' }]);
    }
    const done: number[] = [];
    const toCreate: Record<string, unknown>[] = [];
    const today = new Date().toISOString().slice(0, 10);
    for (const e of entries) {
      const found = existing.get(e.erpId) ?? [];
      if (e.note === null) {
        done.push(...found.map((f) => f.id));
        continue;
      }
      const html = noteHtml(e.note);
      if (found.length === 0)
        toCreate.push({
          res_model_id: refs.modelId,
          res_id: e.erpId,
          ...(refs.typeId ? { activity_type_id: refs.typeId } : {}),
          summary: this.#summary,
          note: html,
          date_deadline: today,
        });
      else if (found[0]!.note !== html)
        await this.#conn.write('mail.activity', [found[0]!.id], { note: html });
    }
    if (toCreate.length > 0) await this.#conn.create('mail.activity', toCreate);
    // Marking done deletes the activity and logs it in the product's chatter (fixtures activities_notes).
    if (done.length > 0)
      await this.#conn.call({
        model: 'mail.activity',
        method: 'action_feedback',
        ids: done,
        params: { feedback: 'Listing check passes now' },
      });
  }
}

function commonPrefix(codes: string[]): string {
  if (codes.length === 0) return '';
  let prefix = codes[0]!;
  for (const c of codes) while (!c.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.replace(/[-_ ]+$/, '');
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The note as Odoo stores HTML: one paragraph per line. */
function noteHtml(text: string): string {
  return text
    .split('\n')
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');
}
