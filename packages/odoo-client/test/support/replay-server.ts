import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import type { Exchange } from './fixtures.js';

export interface ReplayServer {
  url: string;
  /** Requests received, in order (body without the JSON-RPC id). */
  received: unknown[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 that answers `/jsonrpc` requests with the response Odoo gave to the
 * same recorded request (ids aside). A request Odoo never saw gets HTTP 500, so a test passes only
 * when the client speaks exactly like the recorded real client.
 */
export async function startReplayServer(exchanges: Exchange[]): Promise<ReplayServer> {
  const received: unknown[] = [];
  const used = new Set<Exchange>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const parsed = JSON.parse(body) as { id: number; params: unknown };
      received.push(parsed.params);
      // The same request recorded twice (e.g. a search before and after a create) answers in order.
      const matches = exchanges.filter(
        (e) => req.url === '/jsonrpc' && isDeepStrictEqual(e.request.params, parsed.params),
      );
      const hit = matches.find((e) => !used.has(e)) ?? matches[matches.length - 1];
      if (hit) used.add(hit);
      if (!hit) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`no recorded exchange for ${JSON.stringify(parsed.params)}`);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ...hit.response, id: parsed.id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ScriptedServer {
  url: string;
  requests: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: unknown }>;
  close(): Promise<void>;
}

/** A real HTTP server whose answers are computed by `handler` (status, body), for fault scenarios. */
export async function startScriptedServer(
  handler: (req: {
    method: string;
    url: string;
    headers: http.IncomingHttpHeaders;
    body: unknown;
    n: number;
  }) => {
    status: number;
    body: unknown;
    headers?: Record<string, string>;
  },
): Promise<ScriptedServer> {
  const requests: ScriptedServer['requests'] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as unknown) : undefined;
      requests.push({ method: req.method ?? 'GET', url: req.url ?? '', headers: req.headers, body });
      const out = handler({
        method: req.method ?? 'GET',
        url: req.url ?? '',
        headers: req.headers,
        body,
        n: requests.length,
      });
      res.writeHead(out.status, { 'content-type': 'application/json', ...(out.headers ?? {}) });
      res.end(typeof out.body === 'string' ? out.body : JSON.stringify(out.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
