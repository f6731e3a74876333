/** Plain-fetch JSON-RPC and JSON-2 helpers for the tests (no dependency on packages/odoo-client). */
export type RpcResponse = {
  jsonrpc: string;
  id: unknown;
  result?: unknown;
  error?: { code: number; message: string; data: Record<string, unknown> };
};

export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
}

export async function jsonRpc(
  baseUrl: string,
  service: string,
  method: string,
  args: unknown[],
  id: unknown = 1,
): Promise<RpcResponse> {
  const { body } = await postJson(`${baseUrl}/jsonrpc`, {
    jsonrpc: '2.0',
    method: 'call',
    params: { service, method, args },
    id,
  });
  return body as RpcResponse;
}

/** A tiny execute_kw client: throws an Error carrying `data.name` on Odoo errors. */
export function objectClient(baseUrl: string, db: string, uid: number, password: string) {
  return async function ek<T = unknown>(
    model: string,
    method: string,
    args: unknown[],
    kwargs: Record<string, unknown> = {},
  ): Promise<T> {
    const r = await jsonRpc(baseUrl, 'object', 'execute_kw', [
      db,
      uid,
      password,
      model,
      method,
      args,
      kwargs,
    ]);
    if (r.error)
      throw Object.assign(new Error(String(r.error.data.message)), {
        odooName: r.error.data.name,
        response: r,
      });
    return r.result as T;
  };
}

export async function control(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- asserted field by field in tests
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}
