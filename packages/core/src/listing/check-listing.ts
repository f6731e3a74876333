import { checkCategory } from './category-rules.js';
import { checkImages } from './image-rules.js';
import type { ListingRules } from './listing-rules.js';
import type {
  CategoryTemplate,
  ImageMeasurement,
  ListingCheckResult,
  ListingProduct,
  MarketplaceCategory,
} from './listing-types.js';
import { checkSkus } from './sku-rules.js';
import { checkSpecifications } from './spec-rules.js';
import { checkTitle } from './title-rules.js';

export interface ListingCheckInput {
  product: ListingProduct;
  mappedCategoryId: number | null;
  category: MarketplaceCategory | null;
  /** The category's template; null when the category is unusable (no specification check then). */
  template: CategoryTemplate | null;
  images: ImageMeasurement[];
}

/** Every rule on one product; it passes only with no issue at all. Pure: the caller gathers the inputs. */
export function checkListing(input: ListingCheckInput, rules: ListingRules): ListingCheckResult {
  const categoryIssues = checkCategory(input.product, input.mappedCategoryId, input.category);
  const usableTemplate = categoryIssues.length === 0 ? input.template : null;
  const issues = [
    ...checkTitle(input.product.title, rules.title),
    ...categoryIssues,
    ...(usableTemplate ? checkSpecifications(input.product, usableTemplate) : []),
    ...checkSkus(input.product, usableTemplate, rules.sku),
    ...checkImages(input.images, rules.image),
  ];
  return {
    productCode: input.product.code,
    erpId: input.product.erpId,
    passed: issues.length === 0,
    issues,
    categoryId: categoryIssues.length === 0 ? input.mappedCategoryId : null,
  };
}

/** The issues as one text for the ERP product's note, or null when there is nothing to say. */
export function listingProblemsNote(result: ListingCheckResult, heading: string): string | null {
  if (result.passed) return null;
  return [
    `${heading}: ${result.issues.length} problem(s) to fix before publishing`,
    ...result.issues.map((i) => `- ${i.field}: ${i.reason}`),
  ].join('\n');
}
