/**
 * Odoo datetimes on the wire are naive UTC strings "YYYY-MM-DD HH:MM:SS" (docs/odoo-api.md §1.1).
 * The store keeps datetimes as epoch milliseconds so that, like PostgreSQL keeping microseconds,
 * `write_date > '<value read back>'` can return rows written later in the same second (fixtures
 * README, stock_changes).
 */
export type Clock = () => Date;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function formatDatetime(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

export function formatDate(ms: number): string {
  return formatDatetime(ms).slice(0, 10);
}

const STRICT_DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/;
const LOOSE_DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?Z?$/;

function toMs(m: RegExpMatchArray): number {
  return Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
  );
}

/** Value written by a client: only Odoo's own format is accepted (ISO `T`/`Z` → null). */
export function parseStrictDatetime(value: string): number | null {
  const m = STRICT_DATETIME.exec(value);
  return m ? toMs(m) : null;
}

/** Value compared in a search domain: PostgreSQL also accepts ISO `T` timestamps there. */
export function parseLooseDatetime(value: string): number | null {
  const m = LOOSE_DATETIME.exec(value);
  return m ? toMs(m) : null;
}

/** `fields.Datetime.now()` has no microseconds (only write_date/create_date keep them). */
export function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}
