import { describe, expect, it } from '@jest/globals';
import { decryptEventData, encryptEventData, webhookSignature } from '../../src/webhooks/webhook-crypto.js';
import { buildTemuWebhook } from '../../src/webhooks/webhook-builder.js';
import {
  NOT_AUTHENTIC_MESSAGE,
  verifyTemuWebhook,
  WebhookVerificationError,
} from '../../src/webhooks/webhook-verifier.js';

// Documented vectors, docs/temu-api.md §14.2.
const DOC_SECRET = '12345678abcdefgh';
const DOC_CIPHERTEXT = 'sQmNTAKR2o4HrmCO3OchFgGyJU5Qta57+JQxxgVyVPU=';
const DOC_PLAINTEXT = '{"orderSn":"XXYYZZ","status":1}';
const DOC_FIELDS = {
  eventData: DOC_PLAINTEXT,
  appKey: 'demo-test-app',
  eventCode: 'bg_test_event',
  extParam: '{}',
  timestamp: '1726127013525',
};
const DOC_SIGNATURE = 'b5143d1a831453afbcf76d4621baa74a2dc07a486f26f5a956c6e50c61a338fb';

function rejection(fn: () => unknown): WebhookVerificationError {
  try {
    fn();
  } catch (err) {
    if (err instanceof WebhookVerificationError) return err;
    throw err;
  }
  throw new Error('expected the webhook to be rejected');
}

describe('webhook crypto (docs/temu-api.md §14.2)', () => {
  it('decrypts the documented sample', () => {
    expect(decryptEventData(DOC_CIPHERTEXT, DOC_SECRET)).toBe(DOC_PLAINTEXT);
  });

  it('encrypts back to the documented ciphertext (key = IV = first 16 bytes of the secret)', () => {
    expect(encryptEventData(DOC_PLAINTEXT, DOC_SECRET)).toBe(DOC_CIPHERTEXT);
  });

  it('computes the documented HMAC-SHA256 signature', () => {
    expect(webhookSignature(DOC_FIELDS, DOC_SECRET)).toBe(DOC_SIGNATURE);
  });

  it('verifies the documented delivery and returns the decrypted payload', () => {
    const event = verifyTemuWebhook({
      headers: {
        'x-tm-app-key': 'demo-test-app',
        'x-tm-event-code': 'bg_test_event',
        'x-tm-timestamp': '1726127013525',
        'x-tm-ext-param': '{}',
        'x-tm-signature': DOC_SIGNATURE.toUpperCase(),
      },
      body: JSON.stringify({ eventData: DOC_CIPHERTEXT }),
      appKey: 'demo-test-app',
      appSecret: DOC_SECRET,
      nowMs: 1726127013525 + 1000,
    });
    expect(event.eventCode).toBe('bg_test_event');
    expect(event.payload).toEqual({ orderSn: 'XXYYZZ', status: 1 });
  });
});

