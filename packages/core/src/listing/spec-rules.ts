import type { CategoryTemplate, ListingIssue, ListingProduct } from './listing-types.js';

const norm = (s: string) => s.trim().toLowerCase();

function findValues(source: Record<string, string[]>, name: string): string[] | undefined {
  const key = Object.keys(source).find((k) => norm(k) === norm(name));
  return key === undefined ? undefined : source[key];
}

function disallowed(values: string[], allowed: string[] | null): string[] {
  if (allowed === null) return [];
  const ok = new Set(allowed.map(norm));
  return values.filter((v) => !ok.has(norm(v)));
}

/**
 * Specifications against the category template: every required product attribute present, every
 * required variant attribute on every variant, and all values among the allowed ones. Attributes
 * match by name, case-insensitively.
 */
export function checkSpecifications(product: ListingProduct, template: CategoryTemplate): ListingIssue[] {
  const issues: ListingIssue[] = [];
  for (const attr of template.attributes) {
    const allowedText = attr.allowedValues ? ` (allowed: ${attr.allowedValues.join(', ')})` : '';
    if (!attr.variantAttribute) {
      const values = findValues(product.attributes, attr.name)?.filter((v) => v.trim() !== '');
      if (!values || values.length === 0) {
        if (attr.required)
          issues.push({
            check: 'specification',
            code: 'SPEC_MISSING',
            field: `attribute "${attr.name}"`,
            reason: `required attribute "${attr.name}" is missing${allowedText}`,
          });
        continue;
      }
      const bad = disallowed(values, attr.allowedValues);
      if (bad.length > 0)
        issues.push({
          check: 'specification',
          code: 'SPEC_VALUE_NOT_ALLOWED',
          field: `attribute "${attr.name}"`,
          reason: `attribute "${attr.name}" has values the category does not accept: ${bad.join(', ')}${allowedText}`,
        });
      continue;
    }
    for (const variant of product.variants) {
      const value = findValues(
        Object.fromEntries(Object.entries(variant.attributes).map(([k, v]) => [k, [v]])),
        attr.name,
      )?.[0];
      const who = variant.sku ?? variant.label;
      if (value === undefined || value.trim() === '') {
        if (attr.required)
          issues.push({
            check: 'specification',
            code: 'SPEC_MISSING',
            field: `variant ${who} attribute "${attr.name}"`,
            reason: `variant ${who} has no "${attr.name}", which the category requires${allowedText}`,
          });
        continue;
      }
      if (disallowed([value], attr.allowedValues).length > 0)
        issues.push({
          check: 'specification',
          code: 'SPEC_VALUE_NOT_ALLOWED',
          field: `variant ${who} attribute "${attr.name}"`,
          reason: `variant ${who} has "${attr.name}" = "${value}", which the category does not accept${allowedText}`,
        });
    }
  }
  return issues;
}
