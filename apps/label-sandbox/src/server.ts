import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LABEL_PNG } from './label-file.js';
import { LabelState, SERVICES, type SandboxAddress, type SandboxShipment } from './label-state.js';

/**
 * A small model of EasyPost's shipment API (docs/labels.md): create a shipment (rates, nothing
 * charged), read it, buy one of its rates (charged once; a second buy is refused), fetch the label
 * file. Errors in EasyPost's shape `{ error: { code, message, errors } }`: 401 bad key, 402
 * insufficient funds, 404 unknown shipment, 422 address or rate refused. Control API under
 * `/_sandbox/…` for tests.
 */
export interface LabelSandboxOptions {
  apiKey: string;
  port?: number;
  host?: string;
  /**
   * Where label links point (EasyPost serves files from its own file host); default this server.
   * A test sets another base to see how a marketplace refuses a link it cannot use.
   */
  filesBaseUrl?: string;
}

export interface LabelSandbox {
  url: string;
  state: LabelState;
  close(): Promise<void>;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: Array<{ field: string; message: string }> = [],
  ) {
    super(message);
  }
}

const ADDRESS_FIELDS = ['street1', 'city', 'zip', 'country'] as const;

function checkAddress(role: string, a: unknown): SandboxAddress {
  const address = (a ?? {}) as SandboxAddress;
  const missing = ADDRESS_FIELDS.filter((f) => typeof address[f] !== 'string' || address[f] === '');
  if (missing.length > 0)
    throw new ApiError(
      422,
      'ADDRESS.VERIFY.FAILURE',
      `${role}: address incomplete`,
      missing.map((f) => ({ field: f, message: `${f} is required` })),
    );
  // The sandbox's undeliverable address: zip 00000 is "not found", as a real verification would say.
  if (address.zip === '00000')
    throw new ApiError(422, 'ADDRESS.VERIFY.FAILURE', 'Address not found', [
      { field: 'address', message: 'Address not found' },
    ]);
  return address;
}

function createShipment(state: LabelState, body: Record<string, unknown>): SandboxShipment {
  const s = (body.shipment ?? {}) as Record<string, unknown>;
  const parcel = (s.parcel ?? {}) as SandboxShipment['parcel'];
  if (typeof parcel.weight !== 'number' || !(parcel.weight > 0))
    throw new ApiError(422, 'PARCEL.INVALID', 'parcel.weight (ounces) must be a positive number', [
      { field: 'weight', message: 'must be greater than 0' },
    ]);
  const id = state.nextId('shp');
  const shipment: SandboxShipment = {
    id,
    object: 'Shipment',
    mode: 'test',
    reference: typeof s.reference === 'string' ? s.reference : null,
    is_return: s.is_return === true,
    to_address: checkAddress('to_address', s.to_address),
    from_address: checkAddress('from_address', s.from_address),
    parcel,
    rates: SERVICES.map((svc) => ({
      id: state.nextId('rate'),
      object: 'Rate' as const,
      shipment_id: id,
      carrier: svc.carrier,
      service: svc.service,
      rate: ((svc.baseCents + Math.ceil(parcel.weight) * svc.perOzCents) / 100).toFixed(2),
      currency: 'USD',
    })),
    selected_rate: null,
    postage_label: null,
    tracking_code: null,
    created_at: new Date().toISOString(),
  };
  state.shipments.set(id, shipment);
  return shipment;
}

function shipmentOf(state: LabelState, id: string): SandboxShipment {
  const s = state.shipments.get(id);
  if (!s) throw new ApiError(404, 'NOT_FOUND', 'The requested resource could not be found.');
  return s;
}

