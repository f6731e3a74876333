import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'starting-app.ts');

/** Starts the fixture app, waits until it says "starting", sends `signal`, resolves with how it ended. */
function signalWhileStarting(signal: NodeJS.Signals, mode: 'starting' | 'handed-over') {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, mode], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    if (chunk.includes('starting')) child.kill(signal);
  });
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.once('exit', (code, sig) => resolve({ code, signal: sig, stderr })),
  );
}

describe('exitOnSignalWhileStarting', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'exits cleanly (code 0, one line naming the service) on %s before the app has started',
    async (signal) => {
      const ended = await signalWhileStarting(signal, 'starting');
      // The handler catches the signal, so the process is not killed by it: it exits with code 0.
      expect(ended).toEqual({
        code: 0,
        signal: null,
        stderr: `[fixture-app] ${signal} while starting: exiting\n`,
      });
    },
    30_000,
  );

  it('removes its handlers when the app hands over, so they cannot race the real shutdown', async () => {
    // Nothing handles SIGTERM after the hand-over, so Node's default action applies: killed by it.
    const ended = await signalWhileStarting('SIGTERM', 'handed-over');
    expect(ended).toEqual({ code: null, signal: 'SIGTERM', stderr: '' });
  }, 30_000);
});
