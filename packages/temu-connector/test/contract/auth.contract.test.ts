import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  daysToExpiry,
  exchangeAuthorizationCode,
  missingScopes,
  readTokenInfo,
} from '../../src/auth/authorization.js';
import { orderListCall } from '../../src/calls/order-list.call.js';
import { CREDS, startHarness, failureOf } from './sandbox-harness.js';
import type { Harness } from './sandbox-harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ orderCount: 1 });
});
afterAll(async () => {
  await h.close();
});

describe('authorisation over HTTP (bg.open.accesstoken.*)', () => {
  it('exchanges a code for a token, reads its scopes and expiry, and the token works', async () => {
    const { code } = await h.control<{ code: string }>('POST', 'auth/codes', {});
    const grant = await exchangeAuthorizationCode(h.client(), code);
    expect(grant.accessToken).not.toBe(code);
    expect(grant.scopes).toContain('bg.order.list.v2.get');
    expect(daysToExpiry(grant.expiresAtMs)).toBeGreaterThanOrEqual(364);

    const withGrant = h.client({ accessToken: grant.accessToken });
    const info = await readTokenInfo(withGrant);
    expect(info).toMatchObject({ mallId: grant.mallId, mallType: 'local', expiresAtMs: grant.expiresAtMs });
    expect(missingScopes(info, ['bg.order.list.v2.get', 'bg.not.granted'])).toEqual(['bg.not.granted']);
    await expect(withGrant.call(orderListCall, {})).resolves.toMatchObject({
      totalItemNum: expect.any(Number),
    });
  });

  it('refuses a used code as a business error (110020002)', async () => {
    const { code } = await h.control<{ code: string }>('POST', 'auth/codes', {});
    await exchangeAuthorizationCode(h.client(), code);
    const err = await failureOf(exchangeAuthorizationCode(h.client(), code));
    expect(err.kind).toBe('business');
    expect(err.remoteCode).toBe('110020002');
  });

  it('reports a superseded token as credentials/ERR_TEMU_TOKEN_EXPIRED (3000034) with what to do', async () => {
    const first = await exchangeAuthorizationCode(
      h.client(),
      (await h.control<{ code: string }>('POST', 'auth/codes', {})).code,
    );
    await exchangeAuthorizationCode(
      h.client(),
      (await h.control<{ code: string }>('POST', 'auth/codes', {})).code,
    );
    const err = await failureOf(h.client({ accessToken: first.accessToken }).call(orderListCall, {}));
    expect(err.kind).toBe('credentials');
    expect(err.code).toBe('ERR_TEMU_TOKEN_EXPIRED');
    expect(err.message).toMatch(/re-authorise the app/);
    expect(err.retryable).toBe(false);
  });

  it('reports a wrong secret as credentials/ERR_TEMU_SIGN (3000001), without leaking it', async () => {
    const wrong = 'wrong-secret-0000000000000000000000';
    const err = await failureOf(h.client({ appSecret: wrong }).call(orderListCall, {}));
    expect(err.code).toBe('ERR_TEMU_SIGN');
    expect(err.remoteCode).toBe('3000001');
    expect(`${err.message}${JSON.stringify(err)}`).not.toContain(wrong);
  });

  it('reports an unknown token and an unknown app key as credentials errors', async () => {
    const token = await failureOf(h.client({ accessToken: 'nope-token-0000000000' }).call(orderListCall, {}));
    expect(token.kind).toBe('credentials');
    expect(token.message).not.toContain('nope-token-0000000000');
    const app = await failureOf(
      h.client({ appKey: 'unknown-app-key-000000000000000' }).call(orderListCall, {}),
    );
    expect(['credentials', 'transient']).toContain(app.kind);
    expect(app.message).not.toContain(CREDS.appSecret);
  });
});
