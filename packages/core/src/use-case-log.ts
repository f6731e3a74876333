/**
 * The little a use case needs from a logger: structured fields first, a stable message second (pino's
 * signature, so an app passes its pino child as is). Core stays free of any logging library.
 */
export interface UseCaseLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

/** Used when the caller passes no logger: use cases stay silent rather than reach for a global. */
export const silentLog: UseCaseLog = { info: () => undefined, warn: () => undefined };
