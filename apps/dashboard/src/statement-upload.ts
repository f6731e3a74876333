import { Readable } from 'node:stream';
import type { Request } from 'express';
import { statementImportJob, type QueueRegistry } from '@temu-odoo/queues';
import { OpsRequestError } from './parked-jobs.js';

/** A statement larger than this is refused before it is read (the job keeps it in Redis). */
export const MAX_STATEMENT_BYTES = 20 * 1024 * 1024;

/**
 * `POST /ops/statements` (multipart form: `shop`, `bankJournal`, `file`): queues the statement as a
 * `settlement.import` job — the same job id as `pnpm ops import-statement` for the same file, so an
 * upload and a CLI import of one file import it once.
 */
export async function queueUploadedStatement(req: Request, registry: QueueRegistry): Promise<string> {
  const length = Number(req.headers['content-length'] ?? 0);
  if (length > MAX_STATEMENT_BYTES)
    throw new OpsRequestError(413, `statement too large: ${length} bytes (at most ${MAX_STATEMENT_BYTES})`);
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data'))
    throw new OpsRequestError(400, 'expected a multipart form with the statement file');
  const form = await new Response(Readable.toWeb(req) as ReadableStream, {
    headers: { 'content-type': type },
  }).formData();
  const shop = String(form.get('shop') ?? '').trim();
  const file = form.get('file');
  if (!shop) throw new OpsRequestError(400, 'shop: say which shop the statement is for');
  if (!(file instanceof Blob) || file.size === 0)
    throw new OpsRequestError(400, 'file: choose the statement file (CSV)');
  const name = 'name' in file && typeof file.name === 'string' ? file.name : 'statement.csv';
  if (/\.xlsx?$/i.test(name))
    throw new OpsRequestError(
      400,
      `${name}: XLSX is not read yet; save the sheet as CSV (UTF-8) and upload that`,
    );
  const bankJournal = String(form.get('bankJournal') ?? '').trim() || 'Bank';
  const { data, opts } = statementImportJob(shop, name, await file.text(), { bankJournal });
  const job = await registry.enqueue('settlement.import', data, opts);
  return job.id!;
}
