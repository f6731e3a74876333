import type { CategoryTemplate, ListingIssue, ListingProduct } from './listing-types.js';
import type { ListingRules } from './listing-rules.js';

/**
 * Every variant needs its own seller SKU (the marketplace SKU is keyed on it, and orders and stock
 * map through it), a positive price, and weight and dimensions where the category asks for them.
 */
export function checkSkus(
  product: ListingProduct,
  template: Pick<CategoryTemplate, 'requiresWeight' | 'requiresDimensions'> | null,
  rules: ListingRules['sku'],
): ListingIssue[] {
  const issues: ListingIssue[] = [];
  if (product.variants.length === 0)
    return [
      { check: 'sku', code: 'SKU_NONE', field: 'product_variant_ids', reason: 'product has no variants' },
    ];
  const seen = new Map<string, number>();
  for (const v of product.variants) if (v.sku) seen.set(v.sku, (seen.get(v.sku) ?? 0) + 1);
  for (const v of product.variants) {
    const who = v.sku ?? v.label;
    if (!v.sku || v.sku.trim() === '') {
      issues.push({
        check: 'sku',
        code: 'SKU_MISSING_CODE',
        field: `variant ${v.label} default_code`,
        reason: `variant ${v.label} has no internal reference (seller SKU)`,
      });
    } else {
      if ((seen.get(v.sku) ?? 0) > 1)
        issues.push({
          check: 'sku',
          code: 'SKU_DUPLICATE_CODE',
          field: `variant ${v.label} default_code`,
          reason: `internal reference ${v.sku} is used by ${seen.get(v.sku)} variants; each needs its own`,
        });
      if (v.sku !== v.sku.trim() || v.sku.length > rules.maxSkuChars)
        issues.push({
          check: 'sku',
          code: 'SKU_CODE_INVALID',
          field: `variant ${v.label} default_code`,
          reason: `internal reference "${v.sku}" must be at most ${rules.maxSkuChars} characters without leading or trailing spaces`,
        });
    }
    if (!v.price || v.price.amountMinor <= 0)
      issues.push({
        check: 'sku',
        code: 'SKU_PRICE',
        field: `variant ${who} price`,
        reason: `variant ${who} has no price above zero`,
      });
    if (template?.requiresWeight && !(v.weightKg !== null && v.weightKg > 0))
      issues.push({
        check: 'sku',
        code: 'SKU_WEIGHT',
        field: `variant ${who} weight`,
        reason: `variant ${who} has no weight, which the category requires`,
      });
    const d = v.dimensionsCm;
    if (template?.requiresDimensions && !(d && d.length > 0 && d.width > 0 && d.height > 0))
      issues.push({
        check: 'sku',
        code: 'SKU_DIMENSIONS',
        field: `variant ${who} dimensions`,
        reason: `variant ${who} has no package dimensions (length, width, height), which the category requires`,
      });
  }
  return issues;
}
