import type { DataSource, EntityManager } from 'typeorm';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { randomUUID } from 'node:crypto';
import { insertRows } from '../../platform/database/sql.js';
import { enqueueMany } from '../../platform/jobs/job-queue.js';
import { logger } from '../../platform/logger.js';
import { Email, EmailStatus } from './email.entity.js';
import { keysetPage, newestFirst, type PageRequest } from '../../platform/database/keyset-page.js';
import type { EmailKindValue } from './email-kind.js';
import { EmailAttachmentSources } from './email-attachments.js';
import { EmailDeliveryChecks } from './email-delivery-checks.js';
import { EmailKind } from './email-kind.js';

/**
 * Emails to a client's people, whose replies ("we paid by wire last week") must reach the business: they
 * carry its billing email as Reply-To. Staff and admin notices are replied to within Settle's own team.
 */
const TO_CLIENTS: readonly EmailKindValue[] = [
  EmailKind.INVOICE,
  EmailKind.INVOICE_REMINDER,
  EmailKind.PAYMENT_CONFIRMATION,
  EmailKind.AUTOPAY_FAILED,
  EmailKind.PORTAL_INVITE,
  EmailKind.MAGIC_LINK,
];

export interface OutgoingEmail {
  kind: EmailKindValue;
  to: string;
  subject: string;
  text: string;
  html: string;
  relatedId?: string;
}

/**
 * Email goes through the outbox: a row is written in the caller's transaction and a job delivers it.
 * With SMTP_URL unset, the row simply stays in the outbox (status OUTBOX) for admins to read.
 */
export class EmailService {
  private transport: Transporter | null;
  /** What modules attach to emails of a kind (module parts `emailAttachments`). */
  readonly attachments = new EmailAttachmentSources();
  /** What modules ask again of emails of a kind as they leave (a reminder: is the invoice still owed?). */
  readonly deliveryChecks = new EmailDeliveryChecks();

  constructor(
    private readonly db: DataSource,
    smtpUrl: string | undefined,
    private readonly from: string,
  ) {
    this.transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  }

  async queue(tx: EntityManager, orgId: string, mail: OutgoingEmail): Promise<string> {
    return (await this.queueMany(tx, [{ orgId, mail }]))[0]!;
  }

  /** Outbox rows in one statement and their delivery jobs in another, however many there are. */
  async queueMany(tx: EntityManager, mails: Array<{ orgId: string; mail: OutgoingEmail }>): Promise<string[]> {
    const ids = mails.map(() => randomUUID());
    await insertRows(
      tx,
      'emails',
      ['id', 'org_id', 'kind', 'to_address', 'subject', 'text_body', 'html_body', 'related_id', 'status'],
      mails.map(({ orgId, mail }, n) => [
        ids[n],
        orgId,
        mail.kind,
        mail.to,
        mail.subject,
        mail.text,
        mail.html,
        mail.relatedId ?? null,
        EmailStatus.QUEUED,
      ]),
    );
    await enqueueMany(
      tx,
      'email.send',
      ids.map((emailId) => ({ payload: { emailId }, jobKey: `email:${emailId}` })),
      { maxAttempts: 8 },
    );
    // The org's billing email as it is now, kept on the row: a retry sends what was queued.
    await tx.query(
      `UPDATE emails e SET reply_to = o.billing_email FROM organizations o
        WHERE e.id = ANY($1::uuid[]) AND o.id = e.org_id AND e.kind = ANY($2::text[]) AND o.billing_email IS NOT NULL`,
      [ids, TO_CLIENTS],
    );
    return ids;
  }

  /**
   * Sends one outbox row. Under the row's lock, the checks of its kind are asked first (the email may
   * have waited for retries since it was queued): an email no longer wanted is CANCELLED with the reason,
   * never sent. Without SMTP_URL it is parked in the outbox instead of sent.
   */
  async deliver(emailId: string): Promise<void> {
    const mail = await this.db.transaction(async (tx) => {
      const m = await tx.findOne(Email, { where: { id: emailId }, lock: { mode: 'pessimistic_write' } });
      if (!m || m.status === EmailStatus.SENT || m.status === EmailStatus.OUTBOX || m.status === EmailStatus.CANCELLED)
        return null;
      const why = await this.deliveryChecks.whyNotSend(tx, m);
      if (why) {
        await tx.update(Email, { id: emailId }, { status: EmailStatus.CANCELLED, error: why });
        logger.info({ emailId, kind: m.kind, why }, 'email cancelled before sending');
        return null;
      }
      if (!this.transport) {
        await tx.update(Email, { id: emailId }, { status: EmailStatus.OUTBOX });
        logger.info({ emailId, kind: m.kind }, 'email kept in outbox (no SMTP_URL configured)');
        return null;
      }
      return m;
    });
    if (!mail || !this.transport) return;
    try {
      await this.transport.sendMail(await this.compose(mail));
      await this.db
        .getRepository(Email)
        .update({ id: emailId }, { status: EmailStatus.SENT, sentAt: new Date(), error: null });
      logger.info({ emailId, kind: mail.kind }, 'email sent');
    } catch (err) {
      await this.db.getRepository(Email).update({ id: emailId }, { error: (err as Error).message });
      throw err; // the job queue retries with backoff
    }
  }

  /** The message as it leaves: the outbox row with what modules attach to its kind, rendered now. */
  async compose(mail: Email): Promise<SendMailOptions> {
    return {
      from: this.from,
      to: mail.to,
      ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      attachments: await this.attachments.for(mail.kind, mail.orgId, mail.relatedId),
    };
  }

  /** The outbox as staff may read it: sign-in and invitation tokens redacted (the stored row keeps them for sending). */
  /** One page of the outbox, newest first, as stored: the caller redacts what it shows (`redactEmail`). */
  list(orgId: string, page: PageRequest) {
    const qb = this.db.getRepository(Email).createQueryBuilder('e').where('e.org_id = :orgId', { orgId });
    return keysetPage(qb, newestFirst(), page, { orgId, max: 500, fallback: 50 });
  }
}

/**
 * A link's `token=` parameter logs whoever holds it in (magic links) or sets a password (invitations):
 * anyone reading the outbox (billing staff, API tokens) could take over a client's portal account.
 * Redacted in every email kind, so a new template with a token in its link is covered too.
 */
const LINK_TOKEN = /(\btoken=)[^\s&"'<>#]+/g;
export const redactLinkTokens = (body: string): string => body.replace(LINK_TOKEN, '$1[redacted]');

export function redactEmail(mail: Email): Email {
  return Object.assign(Object.create(Object.getPrototypeOf(mail) as object) as Email, mail, {
    text: redactLinkTokens(mail.text),
    html: redactLinkTokens(mail.html),
  });
}
