import type { z } from 'zod';

/** `pageItems[0].parentOrderMap.parentOrderSn` from a zod issue path. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}

/** The first issue, as "path: message" — enough to tell someone which field to fix. */
export function describeFirstIssue(error: z.ZodError): { path: string; message: string } {
  const issue = error.issues[0];
  if (issue === undefined) return { path: '(root)', message: 'invalid' };
  return { path: formatIssuePath(issue.path), message: issue.message };
}
