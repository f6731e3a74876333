import type { z } from 'zod';
import type { TemuCall } from '../client/call-definition.js';
import type { TemuClient, TemuRequestOptions } from '../client/temu-client.js';

/**
 * Page-number pagination (Temu has no cursors, docs/temu-api.md §15.3): fetch page 1, 2, … until a short or empty
 * page or `total` items have been seen. Bounded by `maxPages` so a server that never ends cannot
 * loop forever.
 */
export interface Page<T> {
  items: T[];
  total: number | null;
}

export async function* paginate<T>(
  fetchPage: (page: number) => Promise<Page<T>>,
  pageSize: number,
  maxPages = 10_000,
): AsyncGenerator<T> {
  let seen = 0;
  for (let page = 1; page <= maxPages; page += 1) {
    const { items, total } = await fetchPage(page);
    for (const item of items) yield item;
    seen += items.length;
    if (items.length === 0 || items.length < pageSize) return;
    if (total !== null && seen >= total) return;
  }
}

/**
 * The `pageNo`/`pageSize` listings (goods, SKUs, after-sales, cancellations) paged with `paginate`;
 * `pick` takes the page's items and total out of the call's result.
 */
export function paginateByPageNo<Req extends z.ZodType, Res extends z.ZodType, T>(
  client: TemuClient,
  call: TemuCall<Req, Res>,
  filter: Omit<z.input<Req>, 'pageNo'> & { pageSize?: number },
  pick: (result: z.output<Res>) => Page<T>,
  options?: TemuRequestOptions,
): AsyncGenerator<T> {
  const size = filter.pageSize ?? 100;
  return paginate(async (page) => {
    const params = { ...filter, pageSize: size, pageNo: page } as z.input<Req>;
    return pick(await client.call(call, params, options));
  }, size);
}
