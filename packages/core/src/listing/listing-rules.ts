/**
 * The limits the checks apply. Defaults follow Temu's listing rules (docs/temu-api.md, "Listing (issue 15)"); every
 * value can be changed per deployment under `listing` in the mapping file.
 */
export interface ListingRules {
  title: {
    minChars: number;
    maxChars: number;
    /** Words of two or more letters written all in capitals allowed in one title. */
    maxAllCapsWords: number;
    /** Capitalised words that do not count (acronyms, brand and model names). */
    allowedCapsWords: string[];
    /** Promotional or prohibited terms, matched case-insensitively as whole words. */
    prohibitedTerms: string[];
    /** Characters the marketplace refuses in a title. */
    forbiddenChars: string[];
    /** When set, the title must start with the brand. */
    requiredBrand: string | null;
  };
  image: {
    minWidthPx: number;
    minHeightPx: number;
    /** |width − height| ÷ max(width, height) at most this (0.01 = 1%). */
    squareTolerance: number;
    formats: string[];
    maxBytes: number;
    minImages: number;
    maxImages: number;
    /** A border pixel is white when its darkest channel is at least this (0–255). */
    whiteChannelMin: number;
    /** Share of the main image's border pixels that must be white. */
    minWhiteBorderShare: number;
  };
  sku: {
    maxSkuChars: number;
  };
}

export const DEFAULT_LISTING_RULES: ListingRules = {
  title: {
    minChars: 10,
    maxChars: 500,
    maxAllCapsWords: 2,
    allowedCapsWords: ['USB', 'LED', 'USB-C', 'HDMI', 'UK', 'US', 'EU', 'XL', 'XXL', 'XS'],
    prohibitedTerms: [
      'free shipping',
      'best seller',
      'bestseller',
      'hot sale',
      'cheapest',
      'discount',
      'limited offer',
      'buy now',
      '100% guaranteed',
      'replica',
      'counterfeit',
    ],
    forbiddenChars: [
      '~',
      '!',
      '*',
      '$',
      '?',
      '_',
      '{',
      '}',
      '#',
      '<',
      '>',
      '|',
      ';',
      '^',
      '¬',
      '¦',
      '®',
      '©',
      '™',
    ],
    requiredBrand: null,
  },
  image: {
    minWidthPx: 800,
    minHeightPx: 800,
    squareTolerance: 0.01,
    formats: ['jpeg', 'png'],
    maxBytes: 3 * 1024 * 1024,
    minImages: 1,
    maxImages: 10,
    whiteChannelMin: 240,
    minWhiteBorderShare: 0.95,
  },
  sku: { maxSkuChars: 100 },
};

type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K];
};

/** The defaults with the configured values on top (lists replace, they do not merge). */
export function listingRulesFrom(overrides: DeepPartial<ListingRules> | undefined): ListingRules {
  return {
    title: { ...DEFAULT_LISTING_RULES.title, ...overrides?.title },
    image: { ...DEFAULT_LISTING_RULES.image, ...overrides?.image },
    sku: { ...DEFAULT_LISTING_RULES.sku, ...overrides?.sku },
  } as ListingRules;
}
