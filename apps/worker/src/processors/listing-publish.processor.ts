import type { ProcessorFn } from '@temu-odoo/queues';
import type { WorkerDeps } from '../worker-deps.js';
import { runListing } from '../listing/run-listing.js';

/** Publishes (or updates) the given products on Temu after the same checks; failing ones stay off. */
export function listingPublish(deps: WorkerDeps): ProcessorFn<'listing.publish'> {
  return async ({ shopId, productCodes }, { log }) => {
    const summary = await runListing(deps, shopId, { codes: productCodes, publish: true }, log);
    log.info({ ...summary, failures: undefined }, 'listing publish done');
    return summary;
  };
}
