import { z } from 'zod';
import { defineCall } from '../client/call-definition.js';
import { temuId } from './shared.schemas.js';
import { tokenFields } from './token.schemas.js';

/**
 * `bg.open.accesstoken.create` (docs/temu-api.md §7.2): exchange a one-time authorisation code (10 minutes)
 * for the shop's access token. The code is also sent as `access_token` (see authorization.ts).
 */
export const tokenCreateCall = defineCall({
  type: 'bg.open.accesstoken.create',
  request: z.object({ code: z.string().min(1) }),
  response: z.object({
    accessToken: z.string().min(1),
    ...tokenFields,
    associatedMallTokenList: z.array(z.object({ accessToken: z.string(), mallId: temuId })).nullish(),
  }),
});
