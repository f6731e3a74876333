import { describe, it, expect, afterEach } from '@jest/globals';
import { closedPort, startFixture, type DashboardFixture } from './support/dashboard.fixture.js';

describe('/healthz', () => {
  let fx: DashboardFixture | undefined;
  afterEach(async () => {
    await fx?.stop();
    fx = undefined;
  });

  it('answers 200 {status:"ok", redis:"up"} when Redis answers PING', async () => {
    fx = await startFixture('health-up');
    const res = await fetch(`${fx.dashboard.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', redis: 'up' });
  });

  it('answers 503 with the reason when nothing listens at the Redis URL', async () => {
    const port = await closedPort();
    fx = await startFixture('health-down', { redisUrl: `redis://:hunter2secret@127.0.0.1:${port}` });
    const res = await fetch(`${fx.dashboard.url}/healthz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { status: string; redis: string; reason: string };
    expect(body.status).toBe('unavailable');
    expect(body.redis).toBe('down');
    expect(body.reason.length).toBeGreaterThan(0);
    expect(body.reason).not.toContain('hunter2secret');
  });

  it('answers /metrics with 503 (not a hang) when Redis is down', async () => {
    const port = await closedPort();
    fx = await startFixture('metrics-down', { redisUrl: `redis://127.0.0.1:${port}` });
    const res = await fetch(`${fx.dashboard.url}/metrics`, {
      headers: {
        authorization: `Basic ${Buffer.from('operator:correct horse battery staple').toString('base64')}`,
      },
    });
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/^metrics unavailable: /);
  });
});
