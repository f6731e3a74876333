/**
 * Page-number pagination (Temu has no cursors, §15.3): fetch page 1, 2, … until a short or empty
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
