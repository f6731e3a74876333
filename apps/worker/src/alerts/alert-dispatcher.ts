import type { Logger } from '@temu-odoo/config';
import { IntegrationError, type AlertCondition, type AlertNotice } from '@temu-odoo/core';
import type { AlertBook } from './alert-book.js';
import type { AlertChannel } from './alert-channels.js';

/**
 * Evaluated conditions → notices (deduplicated and rate-limited by the book) → every channel. A
 * notice that a channel could not take is given back to the book and the error thrown, so the job
 * retries and the alert is sent later rather than lost.
 */
export class AlertDispatcher {
  constructor(
    private readonly book: AlertBook,
    private readonly channels: AlertChannel[],
    private readonly log: Logger,
  ) {}

  async evaluate(
    scope: string,
    conditions: AlertCondition[],
    owned: string[],
    nowMs: number,
  ): Promise<AlertNotice[]> {
    const notices = await this.book.transitions(scope, conditions, owned, nowMs);
    await this.deliver(notices);
    return notices;
  }

  async deliver(notices: AlertNotice[]): Promise<void> {
    const failures: Error[] = [];
    for (const notice of notices) {
      const results = await Promise.allSettled(this.channels.map((c) => c.send(notice)));
      const failed = results.flatMap((r, i) =>
        r.status === 'rejected' ? [`${this.channels[i]!.name}: ${(r.reason as Error).message}`] : [],
      );
      if (this.channels.length > 0 && failed.length === this.channels.length) {
        await this.book.release(notice);
        failures.push(
          new IntegrationError(`alert ${notice.scope}/${notice.key} not delivered (${failed.join('; ')})`, {
            kind: 'transient',
            code: 'ERR_ALERT_UNDELIVERED',
          }),
        );
        continue;
      }
      if (failed.length) this.log.warn({ alert: notice.key, failed }, 'alert reached only some channels');
      // Without channels the alert is still open in the book (and on the health page): logged only.
      this.log.info(
        { alert: notice.key, scope: notice.scope, status: notice.status, channels: this.channels.length },
        this.channels.length ? 'alert sent' : 'alert raised (no channel configured)',
      );
    }
    if (failures.length) throw failures[0];
  }
}
