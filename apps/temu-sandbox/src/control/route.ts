import type { SandboxRuntime } from '../runtime.js';

export interface ControlRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  runtime: SandboxRuntime;
}

export interface ControlRoute {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path below /_sandbox/, `:name` segments become params. */
  path: string;
  handle: (req: ControlRequest) => unknown;
}
