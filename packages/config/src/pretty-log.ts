/**
 * Human-readable log lines for a terminal (`pnpm start`, an app run by hand): one line per record,
 * `13:57:23.123 WARN  message key=value …`, colours when the terminal takes them. Everywhere else the
 * logger writes JSON, one record per line, for machines. A formatter of our own rather than
 * pino-pretty: pino-pretty runs as a worker-thread transport and is one more dependency for 60 lines.
 */
const LEVEL_COLOURS: Record<string, number> = {
  trace: 90,
  debug: 36,
  info: 32,
  warn: 33,
  error: 31,
  fatal: 35,
};
/** Fields every line has (or that the prefix shows): repeated, they would drown the message. */
const SHOWN_ELSEWHERE = new Set(['time', 'level', 'msg', 'service', 'pid', 'hostname']);

export interface PrettyOptions {
  colours: boolean;
}

function paint(colours: boolean, code: number, text: string): string {
  return colours ? `\x1b[${code}m${text}\x1b[0m` : text;
}

function fieldValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

/** One pino JSON record → one readable line (plus an indented stack for errors); other text as is. */
export function formatLogLine(line: string, { colours }: PrettyOptions): string {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return line;
  }
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return line;
  const r = record as Record<string, unknown>;
  const level = String(r.level ?? 'info');
  const time = typeof r.time === 'string' ? r.time.slice(11, 23) : '';
  let stack = '';
  const fields: string[] = [];
  for (const [key, value] of Object.entries(r)) {
    if (SHOWN_ELSEWHERE.has(key)) continue;
    if (key === 'err' && value !== null && typeof value === 'object') {
      const err = value as { message?: unknown; stack?: unknown };
      fields.push(`err=${fieldValue(err.message ?? value)}`);
      if (typeof err.stack === 'string') stack = err.stack.split('\n').slice(1).join('\n');
      continue;
    }
    fields.push(`${key}=${fieldValue(value)}`);
  }
  const head = [
    time && paint(colours, 90, time),
    paint(colours, LEVEL_COLOURS[level] ?? 0, level.toUpperCase().padEnd(5)),
    typeof r.msg === 'string' ? r.msg : '',
    fields.length ? paint(colours, 90, fields.join(' ')) : '',
  ]
    .filter(Boolean)
    .join(' ');
  return stack ? `${head}\n${paint(colours, 90, stack)}` : head;
}

/** A pino destination that writes `formatLogLine` of each record to `out`. */
export function prettyDestination(out: { write(text: string): unknown }, options: PrettyOptions) {
  return {
    write(chunk: string): void {
      for (const line of chunk.split('\n')) if (line) out.write(`${formatLogLine(line, options)}\n`);
    },
  };
}
