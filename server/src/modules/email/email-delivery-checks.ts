import type { EntityManager } from 'typeorm';
import type { Email } from './email.entity.js';

/**
 * What a module asks again of the emails of one kind when they are about to leave (a payment reminder:
 * is the invoice still owed?). Delivery runs up to 8 attempts after the email was queued; whatever
 * changed meanwhile is seen here. Runs in the delivery's transaction, which holds the email's row lock:
 * a reason means the email is not sent (CANCELLED, the reason shown in the outbox), and what the check
 * wrote in `tx` (its own records of the email) commits with that. Null: send it.
 */
export interface EmailDeliveryCheck {
  kind: string;
  whyNotSend(tx: EntityManager, mail: Email): Promise<string | null>;
}

/** Every module's delivery checks, by email kind. */
export class EmailDeliveryChecks {
  private readonly checks: EmailDeliveryCheck[] = [];

  add(check: EmailDeliveryCheck): void {
    this.checks.push(check);
  }

  /** The first reason a check of the email's kind gives not to send it, or null. */
  async whyNotSend(tx: EntityManager, mail: Email): Promise<string | null> {
    for (const c of this.checks) {
      if (c.kind !== mail.kind) continue;
      const why = await c.whyNotSend(tx, mail);
      if (why) return why;
    }
    return null;
  }
}
