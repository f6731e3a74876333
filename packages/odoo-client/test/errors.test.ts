import { describe, expect, it } from '@jest/globals';
import {
  odooErrorFromRemote,
  OdooAccessDeniedError,
  OdooAccessError,
  OdooConcurrencyError,
  OdooLoginError,
  OdooMissingError,
  OdooRequestError,
  OdooUnavailableError,
  OdooUserError,
  OdooValidationError,
} from '../src/index.js';
import { FIXTURE_VERSIONS, loadFlow } from './support/fixtures.js';

const EXPECTED: Record<string, { cls: unknown; kind: string }> = {
  'odoo.exceptions.AccessDenied': { cls: OdooAccessDeniedError, kind: 'credentials' },
  'odoo.exceptions.AccessError': { cls: OdooAccessError, kind: 'credentials' },
  'odoo.exceptions.UserError': { cls: OdooUserError, kind: 'business' },
  'odoo.exceptions.ValidationError': { cls: OdooValidationError, kind: 'bad_input' },
  'odoo.exceptions.MissingError': { cls: OdooMissingError, kind: 'business' },
  'builtins.ValueError': { cls: OdooRequestError, kind: 'bad_input' },
  'builtins.AttributeError': { cls: OdooRequestError, kind: 'bad_input' },
  'builtins.TypeError': { cls: OdooRequestError, kind: 'bad_input' },
  'psycopg2.OperationalError': { cls: OdooLoginError, kind: 'credentials' },
};

describe.each(FIXTURE_VERSIONS)('error classification from errors recorded on real Odoo %s', (version) => {
  const recorded = ['errors', 'auth', 'module_check'].flatMap((flow) =>
    loadFlow(version, flow)
      .exchanges.filter((e) => e.response.error)
      .map((e) => ({ step: e.step, error: e.response.error! })),
  );

  it('has recorded errors to classify', () => {
    expect(recorded.length).toBeGreaterThanOrEqual(10);
  });

  it.each(recorded.map((r) => [r.step, r] as const))('%s', (_step, { error }) => {
    const err = odooErrorFromRemote({
      name: error.data.name,
      message: error.data.message,
      rpcCode: error.code,
      model: 'x.model',
      method: 'm',
    });
    const expected = EXPECTED[error.data.name];
    expect(expected).toBeDefined();
    expect(err).toBeInstanceOf(expected!.cls as never);
    expect(err.kind).toBe(expected!.kind);
    expect(err.remoteCode).toBe(error.data.name);
    expect(err.odooMessage).toBe(error.data.message);
    expect(err.message).toContain(error.data.message.split('\n')[0]);
    expect(err.retryable).toBe(false);
  });
});

describe('retryable failures (docs/odoo-api.md §3.3)', () => {
  it.each([
    'psycopg2.errors.SerializationFailure',
    'psycopg2.errors.LockNotAvailable',
    'psycopg2.errors.DeadlockDetected',
    'odoo.exceptions.ConcurrencyError',
  ])('%s is transient and known to have had no effect', (name) => {
    const err = odooErrorFromRemote({ name, message: 'could not serialize access due to concurrent update' });
    expect(err).toBeInstanceOf(OdooConcurrencyError);
    expect(err.kind).toBe('transient');
    expect(err.retryable).toBe(true);
    expect(err.noEffect).toBe(true);
  });

  it('a 5xx without an Odoo error body is transient; 503 is known not to have run', () => {
    const e502 = odooErrorFromRemote({ message: 'HTTP 502', httpStatus: 502 });
    expect(e502).toBeInstanceOf(OdooUnavailableError);
    expect([e502.kind, e502.noEffect]).toEqual(['transient', false]);
    expect(odooErrorFromRemote({ message: 'HTTP 503', httpStatus: 503 }).noEffect).toBe(true);
  });

  it('JSON-2 statuses map like their names (401 credentials, 422 bad input, 429 throttled)', () => {
    expect(
      odooErrorFromRemote({
        name: 'werkzeug.exceptions.Unauthorized',
        message: 'Invalid apikey',
        httpStatus: 401,
      }).kind,
    ).toBe('credentials');
    expect(odooErrorFromRemote({ message: 'HTTP 422', httpStatus: 422 }).kind).toBe('bad_input');
    expect(odooErrorFromRemote({ message: 'slow down', httpStatus: 429, retryAfterMs: 2000 })).toMatchObject({
      kind: 'throttled',
      retryAfterMs: 2000,
    });
  });

  it('a psycopg2 OperationalError that is not an unknown database is transient', () => {
    expect(
      odooErrorFromRemote({
        name: 'psycopg2.OperationalError',
        message: 'server closed the connection unexpectedly',
      }).kind,
    ).toBe('transient');
  });
});

describe('secrets', () => {
  it('are scrubbed from Odoo messages', () => {
    const err = odooErrorFromRemote(
      { name: 'odoo.exceptions.UserError', message: 'bad value s3cret-pass-word here' },
      ['s3cret-pass-word'],
    );
    expect(err.message).not.toContain('s3cret-pass-word');
    expect(err.message).toContain('[redacted]');
    expect(JSON.stringify(err)).not.toContain('s3cret-pass-word');
  });
});
