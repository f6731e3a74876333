import type { ShopConfig } from '@temu-odoo/config';

/**
 * Which configured shop a verified webhook belongs to, by Temu's shop identity (the event's mall
 * id): the shop whose `mallId` (or, lacking one, whose shop id) equals it. A lone shop on the app key
 * without a configured mall id takes its events (nothing to tell apart). Otherwise no match is no
 * shop — never silently the first one — and the caller refuses the event.
 */
export function shopForWebhook(candidates: ShopConfig[], eventMallId: string | null): ShopConfig | null {
  if (eventMallId !== null) {
    const match = candidates.find((s) => (s.mallId ?? s.shopId) === eventMallId);
    if (match) return match;
  }
  if (candidates.length === 1 && candidates[0]!.mallId === undefined) return candidates[0]!;
  return null;
}
