import type { RequestHandler } from 'express';

/**
 * No page of the dashboard may be framed: a frame on another site could trick an operator into
 * clicking Bull Board's retry or clean buttons (click-jacking). `X-Frame-Options` for old browsers,
 * CSP `frame-ancestors` for current ones. Set first, so 401s and errors carry them too.
 */
export function securityHeaders(): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  };
}
