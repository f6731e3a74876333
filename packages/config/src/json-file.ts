import fs from 'node:fs';
import type { z } from 'zod';

/**
 * The one way a file named by an environment variable is read as JSON and checked with zod. Every
 * error names the variable and says what to fix, and none quotes the file's content: JSON.parse's
 * own message quotes a slice of the text, which in a shops file is often an app secret or token.
 */
export function readJsonFile<S extends z.ZodType>(variable: string, file: string, schema: S): z.output<S> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`${variable}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const position = /position (\d+)/.exec((err as Error).message)?.[1];
    const where = position === undefined ? '' : ` (${lineAndColumn(text, Number(position))})`;
    throw new Error(`${variable}: ${file} is not valid JSON${where}; fix the file's syntax`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${variable}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}
