import { describe, it, expect, afterAll } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { createRedisConnection } from '@temu-odoo/queues';
import { REDIS_URL, basicHeader, deleteKeys, uniquePrefix } from './support/dashboard.fixture.js';

const APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PREFIX = uniquePrefix('main');

/** The parent's env without any DASHBOARD_* variable, plus `extra`. */
function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DASHBOARD_')));
  return {
    ...clean,
    REDIS_URL,
    QUEUE_PREFIX: PREFIX,
    LOG_LEVEL: 'info',
    DASHBOARD_HOST: '127.0.0.1',
    ...extra,
  };
}

function spawnMain(extra: Record<string, string>): ChildProcess & { out: () => string; err: () => string } {
  const child = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', 'src/main.ts'], {
    cwd: APP_DIR,
    env: env(extra),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  // Bounded: a child that never exits is killed, and the assertions on its exit then fail.
  const deadline = setTimeout(() => child.kill('SIGKILL'), 20_000);
  child.on('exit', () => clearTimeout(deadline));
  return Object.assign(child, { out: () => out, err: () => err });
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function listeningUrl(child: ReturnType<typeof spawnMain>): Promise<string> {
  for (;;) {
    const match = /"url":"(http:\/\/[^"]+)"/.exec(child.out());
    if (match) return match[1]!;
    if (child.exitCode !== null) throw new Error(`dashboard exited early: ${child.err()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('dashboard main', () => {
  afterAll(async () => {
    const redis = createRedisConnection(REDIS_URL, 'producer');
    await deleteKeys(redis, PREFIX);
    await redis.quit();
  });

  it('refuses to start without DASHBOARD_PASSWORD, with one line saying how to allow it locally', async () => {
    const child = spawnMain({});
    expect(await exited(child)).not.toBe(0);
    const lines = child.err().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('refuses to start without DASHBOARD_PASSWORD');
    expect(lines[0]).toContain('DASHBOARD_INSECURE_LOCAL=true');
    expect(child.out()).toBe('');
  });

  it('with DASHBOARD_INSECURE_LOCAL=true starts without auth, warns loudly, and stops on SIGTERM', async () => {
    const child = spawnMain({ DASHBOARD_INSECURE_LOCAL: 'true', DASHBOARD_PORT: '0' });
    const url = await listeningUrl(child);
    const warning = child
      .out()
      .split('\n')
      .find((l) => l.includes('WITHOUT AUTHENTICATION'));
    expect(warning).toBeDefined();
    expect(JSON.parse(warning!).level).toBe('warn');
    expect((await fetch(`${url}/queues`)).status).toBe(200);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    expect(child.out()).toContain('shutdown complete');
  });

  it('with DASHBOARD_PASSWORD asks for it and never logs it', async () => {
    const password = 'pw-in-env-7f3a';
    const child = spawnMain({ DASHBOARD_PASSWORD: password, DASHBOARD_USER: 'ops', DASHBOARD_PORT: '0' });
    const url = await listeningUrl(child);
    expect((await fetch(`${url}/queues`)).status).toBe(401);
    const ok = await fetch(`${url}/queues`, { headers: { authorization: basicHeader('ops', password) } });
    expect(ok.status).toBe(200);
    child.kill('SIGINT');
    expect(await exited(child)).toBe(0);
    expect(child.out() + child.err()).not.toContain(password);
  });
});
