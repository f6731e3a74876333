import { createHash } from 'node:crypto';
import type { JobsOptions } from 'bullmq';
import type { JobInput } from './catalog.js';

/**
 * A `settlement.import` job for a statement file, whoever produces it (pnpm ops, /ops upload, a
 * drop folder): its id is the shop and the file's sha256, so the same file is imported once.
 */
export function statementImportJob(
  shopId: string,
  fileName: string,
  content: string,
  extra: { bankJournal?: string; columns?: JobInput<'settlement.import'>['columns'] } = {},
): { data: JobInput<'settlement.import'>; opts: JobsOptions } {
  const fileHash = createHash('sha256').update(content, 'utf8').digest('hex');
  return {
    data: { shopId, fileName, fileHash, content, ...extra },
    opts: { jobId: `import.${shopId}.${fileHash}` },
  };
}
