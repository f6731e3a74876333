import { z } from 'zod';
import { ControlError, parseInput } from './control-error.js';
import type { ControlRoute } from './route.js';
import { fullSales, FULL_SALES_DAYS, FULL_SALES_START, FULL_WAREHOUSE_GROUPS } from '../data/full-sales.js';

const daySchema = z.object({ day: z.number().int().min(0).max(FULL_SALES_DAYS) });

const seriesSchema = z.object({
  sellerSku: z.string().min(1),
  warehouseGroupId: z.number().int(),
  /** Replaces the daily history (padded with zeros / cut to the history length). */
  daily: z.array(z.number().int().min(0)).optional(),
  onHand: z.number().int().min(0).optional(),
  inTransit: z.number().int().min(0).optional(),
});

/** The fully-managed sales history: which day "now" is, and per-series overrides for hand-worked tests. */
export const fullSalesRoutes: ControlRoute[] = [
  {
    method: 'GET',
    path: 'full-sales',
    handle: ({ runtime }) => {
      const model = fullSales(runtime.state);
      return {
        startDate: FULL_SALES_START,
        historyDays: FULL_SALES_DAYS,
        day: model.day,
        warehouseGroups: FULL_WAREHOUSE_GROUPS,
        series: model.series,
      };
    },
  },
  {
    method: 'POST',
    path: 'full-sales',
    handle: ({ runtime, body }) => {
      const { day } = parseInput(daySchema, body);
      fullSales(runtime.state).day = day;
      return { day };
    },
  },
  {
    method: 'POST',
    path: 'full-sales/series',
    handle: ({ runtime, body }) => {
      const input = parseInput(seriesSchema, body);
      const series = fullSales(runtime.state).series.find(
        (s) => s.sellerSku === input.sellerSku && s.warehouseGroupId === input.warehouseGroupId,
      );
      if (!series)
        throw new ControlError(
          404,
          `no series for ${input.sellerSku} in warehouse group ${input.warehouseGroupId}; the catalogue's SKUs × ${FULL_WAREHOUSE_GROUPS.map((g) => g.warehouseGroupId).join('/')}`,
        );
      if (input.daily) series.daily = Array.from({ length: FULL_SALES_DAYS }, (_, i) => input.daily![i] ?? 0);
      if (input.onHand !== undefined) series.onHand = input.onHand;
      if (input.inTransit !== undefined) series.inTransit = input.inTransit;
      return series;
    },
  },
];
