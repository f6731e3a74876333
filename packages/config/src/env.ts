import type { z } from 'zod';

/** Thrown when the environment does not satisfy an app's schema; `message` is one line. */
export class EnvError extends Error {
  readonly code = 'ERR_CONFIG_ENV';
}

/**
 * Parses `env` with `schema`. On failure the message is one line naming the first bad variable and
 * what was expected, e.g. `Invalid environment: REDIS_URL: expected a redis:// URL (got "foo")`.
 * The value is only echoed for variables whose name does not look secret.
 */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const name = issue.path.map(String).join('.') || '(root)';
  const raw = issue.path.length > 0 ? env[String(issue.path[0])] : undefined;
  const shown =
    raw === undefined
      ? 'missing'
      : isSecretName(name)
        ? 'got a value that is not valid'
        : `got ${JSON.stringify(withoutCredentials(raw))}`;
  throw new EnvError(`Invalid environment: ${name}: ${issue.message} (${shown})`);
}

/** `redis://:pw@host` → `redis://***@host`: a URL's credentials are as secret as a password variable. */
function withoutCredentials(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1***@');
}

export function isSecretName(name: string): boolean {
  return /SECRET|PASSWORD|TOKEN|API_KEY|APIKEY/i.test(name);
}

/**
 * Runs `main`; an EnvError (or any start-up failure) becomes one line on stderr and exit code 1,
 * so a misconfigured container stops at once with the reason in its log.
 */
export function exitOnStartupError(err: unknown, service: string): never {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`[${service}] ${message}\n`);
  process.exit(1);
}
