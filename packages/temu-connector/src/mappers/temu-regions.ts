/**
 * Temu region ids (docs/temu-api.md §8.8) with their ISO country and the currency amounts are quoted in.
 * Used to label orders and to fall back on a currency before amounts are known.
 */
export interface TemuRegionInfo {
  country: string;
  name: string;
  currency: string;
}

export const TEMU_REGION_IDS: Readonly<Record<number, TemuRegionInfo>> = {
  211: { country: 'US', name: 'United States', currency: 'USD' },
  37: { country: 'CA', name: 'Canada', currency: 'CAD' },
  210: { country: 'GB', name: 'United Kingdom', currency: 'GBP' },
  76: { country: 'DE', name: 'Germany', currency: 'EUR' },
  69: { country: 'FR', name: 'France', currency: 'EUR' },
  98: { country: 'IT', name: 'Italy', currency: 'EUR' },
  186: { country: 'ES', name: 'Spain', currency: 'EUR' },
  141: { country: 'NL', name: 'Netherlands', currency: 'EUR' },
  162: { country: 'PL', name: 'Poland', currency: 'PLN' },
  128: { country: 'MX', name: 'Mexico', currency: 'MXN' },
  100: { country: 'JP', name: 'Japan', currency: 'JPY' },
  185: { country: 'KR', name: 'Republic of Korea', currency: 'KRW' },
  12: { country: 'AU', name: 'Australia', currency: 'AUD' },
  29: { country: 'BR', name: 'Brazil', currency: 'BRL' },
};

const BY_NAME = new Map<string, string>(
  Object.values(TEMU_REGION_IDS).flatMap((r) => [
    [r.name.toLowerCase(), r.country],
    [r.country.toLowerCase(), r.country],
  ]),
);
BY_NAME.set('usa', 'US');
BY_NAME.set('uk', 'GB');
BY_NAME.set('korea', 'KR');

/** ISO 3166-1 alpha-2 for a country name Temu gives (`regionName1`), else the name as given. */
export function countryCode(name: string): string {
  return BY_NAME.get(name.trim().toLowerCase()) ?? name.trim();
}
