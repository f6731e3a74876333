import type { ListingIssue, ListingProduct, MarketplaceCategory } from './listing-types.js';

/**
 * The product's ERP category must map to a marketplace category that exists, is a leaf and is open
 * to the seller. `mappedCategoryId` is what the mapping file says (null: no mapping);
 * `category` is what the marketplace's tree says about that id (null: not in the tree).
 */
export function checkCategory(
  product: ListingProduct,
  mappedCategoryId: number | null,
  category: MarketplaceCategory | null,
): ListingIssue[] {
  const field = 'categ_id';
  const erpName = product.erpCategoryName || String(product.erpCategoryId);
  if (mappedCategoryId === null)
    return [
      {
        check: 'category',
        code: 'CATEGORY_UNMAPPED',
        field,
        reason: `product category "${erpName}" is not mapped to a marketplace category (add it to the mapping file)`,
      },
    ];
  if (category === null)
    return [
      {
        check: 'category',
        code: 'CATEGORY_NOT_FOUND',
        field,
        reason: `product category "${erpName}" maps to marketplace category ${mappedCategoryId}, which does not exist`,
      },
    ];
  const problems: ListingIssue[] = [];
  if (!category.leaf)
    problems.push({
      check: 'category',
      code: 'CATEGORY_NOT_LEAF',
      field,
      reason: `product category "${erpName}" maps to "${category.name}" (${category.categoryId}), which has sub-categories: map it to a leaf category`,
    });
  if (!category.available)
    problems.push({
      check: 'category',
      code: 'CATEGORY_UNAVAILABLE',
      field,
      reason: `marketplace category "${category.name}" (${category.categoryId}) is not open to this shop`,
    });
  return problems;
}
