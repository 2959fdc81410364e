import { In, IsNull, type EntityManager } from 'typeorm';
import { User } from '../auth/user.entity.js';
import type { EmailService } from '../email/email.service.js';
import type { EmailKindValue } from '../email/email-kind.js';
import type { Invoice } from '../invoices/invoice.entity.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A notice about one invoice to every active OWNER and ADMIN of the org, queued in the caller's
 * transaction (so it goes exactly when what it reports commits). `quietMinutes`: none when a notice of
 * this kind about this invoice was queued that recently (what happens outside Settle, such as a payer
 * trying card after card, would otherwise mail the admins once per try; the audit trail keeps each).
 */
export async function noticeToAdmins(
  tx: EntityManager,
  email: EmailService,
  invoice: Pick<Invoice, 'orgId' | 'id'>,
  notice: { kind: EmailKindValue; subject: string; text: string },
  opts: { quietMinutes?: number } = {},
): Promise<void> {
  if (opts.quietMinutes) {
    const recent: unknown[] = await tx.query(
      `SELECT 1 FROM emails
        WHERE org_id = $1 AND created_at > now() - make_interval(mins => $4) AND kind = $2 AND related_id = $3
        LIMIT 1`,
      [invoice.orgId, notice.kind, invoice.id, opts.quietMinutes],
    );
    if (recent.length) return;
  }
  const admins = await tx.find(User, {
    where: { orgId: invoice.orgId, role: In(['OWNER', 'ADMIN']), disabledAt: IsNull() },
  });
  for (const a of admins)
    await email.queue(tx, invoice.orgId, {
      ...notice,
      to: a.email,
      html: `<p>${esc(notice.text)}</p>`,
      relatedId: invoice.id,
    });
}
