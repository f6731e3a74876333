import { describe, expect, it } from '@jest/globals';
import { DEFAULT_LISTING_RULES, listingRulesFrom } from '../../src/listing/listing-rules.js';
import { checkTitle } from '../../src/listing/title-rules.js';

const rules = DEFAULT_LISTING_RULES.title;
const codes = (title: string, r = rules) => checkTitle(title, r).map((i) => i.code);

describe('checkTitle', () => {
  it('accepts a plain descriptive title with allowed acronyms', () => {
    expect(checkTitle('Warm white LED desk lamp with USB-C cable', rules)).toEqual([]);
  });

  it('counts characters as code points: 500 pass, 501 fail, 9 are too short', () => {
    expect(codes('a'.repeat(500))).toEqual([]);
    const [tooLong] = checkTitle('a'.repeat(501), rules);
    expect(tooLong).toEqual({
      check: 'title',
      code: 'TITLE_TOO_LONG',
      field: 'name',
      reason: 'title has 501 characters, at most 500 allowed',
    });
    expect(codes('Desk lamp')).toEqual(['TITLE_TOO_SHORT']); // 9 characters < 10
  });

  it('allows two shouted words and refuses three, naming them', () => {
    expect(codes('GREAT desk lamp, VERY bright')).toEqual([]);
    const found = checkTitle('GREAT desk lamp, VERY BRIGHT light', rules);
    expect(found.map((i) => i.reason)).toEqual([
      'title has 3 words in capitals (GREAT, VERY, BRIGHT), at most 2 allowed',
    ]);
  });

  it('does not count allowed acronyms, single letters or numbers as shouting', () => {
    expect(codes('USB LED HDMI desk lamp A 4K 2025 XL')).toEqual([]);
  });

  it('finds prohibited terms as whole words, case-insensitively, from a configurable list', () => {
    expect(checkTitle('Desk lamp - Free Shipping and hot sale', rules).map((i) => i.reason)).toEqual([
      'title contains prohibited or promotional terms: free shipping, hot sale',
    ]);
    // "discounted" is not the term "discount": whole words only
    expect(codes('Desk lamp from a discounted range')).toEqual([]);
    const custom = listingRulesFrom({ title: { prohibitedTerms: ['lamp'] } }).title;
    expect(codes('Warm white desk lamp', custom)).toEqual(['TITLE_PROHIBITED_TERM']);
  });

  it('refuses emoji, control characters and the marketplace forbidden characters', () => {
    expect(codes('Desk lamp 💡 warm white')).toEqual(['TITLE_EMOJI']);
    expect(codes('Desk lamp\twarm white')).toEqual(['TITLE_CONTROL_CHARS']);
    expect(checkTitle('Desk lamp™ warm white!', rules).map((i) => i.reason)).toEqual([
      'title contains characters the marketplace refuses: ! ™',
    ]);
  });

  it('asks for the brand first when one is configured', () => {
    const branded = listingRulesFrom({ title: { requiredBrand: 'Lumo' } }).title;
    expect(codes('Lumo desk lamp warm white', branded)).toEqual([]);
    expect(codes('Desk lamp warm white by Lumo', branded)).toEqual(['TITLE_BRAND']);
  });
});
