import { JOBS, type JobName, type JobPayload } from './catalog.js';

/** A payload that does not match its job's schema; the message names the field and the problem. */
export class InvalidJobPayloadError extends Error {
  readonly code = 'ERR_INVALID_JOB_PAYLOAD';
  constructor(
    readonly jobName: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`Invalid payload for job "${jobName}": ${field}: ${problem}`);
    this.name = 'InvalidJobPayloadError';
  }
}

export function parsePayload<N extends JobName>(name: N, data: unknown): JobPayload<N> {
  const definition = JOBS[name];
  if (!definition) throw new InvalidJobPayloadError(String(name), '(job)', 'unknown job name');
  const result = definition.schema.safeParse(data);
  if (result.success) return result.data as JobPayload<N>;
  const issue = result.error.issues[0]!;
  const field = issue.path.length ? issue.path.map(String).join('.') : '(payload)';
  throw new InvalidJobPayloadError(name, field, issue.message);
}