describe('verifyTemuWebhook rejections', () => {
  const secret = 'a-sixteen-byte-secret-and-more';
  const appKey = 'app-1';
  const now = 1_750_000_000_000;
  const delivery = () =>
    buildTemuWebhook({
      appKey,
      appSecret: secret,
      eventCode: 'bg_order_status_change_event',
      payload: { parentOrderSn: 'PO-211-1', orderStatus: 2 },
      timestampMs: now,
    });

  it('accepts a fresh, correctly signed delivery', () => {
    const { headers, body } = delivery();
    expect(verifyTemuWebhook({ headers, body, appKey, appSecret: secret, nowMs: now }).payload).toEqual({
      parentOrderSn: 'PO-211-1',
      orderStatus: 2,
    });
  });

  it('rejects a bad signature', () => {
    const { headers, body } = delivery();
    const err = rejection(() =>
      verifyTemuWebhook({
        headers: { ...headers, 'x-tm-signature': 'ab'.repeat(32) },
        body,
        appKey,
        appSecret: secret,
        nowMs: now,
      }),
    );
    expect(err.reason).toBe('not_authentic');
    expect(err.message).toBe(NOT_AUTHENTIC_MESSAGE);
  });

  it('rejects a payload signed with another secret (tampered data)', () => {
    const forged = buildTemuWebhook({
      appKey,
      appSecret: 'another-secret-0123456789',
      eventCode: 'bg_order_status_change_event',
      payload: { parentOrderSn: 'PO-211-1' },
      timestampMs: now,
    });
    expect(
      rejection(() => verifyTemuWebhook({ ...forged, appKey, appSecret: secret, nowMs: now })).reason,
    ).toBe('not_authentic');
  });

  it('answers "does not decrypt" and "bad signature" identically (no CBC padding oracle)', () => {
    // Key and IV are the same 16 secret bytes (Temu's scheme); if a padding error and a signature
    // error could be told apart, an attacker flipping ciphertext bytes could decrypt a delivery.
    const { headers, body } = delivery();
    const eventData = (JSON.parse(body) as { eventData: string }).eventData;
    const bytes = Buffer.from(eventData, 'base64');
    // Flipping the last byte of the second-to-last block flips only the last plaintext byte (CBC):
    // a PKCS#7 pad byte of 1–16 becomes one above 16, an invalid pad — decrypt must fail.
    const badPadding = Buffer.from(bytes);
    badPadding[badPadding.length - 17]! ^= 0xff;
    const undecryptable = badPadding.toString('base64');
    expect(() => decryptEventData(undecryptable, secret)).toThrow();
    const padError = rejection(() =>
      verifyTemuWebhook({
        headers,
        body: JSON.stringify({ eventData: undecryptable }),
        appKey,
        appSecret: secret,
        nowMs: now,
      }),
    );
    // Same ciphertext, decrypts fine, but the signature is someone's guess.
    expect(decryptEventData(eventData, secret)).toContain('PO-211-1');
    const signatureError = rejection(() =>
      verifyTemuWebhook({
        headers: { ...headers, 'x-tm-signature': 'cd'.repeat(32) },
        body,
        appKey,
        appSecret: secret,
        nowMs: now,
      }),
    );
    expect(padError.reason).toBe(signatureError.reason);
    expect(padError.message).toBe(signatureError.message);
    expect(padError.message).toBe(NOT_AUTHENTIC_MESSAGE);
  });

  it('rejects a stale timestamp with the reason', () => {
    const { headers, body } = delivery();
    const err = rejection(() =>
      verifyTemuWebhook({ headers, body, appKey, appSecret: secret, nowMs: now + 10 * 60_000 }),
    );
    expect(err.reason).toBe('stale_timestamp');
    expect(err.message).toMatch(/more than 300000 ms from now/);
  });

  it('rejects a missing header, naming it', () => {
    const { headers, body } = delivery();
    const { 'x-tm-signature': _dropped, ...rest } = headers;
    const err = rejection(() =>
      verifyTemuWebhook({ headers: rest, body, appKey, appSecret: secret, nowMs: now }),
    );
    expect(err.reason).toBe('missing_header');
    expect(err.message).toContain('x-tm-signature');
  });

  it("rejects another app's delivery", () => {
    const { headers, body } = delivery();
    expect(
      rejection(() =>
        verifyTemuWebhook({ headers, body, appKey: 'someone-else', appSecret: secret, nowMs: now }),
      ).reason,
    ).toBe('app_key_mismatch');
  });

  it('rejects a body without eventData', () => {
    const { headers } = delivery();
    expect(
      rejection(() => verifyTemuWebhook({ headers, body: '{"x":1}', appKey, appSecret: secret, nowMs: now }))
        .reason,
    ).toBe('missing_event_data');
  });

  it('never puts the secret in a rejection message', () => {
    const { headers, body } = delivery();
    const err = rejection(() =>
      verifyTemuWebhook({
        headers: { ...headers, 'x-tm-signature': 'x' },
        body,
        appKey,
        appSecret: secret,
        nowMs: now,
      }),
    );
    expect(err.message).not.toContain(secret);
  });
});
