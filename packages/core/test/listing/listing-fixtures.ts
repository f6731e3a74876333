import type { CategoryTemplate, ImageMeasurement, ListingProduct } from '../../src/listing/listing-types.js';

/** A product that passes every default rule; tests break one thing at a time. */
export function goodProduct(over: Partial<ListingProduct> = {}): ListingProduct {
  return {
    erpId: 10,
    code: 'LAMP-1',
    title: 'Warm white LED desk lamp with USB-C cable',
    description: 'A lamp.',
    erpCategoryId: 5,
    erpCategoryName: 'Lamps',
    attributes: { Material: ['Metal'] },
    variants: [
      {
        erpId: 100,
        sku: 'LAMP-1-BLK',
        price: { amountMinor: 1999, currency: 'USD' },
        weightKg: 0.8,
        dimensionsCm: { length: 30, width: 15, height: 10 },
        attributes: { Color: 'Black' },
        label: 'Lamp (Black)',
      },
      {
        erpId: 101,
        sku: 'LAMP-1-WHT',
        price: { amountMinor: 1999, currency: 'USD' },
        weightKg: 0.8,
        dimensionsCm: { length: 30, width: 15, height: 10 },
        attributes: { Color: 'White' },
        label: 'Lamp (White)',
      },
    ],
    images: [{ role: 'main', source: 'image_1920' }],
    ...over,
  };
}

export const lampTemplate: CategoryTemplate = {
  categoryId: 30101,
  requiresWeight: true,
  requiresDimensions: true,
  attributes: [
    {
      name: 'Material',
      required: true,
      variantAttribute: false,
      allowedValues: ['Metal', 'Plastic', 'Wood'],
    },
    { name: 'Style', required: false, variantAttribute: false, allowedValues: null },
    { name: 'Color', required: true, variantAttribute: true, allowedValues: ['Black', 'White', 'Red'] },
  ],
};

/** A border histogram where `white` pixels are 255 and `grey` pixels are 200. */
export function border(white: number, grey: number): { histogram: number[]; pixels: number } {
  const histogram = new Array<number>(256).fill(0);
  histogram[255] = white;
  histogram[200] = grey;
  return { histogram, pixels: white + grey };
}

export function goodImage(over: Partial<Extract<ImageMeasurement, { ok: true }>> = {}): ImageMeasurement {
  return {
    ok: true,
    role: 'main',
    source: 'image_1920',
    format: 'jpeg',
    width: 1000,
    height: 1000,
    bytes: 200_000,
    border: border(1000, 0),
    ...over,
  };
}
