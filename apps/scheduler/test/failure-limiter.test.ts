import { describe, expect, it } from '@jest/globals';
import { FailureLimiter } from '../src/failure-limiter.js';

/** The brake on rejected webhooks, on a clock the test moves by hand. */
describe('FailureLimiter', () => {
  const make = (over: Partial<ConstructorParameters<typeof FailureLimiter>[0]> = {}) => {
    const clock = { now: 0 };
    const limiter = new FailureLimiter({
      perAddress: 2,
      total: 5,
      windowMs: 1_000,
      now: () => clock.now,
      ...over,
    });
    return { clock, limiter };
  };

  it('lets an address fail up to its limit, then says how long until its oldest failure expires', () => {
    const { clock, limiter } = make();
    limiter.recordFailure('a');
    clock.now = 300;
    expect(limiter.retryAfterMs('a')).toBe(0);
    limiter.recordFailure('a');
    // Failures at 0 and 300, window 1000: the one at 0 leaves the window at 1000, 700 ms from now.
    expect(limiter.retryAfterMs('a')).toBe(700);
    expect(limiter.retryAfterMs('b')).toBe(0);
    clock.now = 1_000;
    expect(limiter.retryAfterMs('a')).toBe(0);
  });

  it('stops everyone when all addresses together reach the total (many addresses, one attacker)', () => {
    const { clock, limiter } = make();
    for (const address of ['a', 'b', 'c', 'd', 'e']) limiter.recordFailure(address);
    expect(limiter.retryAfterMs('fresh')).toBe(1_000);
    clock.now = 1_000;
    expect(limiter.retryAfterMs('fresh')).toBe(0);
  });

  it('remembers at most maxTracked addresses, forgetting the oldest first', () => {
    const { limiter } = make({ maxTracked: 2, total: 100 });
    limiter.recordFailure('old');
    limiter.recordFailure('old');
    expect(limiter.retryAfterMs('old')).toBe(1_000);
    limiter.recordFailure('x');
    limiter.recordFailure('y');
    // 'old' was pushed out by x and y: its failures are forgotten (memory stays bounded).
    expect(limiter.retryAfterMs('old')).toBe(0);
  });
});
