import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * `source`: TypeScript through tsx (development, tests). `dist`: the compiled JavaScript the Docker
 * image runs — what benchmarks measure, since tsx alone adds ~30 MB of resident memory.
 */
export type AppRuntime = 'source' | 'dist';

/** Compiles every package and app once (turbo caches it); needed before starting `dist` apps. */
export function buildApps(): void {
  const result = spawnSync('pnpm', ['-s', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`pnpm build failed (exit ${result.status})`);
}

export interface AppProcess {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/** Starts one app of the repo from its sources, its output prefixed with its name. */
export function startApp(
  name: string,
  app: string,
  env: NodeJS.ProcessEnv,
  options: {
    quiet?: boolean;
    onLine?: (line: string) => void;
    runtime?: AppRuntime;
    /**
     * Its own process group: a Ctrl-C in the terminal (SIGINT to the foreground group) then reaches
     * only the launcher, which stops each app with one SIGTERM. Sharing the terminal's group, every
     * app got SIGINT from the terminal and SIGTERM from the launcher, and the second signal made it
     * exit at once, leaving its running job active and locked.
     */
    ownProcessGroup?: boolean;
  } = {},
): AppProcess {
  const args =
    options.runtime === 'dist'
      ? [path.join(REPO_ROOT, 'apps', app, 'dist', 'main.js')]
      : ['--conditions=development', '--import', 'tsx', path.join(REPO_ROOT, 'apps', app, 'src', 'main.ts')];
  const child = spawn(process.execPath, args, {
    cwd: path.join(REPO_ROOT, 'apps', app),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.ownProcessGroup ?? false,
  });
  const forward = (stream: NodeJS.ReadableStream, out: NodeJS.WriteStream) => {
    let buffer = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buffer += chunk;
      let i: number;
      while ((i = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        options.onLine?.(line);
        if (!options.quiet) out.write(`${name.padEnd(13)}| ${line}\n`);
      }
    });
  };
  forward(child.stdout!, process.stdout);
  forward(child.stderr!, process.stderr);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { name, child, exited };
}

export async function stopApps(apps: AppProcess[], timeoutMs = 20_000): Promise<void> {
  for (const app of apps) if (app.child.exitCode === null) app.child.kill('SIGTERM');
  const timer = setTimeout(() => {
    for (const app of apps) if (app.child.exitCode === null) app.child.kill('SIGKILL');
  }, timeoutMs);
  await Promise.all(apps.map((a) => a.exited));
  clearTimeout(timer);
}

export async function waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
