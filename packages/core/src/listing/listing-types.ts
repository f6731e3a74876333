import type { Money } from '../money.js';

/** Which family of rule found a problem; the seller fixes each family in a different place. */
export type ListingCheckKind = 'title' | 'image' | 'specification' | 'category' | 'sku';

/** One problem that stops a product from being listed: what is wrong and which field to fix. */
export interface ListingIssue {
  check: ListingCheckKind;
  /** Stable code, e.g. `TITLE_TOO_LONG`. */
  code: string;
  /** The ERP field (or image) to fix, e.g. `name`, `image_1920`, `variant REC-TEE-RED weight`. */
  field: string;
  /** A sentence for the seller: what is wrong, measured against which limit. */
  reason: string;
}

export interface ListingImage {
  role: 'main' | 'gallery';
  source: string;
  base64?: string;
  url?: string;
}

export interface ListingVariant {
  erpId: number;
  /** The seller SKU (ERP internal reference); null when the variant has none. */
  sku: string | null;
  /** Sale price; null when unknown or not set. */
  price: Money | null;
  weightKg: number | null;
  /** Package dimensions in centimetres; null when not recorded. */
  dimensionsCm: { length: number; width: number; height: number } | null;
  /** Values of the attributes that make this variant (attribute name → value). */
  attributes: Record<string, string>;
  /** Display name, for reasons (e.g. "Tee (Red)"). */
  label: string;
}

/** A product as read from the ERP, in this integration's words. */
export interface ListingProduct {
  erpId: number;
  /** The product's reference (template code or, without one, its first variant's). */
  code: string;
  title: string;
  description: string;
  erpCategoryId: number | null;
  erpCategoryName: string;
  /** Attributes that describe the whole product (attribute name → values). */
  attributes: Record<string, string[]>;
  variants: ListingVariant[];
  /**
   * Main image first, then the gallery; `source` names the ERP field (for reasons), `base64` holds
   * the bytes as the ERP gives them and `url` where the marketplace can download them.
   */
  images: ListingImage[];
}

/** A marketplace category as the category tree describes it. */
export interface MarketplaceCategory {
  categoryId: number;
  name: string;
  leaf: boolean;
  available: boolean;
}

/** An attribute the marketplace category template asks for. */
export interface TemplateAttribute {
  name: string;
  required: boolean;
  /** True for attributes that distinguish SKUs (colour, size), false for product properties. */
  variantAttribute: boolean;
  /** Allowed values; null when free input is accepted. */
  allowedValues: string[] | null;
}

export interface CategoryTemplate {
  categoryId: number;
  attributes: TemplateAttribute[];
  /** Whether SKUs need a weight and package dimensions in this category. */
  requiresWeight: boolean;
  requiresDimensions: boolean;
}

/**
 * What the image decoder measured (core never decodes images itself). `border` is a histogram of
 * min(R, G, B) over the pixels of the border band: `histogram[v]` pixels whose darkest channel is v.
 */
export type ImageMeasurement =
  | {
      ok: true;
      role: 'main' | 'gallery';
      source: string;
      format: string;
      width: number;
      height: number;
      bytes: number;
      border: { histogram: number[]; pixels: number };
    }
  | { ok: false; role: 'main' | 'gallery'; source: string; error: string };

export interface ListingCheckResult {
  productCode: string;
  erpId: number;
  passed: boolean;
  issues: ListingIssue[];
  /** The marketplace category the product maps to, when it maps to one. */
  categoryId: number | null;
}
