/** HTTP server: routes, injected downtime/latency, JSON bodies. Binds 127.0.0.1 by default. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { handleControl } from './control/control.route.js';
import { handleJson2 } from './json2.route.js';
import { handleJsonRpc } from './jsonrpc.route.js';
import { handleWebImage } from './web-image.route.js';
import type { SandboxState } from './sandbox-state.js';
import { hasJson2, hasJsonRpc } from './version-fields.js';

const MAX_BODY = 20 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

async function handle(state: SandboxState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  const method = req.method ?? 'GET';
  const body = await readBody(req);
  if (url.pathname.startsWith('/_sandbox/') || url.pathname === '/_sandbox') {
    const r = handleControl(state, method, url.pathname, url.searchParams, body);
    sendJson(res, r.status, r.body);
    return;
  }
  state.requests.record(`${method} ${url.pathname}`);
  const down = state.faults.downMode();
  if (down === 'close') {
    req.socket.destroy();
    return;
  }
  if (down === '503') {
    res.writeHead(503, { 'Content-Type': 'text/html', 'Retry-After': '1' });
    res.end('<h1>503 Service Unavailable</h1>');
    return;
  }
  const latency = state.faults.latencyMs();
  if (latency > 0) await sleep(latency);
  if (method === 'POST' && url.pathname === '/jsonrpc' && hasJsonRpc(state.major)) {
    sendJson(res, 200, handleJsonRpc(state, body));
    return;
  }
  if (hasJson2(state.major) && url.pathname.startsWith('/json/2/')) {
    if (method !== 'POST') {
      sendJson(res, 405, { name: 'werkzeug.exceptions.MethodNotAllowed', message: '405 Method Not Allowed' });
      return;
    }
    const r = handleJson2(state, url.pathname, req.headers, body);
    sendJson(res, r.status, r.body, r.headers);
    return;
  }
  // 19's rpc addon serves both; 16–18 have neither and answer 404 (docs/odoo-api.md).
  if (
    hasJson2(state.major) &&
    method === 'GET' &&
    (url.pathname === '/web/version' || url.pathname === '/json/version')
  ) {
    const info = state.version.split('.').map(Number);
    sendJson(res, 200, { version_info: [info[0], info[1], 0, 'final', 0, ''], version: state.version });
    return;
  }
  if (method === 'GET' && handleWebImage(state, url.pathname, res)) return;
  res.writeHead(404, { 'Content-Type': 'text/html' });
  res.end('<h1>404 Not Found</h1>');
}

export async function listen(
  state: SandboxState,
  host: string,
  port: number,
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    handle(state, req, res).catch((err: unknown) => {
      state.logger?.error({ err }, 'odoo sandbox request failed');
      if (!res.headersSent) sendJson(res, 500, { error: err instanceof Error ? err.message : String(err) });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return { server, port: (server.address() as AddressInfo).port };
}
