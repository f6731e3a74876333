import { describe, expect, it } from '@jest/globals';
import {
  addDays,
  dayNumber,
  forecastDemand,
  naiveForecast,
  weekdayIndex,
} from '../../src/forecast/demand-forecast.js';
import { tallyError, wape, wapePercent } from '../../src/forecast/forecast-error.js';

describe('forecastDemand', () => {
  it('a flat 5 a day forecasts 5 a day (index 1, no trend)', () => {
    const f = forecastDemand({ startDate: '2026-01-01', values: Array(28).fill(5) }, 3);
    expect(f.startDate).toBe('2026-01-29');
    expect(f.level).toBeCloseTo(5, 9);
    expect(f.trendPerDay).toBeCloseTo(0, 9);
    expect(f.daily.map((d) => Number(d.toFixed(9)))).toEqual([5, 5, 5]);
  });

  it('learns the weekday pattern', () => {
    // 2026-01-04 is a Sunday. Sundays and Saturdays sell 10, weekdays 5: a week sells 45, an average
    // day 45/7. Every 7-day window holds one of each weekday, so each day's ratio to the 7 days
    // around it is 10/(45/7) = 70/45 on weekends and 35/45 on weekdays; indices average 1 already.
    // Adjusted days are all 45/7 → level 45/7, trend 0 → Sunday 45/7 × 70/45 = 10, Monday 5.
    const week = [10, 5, 5, 5, 5, 5, 10];
    const values = Array.from({ length: 28 }, (_, i) => week[i % 7]!);
    const idx = weekdayIndex({ startDate: '2026-01-04', values });
    expect(idx[0]).toBeCloseTo(70 / 45, 9);
    expect(idx[1]).toBeCloseTo(35 / 45, 9);
    const f = forecastDemand({ startDate: '2026-01-04', values }, 7);
    expect(f.startDate).toBe('2026-02-01'); // a Sunday again
    expect(f.level).toBeCloseTo(45 / 7, 9);
    expect(f.trendPerDay).toBeCloseTo(0, 9);
    f.daily.forEach((d, i) => expect(d).toBeCloseTo(week[i]!, 9));
  });

  it('follows a straight-line trend, then holds it after the trend horizon', () => {
    // y = 10 + i for i = 0..27. A centred 7-day mean of a straight line is the line itself, so
    // every ratio is 1 → index 1. Level = mean = 10 + 13.5 = 23.5 at the middle x = 13.5,
    // slope 1. Day 28 → 23.5 + (28 − 13.5) = 38; day 29 → 39. With trendHorizonDays 2, day
    // 28 + 5 is read at 28 + 2 = 30 → 40.
    const values = Array.from({ length: 28 }, (_, i) => 10 + i);
    const f = forecastDemand({ startDate: '2026-03-01', values }, 6, { trendHorizonDays: 2 });
    expect(f.level).toBeCloseTo(23.5, 9);
    expect(f.trendPerDay).toBeCloseTo(1, 9);
    expect(f.daily[0]).toBeCloseTo(38, 9);
    expect(f.daily[1]).toBeCloseTo(39, 9);
    expect(f.daily[5]).toBeCloseTo(40, 9);
  });

  it('never forecasts below zero', () => {
    // y = 27 − i falls to 0: slope −1, level 13.5 at x = 13.5 → day 28 would be 13.5 − 14.5 = −1 → 0.
    const values = Array.from({ length: 28 }, (_, i) => 27 - i);
    const f = forecastDemand({ startDate: '2026-03-01', values }, 2);
    expect(f.daily).toEqual([0, 0]);
  });

  it('no sales at all: index 1 and zero forecast', () => {
    const f = forecastDemand({ startDate: '2026-03-01', values: Array(30).fill(0) }, 2);
    expect(f.weekdayIndex).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(f.daily).toEqual([0, 0]);
  });

  it('refuses a bad date naming it', () => {
    expect(() => dayNumber('2026-02-30')).toThrow('expected a date YYYY-MM-DD, got "2026-02-30"');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('naiveForecast', () => {
  it('repeats the mean of the last N days', () => {
    // Last 3 of [1, 2, 3, 4, 8] = 3, 4, 8 → mean 5.
    expect(naiveForecast({ startDate: '2026-01-01', values: [1, 2, 3, 4, 8] }, 2, 3)).toEqual([5, 5]);
  });
});

describe('WAPE', () => {
  it('weighs errors by volume and counts zero days', () => {
    // |0−2| + |10−8| + |10−10| = 4 over 0 + 10 + 10 = 20 sold → 20 %.
    expect(wape([0, 10, 10], [2, 8, 10])).toBeCloseTo(20, 9);
  });

  it('sums over several series before dividing', () => {
    // Series 1: error 5 on 10 sold; series 2: error 5 on 90 sold → 10 / 100 = 10 %.
    const t = tallyError([10], [15]);
    tallyError([90], [85], t);
    expect(wapePercent(t)).toBeCloseTo(10, 9);
  });

  it('is null when nothing was sold, and refuses unequal lengths', () => {
    expect(wape([0, 0], [1, 1])).toBeNull();
    expect(() => wape([1], [1, 2])).toThrow('actual has 1 days, forecast 2');
  });
});
