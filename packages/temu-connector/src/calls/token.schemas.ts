import { z } from 'zod';
import { optionalInt, temuId } from './shared.schemas.js';

/** Shared by token create and info (docs/temu-api.md §7.2, §7.4). `expiredTime` is UNIX seconds. */
export const tokenFields = {
  mallId: temuId,
  regionId: optionalInt,
  /** 1 SEMI, 100 LOCAL (docs/temu-api.md §1.3). */
  mallType: optionalInt,
  expiredTime: z.number().int().positive(),
  apiScopeList: z.array(z.string()),
  appSubscribeEventCodeList: z.array(z.string()).nullish(),
  /** 0 pushing normally, 1 pushing stopped (e.g. callback errors). */
  appSubscribeStatus: optionalInt,
  authEventCodeList: z
    .array(z.object({ eventCode: z.string(), permitsStatus: z.union([z.number(), z.boolean()]).nullish() }))
    .nullish(),
};
