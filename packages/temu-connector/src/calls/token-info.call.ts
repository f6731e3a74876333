import { z } from 'zod';
import { defineCall } from '../client/call-definition.js';
import { optionalText } from './shared.schemas.js';
import { tokenFields } from './token.schemas.js';

/** `bg.open.accesstoken.info.get` (docs/temu-api.md §7.4): scopes and expiry of the current token. */
export const tokenInfoCall = defineCall({
  type: 'bg.open.accesstoken.info.get',
  request: z.object({}),
  response: z.object({ ...tokenFields, semiUniqueId: optionalText }),
});
