/**
 * SIGTERM/SIGINT handling for the moments before an app has installed its graceful shutdown (while
 * it parses its environment, waits for Redis or Odoo, registers schedules...). Nothing has started
 * that needs draining yet, so the process exits at once. Without this, Node running as PID 1 in a
 * container ignores SIGTERM (the kernel gives PID 1 no default action for it), and `docker stop`
 * waits its whole grace period before killing the container.
 *
 * Call it on the first line of `main`; call the function it returns right before installing the
 * real shutdown handlers, which then take over.
 */
export function exitOnSignalWhileStarting(
  service: string,
  exit: (code: number) => void = (code) => process.exit(code),
): () => void {
  const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`[${service}] ${signal} while starting: exiting\n`);
    exit(0);
  };
  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
}
