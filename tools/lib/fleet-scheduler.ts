import type { Fleet } from './fleet.js';
import { startApp, waitForHttp, type AppProcess, type AppRuntime } from './processes.js';
import { freePort } from './redis-bootstrap.js';

export interface FleetScheduler {
  app: AppProcess;
  healthUrl: string;
}

/**
 * A real scheduler process for a fleet (same Redis, prefix and shop as its workers) on a free port,
 * polling orders every 3 s and checking its schedules every `SCHEDULE_CHECK_SECONDS` (2 s unless
 * `env` says otherwise); resolves once `/healthz` answers.
 */
export async function startFleetScheduler(
  fleet: Fleet,
  env: NodeJS.ProcessEnv = {},
  runtime: AppRuntime = 'source',
): Promise<FleetScheduler> {
  const port = await freePort();
  const healthUrl = `http://127.0.0.1:${port}/healthz`;
  const app = startApp(
    'scheduler',
    'scheduler',
    {
      ...fleet.workerEnv,
      SCHEDULER_PORT: String(port),
      SCHEDULER_HOST: '127.0.0.1',
      ORDER_POLL_MINUTES: '0.05',
      SCHEDULE_CHECK_SECONDS: '2',
      ...env,
    },
    { quiet: true, runtime },
  );
  await waitForHttp(healthUrl, 90_000);
  return { app, healthUrl };
}
