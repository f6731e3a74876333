import type { ServerResponse } from 'node:http';
import type { SandboxState } from './sandbox-state.js';

const PATH = /^\/web\/image\/([a-z_.]+)\/(\d+)\/(image_1920|image_variant_1920)$/;

/**
 * `GET /web/image/<model>/<id>/<field>`: Odoo's image controller, serving a binary field's bytes
 * (the URL the marketplace downloads a product image from; docs/odoo-api.md, "Listing (issue 15)").
 * The sandbox serves it without a session, as Odoo does for products published on the website.
 * Returns false when the path is not an image path.
 */
export function handleWebImage(state: SandboxState, pathname: string, res: ServerResponse): boolean {
  const m = PATH.exec(pathname);
  if (!m) return false;
  const value = state.store.get(m[1]!, Number(m[2]))?.[m[3]!];
  if (typeof value !== 'string' || value === '') {
    res.writeHead(404, { 'Content-Type': 'text/html' });
    res.end('<h1>404 Not Found</h1>');
    return true;
  }
  const bytes = Buffer.from(value, 'base64');
  const type =
    bytes[0] === 0x89 ? 'image/png' : bytes[0] === 0xff ? 'image/jpeg' : 'application/octet-stream';
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': bytes.length });
  res.end(bytes);
  return true;
}
