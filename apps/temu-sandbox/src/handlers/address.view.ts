import type { Address } from '../data/model.js';

/**
 * A receiver address as Temu's address reads return it (docs/temu-api.md §8.5): the shape shared by
 * the order's shipping info and the after-sales return address; fields the sandbox does not model
 * are null or empty, as Temu leaves them.
 */
export function addressView(a: Address) {
  return {
    receiptName: a.receiptName,
    receiptAdditionalName: null,
    mobile: a.mobile,
    backupMobile: null,
    mail: a.mail,
    regionName1: a.regionName1,
    regionName2: a.regionName2,
    regionName3: a.regionName3,
    regionName4: null,
    addressLine1: a.addressLine1,
    addressLine2: a.addressLine2,
    addressLine3: '',
    addressLineAll: [a.addressLine1, a.addressLine2, a.regionName3, a.regionName2, a.postCode, a.regionName1]
      .filter(Boolean)
      .join(', '),
    postCode: a.postCode,
  };
}
