/**
 * Graceful shutdown on SIGTERM/SIGINT, in the order CONVENTIONS §8 asks for: stop taking jobs and let
 * the current ones finish (workers), then close queues, then connections. A second signal or the
 * deadline forces the exit; a job still running then keeps its lock only until it expires, after
 * which BullMQ's stalled-job check hands it to another worker, so it is released, not lost.
 */
export type ShutdownStep = { name: string; run: () => Promise<unknown> };

export interface ShutdownOptions {
  steps: ShutdownStep[];
  log: (msg: string, extra?: Record<string, unknown>) => void;
  /** Hard deadline for the whole sequence. */
  timeoutMs?: number;
  signals?: NodeJS.Signals[];
  exit?: (code: number) => void;
}

export function installGracefulShutdown(options: ShutdownOptions): () => Promise<void> {
  const { steps, log, timeoutMs = 30_000, signals = ['SIGTERM', 'SIGINT'] } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let shuttingDown: Promise<void> | null = null;

  const shutdown = async (): Promise<void> => {
    for (const step of steps) {
      try {
        await step.run();
      } catch (err) {
        log(`shutdown step failed: ${step.name}`, { err: (err as Error).message });
      }
    }
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      log(`second ${signal}: exiting now`);
      exit(1);
      return;
    }
    log(`${signal} received: shutting down`);
    const timer = setTimeout(() => {
      log('shutdown deadline passed: exiting');
      exit(1);
    }, timeoutMs);
    timer.unref();
    shuttingDown = shutdown().then(() => {
      clearTimeout(timer);
      log('shutdown complete');
      exit(0);
    });
  };

  for (const signal of signals) process.on(signal, onSignal);
  return async () => {
    for (const signal of signals) process.off(signal, onSignal);
    await shutdown();
  };
}
