import { DEFAULT_RETURN_POLICY, IntegrationError } from '@temu-odoo/core';
import type { ReturnPolicy, ReturnsErpPort, ReturnsMarketplacePort } from '@temu-odoo/core';
import { OpenReturnCases } from '@temu-odoo/queues';
import { shopOf, type ShopContext, type WorkerDeps } from '../worker-deps.js';
import { LabelPurchases } from './label-purchases.js';

export interface ReturnsContext {
  shop: ShopContext;
  market: ReturnsMarketplacePort;
  returnsErp: ReturnsErpPort;
  open: OpenReturnCases;
  policy: ReturnPolicy;
  /** What the worker recorded of each case's bought return label. */
  labelPurchases: LabelPurchases;
}

/** What the returns processors need for one shop; a fleet built without it is a configuration error. */
export function returnsOf(deps: WorkerDeps, shopId: string): ReturnsContext {
  const shop = shopOf(deps, shopId);
  if (!shop.returns || !deps.returnsErp)
    throw new IntegrationError(
      `after-sales ports are not wired for shop ${shopId} (buildWorkerDeps: returnsErp, TemuMarketplace)`,
      { kind: 'credentials', code: 'ERR_RETURNS_NOT_CONFIGURED' },
    );
  return {
    shop,
    market: shop.returns,
    returnsErp: deps.returnsErp,
    open: new OpenReturnCases(deps.redis, deps.prefix),
    policy: {
      ...(deps.settings.returnPolicy ?? DEFAULT_RETURN_POLICY),
      // Labels are bought only with a provider configured and a marketplace that gives the address.
      buyReturnLabels: !!deps.returnLabels && !!shop.returns.getReturnLabelAddress,
    },
    labelPurchases: new LabelPurchases(deps.redis, deps.prefix),
  };
}

/** Deterministic job ids: one sync per case version, one booking per case step. */
export const returnsSyncJobId = (shopId: string, caseRef: string, version: string | number) =>
  `returns.sync.${shopId}.${caseRef}.${version}`;
export const returnsBookJobId = (shopId: string, caseRef: string, action: string) =>
  `returns.book.${shopId}.${caseRef}.${action}`;
