import type { ErpActivityPort } from '@temu-odoo/core';
import type { OdooConnection } from '../odoo-connection.js';

const SALE_ORDER = 'sale.order';

/**
 * Activities on sale orders (docs/odoo-api.md "Activities"): `mail.activity` rows with
 * `res_model_id` = the `ir.model` id of sale.order, `res_id` = the order, type To-Do, a date
 * deadline and `user_id`; `action_feedback` marks one done (Odoo deletes it and posts a message).
 * Batched: one search for the orders, one for their open activities, one create, one feedback.
 */
export class OdooActivities implements ErpActivityPort {
  #modelId: number | null = null;
  #todoTypeId: number | null | undefined;

  constructor(
    private readonly conn: OdooConnection,
    private readonly chunkSize = 200,
  ) {}

  async scheduleOrderActivities(
    activities: Parameters<ErpActivityPort['scheduleOrderActivities']>[0],
  ): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < activities.length; i += this.chunkSize) {
      const page = activities.slice(i, i + this.chunkSize);
      const orders = await this.#orderIds(page.map((a) => a.orderRef));
      const wanted = page.filter((a) => orders.has(a.orderRef));
      if (!wanted.length) continue;
      const modelId = await this.#saleOrderModelId();
      const existing = await this.#openActivities(modelId, [
        ...new Set(wanted.map((a) => orders.get(a.orderRef)!)),
      ]);
      const typeId = await this.#todoType();
      const toCreate = wanted.filter((a) => {
        const found = existing.find((e) => e.res_id === orders.get(a.orderRef) && e.summary === a.summary);
        if (found) out.set(a.orderRef, found.id);
        return !found;
      });
      const ids = await this.conn.create(
        'mail.activity',
        toCreate.map((a) => ({
          res_model_id: modelId,
          res_id: orders.get(a.orderRef)!,
          ...(typeId ? { activity_type_id: typeId } : {}),
          summary: a.summary,
          // `date_deadline` is a date: the exact time goes into the note.
          date_deadline: new Date(a.deadlineMs).toISOString().slice(0, 10),
          ...(a.userId ? { user_id: a.userId } : {}),
          note: `<p>${escapeHtml(a.note)}</p>`,
        })),
      );
      toCreate.forEach((a, j) => out.set(a.orderRef, ids[j]!));
    }
    return out;
  }

  async closeOrderActivities(orderRefs: string[], summary: string, feedback: string): Promise<number> {
    let closed = 0;
    for (let i = 0; i < orderRefs.length; i += this.chunkSize) {
      const orders = await this.#orderIds(orderRefs.slice(i, i + this.chunkSize));
      if (!orders.size) continue;
      const open = (await this.#openActivities(await this.#saleOrderModelId(), [...orders.values()])).filter(
        (a) => a.summary === summary,
      );
      if (!open.length) continue;
      await this.conn.call({
        model: 'mail.activity',
        method: 'action_feedback',
        ids: open.map((a) => a.id),
        params: { feedback },
      });
      closed += open.length;
    }
    return closed;
  }

  async #orderIds(refs: string[]): Promise<Map<string, number>> {
    const rows = await this.conn.searchRead<{ id: number; client_order_ref: string }>(
      SALE_ORDER,
      [['client_order_ref', 'in', refs]],
      ['id', 'client_order_ref'],
    );
    return new Map(rows.map((r) => [r.client_order_ref, r.id]));
  }

  async #openActivities(
    modelId: number,
    orderIds: number[],
  ): Promise<Array<{ id: number; res_id: number; summary: string }>> {
    return this.conn.searchRead(
      'mail.activity',
      [
        ['res_model_id', '=', modelId],
        ['res_id', 'in', orderIds],
      ],
      ['id', 'res_id', 'summary'],
    );
  }

  async #saleOrderModelId(): Promise<number> {
    if (this.#modelId === null) {
      const [row] = await this.conn.searchRead<{ id: number }>(
        'ir.model',
        [['model', '=', SALE_ORDER]],
        ['id'],
      );
      if (!row) throw new Error('Odoo has no ir.model row for sale.order: is the Sales app installed?');
      this.#modelId = row.id;
    }
    return this.#modelId;
  }

  /** The To-Do activity type (null: none found, Odoo then applies its default type). */
  async #todoType(): Promise<number | null> {
    if (this.#todoTypeId === undefined) {
      const [row] = await this.conn.searchRead<{ id: number; category: string | false }>(
        'mail.activity.type',
        [['name', '=', 'To-Do']],
        ['id', 'category'],
        { limit: 1 },
      );
      this.#todoTypeId = row?.id ?? null;
    }
    return this.#todoTypeId;
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
