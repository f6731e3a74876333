import type { RequestHandler } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Browsers resend basic-auth credentials on cross-site form posts, so a page elsewhere could make an
 * operator's browser replay jobs. Refuse state-changing requests (every method but GET, HEAD and
 * OPTIONS) whose Origin (or Sec-Fetch-Site) says they come from another site; requests without
 * those headers (curl, scripts) pass.
 */
export function sameOriginOnly(): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) {
      next();
      return;
    }
    const fetchSite = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    let foreign = fetchSite === 'cross-site' || fetchSite === 'same-site';
    if (!foreign && origin && origin !== 'null') {
      foreign = !URL.canParse(origin) || new URL(origin).host !== req.headers.host;
    } else if (origin === 'null') {
      foreign = true;
    }
    if (foreign) {
      res
        .status(403)
        .type('text/plain')
        .send('Cross-origin request refused: submit the form from the dashboard itself.\n');
      return;
    }
    next();
  };
}
