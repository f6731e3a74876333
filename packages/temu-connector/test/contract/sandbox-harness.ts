import { TemuError } from '../../src/errors.js';
import { startTemuSandbox } from '../../../../apps/temu-sandbox/src/index.js';
import { TemuClient } from '../../src/client/temu-client.js';
import type { TemuClientOptions } from '../../src/client/temu-client.js';

export const CREDS = {
  appKey: 'contract0app0key000000000000000a',
  appSecret: 'contract-app-secret-0123456789abcdef',
  accessToken: 'contract-access-token-abcdefghijklmnopqrstuvwxyz0123',
};

/** Generous quotas so only the tests that want throttling see it. */
export const WIDE_LIMITS = {
  appKeyPerSecond: 10_000,
  groupPerMinute: {
    orders: 100_000,
    inventory: 100_000,
    products: 100_000,
    shipping: 100_000,
    finance: 100_000,
  },
};

export type SandboxOptions = Omit<Parameters<typeof startTemuSandbox>[0], 'port'>;

export interface Harness {
  url: string;
  client(extra?: Partial<TemuClientOptions>): TemuClient;
  control<T = Record<string, unknown>>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<T>;
  close(): Promise<void>;
}

/** Starts the Temu sandbox on a free port with known credentials and a control-API helper. */
export async function startHarness(options: SandboxOptions = {}): Promise<Harness> {
  const sandbox = await startTemuSandbox({ port: 0, ...CREDS, seed: 7, rateLimits: WIDE_LIMITS, ...options });
  return {
    url: sandbox.url,
    client: (extra = {}) =>
      new TemuClient({ ...CREDS, baseUrl: sandbox.url, retry: { baseDelayMs: 10 }, ...extra }),
    control: async <T>(method: string, path: string, body?: unknown) => {
      const res = await fetch(`${sandbox.url}/_sandbox/${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`sandbox control ${method} ${path} answered ${res.status}: ${text}`);
      return (text ? JSON.parse(text) : {}) as T;
    },
    close: () => sandbox.close(),
  };
}

export interface SandboxSku {
  skuId: string;
  goodsId: string;
  sellerSku: string;
  stock: number;
  priceMinor: number;
  currency: string;
}

export interface SandboxOrder {
  parentOrderSn: string;
  status: number;
  children: Array<{
    orderSn: string;
    status: number;
    goodsId: string;
    skuId: string;
    sellerSku: string;
    quantity: number;
  }>;
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

export const TWO_POW_53 = 2n ** 53n;

/** The TemuError a call fails with; fails the test when the call succeeds or throws something else. */
export async function failureOf(promise: Promise<unknown>): Promise<TemuError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof TemuError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}
