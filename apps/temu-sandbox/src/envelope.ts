import { randomUUID } from 'node:crypto';
import { SUCCESS_CODE } from './error-codes.js';

/** The response envelope of every Open API call (docs/temu-api.md §4); key order as captured in FIX. */
export interface Envelope {
  result?: unknown;
  success: boolean;
  requestId: string;
  errorCode: number;
  errorMsg: string;
}

export type SandboxRegion = 'US' | 'EU' | 'GLOBAL';
/** The market a sandbox shop sells in: a gateway region, or the UK (served by the EU gateway). */
export type SandboxMarket = SandboxRegion | 'UK';

/** `us-<uuid>`, `eu-<uuid>`…: Temu prefixes request ids with the gateway's region (docs/temu-api.md §4). */
export function newRequestId(region: SandboxRegion): string {
  return `${region.toLowerCase()}-${randomUUID()}`;
}

export function okEnvelope(requestId: string, result: unknown): Envelope {
  return { result, success: true, requestId, errorCode: SUCCESS_CODE, errorMsg: '' };
}

export function errorEnvelope(requestId: string, errorCode: number, errorMsg: string): Envelope {
  return { success: false, requestId, errorCode, errorMsg, result: null };
}
