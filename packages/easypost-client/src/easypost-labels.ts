import got, { type Got } from 'got';
import {
  BadInputError,
  fromDecimal,
  IntegrationError,
  returnLabelFileName,
  type Address,
  type BoughtReturnLabel,
  type LabelFile,
  type ReturnLabelPort,
  type ReturnLabelRequest,
} from '@temu-odoo/core';
import { easyPostError } from './easypost-errors.js';
import { shipmentSchema, type EasyPostRate, type EasyPostShipment } from './easypost-schemas.js';

export interface EasyPostOptions {
  /** e.g. https://api.easypost.com (the client adds /v2/…). */
  baseUrl: string;
  apiKey: string;
  /** Carriers (EasyPost names, e.g. USPS) whose rates may be bought; empty: any. */
  carriers?: string[];
  /** Only this service (e.g. GroundAdvantage); absent: the cheapest allowed rate. */
  service?: string;
  timeoutMs?: number;
}

const GRAMS_PER_OUNCE = 28.349523125;

/** EasyPost's address fields from ours (docs/labels.md "Shipment"). */
function toEasyPostAddress(a: Address) {
  return {
    name: a.name,
    street1: a.street,
    street2: a.street2,
    city: a.city,
    state: a.state,
    zip: a.zip,
    country: a.country,
    phone: a.phone,
    email: a.email,
  };
}

function cents(rate: EasyPostRate): number {
  return fromDecimal(rate.rate, rate.currency).amountMinor;
}

/**
 * `ReturnLabelPort` on EasyPost (docs/labels.md): quote = create a return shipment (rates, free),
 * buy = read the shipment and, unless it already has postage, buy the chosen rate. The API key goes
 * as HTTP Basic user name and never into a message; the label file URL is fetched without it.
 */
export class EasyPostLabels implements ReturnLabelPort {
  readonly #api: Got;
  readonly #files: Got;
  readonly #options: EasyPostOptions;

  constructor(options: EasyPostOptions) {
    this.#options = options;
    const timeout = { request: options.timeoutMs ?? 20_000 };
    this.#api = got.extend({
      prefixUrl: `${options.baseUrl.replace(/\/+$/, '')}/v2`,
      username: options.apiKey,
      password: '',
      throwHttpErrors: false,
      retry: { limit: 0 },
      timeout,
    });
    this.#files = got.extend({ throwHttpErrors: false, retry: { limit: 0 }, timeout });
  }

  async #call(method: 'GET' | 'POST', path: string, what: string, json?: unknown): Promise<EasyPostShipment> {
    let res;
    try {
      res = await this.#api(path, { method, ...(json ? { json } : {}), responseType: 'json' });
    } catch (cause) {
      throw new IntegrationError(`label provider unreachable while ${what}: ${(cause as Error).message}`, {
        kind: 'transient',
        code: 'ERR_LABEL_PROVIDER_DOWN',
        cause,
      });
    }
    if (res.statusCode >= 300) throw easyPostError(res.statusCode, res.body, what);
    return shipmentSchema.parse(res.body);
  }

  async quote(request: ReturnLabelRequest): Promise<{ quoteId: string }> {
    // is_return swaps the addresses (EasyPost "Returns"): we give them as the outbound parcel had
    // them, warehouse → buyer, and the label reads buyer → warehouse.
    const shipment = await this.#call(
      'POST',
      'shipments',
      `quoting the return label of ${request.reference}`,
      {
        shipment: {
          reference: request.reference,
          is_return: true,
          from_address: toEasyPostAddress(request.warehouse),
          to_address: toEasyPostAddress(request.buyer),
          parcel: { weight: Math.ceil((request.weightGrams / GRAMS_PER_OUNCE) * 10) / 10 },
        },
      },
    );
    return { quoteId: shipment.id };
  }

  #chooseRate(shipment: EasyPostShipment): EasyPostRate {
    const carriers = (this.#options.carriers ?? []).map((c) => c.toLowerCase());
    const allowed = shipment.rates.filter(
      (r) =>
        (carriers.length === 0 || carriers.includes(r.carrier.toLowerCase())) &&
        (!this.#options.service || r.service === this.#options.service),
    );
    const cheapest = allowed.sort((a, b) => cents(a) - cents(b))[0];
    if (!cheapest)
      throw new BadInputError(
        `label provider offers no rate for shipment ${shipment.id} with carriers [${carriers.join(', ') || 'any'}]${this.#options.service ? ` and service ${this.#options.service}` : ''} (offered: ${shipment.rates.map((r) => `${r.carrier} ${r.service}`).join(', ') || 'none'}); widen RETURN_LABEL_CARRIERS / RETURN_LABEL_SERVICE`,
        'ERR_LABEL_NO_RATE',
      );
    return cheapest;
  }

  #bought(shipment: EasyPostShipment): BoughtReturnLabel | null {
    const rate = shipment.selected_rate;
    if (!shipment.postage_label || !rate || !shipment.tracking_code) return null;
    return {
      quoteId: shipment.id,
      carrier: rate.carrier,
      service: rate.service,
      trackingNumber: shipment.tracking_code,
      labelUrl: shipment.postage_label.label_url,
      price: fromDecimal(rate.rate, rate.currency),
    };
  }

  async buy(quoteId: string): Promise<BoughtReturnLabel> {
    const what = `buying the label of shipment ${quoteId}`;
    const shipment = await this.#call('GET', `shipments/${encodeURIComponent(quoteId)}`, what);
    const already = this.#bought(shipment);
    if (already) return already;
    const rate = this.#chooseRate(shipment);
    const bought = this.#bought(
      await this.#call('POST', `shipments/${encodeURIComponent(quoteId)}/buy`, what, {
        rate: { id: rate.id },
      }),
    );
    if (!bought)
      throw new IntegrationError(
        `label provider bought shipment ${quoteId} but sent no label or tracking code`,
        {
          kind: 'transient',
          code: 'ERR_LABEL_PROVIDER_INCOMPLETE',
        },
      );
    return bought;
  }

  async download(label: BoughtReturnLabel): Promise<LabelFile> {
    let res;
    try {
      res = await this.#files(label.labelUrl, { responseType: 'buffer' });
    } catch (cause) {
      throw new IntegrationError(
        `label file of ${label.trackingNumber} unreachable: ${(cause as Error).message}`,
        {
          kind: 'transient',
          code: 'ERR_LABEL_FILE_DOWN',
          cause,
        },
      );
    }
    if (res.statusCode !== 200)
      throw new IntegrationError(`label file of ${label.trackingNumber} answered HTTP ${res.statusCode}`, {
        kind: res.statusCode >= 500 ? 'transient' : 'business',
        code: 'ERR_LABEL_FILE_MISSING',
      });
    const mimetype = String(res.headers['content-type'] ?? 'application/octet-stream')
      .split(';')[0]!
      .trim();
    return { fileName: returnLabelFileName(label.trackingNumber, mimetype), mimetype, content: res.body };
  }
}
