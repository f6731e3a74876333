import { describe, expect, it } from '@jest/globals';
import { IntegrationError } from '@temu-odoo/core';
import { classifyEnvelopeError } from '../../src/client/error-classification.js';
import {
  TemuBusinessError,
  TemuCredentialsError,
  TemuNotReadyError,
  TemuThrottledError,
  TemuTransientError,
} from '../../src/errors.js';

const ctx = { type: 'bg.order.amount.query', group: 'orders' as const, requestId: 'us-abc' };

describe('classifyEnvelopeError (docs/temu-api.md §5)', () => {
  it.each([
    [4000004, TemuThrottledError, 'throttled', 'ERR_TEMU_RATE_LIMITED'],
    [4000000, TemuTransientError, 'transient', 'ERR_TEMU_TRANSIENT'],
    [7000000, TemuTransientError, 'transient', 'ERR_TEMU_TRANSIENT'],
    [3000001, TemuCredentialsError, 'credentials', 'ERR_TEMU_SIGN'],
    [3000032, TemuCredentialsError, 'credentials', 'ERR_TEMU_SCOPE'],
    [3000034, TemuCredentialsError, 'credentials', 'ERR_TEMU_TOKEN_EXPIRED'],
    [3000031, TemuCredentialsError, 'credentials', 'ERR_TEMU_CREDENTIALS'],
    [3000012, TemuCredentialsError, 'credentials', 'ERR_TEMU_CREDENTIALS'],
    [2000000, TemuCredentialsError, 'credentials', 'ERR_TEMU_CREDENTIALS'],
    [5000003, TemuCredentialsError, 'credentials', 'ERR_TEMU_CREDENTIALS'],
    [140020008, TemuNotReadyError, 'not_ready', 'ERR_TEMU_NOT_READY'],
    [140020009, TemuNotReadyError, 'not_ready', 'ERR_TEMU_NOT_READY'],
    [120012004, TemuBusinessError, 'business', 'ERR_TEMU_BUSINESS'],
    [150013002, TemuBusinessError, 'business', 'ERR_TEMU_BUSINESS'],
  ])('%i → %p (%s, %s)', (code, cls, kind, stable) => {
    const err = classifyEnvelopeError(code, 'remote text', ctx);
    expect(err).toBeInstanceOf(cls);
    expect(err).toBeInstanceOf(IntegrationError);
    expect(err.kind).toBe(kind);
    expect(err.code).toBe(stable);
    expect(err.remoteCode).toBe(String(code));
    expect(err.type).toBe('bg.order.amount.query');
    expect(err.requestId).toBe('us-abc');
  });

  it('treats 3000000 BAD_PARAMS as bad input, not as credentials', () => {
    const err = classifyEnvelopeError(3000000, 'BAD_PARAMS', ctx);
    expect(err.kind).toBe('bad_input');
    expect(err.code).toBe('ERR_TEMU_BAD_PARAMS');
  });

  it('retries throttled and transient only', () => {
    expect(classifyEnvelopeError(4000004, '', ctx).retryable).toBe(true);
    expect(classifyEnvelopeError(4000000, '', ctx).retryable).toBe(true);
    expect(classifyEnvelopeError(3000034, '', ctx).retryable).toBe(false);
    expect(classifyEnvelopeError(120012004, '', ctx).retryable).toBe(false);
  });

  it('tells the seller or operator what to do on credential errors', () => {
    expect(classifyEnvelopeError(3000034, 'expired', ctx).message).toMatch(
      /re-authorise the app in Seller Center/,
    );
    expect(classifyEnvelopeError(3000032, 'no access', ctx).message).toMatch(/authorise it in Seller Center/);
    expect(classifyEnvelopeError(3000001, 'SIGN_UNVALID', ctx).message).toMatch(
      /app secret belongs to the configured app key/,
    );
  });

  it('keeps the business code and message', () => {
    const err = classifyEnvelopeError(120014004, 'tracking number already used', ctx);
    expect(err.message).toContain('120014004');
    expect(err.message).toContain('tracking number already used');
    expect(err.remoteMessage).toBe('tracking number already used');
  });

  it("classes bg.purchaseorder.apply's short refusal codes as business refusals of that call only", () => {
    const apply = { type: 'bg.purchaseorder.apply', group: 'orders' as const, requestId: 'cn-1' };
    for (const code of [1001, 1002, 1007, 1008, 61001]) {
      const err = classifyEnvelopeError(code, '超过建议备货量', apply);
      expect(err).toBeInstanceOf(TemuBusinessError);
      expect(err.remoteCode).toBe(String(code));
    }
    // The same digits from another call are not a known refusal: someone must look.
    expect(classifyEnvelopeError(1002, 'x', ctx)).toBeInstanceOf(TemuCredentialsError);
  });
});
