/**
 * `POST /jsonrpc` (docs/odoo-api.md §1.1/§1.2): JSON-RPC 2.0 envelope, `result` omitted for None,
 * errors always HTTP 200 with `{code: 200 (19: 0), message: "Odoo Server Error", data}`.
 */
import { errorData, OdooError, toOdooError } from './errors.js';
import { dispatchCommon, dispatchDb, dispatchObject } from './rpc-dispatch.js';
import type { SandboxState } from './sandbox-state.js';
import { jsonRpcErrorCode } from './version-fields.js';

export function handleJsonRpc(state: SandboxState, body: string): Record<string, unknown> {
  let request: { id?: unknown; params?: { service?: unknown; method?: unknown; args?: unknown } };
  try {
    request = JSON.parse(body) as typeof request;
  } catch {
    return errorEnvelope(
      state,
      null,
      new OdooError('werkzeug.exceptions.BadRequest', '400 Bad Request: Invalid JSON data', 400),
    );
  }
  const id = request?.id ?? null;
  try {
    const params = request?.params ?? {};
    const service = String(params.service ?? '');
    const method = String(params.method ?? '');
    const args = Array.isArray(params.args) ? params.args : [];
    let result: unknown;
    if (service === 'common') result = dispatchCommon(state, method, args);
    else if (service === 'object') result = dispatchObject(state, method, args);
    else if (service === 'db') result = dispatchDb(state, method);
    else throw new OdooError('builtins.KeyError', `'${service}'`, 500);
    const out: Record<string, unknown> = { jsonrpc: '2.0', id };
    if (result !== undefined && result !== null) out.result = result;
    return out;
  } catch (err) {
    const e = toOdooError(err);
    if (!(err instanceof OdooError))
      state.logger?.error({ err }, 'sandbox bug while answering a JSON-RPC call');
    return errorEnvelope(state, id, e);
  }
}

function errorEnvelope(state: SandboxState, id: unknown, err: OdooError): Record<string, unknown> {
  return {
    jsonrpc: '2.0',
    id,
    error: { code: jsonRpcErrorCode(state.major), message: 'Odoo Server Error', data: errorData(err) },
  };
}
