import { connect, type Socket } from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared/index.js';
import { z } from 'zod';
import type { Config, PracticeIdentity } from '../config/index.js';
import type { Db, Trx } from '../db/index.js';
import { type Locale, type Translate, translator } from '../i18n/index.js';
import type { JobQueue } from '../jobs/index.js';
import * as store from './store.js';
import './privacy.js';

export { EmailLayout, renderSimpleMessage, type SimpleMessage } from './layout.js';
export type { MailRecord, MailStatus } from './store.js';

/** What a template knows about the site it writes for. */
export interface MailSite {
  readonly practice: PracticeIdentity;
  readonly publicUrl: string;
}

/**
 * An email in every language: a TSX body and a plain-text alternative written side by side.
 * Marketing mail must offer one-click unsubscribe; transactional mail (sign-in, receipts,
 * answers to the person's own request) goes without.
 */
export interface EmailTemplate<D> {
  readonly name: string;
  readonly category: 'transactional' | 'marketing';
  render(t: Translate, data: D, site: MailSite & { locale: Locale; unsubscribeUrl?: string }): { subject: string; html: string; text: string };
}

export interface SendOptions<D> {
  readonly to: string;
  readonly locale: Locale;
  readonly data: D;
  /** Required for marketing mail: the one-click (RFC 8058) unsubscribe endpoint for this person. */
  readonly unsubscribeUrl?: string;
}

/**
 * Opens SMTP connections with Nagle's algorithm off, as HTTP clients do. With it on, the last
 * small write of every message waits for the server's delayed ACK (about 40 ms on Linux), and a
 * pooled connection sends some 20 messages a second instead of hundreds. TLS (smtps, STARTTLS)
 * then runs over this socket as usual.
 */
function connectWithoutDelay(options: { host?: string; port?: number; secure?: boolean }, callback: (error: Error | null, socket?: { connection: Socket }) => void): void {
  const socket = connect({ host: options.host ?? 'localhost', port: options.port ?? (options.secure ? 465 : 587), noDelay: true });
  const fail = (error: Error): void => {
    socket.destroy();
    callback(error);
  };
  socket.setTimeout(30_000, () => fail(Object.assign(new Error('SMTP connection timed out'), { code: 'ETIMEDOUT' })));
  socket.once('error', fail);
  socket.once('connect', () => {
    socket.setTimeout(0);
    socket.removeListener('error', fail);
    callback(null, { connection: socket });
  });
}

/** A message rendered for one recipient, ready to store or send. */
export interface RenderedMail {
  readonly to: string;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly headers: Record<string, string>;
  readonly category: 'transactional' | 'marketing';
  readonly template: string;
  readonly locale: Locale;
}

/** An SMTP 5xx answer: the server refused this message for good (unknown mailbox, policy); retrying cannot help. */
export function isPermanentFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

const deliverPayload = z.object({ messageId: z.string().min(1).max(40) });

/**
 * Sends email through the job queue: `send` renders the message and stores it with a delivery
 * job in the caller's transaction; the job hands it to SMTP, or keeps it in the outbox when
 * no SMTP server is configured. An SMTP outage only delays delivery: the job retries with
 * backoff, then waits in the dead-letter list for an operator, and the message is never lost.
 */
export class Mailer {
  readonly #db: Db;
  readonly #jobs: JobQueue;
  readonly #from: string;
  readonly #site: MailSite;
  #transport: Transporter | null | undefined;
  readonly #smtpUrl: string | undefined;

  constructor(db: Db, jobs: JobQueue, config: Pick<Config, 'mail' | 'practice' | 'publicUrl'>) {
    this.#db = db;
    this.#jobs = jobs;
    this.#from = config.mail.from;
    this.#smtpUrl = config.mail.smtpUrl;
    this.#site = { practice: config.practice, publicUrl: config.publicUrl };
    jobs.define({
      name: 'mail.deliver',
      schema: deliverPayload,
      maxAttempts: 10,
      handler: async ({ messageId }, { log }) => {
        const message = await store.findMessage(this.#db, messageId);
        // Already delivered (a retry after a crash between sending and recording): not twice.
        if (!message || message.status !== 'queued') return;
        const transport = this.#transportOrNull();
        if (!transport) {
          await store.markSent(this.#db, message.id, 'stored', null);
          return;
        }
        try {
          const info = await transport.sendMail({
            from: this.#from,
            to: message.to,
            subject: message.subject,
            html: message.html,
            text: message.text,
            headers: message.headers,
          });
          await store.markSent(this.#db, message.id, 'sent', String(info.messageId ?? ''));
          log.info({ mailId: message.id, template: message.template }, 'mail sent');
        } catch (error) {
          await store.recordError(this.#db, message.id, error instanceof Error ? error.message : String(error));
          throw error;
        }
      },
    });
  }

  #transportOrNull(): Transporter | null {
    if (this.#transport === undefined) {
      if (!this.#smtpUrl) {
        this.#transport = null;
      } else {
        // Pooled connections unless the URL says otherwise: newsletters send thousands at a time.
        const url = new URL(this.#smtpUrl);
        if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
        this.#transport = nodemailer.createTransport({ ...parseConnectionUrl(url.toString()), getSocket: connectWithoutDelay });
      }
    }
    return this.#transport;
  }

  /** Renders a template for one recipient, with the one-click unsubscribe headers of marketing mail. */
  render<D>(template: EmailTemplate<D>, options: SendOptions<D>): RenderedMail {
    if (template.category === 'marketing' && !options.unsubscribeUrl) throw new Error(`marketing mail ${template.name} needs an unsubscribe URL`);
    const rendered = template.render(translator(options.locale), options.data, {
      ...this.#site,
      locale: options.locale,
      ...(options.unsubscribeUrl ? { unsubscribeUrl: options.unsubscribeUrl } : {}),
    });
    const headers: Record<string, string> = {};
    if (options.unsubscribeUrl) {
      // RFC 8058: mailbox providers POST to this URL to unsubscribe in one click.
      headers['List-Unsubscribe'] = `<${options.unsubscribeUrl}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    return { to: options.to, ...rendered, headers, category: template.category, template: template.name, locale: options.locale };
  }

  /** Renders and queues an email in the caller's transaction; returns the message id. */
  async send<D>(trx: Db | Trx, template: EmailTemplate<D>, options: SendOptions<D>): Promise<string> {
    const id = await store.insertMessage(trx, this.render(template, options));
    await this.#jobs.enqueue(trx, 'mail.deliver', { messageId: id });
    return id;
  }

  /**
   * Delivers a rendered message at once, for bulk senders (newsletters) that keep their own
   * delivery records and retries: SMTP when configured, otherwise the outbox. Throws what SMTP
   * throws; `isPermanentFailure` tells a refused address from an outage.
   */
  async deliverNow(message: RenderedMail): Promise<'sent' | 'stored'> {
    const transport = this.#transportOrNull();
    if (!transport) {
      const id = await store.insertMessage(this.#db, message);
      await store.markSent(this.#db, id, 'stored', null);
      return 'stored';
    }
    await transport.sendMail({ from: this.#from, to: message.to, subject: message.subject, html: message.html, text: message.text, headers: message.headers });
    return 'sent';
  }

  find(id: string): Promise<store.MailRecord | null> {
    return store.findMessage(this.#db, id);
  }

  list(limit = 100): Promise<store.MailRecord[]> {
    return store.listMessages(this.#db, limit);
  }

  /** Closes pooled SMTP connections (at shutdown). */
  close(): void {
    this.#transport?.close();
  }
}
