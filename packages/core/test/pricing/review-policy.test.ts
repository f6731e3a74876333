import { describe, expect, it } from '@jest/globals';
import { answerCounterOffer } from '../../src/pricing/review-policy.js';

describe('answerCounterOffer', () => {
  it('accepts at or above the floor, refuses or negotiates below', () => {
    // floor 19.08: 19.50 and exactly 19.08 keep the minimum margin; 18.00 does not
    expect(answerCounterOffer(1950, 1908)).toEqual({ action: 'accept' });
    expect(answerCounterOffer(1908, 1908)).toEqual({ action: 'accept' });
    expect(answerCounterOffer(1800, 1908)).toMatchObject({ action: 'refuse' });
    expect(answerCounterOffer(1800, 1908, 'negotiate')).toMatchObject({
      action: 'negotiate',
      priceMinor: 1908,
    });
  });
});
