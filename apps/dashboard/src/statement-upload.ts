import { Readable } from 'node:stream';
import type { Request } from 'express';
import { statementImportJob, xlsxStatementToCsv, type QueueRegistry } from '@temu-odoo/queues';
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
    throw new OpsRequestError(400, 'file: choose the statement file (CSV or XLSX)');
  const name = 'name' in file && typeof file.name === 'string' ? file.name : 'statement.csv';
  if (/\.xls$/i.test(name))
    throw new OpsRequestError(
      400,
      `${name}: old Excel .xls is not read; save the sheet as .xlsx or CSV (UTF-8)`,
    );
  let content: string;
  try {
    content = /\.xlsx$/i.test(name)
      ? await xlsxStatementToCsv(new Uint8Array(await file.arrayBuffer()))
      : await file.text();
  } catch (err) {
    throw new OpsRequestError(400, `${name}: ${(err as Error).message}`);
  }
  const bankJournal = String(form.get('bankJournal') ?? '').trim() || 'Bank';
  const { data, opts } = statementImportJob(shop, name, content, { bankJournal });
  const job = await registry.enqueue('settlement.import', data, opts);
  return job.id!;
}
