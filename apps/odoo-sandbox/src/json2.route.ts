/**
 * Odoo 19 JSON-2: `POST /json/2/<model>/<method>` with `Authorization: bearer <api key>`, optional
 * `X-Odoo-Database`, named arguments plus `ids`/`context`; errors are flat objects with real HTTP
 * statuses (docs/odoo-api.md §1.6).
 */
import { callKw, isModelMethod } from './call-kw.js';
import { errorData, OdooError, toOdooError, typeError } from './errors.js';
import { getModel } from './registry.js';
import { runInTransaction } from './rpc-dispatch.js';
import { newEnv, type SandboxState } from './sandbox-state.js';

export interface Json2Response {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

function fail(err: OdooError, headers?: Record<string, string>): Json2Response {
  return { status: err.httpStatus, body: errorData(err), ...(headers ? { headers } : {}) };
}

export function handleJson2(
  state: SandboxState,
  path: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
): Json2Response {
  const m = /^\/json\/2\/([^/]+)\/([^/]+)$/.exec(path);
  if (!m)
    return fail(
      new OdooError(
        'werkzeug.exceptions.NotFound',
        '404 Not Found: Did you mean POST /json/2/<model>/<method>?',
        404,
      ),
    );
  const [, modelName = '', method = ''] = m;
  const auth = String(headers.authorization ?? '');
  const key = /^bearer\s+(.+)$/i.exec(auth)?.[1]?.trim();
  if (!key || key !== state.apiKey) {
    return fail(new OdooError('werkzeug.exceptions.Unauthorized', '401 Unauthorized: Invalid apikey', 401), {
      'WWW-Authenticate': 'Bearer',
    });
  }
  const db = headers['x-odoo-database'];
  if (db !== undefined && db !== state.db) {
    return fail(
      new OdooError('werkzeug.exceptions.NotFound', `404 Not Found: database "${String(db)}" not found`, 404),
    );
  }
  let payload: Record<string, unknown>;
  try {
    const parsed: unknown = body.trim() ? JSON.parse(body) : {};
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    payload = parsed as Record<string, unknown>;
  } catch {
    return fail(
      new OdooError(
        'werkzeug.exceptions.BadRequest',
        '400 Bad Request: the body must be a JSON object of named arguments',
        400,
      ),
    );
  }
  const { ids = [], context = {}, ...named } = payload;
  try {
    const probe = getModel(newEnv(state), modelName);
    if (!probe)
      throw new OdooError(
        'werkzeug.exceptions.NotFound',
        `404 Not Found: The model "${modelName}" does not exist.`,
        404,
      );
    if (!Array.isArray(ids) || ids.some((x) => typeof x !== 'number'))
      throw typeError('ids must be a list of record ids');
    if (ids.length > 0 && isModelMethod(probe, method)) {
      throw typeError(`${modelName}.${method}() is a model method: it cannot be called with ids`);
    }
    const result = runInTransaction(state, modelName, method, (env) =>
      callKw({
        env,
        modelName,
        method,
        args: [],
        kwargs: { ...named, context },
        ids: ids as number[],
        json2: true,
      }),
    );
    return { status: 200, body: result === undefined ? null : result };
  } catch (err) {
    if (!(err instanceof OdooError))
      state.logger?.error({ err }, 'sandbox bug while answering a JSON-2 call');
    return fail(toOdooError(err));
  }
}
