import type { ProcessorFn } from '@temu-odoo/queues';
import type { WorkerDeps } from '../worker-deps.js';
import { runListing } from '../listing/run-listing.js';

/** Checks products against Temu's listing rules; publishes the passing ones when asked. */
export function listingCheck(deps: WorkerDeps): ProcessorFn<'listing.check'> {
  return async ({ shopId, productCodes, publish }, { log }) => {
    const summary = await runListing(
      deps,
      shopId,
      {
        ...(productCodes ? { codes: productCodes } : {}),
        publish: publish || (deps.settings.listing.autoPublish && !productCodes),
      },
      log,
    );
    log.info({ ...summary, failures: undefined }, 'listing check done');
    return summary;
  };
}