function buyShipment(state: LabelState, id: string, body: Record<string, unknown>, baseUrl: string) {
  const shipment = shipmentOf(state, id);
  if (shipment.postage_label)
    throw new ApiError(422, 'SHIPMENT.POSTAGE.EXISTS', `postage already exists for shipment ${id}`);
  const rateId = ((body.rate ?? {}) as { id?: unknown }).id;
  const rate = shipment.rates.find((r) => r.id === rateId);
  if (!rate)
    throw new ApiError(422, 'SHIPMENT.RATE.NOT_FOUND', `rate ${String(rateId)} is not a rate of ${id}`);
  const cents = Math.round(Number(rate.rate) * 100);
  if (cents > state.balanceCents)
    throw new ApiError(402, 'PAYMENT.INSUFFICIENT_FUNDS', 'insufficient funds: add funds to the wallet');
  state.balanceCents -= cents;
  state.purchases += 1;
  shipment.selected_rate = rate;
  shipment.tracking_code = `9400${id.replace(/\D/g, '').padStart(18, '0')}`;
  shipment.postage_label = {
    object: 'PostageLabel',
    label_url: `${baseUrl}/files/postage_label/${id}.png`,
    label_file_type: 'image/png',
    label_date: new Date().toISOString(),
  };
  return shipment;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    throw new ApiError(400, 'BAD_REQUEST', 'the request body is not JSON');
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** HTTP Basic with the API key as user name and an empty password, as EasyPost authenticates. */
function checkKey(req: IncomingMessage, apiKey: string): void {
  const auth = req.headers.authorization ?? '';
  if (!auth.startsWith('Basic ')) throw new ApiError(401, 'APIKEY.REQUIRED', 'API key required');
  const user = Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':')[0];
  if (user !== apiKey) throw new ApiError(401, 'APIKEY.INACTIVE', 'API key is not valid');
}

async function route(
  req: IncomingMessage,
  res: ServerResponse,
  state: LabelState,
  opts: LabelSandboxOptions,
  baseUrl: () => string,
) {
  const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
  const method = req.method ?? 'GET';
  const file = /^\/files\/postage_label\/(shp_\d+)\.png$/.exec(path);
  if (method === 'GET' && file) {
    // The label URL is public (no key), like the file links EasyPost hands out.
    if (!state.shipments.get(file[1]!)?.postage_label) throw new ApiError(404, 'NOT_FOUND', 'no such label');
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': LABEL_PNG.length });
    res.end(LABEL_PNG);
    return;
  }
  if (path === '/_sandbox/state' && method === 'GET')
    return send(res, 200, {
      balanceCents: state.balanceCents,
      purchases: state.purchases,
      shipments: [...state.shipments.values()],
    });
  if (path === '/_sandbox/balance' && method === 'POST') {
    const body = await readJson(req);
    if (typeof body.cents !== 'number') throw new ApiError(400, 'BAD_REQUEST', 'expected { cents: number }');
    state.balanceCents = body.cents;
    return send(res, 200, { balanceCents: state.balanceCents });
  }
  checkKey(req, opts.apiKey);
  if (path === '/v2/shipments' && method === 'POST')
    return send(res, 201, createShipment(state, await readJson(req)));
  const one = /^\/v2\/shipments\/(shp_\d+)$/.exec(path);
  if (one && method === 'GET') return send(res, 200, shipmentOf(state, one[1]!));
  const buy = /^\/v2\/shipments\/(shp_\d+)\/buy$/.exec(path);
  if (buy && method === 'POST')
    return send(res, 200, buyShipment(state, buy[1]!, await readJson(req), baseUrl()));
  throw new ApiError(404, 'NOT_FOUND', `no route ${method} ${path}`);
}

export async function startLabelSandbox(opts: LabelSandboxOptions): Promise<LabelSandbox> {
  const state = new LabelState();
  let url = '';
  const server = createServer((req, res) => {
    route(req, res, state, opts, () => opts.filesBaseUrl ?? url).catch((err: unknown) => {
      if (err instanceof ApiError)
        return send(res, err.status, { error: { code: err.code, message: err.message, errors: err.errors } });
      send(res, 500, { error: { code: 'INTERNAL_SERVER_ERROR', message: String(err), errors: [] } });
    });
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  url = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    url,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
