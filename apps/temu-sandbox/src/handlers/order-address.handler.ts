import { ApiError, BUSINESS, GATEWAY_ERRORS } from '../error-codes.js';
import { addressView } from './address.view.js';
import type { Handler } from './handler.js';
import { findParent } from './orders.handler.js';
import { Params } from './params.js';

/** Successful address reads allowed per order per day per app key (docs/temu-api.md §6, SEMI docs/temu-api.md §8). */
export const ADDRESS_QUOTA_PER_DAY = 6;

/** bg.order.shippinginfo.v2.get: masked receiver address (docs/temu-api.md §8.5). */
export const shippingInfo: Handler = ({ state, body, caller, nowMs }) => {
  const p = new Params(body, GATEWAY_ERRORS.BAD_PARAMS[0]);
  const parent = findParent(state, p, BUSINESS.ADDRESS_INVALID_PARAM);
  // Addresses are released once the order is confirmed and withheld for cancelled orders [C1 SEMI].
  if (parent.status === 1 || parent.status === 3) {
    throw new ApiError(
      BUSINESS.ADDRESS_INVALID_PARAM,
      `address of ${parent.parentOrderSn} is not available in order status ${parent.status}`,
    );
  }
  const day = new Date(nowMs).toISOString().slice(0, 10);
  const key = `${caller.appKey}|${parent.parentOrderSn}|${day}`;
  const used = state.addressQuota.get(key) ?? 0;
  if (used >= ADDRESS_QUOTA_PER_DAY) {
    throw new ApiError(
      BUSINESS.ADDRESS_QUOTA_EXCEEDED,
      `shipping info of ${parent.parentOrderSn} was already read ${ADDRESS_QUOTA_PER_DAY} times today by this app; cache it`,
    );
  }
  state.addressQuota.set(key, used + 1);
  const a = parent.address;
  return {
    ...addressView(a),
    taxCode: null,
    taxCodeType: null,
    nationalAddress: null,
    addressExtra: {
      firstName: a.firstName,
      lastName: a.lastName,
      additionalFirstName: null,
      additionalLastName: null,
      contactlessDropPoint: null,
    },
    warning: { isRestriction: false, reason: null },
  };
};
