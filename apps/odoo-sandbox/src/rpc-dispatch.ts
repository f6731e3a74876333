/**
 * The `common` and `object` services of `/jsonrpc` (docs/odoo-api.md §1.1): authentication rules as
 * recorded (fixtures auth.json), one transaction per `execute_kw`, injected serialization failures.
 */
import { callKw } from './call-kw.js';
import {
  accessDenied,
  attributeError,
  missingError,
  serializationFailure,
  unknownDatabase,
} from './errors.js';
import { newEnv, type SandboxState } from './sandbox-state.js';
import { versionInfo } from './version-fields.js';

function authenticate(state: SandboxState, db: unknown, login: unknown, password: unknown): number | false {
  if (db !== state.db) throw unknownDatabase(String(db));
  return login === state.login && isSecret(state, password) ? state.uid : false;
}

export function dispatchCommon(state: SandboxState, method: string, args: unknown[]): unknown {
  state.stats.record(`common.${method}`);
  switch (method) {
    case 'version':
      return versionInfo(state.version);
    case 'login':
      return authenticate(state, args[0], args[1], args[2]);
    case 'authenticate':
      return authenticate(state, args[0], args[1], args[2]);
    case 'about':
      return 'See http://openerp.com';
    default:
      throw attributeError(`module 'odoo.service.common' has no attribute 'exp_${method}'`);
  }
}

export function dispatchDb(state: SandboxState, method: string): unknown {
  state.stats.record(`db.${method}`);
  if (method === 'list') return [state.db];
  if (method === 'server_version') return state.version;
  throw accessDenied();
}

/** Credentials are checked on every call; an unknown uid is a MissingError, not AccessDenied. */
export function checkCredentials(state: SandboxState, db: unknown, uid: unknown, password: unknown): void {
  if (db !== state.db) throw unknownDatabase(String(db));
  const user = typeof uid === 'number' ? state.store.get('res.users', uid) : undefined;
  if (!user) throw missingError('res.users', [Number(uid)], Number(uid));
  if (uid !== state.uid || !isSecret(state, password)) throw accessDenied();
}

/** Over /jsonrpc an API key works wherever the password does (docs/odoo-api.md §1.5). */
function isSecret(state: SandboxState, secret: unknown): boolean {
  return (
    typeof secret === 'string' && secret !== '' && (secret === state.password || secret === state.apiKey)
  );
}

/** Runs one model method in its own transaction, with the injected serialization failures (docs/odoo-api.md §3.3). */
export function runInTransaction(
  state: SandboxState,
  model: string,
  method: string,
  fn: (env: ReturnType<typeof newEnv>) => unknown,
): unknown {
  state.stats.record(`${model}.${method}`);
  if (state.faults.shouldFailSerialization()) throw serializationFailure();
  const env = newEnv(state);
  const started = performance.now();
  try {
    return state.store.transaction(() => fn(env));
  } finally {
    state.stats.addBusy(performance.now() - started);
  }
}

export function dispatchObject(state: SandboxState, method: string, args: unknown[]): unknown {
  if (method !== 'execute_kw' && method !== 'execute') {
    throw attributeError(`module 'odoo.service.model' has no attribute 'exp_${method}'`);
  }
  const [db, uid, password, model, fn] = args;
  checkCredentials(state, db, uid, password);
  const modelName = String(model);
  const methodName = String(fn);
  const positional = method === 'execute_kw' ? ((args[5] as unknown[] | undefined) ?? []) : args.slice(5);
  const kwargs =
    method === 'execute_kw' ? ((args[6] as Record<string, unknown> | null | undefined) ?? {}) : {};
  return runInTransaction(state, modelName, methodName, (env) =>
    callKw({
      env,
      modelName,
      method: methodName,
      args: Array.isArray(positional) ? positional : [positional],
      kwargs,
    }),
  );
}
