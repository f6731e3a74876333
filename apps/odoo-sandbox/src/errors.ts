/**
 * Odoo exceptions as they come out of `serialize_exception` (docs/odoo-api.md §1.2, fixtures errors.json):
 * `data.name` is "<module>.<ClassName>", `arguments` = [message], `context` = {}.
 */
export class OdooError extends Error {
  constructor(
    /** e.g. `odoo.exceptions.UserError`, `builtins.ValueError`. */
    readonly odooName: string,
    message: string,
    /** HTTP status used by JSON-2 (docs/odoo-api.md §1.6); JSON-RPC always answers 200. */
    readonly httpStatus: number,
  ) {
    super(message);
  }
}

export const userError = (msg: string) => new OdooError('odoo.exceptions.UserError', msg, 422);
export const validationError = (msg: string) => new OdooError('odoo.exceptions.ValidationError', msg, 422);
export const accessError = (msg: string) => new OdooError('odoo.exceptions.AccessError', msg, 403);
export const accessDenied = () => new OdooError('odoo.exceptions.AccessDenied', 'Access Denied', 403);
export const missingError = (model: string, ids: number[], uid: number) =>
  new OdooError(
    'odoo.exceptions.MissingError',
    `Record does not exist or has been deleted.\n(Record: ${model}(${ids.join(', ')},), User: ${uid})`,
    404,
  );
export const valueError = (msg: string) => new OdooError('builtins.ValueError', msg, 500);
export const typeError = (msg: string) => new OdooError('builtins.TypeError', msg, 422);
export const attributeError = (msg: string) => new OdooError('builtins.AttributeError', msg, 404);
export const serializationFailure = () =>
  new OdooError(
    'psycopg2.errors.SerializationFailure',
    'could not serialize access due to concurrent update\n',
    500,
  );
export const unknownDatabase = (db: string) =>
  new OdooError(
    'psycopg2.OperationalError',
    `connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: FATAL:  database "${db}" does not exist\n`,
    500,
  );

/** Any non-Odoo error is reported like Odoo reports an unexpected Python exception. */
export function toOdooError(err: unknown): OdooError {
  if (err instanceof OdooError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new OdooError('builtins.Exception', message, 500);
}

/** `data.debug`: only needs to look like a Python traceback (fixtures README). */
export function fakeTraceback(err: OdooError): string {
  const cls = err.odooName.split('.').pop() ?? 'Exception';
  const mod = err.odooName.startsWith('builtins.') ? '' : `${err.odooName.slice(0, -cls.length - 1)}.`;
  return (
    'Traceback (most recent call last):\n' +
    '  File "/srv/odoo/odoo/http.py", line 1958, in _serve_db\n' +
    '    return service_model.retrying(self._serve_ir_http, self.env)\n' +
    '  File "/srv/odoo/odoo/service/model.py", line 156, in retrying\n' +
    '    result = func()\n' +
    `${mod}${cls}: ${err.message}\n`
  );
}

/** The `error.data` object of JSON-RPC (keys in Odoo's order) and the body of a JSON-2 error. */
export function errorData(err: OdooError) {
  return {
    name: err.odooName,
    debug: fakeTraceback(err),
    message: err.message,
    arguments: [err.message],
    context: {},
  };
}
