/**
 * Control API under `/_sandbox/` (documented in the README): inspect state, set stock, inject
 * faults, read call statistics, reset. Always answers, even while RPC is "down".
 */
import { z } from 'zod';
import { read } from '../orm/read.js';
import { search } from '../orm/search.js';
import { getModel } from '../registry.js';
import { freshStore, newEnv, type SandboxState } from '../sandbox-state.js';
import { setOnHand } from '../seed.js';
import { faultInputSchema } from './faults.js';

export interface ControlResponse {
  status: number;
  body: unknown;
}

const stockSchema = z.object({ defaultCode: z.string().min(1), qty: z.number().nonnegative() }).strict();

const bad = (message: string): ControlResponse => ({ status: 400, body: { error: message } });

function parseJson(body: string): unknown {
  return body.trim() ? JSON.parse(body) : {};
}

function issues(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
}

function stateOf(state: SandboxState, model: string, query: URLSearchParams): ControlResponse {
  const env = newEnv(state, { active_test: false });
  const def = getModel(env, model);
  if (!def) return { status: 404, body: { error: `unknown model "${model}"`, models: state.store.models() } };
  const idsParam = query.get('ids');
  const ids = idsParam
    ? idsParam.split(',').map(Number).filter(Number.isInteger)
    : search(env, model, [], { order: 'id' });
  const fields = query.get('fields')?.split(',').filter(Boolean);
  const records = read(env, def, ids, fields);
  if (model === 'sale.order') {
    const lineDef = getModel(env, 'sale.order.line')!;
    for (const r of records)
      r.lines = read(env, lineDef, search(env, 'sale.order.line', [['order_id', '=', r.id]]));
  }
  if (model === 'stock.picking') {
    const moveDef = getModel(env, 'stock.move')!;
    for (const r of records)
      r.moves = read(env, moveDef, search(env, 'stock.move', [['picking_id', '=', r.id]]));
  }
  return { status: 200, body: { model, count: records.length, records } };
}

function setStock(state: SandboxState, body: unknown): ControlResponse {
  const parsed = stockSchema.safeParse(body);
  if (!parsed.success) return bad(`POST /_sandbox/stock expects {defaultCode, qty}: ${issues(parsed.error)}`);
  const env = newEnv(state, { active_test: false });
  const [productId] = search(env, 'product.product', [['default_code', '=', parsed.data.defaultCode]], {
    limit: 1,
  });
  if (productId === undefined)
    return { status: 404, body: { error: `no product with default_code "${parsed.data.defaultCode}"` } };
  state.store.transaction(() => setOnHand(env, [[productId, parsed.data.qty]]));
  const [product] = read(
    env,
    getModel(env, 'product.product')!,
    [productId],
    ['default_code', 'qty_available', 'free_qty'],
  );
  return { status: 200, body: { productId, ...product } };
}

export function handleControl(
  state: SandboxState,
  method: string,
  path: string,
  query: URLSearchParams,
  body: string,
): ControlResponse {
  let json: unknown;
  try {
    json = method === 'GET' || method === 'DELETE' ? {} : parseJson(body);
  } catch {
    return bad('the request body must be JSON');
  }
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  if (method === 'GET' && path.startsWith('/_sandbox/state/'))
    return stateOf(state, decodeURIComponent(path.slice('/_sandbox/state/'.length)), query);
  switch (route) {
    case 'GET /_sandbox/state':
      return {
        status: 200,
        body: { models: state.store.models().map((m) => ({ model: m, count: state.store.all(m).length })) },
      };
    case 'GET /_sandbox/info':
      return {
        status: 200,
        body: {
          version: state.version,
          db: state.db,
          login: state.login,
          uid: state.uid,
          modules: [...state.store.installedModules].sort(),
        },
      };
    case 'POST /_sandbox/stock':
      return setStock(state, json);
    case 'POST /_sandbox/faults': {
      const parsed = faultInputSchema.safeParse(json);
      if (!parsed.success) return bad(`POST /_sandbox/faults: ${issues(parsed.error)}`);
      return { status: 200, body: state.faults.set(parsed.data) };
    }
    case 'GET /_sandbox/faults':
      return { status: 200, body: state.faults.snapshot() };
    case 'DELETE /_sandbox/faults':
      return { status: 200, body: state.faults.clear() };
    case 'GET /_sandbox/stats':
      return { status: 200, body: state.stats.snapshot() };
    case 'POST /_sandbox/stats/reset':
      state.stats.reset();
      return { status: 200, body: state.stats.snapshot() };
    case 'GET /_sandbox/requests':
      return { status: 200, body: state.requests.snapshot() };
    case 'POST /_sandbox/requests/reset':
      state.requests.reset();
      return { status: 200, body: state.requests.snapshot() };
    case 'POST /_sandbox/reset':
      state.store = freshStore(state);
      state.faults.clear();
      state.stats.reset();
      state.requests.reset();
      return { status: 200, body: { ok: true } };
    default:
      return { status: 404, body: { error: `unknown control route ${route}` } };
  }
}
