import { describe, expect, it } from '@jest/globals';
import { checkCategory } from '../../src/listing/category-rules.js';
import { checkListing, listingProblemsNote } from '../../src/listing/check-listing.js';
import { checkImage, checkImages, whiteBorderShare } from '../../src/listing/image-rules.js';
import { DEFAULT_LISTING_RULES } from '../../src/listing/listing-rules.js';
import { checkSkus } from '../../src/listing/sku-rules.js';
import { checkSpecifications } from '../../src/listing/spec-rules.js';
import { border, goodImage, goodProduct, lampTemplate } from './listing-fixtures.js';

const leaf = { categoryId: 30101, name: 'Desk Lamps', leaf: true, available: true };
const rules = DEFAULT_LISTING_RULES;

describe('checkCategory', () => {
  it('passes a mapped, available leaf', () => {
    expect(checkCategory(goodProduct(), 30101, leaf)).toEqual([]);
  });
  it('reports an unmapped ERP category by its name', () => {
    expect(checkCategory(goodProduct(), null, null)).toEqual([
      {
        check: 'category',
        code: 'CATEGORY_UNMAPPED',
        field: 'categ_id',
        reason:
          'product category "Lamps" is not mapped to a marketplace category (add it to the mapping file)',
      },
    ]);
  });
  it('reports a missing, a non-leaf and an unavailable category', () => {
    expect(checkCategory(goodProduct(), 99, null).map((i) => i.code)).toEqual(['CATEGORY_NOT_FOUND']);
    expect(
      checkCategory(goodProduct(), 301, { ...leaf, categoryId: 301, leaf: false }).map((i) => i.code),
    ).toEqual(['CATEGORY_NOT_LEAF']);
    expect(checkCategory(goodProduct(), 30101, { ...leaf, available: false }).map((i) => i.code)).toEqual([
      'CATEGORY_UNAVAILABLE',
    ]);
  });
});

describe('checkSpecifications', () => {
  it('passes a product with the required attributes and allowed values (names match case-insensitively)', () => {
    expect(checkSpecifications(goodProduct({ attributes: { material: ['metal'] } }), lampTemplate)).toEqual(
      [],
    );
  });
  it('reports a missing required product attribute with the allowed values', () => {
    expect(checkSpecifications(goodProduct({ attributes: {} }), lampTemplate)).toEqual([
      {
        check: 'specification',
        code: 'SPEC_MISSING',
        field: 'attribute "Material"',
        reason: 'required attribute "Material" is missing (allowed: Metal, Plastic, Wood)',
      },
    ]);
  });
  it('reports a value outside the allowed list, and a variant without the variant attribute', () => {
    const p = goodProduct({ attributes: { Material: ['Glass'] } });
    p.variants[1]!.attributes = { Color: 'Purple' };
    p.variants[0]!.attributes = {};
    expect(checkSpecifications(p, lampTemplate).map((i) => [i.code, i.field])).toEqual([
      ['SPEC_VALUE_NOT_ALLOWED', 'attribute "Material"'],
      ['SPEC_MISSING', 'variant LAMP-1-BLK attribute "Color"'],
      ['SPEC_VALUE_NOT_ALLOWED', 'variant LAMP-1-WHT attribute "Color"'],
    ]);
  });
});

describe('checkSkus', () => {
  it('passes unique codes with price, weight and dimensions', () => {
    expect(checkSkus(goodProduct(), lampTemplate, rules.sku)).toEqual([]);
  });
  it('reports a variant without a code, and a code shared by two variants', () => {
    const p = goodProduct();
    p.variants[1]!.sku = 'LAMP-1-BLK';
    const shared = checkSkus(p, lampTemplate, rules.sku);
    expect(shared.map((i) => i.reason)).toEqual([
      'internal reference LAMP-1-BLK is used by 2 variants; each needs its own',
      'internal reference LAMP-1-BLK is used by 2 variants; each needs its own',
    ]);
    p.variants[1]!.sku = null;
    expect(checkSkus(p, lampTemplate, rules.sku)).toEqual([
      {
        check: 'sku',
        code: 'SKU_MISSING_CODE',
        field: 'variant Lamp (White) default_code',
        reason: 'variant Lamp (White) has no internal reference (seller SKU)',
      },
    ]);
  });
  it('reports zero price, and weight and dimensions only where the category asks', () => {
    const p = goodProduct();
    p.variants[0]!.price = { amountMinor: 0, currency: 'USD' };
    p.variants[0]!.weightKg = null;
    p.variants[0]!.dimensionsCm = null;
    expect(checkSkus(p, lampTemplate, rules.sku).map((i) => i.code)).toEqual([
      'SKU_PRICE',
      'SKU_WEIGHT',
      'SKU_DIMENSIONS',
    ]);
    expect(
      checkSkus(p, { requiresWeight: false, requiresDimensions: false }, rules.sku).map((i) => i.code),
    ).toEqual(['SKU_PRICE']);
  });
  it('reports a product without variants', () => {
    expect(checkSkus(goodProduct({ variants: [] }), lampTemplate, rules.sku).map((i) => i.code)).toEqual([
      'SKU_NONE',
    ]);
  });
});

