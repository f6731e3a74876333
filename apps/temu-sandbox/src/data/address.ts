import { Rng } from '../rng.js';
import type { Address } from './model.js';
import type { RegionProfile } from './regions.js';

const FIRST = ['Alex', 'Jordan', 'Sam', 'Taylor', 'Morgan', 'Casey', 'Riley', 'Jamie', 'Avery', 'Quinn'];
const LAST = ['Miller', 'Garcia', 'Nguyen', 'Schmidt', 'Rossi', 'Kim', 'Lopez', 'Novak', 'Brown', 'Silva'];
const STREETS = ['Oak St', 'Maple Ave', 'Pine Rd', 'Cedar Ln', 'Elm Way', 'Birch Blvd'];

/**
 * A buyer address with Temu's masked contacts (docs/temu-api.md §8.5): a virtual e-mail and a relay phone
 * number (10 digits plus a 4-digit extension). The same `buyerKey` always gives the same address,
 * so orders of one buyer can be combined in one package (sendType 2).
 */
export function buyerAddress(buyerKey: string, region: RegionProfile): Address {
  let hash = 2166136261;
  for (const ch of buyerKey) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619) >>> 0;
  const rng = new Rng(hash);
  const firstName = rng.pick(FIRST);
  const lastName = rng.pick(LAST);
  const [state, city, postCode] = rng.pick(region.states);
  return {
    receiptName: `${firstName} ${lastName}`,
    firstName,
    lastName,
    mobile: `${rng.int(200, 989)}${rng.digits(7)}-${rng.digits(4)}`,
    mail: `${rng.digits(4)}${buyerKey
      .replace(/[^a-z0-9]/gi, '')
      .toLowerCase()
      .slice(-8)}@relay.temu-sandbox.example`,
    regionName1: region.country,
    regionName2: state,
    regionName3: city,
    addressLine1: `${rng.int(1, 9999)} ${rng.pick(STREETS)}`,
    addressLine2: rng.chance(0.3) ? `Apt ${rng.int(1, 40)}` : '',
    postCode,
  };
}
