import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertRedisReachable } from '@temu-odoo/queues';
import { freePort, hasRedisServer } from './redis-bootstrap.js';

export interface PrivateRedis {
  url: string;
  /** Process id of the running redis-server (CPU measurements), undefined while it is down. */
  pid(): number | undefined;
  /** SIGTERM (Redis fsyncs its AOF on shutdown), wait `downMs`, start again on the same port and dir. */
  restart(downMs: number): Promise<void>;
  /** Stop, delete the data directory's files, start again: a Redis that comes back with nothing. */
  restartEmpty(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A throwaway redis-server for the Redis drills, with AOF on as in docker-compose, on a free loopback
 * port in a temp dir — the machine's shared Redis is never restarted or flushed.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  if (!hasRedisServer())
    throw new Error('the Redis drills need redis-server on PATH (apt-get install redis-server)');
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'temu-odoo-drill-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess;
  const launch = async () => {
    child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--appendonly',
        'yes',
        '--appendfsync',
        'everysec',
        '--save',
        '',
        '--dir',
        dir,
      ],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 100; i++) {
      try {
        await assertRedisReachable(url, 500);
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(`private redis-server on port ${port} did not answer`);
  };
  const halt = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  await launch();
  return {
    url,
    pid: () => (child.exitCode === null && child.signalCode === null ? child.pid : undefined),
    async restart(downMs) {
      await halt();
      await new Promise((r) => setTimeout(r, downMs));
      await launch();
    },
    async restartEmpty(downMs) {
      await halt();
      for (const file of fs.readdirSync(dir))
        fs.rmSync(path.join(dir, file), { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, downMs));
      await launch();
    },
    async stop() {
      await halt();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
