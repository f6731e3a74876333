import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { QUEUE_NAMES } from '@temu-odoo/queues';
import {
  AUTH,
  PASSWORD,
  USER,
  basicHeader,
  startFixture,
  type DashboardFixture,
} from './support/dashboard.fixture.js';

describe('basic authentication', () => {
  let fx: DashboardFixture;
  beforeAll(async () => {
    fx = await startFixture('auth');
  });
  afterAll(async () => {
    await fx.stop();
  });

  const protectedPaths = ['/', '/queues', '/queues/api/queues', '/ops', '/metrics'];

  it.each(protectedPaths)(
    'answers 401 with a WWW-Authenticate challenge on %s without credentials',
    async (path) => {
      const res = await fetch(`${fx.dashboard.url}${path}`, { redirect: 'manual' });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm="[^"]+"/);
    },
  );

  it.each([
    ['wrong password', basicHeader(USER, `${PASSWORD}x`)],
    ['wrong user', basicHeader('admin', PASSWORD)],
    ['empty password', basicHeader(USER, '')],
    ['not basic', `Bearer ${PASSWORD}`],
    ['garbage', 'Basic !!!'],
  ])('answers 401 with %s', async (_label, authorization) => {
    const res = await fetch(`${fx.dashboard.url}/queues`, { headers: { authorization } });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('Basic');
  });

  it('redirects / to Bull Board and serves it with the right credentials', async () => {
    const root = await fetch(`${fx.dashboard.url}/`, { headers: AUTH, redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/queues');

    const board = await fetch(`${fx.dashboard.url}/queues`, { headers: AUTH });
    expect(board.status).toBe(200);
    expect(await board.text()).toContain('<title>temu-odoo</title>');
  });

  it("lists every catalog queue in Bull Board's API, writable with retries allowed", async () => {
    const res = await fetch(`${fx.dashboard.url}/queues/api/queues`, { headers: AUTH });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      queues: Array<{ name: string; readOnlyMode: boolean; allowRetries: boolean }>;
    };
    expect(body.queues.map((q) => q.name).sort()).toEqual([...QUEUE_NAMES].sort());
    for (const queue of body.queues) {
      expect(queue.readOnlyMode).toBe(false);
      expect(queue.allowRetries).toBe(true);
    }
  });

  it('serves /healthz without credentials', async () => {
    const res = await fetch(`${fx.dashboard.url}/healthz`);
    expect(res.status).toBe(200);
  });

  it('never writes the password or the Authorization header into the log', () => {
    const all = fx.lines.join('');
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain(AUTH.authorization.slice(6));
  });
});

describe('/metrics visibility', () => {
  let fx: DashboardFixture;
  beforeAll(async () => {
    fx = await startFixture('metrics-public', { metricsPublic: true });
  });
  afterAll(async () => {
    await fx.stop();
  });

  it('is public with metricsPublic while the board stays protected', async () => {
    const metrics = await fetch(`${fx.dashboard.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('temu_odoo_queue_jobs');
    const board = await fetch(`${fx.dashboard.url}/queues`);
    expect(board.status).toBe(401);
  });
});

describe('insecure local mode', () => {
  let fx: DashboardFixture;
  beforeAll(async () => {
    fx = await startFixture('insecure', { password: null });
  });
  afterAll(async () => {
    await fx.stop();
  });

  it('serves the board without credentials when no password is configured', async () => {
    const res = await fetch(`${fx.dashboard.url}/queues`);
    expect(res.status).toBe(200);
  });
});
