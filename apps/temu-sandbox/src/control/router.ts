import type { SandboxRuntime } from '../runtime.js';
import { afterSalesRoutes } from './aftersales.control.js';
import { ControlError } from './control-error.js';
import { opsRoutes } from './ops.control.js';
import { orderRoutes } from './orders.control.js';
import type { ControlRoute } from './route.js';
import { shopRoutes } from './shop.control.js';
import { priceRoutes } from './price.control.js';
import { statementRoutes } from './statements.control.js';
import { shipByRoutes } from './ship-by.control.js';
import { fullSalesRoutes } from './full-sales.control.js';
import { consignmentRoutes } from './consignment.control.js';

export const CONTROL_ROUTES: ControlRoute[] = [
  ...orderRoutes,
  ...shopRoutes,
  ...opsRoutes,
  ...priceRoutes,
  ...statementRoutes,
  ...afterSalesRoutes,
  ...shipByRoutes,
  ...fullSalesRoutes,
  ...consignmentRoutes,
];

function match(route: ControlRoute, segments: string[]): Record<string, string> | null {
  const parts = route.path.split('/');
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const seg = segments[i]!;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(seg);
    else if (part !== seg) return null;
  }
  return params;
}

/** Dispatches `/_sandbox/<path>`; answers `{status, body}` (plain JSON, no signing). */
export async function handleControl(
  runtime: SandboxRuntime,
  method: string,
  url: URL,
  rawBody: string,
): Promise<{ status: number; body: unknown }> {
  const segments = url.pathname
    .replace(/^\/_sandbox\/?/, '')
    .replace(/\/$/, '')
    .split('/');
  const candidates = CONTROL_ROUTES.map((r) => ({ r, params: match(r, segments) })).filter((c) => c.params);
  // Literal routes win over parameterised ones (orders/stream vs orders/:sn/…).
  candidates.sort((a, b) => Number(a.r.path.includes(':')) - Number(b.r.path.includes(':')));
  const hit = candidates.find((c) => c.r.method === method);
  if (!hit) {
    return candidates.length > 0
      ? { status: 405, body: { error: `${method} not allowed on ${url.pathname}` } }
      : { status: 404, body: { error: `no control endpoint ${url.pathname}; see the temu-sandbox README` } };
  }
  let body: unknown = undefined;
  if (rawBody.trim() !== '') {
    try {
      body = JSON.parse(rawBody);
    } catch {
      return { status: 400, body: { error: 'body: expected JSON' } };
    }
  }
  try {
    const result = await hit.r.handle({ params: hit.params!, query: url.searchParams, body, runtime });
    return { status: 200, body: result };
  } catch (err) {
    if (err instanceof ControlError) return { status: err.status, body: { error: err.message } };
    throw err;
  }
}
