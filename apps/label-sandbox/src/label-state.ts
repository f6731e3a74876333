/**
 * The label sandbox's memory: shipments as EasyPost keeps them (docs/labels.md), the account
 * balance that buying draws on, and counters the tests read through the control API.
 */
export interface SandboxAddress {
  name?: string;
  street1?: string;
  street2?: string | null;
  city?: string;
  state?: string | null;
  zip?: string;
  country?: string;
  phone?: string | null;
  email?: string | null;
}

export interface SandboxRate {
  id: string;
  object: 'Rate';
  shipment_id: string;
  carrier: string;
  service: string;
  /** Decimal string, as EasyPost sends it. */
  rate: string;
  currency: string;
}

export interface SandboxShipment {
  id: string;
  object: 'Shipment';
  mode: 'test';
  reference: string | null;
  is_return: boolean;
  to_address: SandboxAddress;
  from_address: SandboxAddress;
  parcel: { weight: number; length?: number; width?: number; height?: number };
  rates: SandboxRate[];
  selected_rate: SandboxRate | null;
  postage_label: {
    object: 'PostageLabel';
    label_url: string;
    label_file_type: string;
    label_date: string;
  } | null;
  tracking_code: string | null;
  created_at: string;
}

/** The sandbox's price list: weight in ounces → cents, per carrier service. */
export const SERVICES = [
  { carrier: 'USPS', service: 'GroundAdvantage', baseCents: 593, perOzCents: 4 },
  { carrier: 'UPS', service: 'Ground', baseCents: 987, perOzCents: 3 },
] as const;

export class LabelState {
  readonly shipments = new Map<string, SandboxShipment>();
  /** Cents left on the account; a buy above it is refused with 402 (insufficient funds). */
  balanceCents = 100_000;
  purchases = 0;
  #seq = 0;

  nextId(prefix: string): string {
    this.#seq += 1;
    return `${prefix}_${String(this.#seq).padStart(8, '0')}`;
  }
}
