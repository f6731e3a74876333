/** Odoo search domains and wire values (docs/odoo-api.md §1.1: naive UTC datetimes, many2one pairs). */
export type DomainLeaf = [string, string, unknown];
export type Domain = Array<DomainLeaf | '|' | '&' | '!'>;

/** `a OR b OR …` in Odoo's prefix notation; an empty list gives a domain matching nothing. */
export function anyOf(leaves: DomainLeaf[]): Domain {
  if (leaves.length === 0) return [['id', '=', 0]];
  const ors: Domain = Array.from({ length: leaves.length - 1 }, () => '|' as const);
  return [...ors, ...leaves];
}

/** Splits a list in chunks of `size` (for `in` domains and batched creates). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Epoch ms → Odoo's `YYYY-MM-DD HH:MM:SS` (UTC, no `T`/`Z`: ISO strings are refused on writes, fixtures errors). */
export function toOdooDatetime(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`not a timestamp: ${ms}`);
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** Odoo's naive UTC `YYYY-MM-DD HH:MM:SS` (or a date) → epoch ms; null for `false`/empty. */
export function fromOdooDatetime(value: unknown): number | null {
  if (typeof value !== 'string' || value === '') return null;
  const iso = value.length === 10 ? `${value}T00:00:00Z` : `${value.replace(' ', 'T')}Z`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** Many2one values read back as `[id, "name"]` or `false`; JSON-2 may give a bare id. */
export function m2oId(value: unknown): number | null {
  if (Array.isArray(value) && typeof value[0] === 'number') return value[0];
  if (typeof value === 'number') return value;
  return null;
}

export function m2oName(value: unknown): string | null {
  return Array.isArray(value) && typeof value[1] === 'string' ? value[1] : null;
}

/** Odoo returns `false` for empty char fields. */
export function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** Odoo floats come back with noise (17 reads 19.99 as 19.990000000000002, fixtures setup). */
export function roundQty(value: number, decimals = 4): number {
  return Number(value.toFixed(decimals));
}
