import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The abort signal of the job whose processor is running, wherever in its call tree the code is.
 * The Temu and Odoo clients and the quota wait are built once per worker, not per job, so they read
 * it here (their `signal` option is `currentJobSignal`) instead of every port method taking one: a job
 * released at shutdown then stops calling Temu and Odoo and stops waiting for quota.
 */
const jobSignal = new AsyncLocalStorage<AbortSignal>();

export function runWithJobSignal<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return jobSignal.run(signal, work);
}

export function currentJobSignal(): AbortSignal | undefined {
  return jobSignal.getStore();
}
