import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { EnvError, loadShops, minutes, odooEnv, parseEnv, redisEnv, temuEnv } from '../src/index.js';

describe('parseEnv', () => {
  const schema = z.object({ ...redisEnv, ...temuEnv, ORDER_POLL_MINUTES: minutes(5) });

  it('applies defaults that match the embedded sandboxes', () => {
    const env = parseEnv(schema, {});
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(env.TEMU_GATEWAY_URL).toBe('http://127.0.0.1:4010');
    expect(env.ORDER_POLL_MINUTES).toBe(5);
  });

  it('accepts fractional minutes for tests and demos', () => {
    expect(parseEnv(schema, { ORDER_POLL_MINUTES: '0.1' }).ORDER_POLL_MINUTES).toBe(0.1);
  });

  it('fails with one line naming the variable and what is expected', () => {
    expect(() => parseEnv(schema, { REDIS_URL: 'not a url' })).toThrow(EnvError);
    try {
      parseEnv(schema, { ORDER_POLL_MINUTES: '-3' });
    } catch (err) {
      expect((err as Error).message).toBe(
        'Invalid environment: ORDER_POLL_MINUTES: expected a positive number of minutes (got "-3")',
      );
      expect((err as Error).message).not.toContain('\n');
    }
    expect.assertions(3);
  });

  it('never echoes the value of a secret variable', () => {
    const secretSchema = z.object({ TEMU_APP_SECRET: z.string().min(40, { message: 'expected 40 chars' }) });
    expect(() => parseEnv(secretSchema, { TEMU_APP_SECRET: 'short-secret' })).toThrow(
      /TEMU_APP_SECRET: expected 40 chars \(got a value that is not valid\)$/,
    );
  });
});

describe('loadShops', () => {
  it('builds the single shop from the TEMU_* shorthand', () => {
    const env = parseEnv(z.object(temuEnv), {});
    const shops = loadShops(env);
    expect(shops).toHaveLength(1);
    expect(shops[0]).toMatchObject({ shopId: 'demo-shop', region: 'US', sellingModel: 'local' });
  });
});

describe('URL variables are checked for their scheme at start (issue 18)', () => {
  const schema = z.object({ ...redisEnv, ...temuEnv, ...odooEnv });

  it.each([
    ['ODOO_URL', 'ftp:x', 'an http:// or https:// URL of the Odoo server'],
    ['ODOO_URL', 'redis://127.0.0.1:6379', 'an http:// or https:// URL of the Odoo server'],
    ['TEMU_GATEWAY_URL', 'file:///etc/passwd', 'an http:// or https:// URL of a Temu gateway'],
    ['REDIS_URL', 'http://127.0.0.1:6379', 'a redis:// or rediss:// URL'],
    ['REDIS_URL', 'redis:', 'a redis:// or rediss:// URL'],
  ])('refuses %s=%s with a message naming the variable and the scheme expected', (name, value, expected) => {
    expect(() => parseEnv(schema, { [name]: value })).toThrow(
      `Invalid environment: ${name}: expected ${expected} (got ${JSON.stringify(value)})`,
    );
  });

  it.each([
    ['REDIS_URL', 'rediss://user:pw@cache.example:6380/2'],
    ['ODOO_URL', 'https://erp.example.com'],
    ['TEMU_GATEWAY_URL', 'https://openapi-b-us.temu.com'],
  ])('accepts %s=%s', (name, value) => {
    expect(parseEnv(schema, { [name]: value })[name as 'REDIS_URL']).toBe(value);
  });

  it("never echoes a URL's credentials in the refusal", () => {
    let message = '';
    try {
      parseEnv(schema, { REDIS_URL: 'http://:hunter2-redis@cache.example:6379' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe(
      'Invalid environment: REDIS_URL: expected a redis:// or rediss:// URL (got "http://***@cache.example:6379")',
    );
  });
});

describe('a malformed TEMU_SHOPS_FILE', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shops-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const base = parseEnv(z.object(temuEnv), {});
  const shopsFile = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return { ...base, TEMU_SHOPS_FILE: file };
  };
  const failure = (env: Parameters<typeof loadShops>[0]) => {
    try {
      loadShops(env);
    } catch (err) {
      return (err as Error).message;
    }
    throw new Error('expected loadShops to refuse the file');
  };

  it('names the file and never prints a slice of its content (a token was quoted there)', () => {
    // An unquoted token: Node's JSON.parse message quotes the text around it ("…sk-live-ab…").
    const env = shopsFile('unquoted.json', '[{"shopId": "s1", "accessToken": sk-live-abcdef123456}]');
    const message = failure(env);
    expect(message).toBe(`TEMU_SHOPS_FILE: ${env.TEMU_SHOPS_FILE} is not valid JSON; fix the file's syntax`);
    expect(message).not.toContain('sk-live');
  });

  it('gives line and column when the parser knows the position', () => {
    // Line 2 is `  {"appSecret": "abc-secret" "x"}`: the parser stops at the second string,
    // column 30 (2 spaces + `{"appSecret": "abc-secret"` is 26 characters, then a space, so 30).
    const env = shopsFile('missing-comma.json', '[\n  {"appSecret": "abc-secret" "x"}\n]');
    const message = failure(env);
    expect(message).toBe(
      `TEMU_SHOPS_FILE: ${env.TEMU_SHOPS_FILE} is not valid JSON (line 2, column 30); fix the file's syntax`,
    );
    expect(message).not.toContain('abc-secret');
  });

  it('refuses a shop whose gatewayUrl is not http(s)', () => {
    const shop = {
      shopId: 's1',
      region: 'US',
      gatewayUrl: 'ftp:x',
      appKey: 'k',
      appSecret: 'secret-value-1234',
      accessToken: 't',
    };
    const message = failure(shopsFile('ftp.json', JSON.stringify([shop])));
    expect(message).toBe(
      'TEMU_SHOPS_FILE: 0.gatewayUrl: expected an http:// or https:// URL of a Temu gateway',
    );
  });
});
