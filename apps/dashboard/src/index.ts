export { createDashboardApp, DashboardConfigError, type DashboardAppOptions } from './dashboard.app.js';
export { startDashboard, type StartDashboardOptions, type RunningDashboard } from './dashboard.server.js';
export { basicAuth, parseBasicAuth } from './basic-auth.middleware.js';
export { BOARD_PATH } from './bull-board.router.js';
export {
  JOB_STATES,
  QueueMetricsCollector,
  operatorMetricName,
  operatorMetricsKey,
} from './queue-metrics.collector.js';
export {
  dashboardEnvSchema,
  loadDashboardEnv,
  MissingPasswordError,
  MISSING_PASSWORD_MESSAGE,
  type DashboardEnv,
} from './dashboard-env.js';
export { waitForRedisReady } from './redis-ready.js';
