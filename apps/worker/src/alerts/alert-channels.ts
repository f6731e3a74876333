import type { Transporter } from 'nodemailer';
import type { AlertNotice } from '@temu-odoo/core';

/** Somewhere notices go; `send` throws when the notice did not get there. */
export interface AlertChannel {
  readonly name: string;
  send(notice: AlertNotice): Promise<void>;
}

export function alertTitle(n: AlertNotice): string {
  const mark = n.status === 'resolved' ? 'RESOLVED' : n.severity === 'critical' ? 'CRITICAL' : 'WARNING';
  return `[${mark}] temu-odoo ${n.scope}: ${n.key}`;
}

/**
 * A generic webhook that accepts Slack's incoming-webhook JSON (`text`, plus `attachments` with a
 * colour); the structured notice rides along under `alert` for receivers that want fields.
 */
export class WebhookChannel implements AlertChannel {
  readonly name = 'webhook';

  constructor(
    private readonly url: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(notice: AlertNotice): Promise<void> {
    const color =
      notice.status === 'resolved' ? 'good' : notice.severity === 'critical' ? 'danger' : 'warning';
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        text: `${alertTitle(notice)}\n${notice.summary}`,
        attachments: [{ color, fallback: notice.summary, text: notice.summary }],
        alert: notice,
      }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    // The URL may carry a secret token (Slack's does): name the host only.
    if (!res.ok) throw new Error(`alert webhook at ${new URL(this.url).host} answered HTTP ${res.status}`);
    await res.arrayBuffer();
  }
}

export interface EmailChannelOptions {
  /** `smtp://user:pass@host:port` or `smtps://…` (nodemailer's connection URL). */
  smtpUrl: string;
  from: string;
  to: string[];
}

/** E-mail over SMTP through nodemailer: subject = the title, body = the summary. */
export class EmailChannel implements AlertChannel {
  readonly name = 'email';
  // nodemailer is loaded with the first e-mail, not at start: ~12 MiB of RSS in a worker that may
  // never send one (bench: worker peak RSS ≤ 200 MB).
  private transport?: Promise<Transporter>;

  constructor(private readonly options: EmailChannelOptions) {}

  private transporter(): Promise<Transporter> {
    this.transport ??= import('nodemailer').then(({ default: mailer }) =>
      mailer.createTransport(this.options.smtpUrl),
    );
    return this.transport;
  }

  async send(notice: AlertNotice): Promise<void> {
    const transport = await this.transporter();
    await transport.sendMail({
      from: this.options.from,
      to: this.options.to,
      subject: alertTitle(notice),
      text: `${notice.summary}\n\nstatus: ${notice.status}\nseverity: ${notice.severity}\nat: ${new Date(notice.atMs).toISOString()}\n`,
    });
  }

  close(): void {
    // A transport that never came up has nothing to close.
    void this.transport?.then(
      (transport) => transport.close(),
      () => undefined,
    );
  }
}
