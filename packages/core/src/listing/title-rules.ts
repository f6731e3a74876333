import type { ListingIssue } from './listing-types.js';
import type { ListingRules } from './listing-rules.js';

const FIELD = 'name';

function issue(code: string, reason: string): ListingIssue {
  return { check: 'title', code, field: FIELD, reason };
}

// Pictographic symbols and the joiners/selectors that build emoji sequences; © ® ™ are pictographic
// too but have their own rule (forbidden characters), so they are not reported twice.
const EMOJI = /(?![©®™])\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|\u200D|\uFE0F/u;
// C0/C1 control characters (tabs and line breaks included: a title is one line).
const CONTROL = /\p{Cc}/u;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Words of two or more letters, all capitals, that are not allowed acronyms or names. */
function shoutedWords(title: string, allowed: string[]): string[] {
  const allow = new Set(allowed.map((w) => w.toUpperCase()));
  return title
    .split(/[\s,/()]+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => (w.match(/\p{L}/gu) ?? []).length >= 2 && w === w.toUpperCase() && /\p{Lu}/u.test(w))
    .filter((w) => !allow.has(w.toUpperCase()));
}

/** Title checks: length, capitals, prohibited terms, characters the marketplace refuses, brand. */
export function checkTitle(title: string, rules: ListingRules['title']): ListingIssue[] {
  const issues: ListingIssue[] = [];
  const text = title.trim();
  const length = [...text].length; // code points, as a seller counts characters
  if (length < rules.minChars)
    issues.push(
      issue('TITLE_TOO_SHORT', `title has ${length} characters, at least ${rules.minChars} needed`),
    );
  if (length > rules.maxChars)
    issues.push(issue('TITLE_TOO_LONG', `title has ${length} characters, at most ${rules.maxChars} allowed`));

  const shouted = shoutedWords(text, rules.allowedCapsWords);
  if (shouted.length > rules.maxAllCapsWords)
    issues.push(
      issue(
        'TITLE_ALL_CAPS',
        `title has ${shouted.length} words in capitals (${shouted.join(', ')}), at most ${rules.maxAllCapsWords} allowed`,
      ),
    );

  const lower = text.toLowerCase();
  const terms = rules.prohibitedTerms.filter((t) =>
    new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(t.toLowerCase())}($|[^\\p{L}\\p{N}])`, 'u').test(lower),
  );
  if (terms.length > 0)
    issues.push(
      issue('TITLE_PROHIBITED_TERM', `title contains prohibited or promotional terms: ${terms.join(', ')}`),
    );

  if (EMOJI.test(text)) issues.push(issue('TITLE_EMOJI', 'title contains emoji'));
  if (CONTROL.test(title))
    issues.push(issue('TITLE_CONTROL_CHARS', 'title contains control characters (tab, line break)'));
  const chars = rules.forbiddenChars.filter((c) => text.includes(c));
  if (chars.length > 0)
    issues.push(
      issue('TITLE_FORBIDDEN_CHARS', `title contains characters the marketplace refuses: ${chars.join(' ')}`),
    );

  if (rules.requiredBrand && !lower.startsWith(rules.requiredBrand.toLowerCase()))
    issues.push(issue('TITLE_BRAND', `title must start with the brand "${rules.requiredBrand}"`));
  return issues;
}
