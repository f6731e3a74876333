import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';

export interface BasicAuthOptions {
  user: string;
  password: string;
  realm?: string;
}

/** SHA-256 first so both sides have the same length: timingSafeEqual then leaks neither content nor length. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/** `Authorization: Basic base64(user:password)` → the pair, or null when absent or malformed. */
export function parseBasicAuth(header: string | undefined): { user: string; password: string } | null {
  if (!header) return null;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * HTTP basic authentication (RFC 7617). A missing or wrong pair answers 401 with `WWW-Authenticate`
 * so a browser shows its login prompt. User and password are both always compared, in constant time.
 */
export function basicAuth({
  user,
  password,
  realm = 'temu-odoo dashboard',
}: BasicAuthOptions): RequestHandler {
  const challenge = `Basic realm="${realm.replace(/"/g, '')}", charset="UTF-8"`;
  return (req, res, next) => {
    const given = parseBasicAuth(req.headers.authorization);
    if (given) {
      const userOk = safeEqual(given.user, user);
      const passwordOk = safeEqual(given.password, password);
      if (userOk && passwordOk) {
        next();
        return;
      }
    }
    res.setHeader('WWW-Authenticate', challenge);
    res.status(401).type('text/plain').send('Authentication required.\n');
  };
}
