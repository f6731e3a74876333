import type { Logger } from '@temu-odoo/config';
import { seedShop } from './data/seed.js';
import { createOrder, type OrderSpec } from './data/order-factory.js';
import { resolveConfig, type TemuSandboxOptions } from './options.js';
import { SandboxStats } from './stats.js';
import { SandboxState } from './state.js';
import { WebhookDispatcher } from './webhooks.js';

/** Options that POST /_sandbox/seed may change. */
export type SeedOverrides = Pick<
  TemuSandboxOptions,
  | 'seed'
  | 'catalog'
  | 'orderCount'
  | 'pendingToUnshippedMs'
  | 'amountCalculationMs'
  | 'amountScopeGranted'
  | 'priceScopeGranted'
>;

const LIFECYCLE_TICK_MS = 250;

/** The live sandbox: state plus its timers (lifecycle, demo order stream) and webhook pusher. */
export class SandboxRuntime {
  readonly state: SandboxState;
  readonly webhooks: WebhookDispatcher;
  private streamTimer: NodeJS.Timeout | null = null;
  private streamPerMinute = 0;
  private readonly lifecycleTimer: NodeJS.Timeout;

  constructor(
    private readonly initial: TemuSandboxOptions,
    readonly logger?: Logger,
  ) {
    this.state = new SandboxState(resolveConfig(initial), initial.sharedLimiter);
    this.state.onAdmitted = initial.onAdmitted ?? null;
    this.state.webhookUrl = initial.webhookUrl ?? null;
    seedShop(this.state);
    this.webhooks = new WebhookDispatcher(this.state, logger);
    // Pending orders also advance lazily on every call; the tick makes webhooks fire on time.
    this.lifecycleTimer = setInterval(() => this.state.advanceLifecycle(), LIFECYCLE_TICK_MS);
    this.lifecycleTimer.unref();
  }

  reseed(overrides: SeedOverrides = {}): void {
    const config = resolveConfig({ ...this.initial, ...overrides });
    const scopeChanged =
      config.amountScopeGranted !== this.state.config.amountScopeGranted ||
      config.priceScopeGranted !== this.state.config.priceScopeGranted;
    this.state.config = config;
    if (scopeChanged) this.state.resetCredentials();
    seedShop(this.state);
  }

  /** Back to the start: data, credentials, limits, faults, statistics, webhook target, stream. */
  reset(): void {
    this.stopStream();
    this.state.config = resolveConfig(this.initial);
    this.state.limiter.config = this.state.config.rateLimits;
    this.state.limiter.reset();
    this.state.faults.clear();
    this.state.stats = new SandboxStats();
    this.state.webhookUrl = this.initial.webhookUrl ?? null;
    this.state.resetCredentials();
    seedShop(this.state);
  }

  /** A steady demo stream of new orders; 0 stops it. */
  startStream(perMinute: number, spec: OrderSpec = {}): void {
    this.stopStream();
    if (perMinute <= 0) return;
    this.streamPerMinute = perMinute;
    this.streamTimer = setInterval(
      () => {
        try {
          createOrder(this.state, { ...spec, fresh: true });
        } catch (err) {
          this.logger?.warn({ err }, 'order stream could not create an order');
        }
      },
      Math.max(10, Math.round(60_000 / perMinute)),
    );
    this.streamTimer.unref();
  }

  stopStream(): void {
    if (this.streamTimer) clearInterval(this.streamTimer);
    this.streamTimer = null;
    this.streamPerMinute = 0;
  }

  get streamRate(): number {
    return this.streamPerMinute;
  }

  async close(): Promise<void> {
    this.stopStream();
    clearInterval(this.lifecycleTimer);
    await this.webhooks.close();
  }
}
