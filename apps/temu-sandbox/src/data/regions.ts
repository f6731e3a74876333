import type { SandboxMarket } from '../envelope.js';

export interface RegionProfile {
  regionId: number;
  siteId: number;
  currency: string;
  country: string;
  /** Product tax rate as Temu sends it: rate × 10,000,000 (docs/temu-api.md §8.6). */
  taxRate: number;
  states: readonly (readonly [string, string, string])[];
}

/** One shop per sandbox; region ids from docs/temu-api.md §8.8. */
export const REGIONS: Record<SandboxMarket, RegionProfile> = {
  US: {
    regionId: 211,
    siteId: 100,
    currency: 'USD',
    country: 'United States',
    taxRate: 725_000,
    states: [
      ['California', 'San Jose', '95112'],
      ['Texas', 'Austin', '73301'],
      ['New York', 'Buffalo', '14201'],
      ['Washington', 'Seattle', '98101'],
      ['Illinois', 'Chicago', '60601'],
    ],
  },
  EU: {
    regionId: 76,
    siteId: 103,
    currency: 'EUR',
    country: 'Germany',
    taxRate: 1_900_000,
    states: [
      ['Bayern', 'München', '80331'],
      ['Berlin', 'Berlin', '10115'],
      ['Hamburg', 'Hamburg', '20095'],
    ],
  },
  // Served by the EU gateway (docs/temu-api.md §8.8: region 210); UK VAT 20 %, in pounds.
  UK: {
    regionId: 210,
    siteId: 110,
    currency: 'GBP',
    country: 'United Kingdom',
    taxRate: 2_000_000,
    states: [
      ['England', 'London', 'EC1A 1BB'],
      ['England', 'Manchester', 'M1 1AE'],
      ['Scotland', 'Edinburgh', 'EH1 1YZ'],
    ],
  },
  GLOBAL: {
    regionId: 128,
    siteId: 114,
    currency: 'MXN',
    country: 'Mexico',
    taxRate: 1_600_000,
    states: [
      ['Ciudad de México', 'Ciudad de México', '06000'],
      ['Jalisco', 'Guadalajara', '44100'],
    ],
  },
};
