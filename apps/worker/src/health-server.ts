import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';

export interface WorkerHealthOptions {
  port: number;
  host: string;
  redis: Redis;
  /** False from SIGTERM on: the worker is releasing its jobs and takes no new ones. */
  running: () => boolean;
}

/**
 * GET /healthz for the Kubernetes probes of a worker (deploy/k8s): 200 while its Redis connection is
 * ready and its workers run, 503 otherwise (Redis gone: the connection retries on its own, and a
 * liveness probe that keeps failing restarts the pod). A bare node:http server, since the worker
 * serves nothing else over HTTP. Answers without touching Redis, so a probe costs nothing.
 */
export async function startHealthServer(options: WorkerHealthOptions): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/healthz') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    const redis = options.redis.status;
    const running = options.running();
    const ok = redis === 'ready' && running;
    res
      .writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
      .end(JSON.stringify({ status: ok ? 'ok' : 'unavailable', redis, running }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return server;
}

export function healthPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}

/** Closes the server and the probes' keep-alive connections with it. */
export function closeHealthServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
