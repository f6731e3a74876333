import type { AddressInfo } from 'node:net';
import { createDashboardApp, type DashboardAppOptions } from './dashboard.app.js';

export interface StartDashboardOptions extends DashboardAppOptions {
  /** 0 picks a free port. */
  port: number;
  host: string;
}

export interface RunningDashboard {
  url: string;
  port: number;
  /** Stops the HTTP server (open keep-alive connections included). Registry and Redis stay the caller's. */
  close(): Promise<void>;
}

export async function startDashboard(options: StartDashboardOptions): Promise<RunningDashboard> {
  const { port, host, ...appOptions } = options;
  const app = createDashboardApp(appOptions);
  const server = app.listen(port, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new Error(`dashboard cannot listen on ${host}:${port}: ${err.code ?? err.message}`, { cause: err }),
      ),
    );
  });
  const bound = (server.address() as AddressInfo).port;
  const shownHost =
    host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${shownHost}:${bound}`,
    port: bound,
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
