import { createHash } from 'node:crypto';
import { OdooError } from '../errors.js';
import type { ModelDef, Vals } from '../model-types.js';
import { bool, char, int, selection } from './fields.js';

/**
 * `ir.attachment` (docs/odoo-api.md "Attachments"): a file on any record, pointed at by `res_model`
 * and `res_id` (a many2one_reference: a plain integer over RPC). `datas` is the file as base64;
 * Odoo derives `file_size`, `checksum` (SHA-1 of the bytes) and, when not given, `mimetype` from the
 * content. No recording of these calls exists in fixtures/: the fields are Odoo 17/18's.
 */
const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

function guessMimetype(bytes: Buffer, name: string): string {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (/\.txt$/i.test(name)) return 'text/plain';
  return 'application/octet-stream';
}

function fillFromDatas(vals: Vals): void {
  const datas = vals.datas;
  if (typeof datas !== 'string' || datas === '') {
    vals.file_size = 0;
    return;
  }
  // Python's b64decode refuses a wrongly padded string (binascii.Error, an unexpected exception).
  if (!B64.test(datas) || datas.length % 4 !== 0)
    throw new OdooError('binascii.Error', 'Incorrect padding', 500);
  const bytes = Buffer.from(datas, 'base64');
  vals.file_size = bytes.length;
  vals.checksum = createHash('sha1').update(bytes).digest('hex');
  if (!vals.mimetype) vals.mimetype = guessMimetype(bytes, String(vals.name ?? ''));
  vals.store_fname = `${String(vals.checksum).slice(0, 2)}/${String(vals.checksum)}`;
}

export const irAttachment: ModelDef = {
  name: 'ir.attachment',
  description: 'Attachment',
  order: 'id desc',
  fields: {
    name: char('Name', { required: true }),
    description: { type: 'text', string: 'Description' },
    res_model: char('Resource Model'),
    res_field: char('Resource Field'),
    res_id: int('Resource ID'),
    type: selection('Type', ['url', 'binary'], {
      default: () => 'binary',
      selectionLabels: { url: 'URL', binary: 'File' },
    }),
    url: char('Url'),
    public: bool('Is public document'),
    datas: { type: 'binary', string: 'File Content (base64)' },
    mimetype: char('Mime Type'),
    file_size: int('File Size', { readonly: true }),
    checksum: char('Checksum/SHA1', { readonly: true }),
    store_fname: char('Stored Filename'),
  },
  prepareCreate: (_env, vals) => fillFromDatas(vals),
  beforeWrite: (_env, _recs, vals) => {
    if ('datas' in vals) fillFromDatas(vals);
  },
};
