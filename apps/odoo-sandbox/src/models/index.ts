import type { ModelDef } from '../model-types.js';
import { accountJournal, accountMove, accountMoveLine, accountTax } from './account-move.model.js';
import {
  accountAccount,
  accountFiscalPosition,
  accountFiscalPositionTax,
  accountTaxGroup,
  accountTaxRepartitionLine,
} from './account-tax.models.js';
import {
  accountPayment,
  accountPaymentMethodLine,
  accountPaymentRegister,
} from './account-payment.models.js';
import {
  deliveryCarrier,
  productPricelist,
  resCompany,
  resCountry,
  resCountryState,
  resCurrency,
  resCurrencyRate,
  resUsers,
  uomUom,
} from './base.models.js';
import { irModuleModule } from './ir-module.model.js';
import { productCategory, productProduct, productTemplate } from './product.model.js';
import { resPartner } from './res-partner.model.js';
import { saleOrderLine } from './sale-order-line.model.js';
import { saleOrder } from './sale-order.model.js';
import { saleAdvancePaymentInv, saleOrderCancel } from './sale-wizards.models.js';
import { stockPickingType, stockLocation, stockWarehouse } from './stock-location.models.js';
import { stockMove, stockMoveLine } from './stock-move.model.js';
import { stockPicking } from './stock-picking.model.js';
import { stockLot, stockQuant } from './stock-quant.model.js';
import {
  confirmStockSms,
  stockBackorderConfirmation,
  stockBackorderConfirmationLine,
  stockImmediateTransfer,
  stockReturnPicking,
  stockReturnPickingLine,
} from './stock-wizards.models.js';
import { STUB_MODELS } from './stub.models.js';
import { productPricelistItem } from './pricelist-item.model.js';
import { accountBankStatementLine } from './account-bank-statement.model.js';
import { irModelData, resGroups } from './res-groups.models.js';
import { accountMoveReversal } from './account-reversal.model.js';
import { stockScrap, stockWarnInsufficientQtyScrap } from './stock-scrap.model.js';
import {
  productAttribute,
  productAttributeValue,
  productTemplateAttributeLine,
  productTemplateAttributeValue,
} from './product-attribute.models.js';
import { irModel, mailActivity, mailActivityType } from './mail-activity.models.js';
import { productImage } from './product-image.model.js';
import { irAttachment } from './ir-attachment.model.js';

/** Every model the sandbox serves (docs/odoo-api.md §2; issue 4 list). */
export const MODELS: ModelDef[] = [
  resPartner,
  resUsers,
  resCompany,
  resCountry,
  resCountryState,
  resCurrency,
  resCurrencyRate,
  uomUom,
  productPricelist,
  deliveryCarrier,
  irModuleModule,
  productTemplate,
  productProduct,
  productCategory,
  productImage,
  stockWarehouse,
  stockLocation,
  stockPickingType,
  stockQuant,
  stockLot,
  stockMove,
  stockMoveLine,
  stockPicking,
  stockBackorderConfirmation,
  stockBackorderConfirmationLine,
  stockImmediateTransfer,
  confirmStockSms,
  stockReturnPicking,
  stockReturnPickingLine,
  saleOrder,
  saleOrderLine,
  saleAdvancePaymentInv,
  saleOrderCancel,
  accountMove,
  accountMoveLine,
  accountJournal,
  accountTax,
  accountTaxGroup,
  accountTaxRepartitionLine,
  accountAccount,
  accountFiscalPosition,
  accountFiscalPositionTax,
  accountPayment,
  accountPaymentRegister,
  accountPaymentMethodLine,
  accountBankStatementLine,
  resGroups,
  irModelData,
  ...STUB_MODELS,
  productPricelistItem,
  accountMoveReversal,
  stockScrap,
  stockWarnInsufficientQtyScrap,
  productAttribute,
  productAttributeValue,
  productTemplateAttributeLine,
  productTemplateAttributeValue,
  irModel,
  mailActivityType,
  mailActivity,
  irAttachment,
];
