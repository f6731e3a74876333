import type { Env } from '../model-types.js';

const year = (env: Env) => new Date(env.now).getUTCFullYear();

/** Journal sequence `INV/2026/00001` (`<code>/<year>/<5 digits>`). */
export function nextMoveName(env: Env, journalId: number, prefix?: string): string {
  const journal = env.store.get('account.journal', journalId);
  const code = prefix ?? String(journal?.code ?? 'MISC');
  const n = env.store.nextSequence(`account.journal.${code}.${year(env)}`);
  return `${code}/${year(env)}/${String(n).padStart(5, '0')}`;
}
