import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { assertRedisReachable } from '@temu-odoo/queues';

export interface RedisHandle {
  url: string;
  /** Set when we started a private redis-server; stop() ends it. */
  owned: boolean;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Uses the Redis at `url` if it answers; otherwise starts a private, throwaway redis-server on a free
 * loopback port (data in a temp dir, deleted on stop). Throws with instructions when neither works.
 */
export async function ensureRedis(url: string, log: (msg: string) => void): Promise<RedisHandle> {
  try {
    await assertRedisReachable(url, 1_500);
    return { url, owned: false, stop: async () => undefined };
  } catch {
    if (!hasRedisServer()) {
      throw new Error(
        `Nothing answers at REDIS_URL=${url} and redis-server is not installed. ` +
          'Start Redis with `docker compose up -d redis` (or install redis-server), then run this again.',
      );
    }
  }
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'temu-odoo-redis-'));
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  const privateUrl = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    try {
      await assertRedisReachable(privateUrl, 500);
      log(
        `No Redis at ${url}: started a private, throwaway redis-server at ${privateUrl} (stopped on exit).`,
      );
      return {
        url: privateUrl,
        owned: true,
        stop: async () => {
          child.kill('SIGTERM');
          await new Promise((r) => child.once('exit', r));
          fs.rmSync(dir, { recursive: true, force: true });
        },
      };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`could not start a private redis-server on port ${port}`);
}
