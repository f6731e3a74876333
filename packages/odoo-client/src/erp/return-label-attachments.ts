import { returnLabelFileName } from '@temu-odoo/core';
import type { LabelFile } from '@temu-odoo/core';
import type { Domain } from '../domain.js';
import type { OdooConnection } from '../odoo-connection.js';

/**
 * The seller's return label on the case's return picking (docs/odoo-api.md "Attachments"): an
 * `ir.attachment` with `res_model` stock.picking, `res_id` the picking and a name that starts with
 * the case's label file name, so a repeated call finds it instead of attaching a second copy.
 */
function labelDomain(returnId: number, caseRef: string): Domain {
  return [
    ['res_model', '=', 'stock.picking'],
    ['res_id', '=', returnId],
    ['name', '=like', `return-label-${caseRef}.%`],
  ];
}

export async function findReturnLabelAttachment(
  conn: OdooConnection,
  returnId: number,
  caseRef: string,
): Promise<number | null> {
  const rows = await conn.searchRead<{ id: number }>(
    'ir.attachment',
    labelDomain(returnId, caseRef),
    ['id'],
    {
      order: 'id asc',
      limit: 1,
    },
  );
  return rows[0]?.id ?? null;
}

export async function attachReturnLabel(
  conn: OdooConnection,
  returnId: number,
  caseRef: string,
  file: LabelFile,
): Promise<{ attachmentId: number }> {
  const existing = await findReturnLabelAttachment(conn, returnId, caseRef);
  if (existing !== null) return { attachmentId: existing };
  const [attachmentId] = await conn.create('ir.attachment', [
    {
      name: returnLabelFileName(caseRef, file.mimetype),
      type: 'binary',
      datas: Buffer.from(file.content).toString('base64'),
      mimetype: file.mimetype,
      res_model: 'stock.picking',
      res_id: returnId,
    },
  ]);
  return { attachmentId: attachmentId! };
}
