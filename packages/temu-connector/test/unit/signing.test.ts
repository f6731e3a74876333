import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { computeSign, signRequestBody } from '../../src/client/signing.js';
import { parseWireJson } from '../../src/client/wire-json.js';

// The documented worked example, docs/temu-api.md §3.3 (nested keys in the order of the sign string).
const secret = 'c7e0a1a63542be4de3cb5488f9fba8149e8fc290';
const documented = {
  sendType: 0,
  sendRequestList: [
    {
      orderSendInfoList: [
        {
          quantity: 1,
          orderSn: '211-21905473070712792',
          parentOrderSn: 'PO-211-21905452099192792',
          goodsId: 601099548666279,
          skuId: 17592352673534,
        },
      ],
      carrierId: '699272611',
      trackingNumber: '270324232756',
    },
  ],
  access_token: '2nifvmpyymvypwmcms5ct4uqqudrwgpmzbcnmkt1jzjkuaf3x56iixym',
  app_key: 'f9d5cc9313893a20d5aa85c654e8f503',
  data_type: 'JSON',
  timestamp: 1711009072,
  type: 'bg.logistics.shipment.confirm',
};

describe('signing (docs/temu-api.md §3)', () => {
  it('reproduces the documented example signature', () => {
    expect(computeSign(documented, secret)).toBe('4CCF219942D4180C6DDA3CE36C1B838F');
  });

  it('does not depend on the order of top-level keys', () => {
    const reversed = Object.fromEntries(Object.entries(documented).reverse());
    expect(computeSign(reversed, secret)).toBe('4CCF219942D4180C6DDA3CE36C1B838F');
  });

  it('depends on the order of nested keys, because the sign covers the body exactly as sent', () => {
    const [first] = documented.sendRequestList;
    const reordered = {
      ...documented,
      sendRequestList: [
        {
          trackingNumber: first!.trackingNumber,
          carrierId: first!.carrierId,
          orderSendInfoList: first!.orderSendInfoList,
        },
      ],
    };
    expect(computeSign(reordered, secret)).not.toBe('4CCF219942D4180C6DDA3CE36C1B838F');
  });

  it('sends a body whose parameters and sign are exactly the signed ones', () => {
    const { body, sign } = signRequestBody(documented, secret);
    expect(sign).toBe('4CCF219942D4180C6DDA3CE36C1B838F');
    const parsed = parseWireJson(body) as Record<string, unknown>;
    expect(parsed.sign).toBe(sign);
    const { sign: _sign, ...rest } = parsed;
    expect(computeSign(rest, secret)).toBe(sign);
    expect(body).toContain(
      '"sendRequestList":[{"orderSendInfoList":[{"quantity":1,"orderSn":"211-21905473070712792"',
    );
  });

  it('drops null and undefined parameters from body and sign alike', () => {
    const withNulls = { ...documented, regionId: null, pageSize: undefined };
    const { body, sign } = signRequestBody(withNulls, secret);
    expect(sign).toBe('4CCF219942D4180C6DDA3CE36C1B838F');
    expect(body).not.toContain('regionId');
    expect(body).not.toContain('pageSize');
  });

  it('writes bigint ids beyond 2^53 exactly and signs the same digits', () => {
    const big = 841290702659608576n;
    const { body } = signRequestBody({ channelId: big, type: 't' }, secret);
    expect(body).toContain('"channelId":841290702659608576');
    expect(computeSign({ channelId: big, type: 't' }, secret)).toBe(
      computeSign({ channelId: '841290702659608576', type: 't' }, secret),
    );
  });

  it('signs strings in their JSON-escaped form without quotes, like the official references', () => {
    const expected = createHash('md5')
      .update(`${secret}notesay \\"hi\\" & byetypet${secret}`, 'utf8')
      .digest('hex')
      .toUpperCase();
    expect(computeSign({ note: 'say "hi" & bye', type: 't' }, secret)).toBe(expected);
  });
});
