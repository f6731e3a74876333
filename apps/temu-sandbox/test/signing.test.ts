import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { stringify } from 'lossless-json';
import {
  buildSignString,
  computeSign,
  decryptEventData,
  encryptEventData,
  signWebhook,
  startTemuSandbox,
  webhookSignatureBase,
  type RunningTemuSandbox,
} from '../src/index.js';
import { TestClient, testSign } from './helpers.js';

// docs/temu-api.md §3.3: the documented worked example.
const SECRET = 'c7e0a1a63542be4de3cb5488f9fba8149e8fc290';
const EXAMPLE = {
  access_token: '2nifvmpyymvypwmcms5ct4uqqudrwgpmzbcnmkt1jzjkuaf3x56iixym',
  app_key: 'f9d5cc9313893a20d5aa85c654e8f503',
  data_type: 'JSON',
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
  sendType: 0,
  timestamp: 1711009072,
  type: 'bg.logistics.shipment.confirm',
};
const DOCUMENTED_SIGN = '4CCF219942D4180C6DDA3CE36C1B838F';

describe('request signing (docs/temu-api.md §3)', () => {
  it('reproduces the documented example with the sandbox signer and with the test signer', () => {
    expect(computeSign(EXAMPLE, SECRET)).toBe(DOCUMENTED_SIGN);
    expect(testSign(EXAMPLE, SECRET)).toBe(DOCUMENTED_SIGN);
    expect(buildSignString(EXAMPLE, SECRET)).toBe(
      `${SECRET}access_token${EXAMPLE.access_token}app_key${EXAMPLE.app_key}data_typeJSONsendRequestList[{"orderSendInfoList":[{"quantity":1,"orderSn":"211-21905473070712792","parentOrderSn":"PO-211-21905452099192792","goodsId":601099548666279,"skuId":17592352673534}],"carrierId":"699272611","trackingNumber":"270324232756"}]sendType0timestamp1711009072typebg.logistics.shipment.confirm${SECRET}`,
    );
  });

  it('signs nested JSON in body order: re-ordered keys give another sign', () => {
    const reordered = {
      ...EXAMPLE,
      sendRequestList: [
        {
          trackingNumber: '270324232756',
          carrierId: '699272611',
          orderSendInfoList: EXAMPLE.sendRequestList[0]!.orderSendInfoList,
        },
      ],
    };
    expect(computeSign(reordered, SECRET)).not.toBe(DOCUMENTED_SIGN);
  });

  describe('over HTTP', () => {
    let sandbox: RunningTemuSandbox;
    beforeAll(async () => {
      sandbox = await startTemuSandbox({
        port: 0,
        appKey: EXAMPLE.app_key,
        appSecret: SECRET,
        accessToken: EXAMPLE.access_token,
        orderCount: 0,
      });
    });
    afterAll(() => sandbox.close());

    it('accepts the documented signature: the call gets past sign to the timestamp check (3000012)', async () => {
      const client = new TestClient(sandbox.url, {
        appKey: EXAMPLE.app_key,
        appSecret: SECRET,
        accessToken: EXAMPLE.access_token,
      });
      const answer = await client.raw(stringify({ ...EXAMPLE, sign: DOCUMENTED_SIGN })!);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ success: false, errorCode: 3000012 });
      const tampered = await client.raw(stringify({ ...EXAMPLE, sendType: 1, sign: DOCUMENTED_SIGN })!);
      expect(tampered.body.errorCode).toBe(3000001);
    });
  });
});

describe('webhook crypto (docs/temu-api.md §14.2 vectors)', () => {
  it('decrypts the documented sample', () => {
    expect(decryptEventData('sQmNTAKR2o4HrmCO3OchFgGyJU5Qta57+JQxxgVyVPU=', '12345678abcdefgh')).toBe(
      '{"orderSn":"XXYYZZ","status":1}',
    );
    expect(encryptEventData('{"orderSn":"XXYYZZ","status":1}', '12345678abcdefgh')).toBe(
      'sQmNTAKR2o4HrmCO3OchFgGyJU5Qta57+JQxxgVyVPU=',
    );
  });

  it('reproduces the documented signature base string and HMAC', () => {
    const headers = {
      'x-tm-app-key': 'demo-test-app',
      'x-tm-event-code': 'bg_test_event',
      'x-tm-timestamp': '1726127013525',
      'x-tm-ext-param': '{}',
    };
    const json = '{"orderSn":"XXYYZZ","status":1}';
    expect(webhookSignatureBase(headers, json)).toBe(
      'eventData{"orderSn":"XXYYZZ","status":1}x-tm-app-keydemo-test-appx-tm-event-codebg_test_eventx-tm-ext-param{}x-tm-timestamp1726127013525',
    );
    expect(signWebhook(headers, json, '12345678abcdefgh')).toBe(
      'b5143d1a831453afbcf76d4621baa74a2dc07a486f26f5a956c6e50c61a338fb',
    );
  });
});
