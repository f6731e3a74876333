import type { Logger } from '@temu-odoo/config';
import type { Clock } from './clock.js';
import type { Faults } from './control/faults.js';
import type { Stats } from './control/stats.js';
import type { Env } from './model-types.js';
import type { SandboxProductSeed } from './product-seed.js';
import { seedStore } from './seed.js';
import type { Store } from './store.js';
import { majorOf, type OdooVersion } from './version-fields.js';

/** Everything a running sandbox holds; `store` is replaced by POST /_sandbox/reset. */
export interface SandboxState {
  store: Store;
  readonly version: OdooVersion;
  readonly major: number;
  readonly db: string;
  readonly login: string;
  readonly password: string;
  /** Accepted by JSON-2 (the only secret it takes) and by /jsonrpc in place of the password. */
  readonly apiKey: string;
  readonly uid: number;
  readonly clock: Clock;
  readonly faults: Faults;
  readonly stats: Stats;
  /**
   * Every HTTP request answered outside `/_sandbox/`, counted by `"<METHOD> <path>"` (404s and
   * requests while "down" included): proves which endpoints a client used.
   */
  readonly requests: Stats;
  readonly products: SandboxProductSeed[];
  readonly withDelivery: boolean;
  readonly withWebsiteSale: boolean;
  readonly taxRounding: 'round_per_line' | 'round_globally';
  readonly logger?: Logger;
}

/** One request = one transaction time (Odoo's `write_date` is the transaction start). */
export function newEnv(state: SandboxState, context: Record<string, unknown> = {}): Env {
  return {
    store: state.store,
    version: state.version,
    major: majorOf(state.version),
    now: state.clock().getTime(),
    uid: state.uid,
    context,
  };
}

export function freshStore(
  state: Pick<
    SandboxState,
    'version' | 'login' | 'products' | 'withDelivery' | 'withWebsiteSale' | 'taxRounding' | 'clock'
  >,
): Store {
  return seedStore({
    version: state.version,
    login: state.login,
    products: state.products,
    withDelivery: state.withDelivery,
    withWebsiteSale: state.withWebsiteSale,
    taxRounding: state.taxRounding,
    now: state.clock().getTime(),
  });
}
