import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { createLogger, REDACTED, scrubSecrets } from '../src/index.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  it('adds the service as a base field and child fields per job', () => {
    const { lines, stream } = capture();
    const log = createLogger({ service: 'worker', destination: stream });
    log.child({ queue: 'temu-orders', jobId: '7' }).info('hello');
    const record = JSON.parse(lines[0]!);
    expect(record).toMatchObject({
      service: 'worker',
      queue: 'temu-orders',
      jobId: '7',
      msg: 'hello',
      level: 'info',
    });
  });

  it('redacts every kind of secret wherever it sits', () => {
    const { lines, stream } = capture();
    const log = createLogger({ service: 'test', destination: stream });
    const secrets = {
      app_secret: 'S-APP-SECRET-1',
      appSecret: 'S-APP-SECRET-2',
      access_token: 'S-ACCESS-TOKEN-1',
      accessToken: 'S-ACCESS-TOKEN-2',
      sign: 'S-SIGN-ABCDEF',
      password: 'S-ODOO-PASSWORD',
      apiKey: 'S-ODOO-API-KEY',
      headers: { authorization: 'Bearer S-BEARER' },
    };
    log.info(secrets, 'top level');
    log.info({ request: secrets }, 'one level down');
    log.info({ req: { headers: { authorization: 'Basic S-BASIC' } } }, 'request');
    log.info({ env: { TEMU_APP_SECRET: 'S-ENV-1', ODOO_PASSWORD: 'S-ENV-2' } }, 'env');
    const out = lines.join('\n');
    expect(out).not.toMatch(/S-[A-Z-]+/);
    expect(out.split(REDACTED).length - 1).toBeGreaterThanOrEqual(15);
  });
});

describe('scrubSecrets', () => {
  it('removes known secrets and secret-looking parameters from free text', () => {
    const text =
      'POST failed: {"app_secret":"abc123","access_token":"tok-9"} sign=DEADBEEF Authorization: Bearer xyz.abc mypass1';
    const out = scrubSecrets(text, ['mypass1']);
    expect(out).not.toContain('abc123');
    expect(out).not.toContain('tok-9');
    expect(out).not.toContain('DEADBEEF');
    expect(out).not.toContain('xyz.abc');
    expect(out).not.toContain('mypass1');
    expect(out).toContain('POST failed');
  });
});
