/** Gateway error codes and their documented messages (docs/temu-api.md §5.1). */
export const GATEWAY_ERRORS = {
  BAD_PARAMS: [3000000, 'BAD_PARAMS'],
  SIGN_INVALID: [3000001, 'sign is invalid, please check your sign calculation'],
  TYPE_MISSING: [3000002, 'there is no type in body.'],
  TYPE_UNKNOWN: [3000003, 'type not exists'],
  TYPE_SUNSET: [
    3000004,
    'type has been sunset, please stop calling this type and change to use another one.',
  ],
  TIMESTAMP_MISSING: [3000010, 'there is no timestamp in body.'],
  TIMESTAMP_INVALID: [3000011, 'timestamp is invalid.'],
  TIMESTAMP_EXPIRED: [3000012, 'timestamp is expired.'],
  DATA_TYPE_MISSING: [3000013, 'there is no data_type in body.'],
  DATA_TYPE_INVALID: [3000014, 'data_type is invalid'],
  APP_KEY_MISSING: [3000025, 'there is no app_key in body.'],
  APP_KEY_UNKNOWN: [3000026, 'app_key not exists.'],
  TOKEN_MISSING: [3000030, 'there is no access_token in body.'],
  TOKEN_UNKNOWN: [3000031, 'access_token not exists.'],
  SCOPE_MISSING: [
    3000032,
    "access_token don't have this api access, please ask for seller to authorize this api in seller center first，and share the new access_token with you.",
  ],
  TOKEN_APP_MISMATCH: [3000033, 'access_token and app_key are not mapping.'],
  TOKEN_EXPIRED: [
    3000034,
    'access_token is expired or have been refreshed, please contact seller to share the new access_token with you.',
  ],
  SIGN_MISSING: [3000040, 'there is no sign in body.'],
  SYSTEM: [4000000, 'SYSTEM_EXCEPTION'],
  RATE_LIMITED: [4000004, 'RATE_LIMIT_EXCEED_EXCEPTION'],
} as const satisfies Record<string, readonly [number, string]>;

export type GatewayErrorName = keyof typeof GATEWAY_ERRORS;

export const SUCCESS_CODE = 1000000;

/** A failed call: becomes `{success:false, errorCode, errorMsg}` in the envelope. */
export class ApiError extends Error {
  constructor(
    readonly errorCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static gateway(name: GatewayErrorName, detail?: string): ApiError {
    const [code, msg] = GATEWAY_ERRORS[name];
    return new ApiError(code, detail ? `${msg} ${detail}` : msg);
  }
}

/** Business error codes used by the handlers (docs/temu-api.md §5.2); sandbox-chosen ones are marked. */
export const BUSINESS = {
  AUTH_CODE_INVALID: 110020002,
  ORDER_NOT_FOUND: 140020002,
  AMOUNT_CALCULATING: 140020008,
  ORDER_TIME_RANGE: 140020012,
  ORDER_PARAM_MISSING: 140020013,
  ORDER_SECONDS_REQUIRED: 140020014,
  ADDRESS_INVALID_PARAM: 180020003,
  /** Sandbox choice [I]: the 6-per-order-per-day address quota has no documented code. */
  ADDRESS_QUOTA_EXCEEDED: 180020010,
  ALREADY_SHIPPED: 120012004,
  PARENT_ORDER_INVALID: 120012007,
  ADDRESSES_DIFFER: 120012015,
  ORDER_INVALID: 120012016,
  ADDRESS_CHANGE_PENDING: 120012023,
  CANCEL_PENDING: 120012030,
  RISK_ALERT_PENDING: 120012031,
  TRACKING_BLANK: 120014001,
  TRACKING_DUPLICATE: 120014003,
  TRACKING_USED: 120014004,
  TRACKING_CARRIER_WRONG: 120014022,
  SUB_PACKAGES_TOO_MANY: 120011098,
  SIGNATURE_SHIP_ALONE: 120015543,
  GOODS_INVALID_PARAMS: 150010003,
  GOODS_MALL_MISMATCH: 150010188,
  STOCK_DUPLICATE_SKU: 150013001,
  STOCK_RANGE: 150013002,
  STOCK_ONE_METHOD: 150013003,
  AFTERSALES_ILLEGAL_PARAM: 130010001,
  AFTERSALES_FULLY_SHIPPED: 130010002,
  AFTERSALES_NOT_FOUND: 130010004,
  AFTERSALES_FORBID: 130010005,
  AFTERSALES_LABEL_INVALID: 130010006,
  AFTERSALES_TRACKING_INVALID: 130010007,
  /** temu.aftersales.returnaddress.get (docs/temu-api.md "Return labels"). */
  RETURN_ADDRESS_REFUND_ONLY: 180021002,
  RETURN_ADDRESS_LABEL_UPLOADED: 180021003,
  RETURN_ADDRESS_NO_LABEL_NEEDED: 180021004,
} as const;

/**
 * Listing codes (docs/temu-api.md, "Listing (issue 15)"): documented for bg.local.goods.add; the two
 * duplicate codes are documented as "duplicate SKU" and reused by the sandbox for outGoodsSn [I].
 */
export const LISTING = {
  CATEGORY_NOT_FOUND: 150010008,
  CATEGORY_NOT_LEAF: 150010124,
  CATEGORY_UNAVAILABLE: 150010042,
  REQUIRED_PROPERTY_MISSING: 150011010,
  SKU_SPEC_EMPTY: 150010017,
  SKU_NONE: 150010016,
  DUPLICATE_OUT_GOODS_SN: 150010090,
  DUPLICATE_SKU: 150010114,
  BASE_PRICE: 150010082,
  CURRENCY_INVALID: 150010084,
  IMAGE_TOO_SMALL: 150011065,
  IMAGE_RATIO: 150011066,
  IMAGE_COUNT: 150010020,
  IMAGE_UPLOAD_FAILED: 150011021,
} as const;