describe('image rules', () => {
  it('measures the white share from the border histogram: 960 of 1000 at 255 → 96%', () => {
    expect(whiteBorderShare(border(960, 40), 240)).toBe(0.96);
    // every grey pixel is 200 ≥ 200, so with a threshold of 200 all 1000 count
    expect(whiteBorderShare(border(960, 40), 200)).toBe(1);
  });
  it('passes a white 1000×1000 jpeg', () => {
    expect(checkImage(goodImage(), rules.image)).toEqual([]);
  });
  it('refuses 700×700 as too small, 1000×600 as too small and not square', () => {
    expect(checkImage(goodImage({ width: 700, height: 700 }), rules.image).map((i) => i.reason)).toEqual([
      'main image is 700×700 px, at least 800×800 needed',
    ]);
    // |1000 − 600| ÷ 1000 = 40% > 1%
    expect(checkImage(goodImage({ width: 1000, height: 600 }), rules.image).map((i) => i.code)).toEqual([
      'IMAGE_TOO_SMALL',
      'IMAGE_NOT_SQUARE',
    ]);
    // 1000×995: 0.5% ≤ 1% passes the square rule
    expect(checkImage(goodImage({ width: 1000, height: 995 }), rules.image)).toEqual([]);
  });
  it('refuses a grey main border (94% white < 95%) but not on a gallery image', () => {
    const grey = goodImage({ border: border(940, 60) });
    expect(checkImage(grey, rules.image).map((i) => i.reason)).toEqual([
      'main image background is not white: 94% of its border pixels are white (every channel ≥ 240), at least 95% needed',
    ]);
    expect(checkImage({ ...grey, role: 'gallery' } as typeof grey, rules.image)).toEqual([]);
  });
  it('refuses format, weight, unreadable images and a product without a main image', () => {
    expect(
      checkImage(goodImage({ format: 'webp', bytes: 4_000_000 }), rules.image).map((i) => i.code),
    ).toEqual(['IMAGE_FORMAT', 'IMAGE_TOO_HEAVY']);
    expect(
      checkImage({ ok: false, role: 'main', source: 'image_1920', error: 'corrupt header' }, rules.image),
    ).toEqual([
      {
        check: 'image',
        code: 'IMAGE_UNREADABLE',
        field: 'image_1920',
        reason: 'main image cannot be read: corrupt header',
      },
    ]);
    expect(checkImages([], rules.image).map((i) => i.code)).toEqual(['IMAGE_MISSING']);
  });
});

describe('checkListing', () => {
  const input = {
    product: goodProduct(),
    mappedCategoryId: 30101,
    category: leaf,
    template: lampTemplate,
    images: [goodImage()],
  };

  it('passes a good product and gives its category', () => {
    expect(checkListing(input, rules)).toEqual({
      productCode: 'LAMP-1',
      erpId: 10,
      passed: true,
      issues: [],
      categoryId: 30101,
    });
    expect(listingProblemsNote(checkListing(input, rules), 'Listing check')).toBeNull();
  });

  it('skips the template checks when the category is unusable, and lists every problem in the note', () => {
    const result = checkListing(
      {
        ...input,
        product: goodProduct({ title: 'Lamp', attributes: {} }),
        mappedCategoryId: null,
        category: null,
      },
      rules,
    );
    expect(result.passed).toBe(false);
    expect(result.categoryId).toBeNull();
    // no SPEC_MISSING for Material: without a category there is no template to check against
    expect(result.issues.map((i) => i.code)).toEqual(['TITLE_TOO_SHORT', 'CATEGORY_UNMAPPED']);
    expect(listingProblemsNote(result, 'Listing check')).toBe(
      [
        'Listing check: 2 problem(s) to fix before publishing',
        '- name: title has 4 characters, at least 10 needed',
        '- categ_id: product category "Lamps" is not mapped to a marketplace category (add it to the mapping file)',
      ].join('\n'),
    );
  });
});
