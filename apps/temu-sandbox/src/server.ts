import { setTimeout as sleep } from 'node:timers/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { handleControl } from './control/router.js';
import { handleOpenApi } from './gateway/open-api.js';
import { toJson } from './json.js';
import { defaultPort, type TemuSandboxOptions } from './options.js';
import { SandboxRuntime } from './runtime.js';
import type { SandboxState } from './state.js';

export interface RunningTemuSandbox {
  /** Base URL, e.g. http://127.0.0.1:4010 (the gateway is `${url}/openapi/router`). */
  url: string;
  port: number;
  /** Live state (orders, SKUs, stats…) for in-process tests. */
  state: SandboxState;
  runtime: SandboxRuntime;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;
const ROUTER_PATH = '/openapi/router';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function route(runtime: SandboxRuntime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox.local');
  const method = req.method ?? 'GET';
  if (url.pathname === ROUTER_PATH) {
    if (method !== 'POST') {
      send(res, 405, JSON.stringify({ error: 'the Temu gateway only supports POST (docs/temu-api.md §2)' }));
      return;
    }
    const reply = await handleOpenApi(
      runtime.state,
      await readBody(req),
      req.headers['content-type'],
      runtime.logger,
    );
    if (reply.delayMs > 0) await sleep(reply.delayMs);
    if (reply.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (reply.kind === 'http5xx') {
      send(res, reply.status, JSON.stringify({ error: 'Service Unavailable (injected fault)' }));
      return;
    }
    send(res, reply.status, toJson(reply.envelope));
    return;
  }
  if (url.pathname === '/_sandbox' || url.pathname.startsWith('/_sandbox/')) {
    const { status, body } = await handleControl(runtime, method, url, await readBody(req));
    send(res, status, JSON.stringify(body));
    return;
  }
  if (url.pathname === '/' || url.pathname === '/health') {
    send(res, 200, JSON.stringify({ ok: true, service: 'temu-sandbox', gateway: ROUTER_PATH }));
    return;
  }
  send(res, 404, JSON.stringify({ error: `not found: ${url.pathname}; the gateway is POST ${ROUTER_PATH}` }));
}

/** Starts the sandbox on host:port (port 0 = a free port) and seeds it. */
export async function startTemuSandbox(opts: TemuSandboxOptions = {}): Promise<RunningTemuSandbox> {
  const runtime = new SandboxRuntime(opts, opts.logger);
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    route(runtime, req, res).catch((err: unknown) => {
      runtime.logger?.error({ err }, 'temu-sandbox request failed');
      if (!res.headersSent) send(res, 500, JSON.stringify({ error: 'internal sandbox error' }));
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? defaultPort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    state: runtime.state,
    runtime,
    close() {
      closing ??= (async () => {
        await runtime.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          for (const socket of sockets) socket.destroy();
        });
      })();
      return closing;
    },
  };
}
