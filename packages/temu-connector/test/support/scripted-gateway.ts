import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer: a status and a raw body (so ids beyond 2^53 can be written exactly). */
export interface ScriptedAnswer {
  status?: number;
  body: string;
  headers?: Record<string, string>;
  /** Destroy the socket instead of answering. */
  drop?: boolean;
  delayMs?: number;
}

export interface ScriptedGateway {
  url: string;
  /** Raw bodies received, in order. */
  received: string[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 that answers the scripted responses in turn (the last one
 * repeats). Used for transport edge cases the sandbox does not produce on demand.
 */
export async function startScriptedGateway(answers: ScriptedAnswer[]): Promise<ScriptedGateway> {
  const received: string[] = [];
  let next = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push(Buffer.concat(chunks).toString('utf8'));
      const answer = answers[Math.min(next, answers.length - 1)]!;
      next += 1;
      const respond = () => {
        if (answer.drop) {
          req.socket.destroy();
          return;
        }
        res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
        res.end(answer.body);
      };
      if (answer.delayMs) setTimeout(respond, answer.delayMs);
      else respond();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function envelope(result: unknown, requestId = 'us-00000000-0000-0000-0000-000000000000'): string {
  return JSON.stringify({ result, success: true, requestId, errorCode: 1000000, errorMsg: '' });
}

export function failure(errorCode: number, errorMsg: string): string {
  return JSON.stringify({
    success: false,
    requestId: 'us-11111111-1111-1111-1111-111111111111',
    errorCode,
    errorMsg,
  });
}
