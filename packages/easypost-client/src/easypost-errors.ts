import { BadInputError, IntegrationError } from '@temu-odoo/core';
import { errorBodySchema } from './easypost-schemas.js';

/**
 * EasyPost's HTTP status says who must act (docs/labels.md "Errors"): 401 the key (an operator),
 * 402 the wallet (a person adds funds), 404/422 the data (address, parcel, rate), 429 and 5xx
 * retry. The message names EasyPost's code and field errors; it never contains the key.
 */
export function easyPostError(status: number, body: unknown, what: string): IntegrationError {
  const parsed = errorBodySchema.safeParse(body);
  const code = parsed.success ? parsed.data.error.code : `HTTP_${status}`;
  const fields = parsed.success
    ? (parsed.data.error.errors ?? [])
        .map((e) =>
          e && typeof e === 'object' && 'field' in e
            ? `${String(e.field)}: ${String((e as { message?: unknown }).message)}`
            : String(e),
        )
        .join('; ')
    : '';
  const message =
    `label provider refused ${what}: ${code} ${parsed.success ? parsed.data.error.message : ''}${fields ? ` (${fields})` : ''}`.trim();
  const details = { remoteCode: code, status };
  if (status === 401 || status === 403)
    return new IntegrationError(message, {
      kind: 'credentials',
      code: 'ERR_LABEL_PROVIDER_AUTH',
      remoteCode: code,
    });
  if (status === 429)
    return new IntegrationError(message, {
      kind: 'throttled',
      code: 'ERR_LABEL_PROVIDER_RATE',
      remoteCode: code,
      retryAfterMs: 30_000,
    });
  if (status >= 500)
    return new IntegrationError(message, {
      kind: 'transient',
      code: 'ERR_LABEL_PROVIDER_DOWN',
      remoteCode: code,
    });
  if (status === 402) return new BadInputError(message, 'ERR_LABEL_PROVIDER_FUNDS', details);
  return new BadInputError(message, 'ERR_LABEL_PROVIDER_REFUSED', details);
}
