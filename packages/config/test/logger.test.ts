import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { createLogger, formatLogLine, REDACTED, scrubSecrets } from '../src/index.js';

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

describe('readable logs for a terminal (LOG_FORMAT=pretty)', () => {
  it('writes one line per record: time, level, message, then the fields, without the service', () => {
    const { lines, stream } = capture();
    const log = createLogger({ service: 'worker', destination: stream, format: 'pretty' });
    log.child({ queue: 'odoo', shop: 'demo-shop' }).warn({ orders: 3, note: 'two words' }, 'batch written');
    expect(lines).toHaveLength(1);
    // isoTime "2026-…T13:57:23.123Z" → "13:57:23.123"; level padded to 5; strings with spaces quoted.
    expect(lines[0]).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} WARN {2}batch written queue=odoo shop=demo-shop orders=3 note="two words"\n$/,
    );
  });

  it('still redacts secrets and shows an error with its stack indented below', () => {
    const { lines, stream } = capture();
    const log = createLogger({ service: 'worker', destination: stream, format: 'pretty' });
    log.error({ err: new Error('Odoo is down'), password: 'S-PRETTY-PW' }, 'flush failed');
    const text = lines.join('');
    expect(text).not.toContain('S-PRETTY-PW');
    expect(text).toContain(`password=${REDACTED}`);
    expect(text.split('\n')[0]).toMatch(/ERROR flush failed err="Odoo is down"/);
    expect(text.split('\n')[1]).toMatch(/^\s+at /);
  });

  it('keeps JSON when a destination is given without a format (what tests and machines read)', () => {
    const { lines, stream } = capture();
    createLogger({ service: 'worker', destination: stream }).info('plain');
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'plain', service: 'worker' });
  });

  it('passes text that is not a JSON record through unchanged', () => {
    expect(formatLogLine('not json at all', { colours: false })).toBe('not json at all');
    expect(formatLogLine('[1,2]', { colours: false })).toBe('[1,2]');
  });

  it('colours the level only when asked', () => {
    const line = JSON.stringify({ level: 'error', time: '2026-11-30T13:57:23.123Z', msg: 'x' });
    expect(formatLogLine(line, { colours: false })).toBe('13:57:23.123 ERROR x');
    expect(formatLogLine(line, { colours: true })).toContain('\x1b[31mERROR\x1b[0m');
  });
});
