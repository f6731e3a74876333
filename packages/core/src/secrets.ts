/** What a secret is replaced with, in logs and in error messages alike. */
export const REDACTED = '[redacted]';

/**
 * The one secret scrubber (logs, Temu and Odoo errors): removes the given secret values (4
 * characters or more; shorter ones are too likely to be ordinary words) and secret-looking values
 * that redaction by path cannot reach in free text: `access_token=...`, `"app_secret":"..."`,
 * `Bearer ...`, `sign=...`, `password=...`, `api_key=...`.
 */
export function scrubSecrets(text: string, secrets: readonly (string | null | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out
    .replace(/(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${REDACTED}`)
    .replace(
      /("?\b(?:app_secret|access_token|sign|password|api_key)"?\s*[:=]\s*"?)([^"&,\s}]+)/gi,
      `$1${REDACTED}`,
    );
}
