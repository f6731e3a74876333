import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { loadDashboardEnv, MissingPasswordError } from '../src/dashboard-env.js';
import { AUTH, startFixture, type DashboardFixture } from './support/dashboard.fixture.js';

/**
 * Findings of the security probe (issue 18): Bull Board's write API took cross-site posts, pages
 * could be framed (click-jacking the replay buttons), Express announced itself, and a password of
 * spaces counted as a password.
 */
describe('dashboard security headers and cross-site writes', () => {
  let fx: DashboardFixture;
  beforeAll(async () => {
    fx = await startFixture('security');
  });
  afterAll(async () => {
    await fx.stop();
  });

  const pages = ['/', '/queues', '/queues/api/queues', '/ops', '/metrics', '/healthz', '/no-such-page'];

  it.each(pages)('%s cannot be framed and does not say it runs Express', async (path) => {
    const res = await fetch(`${fx.dashboard.url}${path}`, { headers: AUTH, redirect: 'manual' });
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('the same headers are on the 401 answer to a request without credentials', async () => {
    const res = await fetch(`${fx.dashboard.url}/queues`);
    expect(res.status).toBe(401);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  // Bull Board's "add job" endpoint: what a page on another site could make an operator's browser
  // send, credentials included (a form post is text/plain and needs no CORS preflight).
  const addUrl = () => `${fx.dashboard.url}/queues/api/queues/system/add`;
  const addBody = JSON.stringify({ name: 'system.heartbeat', data: { from: 'cross-site', sentAtMs: 1 } });
  const queued = async () =>
    (await fx.registry.queue('system').getJobs(['waiting', 'delayed', 'prioritized'])).length;

  it.each([
    ['an Origin of another site', { origin: 'https://evil.example' }],
    ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['an opaque Origin (sandboxed frame)', { origin: 'null' }],
  ])('refuses a Bull Board write with %s and enqueues nothing', async (_label, headers) => {
    const res = await fetch(addUrl(), {
      method: 'POST',
      headers: { ...AUTH, ...headers, 'content-type': 'text/plain' },
      body: addBody,
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Cross-origin request refused');
    expect(await queued()).toBe(0);
  });

  it('refuses the other write verbs cross-site too (PUT retry, DELETE)', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const res = await fetch(`${fx.dashboard.url}/queues/api/queues/system/retry/failed`, {
        method,
        headers: { ...AUTH, origin: 'https://evil.example' },
      });
      expect(res.status).toBe(403);
    }
  });

  it('still accepts the same write from the dashboard itself (same Origin), so Bull Board keeps working', async () => {
    const res = await fetch(addUrl(), {
      method: 'POST',
      headers: { ...AUTH, origin: fx.dashboard.url, 'content-type': 'application/json' },
      body: addBody,
    });
    expect(res.status).toBe(200);
    expect(await queued()).toBe(1);
  });
});

describe('DASHBOARD_PASSWORD made of spaces', () => {
  const base = { REDIS_URL: 'redis://127.0.0.1:6379' };

  it.each([' ', '   ', '\t \t'])(
    'is refused at start (%j), with a message naming the variable',
    (password) => {
      const attempt = () => loadDashboardEnv({ ...base, DASHBOARD_PASSWORD: password });
      expect(attempt).toThrow(MissingPasswordError);
      expect(attempt).toThrow(/DASHBOARD_PASSWORD is only whitespace/);
    },
  );

  it('is refused even with DASHBOARD_INSECURE_LOCAL=true (a blank password is a mistake, not a choice)', () => {
    expect(() =>
      loadDashboardEnv({ ...base, DASHBOARD_PASSWORD: '  ', DASHBOARD_INSECURE_LOCAL: 'true' }),
    ).toThrow(/DASHBOARD_PASSWORD is only whitespace/);
  });

  it('a password with spaces inside or around real characters is kept exactly as given', () => {
    expect(loadDashboardEnv({ ...base, DASHBOARD_PASSWORD: ' two words ' }).DASHBOARD_PASSWORD).toBe(
      ' two words ',
    );
  });
});
