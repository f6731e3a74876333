import { describe, expect, it } from '@jest/globals';
import {
  planLine,
  planReplenishment,
  type ReplenishmentRules,
} from '../../src/forecast/replenishment-plan.js';

const rules: ReplenishmentRules = {
  leadTimeDays: 7,
  safetyDays: 3,
  reviewDays: 14,
  maxCartonsPerShipment: 20,
};
const flat = (perDay: number, days = 30) => Array(days).fill(perDay) as number[];
const TODAY = '2026-06-01';

describe('planLine', () => {
  it('ships the shortfall to lead + review + safety days in whole cartons', () => {
    // Horizon 7 + 14 + 3 = 24 days × 10 = 240 target; position 60 + 40 = 100; shortfall 140;
    // ⌈140 / 24⌉ = 6 cartons = 144 units. Cover: cumulative 10/day stays ≤ 100 through day 10 →
    // 10 days; ship by today + max(0, 10 − 7 − 3) = today; not late (10 ≥ 7).
    const line = planLine(
      { sku: 'A', warehouseId: 'W1', forecast: flat(10), onHand: 60, inTransit: 40, unitsPerCarton: 24 },
      rules,
      TODAY,
    );
    expect(line).toMatchObject({
      target: 240,
      shortfall: 140,
      cartons: 6,
      units: 144,
      daysOfCover: 10,
      shipBy: TODAY,
      late: false,
    });
  });

  it('ships nothing when stock covers the target, and says when to look again', () => {
    // Target 24 × 5 = 120 < 200 on hand → nothing. Cover: 200 / 5 = 40 days, but the forecast
    // is 30 days long → 30; ship by today + 30 − 7 − 3 = 20 days → 2026-06-21.
    const line = planLine(
      { sku: 'B', warehouseId: 'W1', forecast: flat(5), onHand: 200, inTransit: 0, unitsPerCarton: 10 },
      rules,
      TODAY,
    );
    expect(line).toMatchObject({ target: 120, shortfall: -80, cartons: 0, units: 0, shipBy: '2026-06-21' });
  });

  it('flags a line that runs out before a shipment sent today can land', () => {
    // 30 on hand at 10/day = 3 days of cover < 7 days lead time → late; 210 short → 21 cartons of 10.
    const line = planLine(
      { sku: 'C', warehouseId: 'W1', forecast: flat(10), onHand: 30, inTransit: 0, unitsPerCarton: 10 },
      rules,
      TODAY,
    );
    expect(line).toMatchObject({ cartons: 21, units: 210, daysOfCover: 3, late: true, shipBy: TODAY });
  });

  it('names the item and the rule when input is bad', () => {
    expect(() =>
      planLine(
        { sku: 'X', warehouseId: 'W9', forecast: flat(1), onHand: 0, inTransit: 0, unitsPerCarton: 0 },
        rules,
        TODAY,
      ),
    ).toThrow('X @ W9: unitsPerCarton must be a whole number ≥ 1, got 0');
    expect(() =>
      planLine(
        { sku: 'X', warehouseId: 'W9', forecast: flat(1, 5), onHand: 0, inTransit: 0, unitsPerCarton: 1 },
        rules,
        TODAY,
      ),
    ).toThrow('X @ W9: forecast covers 5 days, the plan needs 24');
  });
});

describe('planReplenishment', () => {
  it('packs lines most urgent first into shipments of at most 20 cartons, splitting a big line', () => {
    // W1: A 6 cartons, C 21 cartons, D (2/day, 20 on hand, 12 a carton: target 48, short 28 →
    // 3 cartons) — all ship today, packed in SKU order: shipment 1 = A 6 + C 14 = 20;
    // shipment 2 = C 7 + D 3 = 10. W2: E alone (10/day, 200 on hand: target 240, short 40 →
    // 2 cartons of 24; cover 20 days → ship by today + 20 − 10 = 2026-06-11).
    const plan = planReplenishment(
      [
        { sku: 'C', warehouseId: 'W1', forecast: flat(10), onHand: 30, inTransit: 0, unitsPerCarton: 10 },
        { sku: 'A', warehouseId: 'W1', forecast: flat(10), onHand: 60, inTransit: 40, unitsPerCarton: 24 },
        { sku: 'D', warehouseId: 'W1', forecast: flat(2), onHand: 20, inTransit: 0, unitsPerCarton: 12 },
        { sku: 'E', warehouseId: 'W2', forecast: flat(10), onHand: 200, inTransit: 0, unitsPerCarton: 24 },
      ],
      rules,
      TODAY,
    );
    expect(plan.shipments).toEqual([
      {
        shipmentId: 'W1-2026-06-01-1',
        warehouseId: 'W1',
        shipBy: TODAY,
        cartons: 20,
        units: 144 + 140,
        volumeM3: null,
        lines: [
          { sku: 'A', cartons: 6, units: 144 },
          { sku: 'C', cartons: 14, units: 140 },
        ],
      },
      {
        shipmentId: 'W1-2026-06-01-2',
        warehouseId: 'W1',
        shipBy: TODAY,
        cartons: 10,
        units: 70 + 36,
        volumeM3: null,
        lines: [
          { sku: 'C', cartons: 7, units: 70 },
          { sku: 'D', cartons: 3, units: 36 },
        ],
      },
      {
        shipmentId: 'W2-2026-06-01-1',
        warehouseId: 'W2',
        shipBy: '2026-06-11',
        cartons: 2,
        units: 48,
        volumeM3: null,
        lines: [{ sku: 'E', cartons: 2, units: 48 }],
      },
    ]);
  });

  it('respects a volume cap per shipment', () => {
    // A: 6 cartons of 0.3 m³, cap 1.0 m³ → ⌊1.0 / 0.3⌋ = 3 cartons (0.9 m³) per shipment → 3 + 3.
    const plan = planReplenishment(
      [
        {
          sku: 'A',
          warehouseId: 'W1',
          forecast: flat(10),
          onHand: 60,
          inTransit: 40,
          unitsPerCarton: 24,
          cartonVolumeM3: 0.3,
        },
      ],
      { ...rules, maxVolumeM3PerShipment: 1 },
      TODAY,
    );
    expect(plan.shipments.map((s) => [s.cartons, s.volumeM3])).toEqual([
      [3, 0.9],
      [3, 0.9],
    ]);
  });
});
