import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { EnvError, loadShops, minutes, parseEnv, redisEnv, temuEnv } from '../src/index.js';

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
    expect(shops[0]).toMatchObject({ shopId: 'demo-shop', region: 'US', shopType: 'local' });
  });
});
