/** One call shape for both transports: JSON-RPC execute_kw (named kwargs) or Odoo 19 JSON-2. */
import { jsonRpc, postJson } from './rpc.js';

export class OdooCallError extends Error {
  constructor(
    readonly odooName: string,
    message: string,
    readonly httpStatus: number,
  ) {
    super(message);
  }
}

export interface FlowClient {
  call<T = unknown>(
    model: string,
    method: string,
    ids: number[] | null,
    named?: Record<string, unknown>,
    context?: Record<string, unknown>,
  ): Promise<T>;
}

export function flowClient(url: string, db: string, password: string, json2: boolean): FlowClient {
  return {
    async call<T>(
      model: string,
      method: string,
      ids: number[] | null,
      named: Record<string, unknown> = {},
      context: Record<string, unknown> = {},
    ): Promise<T> {
      if (json2) {
        const { status, body } = await postJson(
          `${url}/json/2/${model}/${method}`,
          { ...(ids ? { ids } : {}), context, ...named },
          {
            authorization: `bearer ${password}`,
            'x-odoo-database': db,
          },
        );
        if (status !== 200) {
          const b = body as { name: string; message: string };
          throw new OdooCallError(b.name, b.message, status);
        }
        return body as T;
      }
      const r = await jsonRpc(url, 'object', 'execute_kw', [
        db,
        2,
        password,
        model,
        method,
        ids ? [ids] : [],
        { ...named, context },
      ]);
      if (r.error) throw new OdooCallError(String(r.error.data.name), String(r.error.data.message), 200);
      return r.result as T;
    },
  };
}
