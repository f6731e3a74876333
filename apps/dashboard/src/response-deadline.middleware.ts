import type { RequestHandler } from 'express';

/**
 * Bull Board's handlers wait on BullMQ, which waits for Redis to come back rather than failing; a
 * browser polling the board while Redis is down would pile up hanging requests. Answer 503 after
 * `ms` instead; the late result, if any, is dropped.
 */
export function responseDeadline(ms: number): RequestHandler {
  return (_req, res, next) => {
    const timer = setTimeout(() => {
      if (!res.headersSent) {
        res.status(503).type('text/plain').send(`Redis did not answer within ${ms} ms; see /healthz\n`);
      }
    }, ms);
    timer.unref();
    const clear = () => clearTimeout(timer);
    res.once('finish', clear);
    res.once('close', clear);
    next();
  };
}
