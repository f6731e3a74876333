import { describe, expect, it } from '@jest/globals';
import { chooseSyncInterval, oversellRate } from '../../src/stock/oversell-monitor.js';
import type { OversellEvent } from '../../src/stock/oversell-monitor.js';

const HOUR = 3_600_000;
const NOW = 1_750_000_000_000;

function events(total: number, oversold: number, atMs = NOW - HOUR): OversellEvent[] {
  return Array.from({ length: total }, (_, i) => ({
    atMs,
    orderRef: `PO-${atMs}-${i}`,
    oversold: i < oversold,
  }));
}

describe('oversellRate', () => {
  it('divides oversold orders by orders in the trailing window', () => {
    expect(oversellRate(events(200, 3), NOW, 24 * HOUR)).toEqual({ rate: 0.015, orders: 200, oversold: 3 });
  });

  it('ignores events outside (now − window, now]', () => {
    const all = [...events(100, 0), ...events(10, 10, NOW - 25 * HOUR), ...events(5, 5, NOW + 1)];
    expect(oversellRate(all, NOW, 24 * HOUR)).toEqual({ rate: 0, orders: 100, oversold: 0 });
  });

  it('counts an order once, oversold if any of its events says so', () => {
    const e: OversellEvent[] = [
      { atMs: NOW - 10, orderRef: 'A', oversold: false },
      { atMs: NOW - 5, orderRef: 'A', oversold: true },
      { atMs: NOW - 5, orderRef: 'B', oversold: false },
    ];
    expect(oversellRate(e, NOW, HOUR)).toEqual({ rate: 0.5, orders: 2, oversold: 1 });
  });

  it('is 0 with no orders', () => {
    expect(oversellRate([], NOW, HOUR)).toEqual({ rate: 0, orders: 0, oversold: 0 });
  });
});

describe('chooseSyncInterval', () => {
  const base = { normalMinutes: 15, nearRealTimeMinutes: 4 };

  it('switches to near-real-time above 1% and says it changed', () => {
    expect(chooseSyncInterval({ ...base, rate: 0.015, currentMode: 'normal' })).toEqual({
      mode: 'near_real_time',
      intervalMinutes: 4,
      changed: true,
    });
  });

  it('stays normal at exactly 1%', () => {
    expect(chooseSyncInterval({ ...base, rate: 0.01, currentMode: 'normal' })).toEqual({
      mode: 'normal',
      intervalMinutes: 15,
      changed: false,
    });
  });

  it('holds near-real-time between the thresholds (hysteresis)', () => {
    expect(chooseSyncInterval({ ...base, rate: 0.007, currentMode: 'near_real_time' })).toEqual({
      mode: 'near_real_time',
      intervalMinutes: 4,
      changed: false,
    });
  });

  it('returns to normal below the exit threshold', () => {
    expect(chooseSyncInterval({ ...base, rate: 0.004, currentMode: 'near_real_time' })).toEqual({
      mode: 'normal',
      intervalMinutes: 15,
      changed: true,
    });
  });

  it('honours custom thresholds and rejects an exit above the entry', () => {
    expect(
      chooseSyncInterval({ ...base, rate: 0.03, currentMode: 'normal', enterThreshold: 0.05 }).mode,
    ).toBe('normal');
    expect(() =>
      chooseSyncInterval({ ...base, rate: 0, currentMode: 'normal', exitThreshold: 0.02 }),
    ).toThrow('exitThreshold 0.02 must not be above enterThreshold 0.01');
  });
});
