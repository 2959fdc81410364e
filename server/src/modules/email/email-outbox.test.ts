import { describe, expect, it, vi } from 'vitest';
import { createOrgWithOwner, eventually } from '../../../test/harness.js';
import { forFile, orgForFile, settleForFile } from '../../../test/for-file.js';
import { billingFixture, signedInUser } from '../../../test/fixtures.js';
import { failure, ok } from '../../../test/api.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { Email } from './email.entity.js';
import type { EmailAttachment } from './email-attachments.js';

/** With no SMTP_URL, every email is written in the change's transaction and the worker parks it in the outbox. */
const s = settleForFile({ worker: true });
const A = orgForFile(s, 'Mail Org');
const f = forFile(() => billingFixture(s.container, A.org.id, { clientName: 'Mail Client' }));

const EMAILS = `{emails(first:100){nodes{id kind to subject text html status relatedId sentAt}}}`;
interface Mail {
  id: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  status: string;
  relatedId: string | null;
  sentAt: string | null;
}
const mails = async (): Promise<Mail[]> => ok(await s.gql(EMAILS, {}, A.token)).emails.nodes;

describe('email outbox', () => {
  it('delivers invoice, payment and portal emails to the OUTBOX through the worker, readable by admins', async () => {
    expect(s.container.config.smtpUrl).toBeUndefined();
    const inv = await f.sentInvoice(60);
    ok(
      await s.gql(
        `mutation($id:ID!){recordPayment(input:{invoiceId:$id,amount:2500,method:ACH}){payment{id}}}`,
        { id: inv.id },
        A.token,
      ),
    );
    ok(
      await s.gql(
        `mutation($c:ID!){invitePortalUser(input:{clientId:$c,email:"pat@mail.test",name:"Pat"}){id}}`,
        { c: f.client.id },
        A.token,
      ),
    );

    const all = await eventually(async () => {
      const list = await mails();
      return list.length >= 3 && list.every((m) => m.status === 'OUTBOX') ? list : null;
    }, 'emails to reach the outbox');
    const invoiceMail = all.find((m) => m.kind === 'INVOICE')!;
    expect(invoiceMail).toMatchObject({ to: 'ap@client.test', relatedId: inv.id, sentAt: null });
    expect(invoiceMail.subject).toBe(`Invoice ${inv.number} from Mail Org: USD 100.00 due ${inv.dueDate}`);
    expect(invoiceMail.text).toContain(`${s.url}/portal/invoices/${inv.id}`);
    expect(invoiceMail.html).toContain(`${s.url}/portal/invoices/${inv.id}`);
    const receipt = all.find((m) => m.kind === 'PAYMENT_CONFIRMATION')!;
    expect(receipt.text).toContain('USD 25.00');
    expect(receipt.text).toContain('Remaining balance: USD 75.00');
    expect(all.find((m) => m.kind === 'PORTAL_INVITE')!.to).toBe('pat@mail.test');

    // Delivering again is a no-op: the job may run twice, the mail stays in the outbox once.
    await s.container.email.deliver(invoiceMail.id);
    expect((await mails()).filter((m) => m.id === invoiceMail.id)).toMatchObject([{ status: 'OUTBOX' }]);
  });

  it('puts the pay link into invoice emails unless the client turned it off', async () => {
    // A payment provider whose pay link is the invoice's own page at pay.example.
    vi.spyOn(s.container.paymentProviders, 'payUrls').mockImplementation(async (_tx, _orgId, invoices) =>
      invoices.map((invoice) => `https://pay.example/${invoice.id}`),
    );
    const withLink = await f.sentInvoice(30);
    const text = async (id: string) =>
      (await s.container.db.query(`SELECT text_body FROM emails WHERE related_id = $1 AND kind = 'invoice'`, [id]))[0]
        .text_body as string;
    expect(await text(withLink.id)).toContain(`Pay USD 50.00 online: https://pay.example/${withLink.id}`);

    ok(
      await s.gql(
        `mutation($c:ID!){updateClient(id:$c,input:{emailPayLink:false}){emailPayLink}}`,
        { c: f.client.id },
        A.token,
      ),
    );
    const without = await f.sentInvoice(30);
    expect(await text(without.id)).not.toContain('https://pay.example');
    expect(await text(without.id)).toContain(`${s.url}/portal/invoices/${without.id}`);
  });

  it('sends the invoice email with its PDF attached and a View invoice link in both parts', async () => {
    const inv = await f.sentInvoice(45);
    const [row] = await s.container.db.getRepository(Email).findBy({ relatedId: inv.id, kind: 'invoice' });
    const message = await s.container.email.compose(row!);
    const viewUrl = `${s.url}/portal/invoices/${inv.id}`;
    expect(message.text).toContain(`View invoice: ${viewUrl}`);
    expect(message.html).toMatch(new RegExp(`<a href="${viewUrl}"[^>]*>View invoice</a>`));
    const attachments = message.attachments as EmailAttachment[];
    expect(attachments.map((a) => [a.filename, a.contentType])).toEqual([
      [`invoice-${inv.number}.pdf`, 'application/pdf'],
    ]);
    const pdf = attachments[0]!.content.toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toContain(`Invoice ${inv.number}`);
    // Other kinds carry nothing: a receipt is not an invoice.
    const plain = await s.container.email.compose(Object.assign(new Email(), row, { kind: 'payment_confirmation' }));
    expect(plain.attachments).toEqual([]);
  });

  it('still delivers an email whose job the previous release queued under its former name', async () => {
    const id = await s.container.db.transaction(async (tx) => {
      const emailId = await s.container.email.queue(tx, A.org.id, {
        kind: 'invoice',
        to: 'old@mail.test',
        subject: 'Queued before the rename',
        text: 'x',
        html: '<p>x</p>',
      });
      // As the previous release queued it: under `send-email`, not `email.send`.
      await tx.query(`DELETE FROM graphile_worker._private_jobs WHERE key = $1`, [`email:${emailId}`]);
      await tx.query(
        `SELECT graphile_worker.add_job('send-email', json_build_object('emailId', $1::text), job_key => $2)`,
        [emailId, `email:${emailId}`],
      );
      return emailId;
    });
    await eventually(
      async () => (await mails()).find((m) => m.id === id && m.status === 'OUTBOX'),
      'the email to reach the outbox',
    );
  });

  it("asks its kind's delivery checks as an email leaves: one no longer wanted is CANCELLED, the reason in the outbox", async () => {
    const inv = await f.sentInvoice(30);
    const other = await f.sentInvoice(45);
    // A module's check of receipts: this invoice's no longer wanted (the others go).
    s.container.email.deliveryChecks.add({
      kind: 'payment_confirmation',
      whyNotSend: async (tx, mail) => {
        // It runs in the delivery's transaction, which holds the email's row: no one else can take it.
        expect(await tx.query(`SELECT 1 FROM emails WHERE id = $1 FOR UPDATE NOWAIT`, [mail.id])).toHaveLength(1);
        expect(
          await s.container.db.query(`SELECT 1 FROM emails WHERE id = $1 FOR UPDATE SKIP LOCKED`, [mail.id]),
        ).toHaveLength(0);
        return mail.relatedId === inv.id ? `Receipt of ${inv.number} withdrawn` : null;
      },
    });
    for (const id of [inv.id, other.id])
      ok(
        await s.gql(
          `mutation($id:ID!){recordPayment(input:{invoiceId:$id,amount:1000,method:CHECK}){payment{id}}}`,
          { id },
          A.token,
        ),
      );
    const receipts = await eventually(async () => {
      const r = ok(await s.gql(`{emails(first:100){nodes{id kind status error relatedId}}}`, {}, A.token)).emails
        .nodes as Array<{ id: string; kind: string; status: string; error: string | null; relatedId: string }>;
      const mine = r.filter((m) => m.kind === 'PAYMENT_CONFIRMATION' && [inv.id, other.id].includes(m.relatedId));
      return mine.length === 2 && mine.every((m) => m.status !== 'QUEUED') ? mine : null;
    }, 'both receipts to be delivered');
    expect(receipts.find((m) => m.relatedId === inv.id)).toMatchObject({
      status: 'CANCELLED',
      error: `Receipt of ${inv.number} withdrawn`,
    });
    expect(receipts.find((m) => m.relatedId === other.id)).toMatchObject({ status: 'OUTBOX', error: null });
    // A job run again leaves it cancelled.
    await s.container.email.deliver(receipts.find((m) => m.relatedId === inv.id)!.id);
    expect(
      (await s.container.db.getRepository(Email).findOneByOrFail({ relatedId: inv.id, kind: 'payment_confirmation' }))
        .status,
    ).toBe('CANCELLED');
  });

  it('does not send an invoice email whose invoice was voided before it left (a delivery retried after the void)', async () => {
    const voided = await f.sentInvoice(30);
    const kept = await f.sentInvoice(40);
    const mailOf = (invoiceId: string) =>
      s.container.db.getRepository(Email).findOneByOrFail({ orgId: A.org.id, relatedId: invoiceId, kind: 'invoice' });
    await eventually(
      async () =>
        ((await mailOf(voided.id)).status !== 'QUEUED' && (await mailOf(kept.id)).status !== 'QUEUED') || null,
      'both invoice emails delivered once',
    );
    await s.container.invoices.void(A.org.id, SYSTEM_ACTOR, voided.id);
    // As if the first attempt had failed (SMTP down): both wait for their next attempt.
    await s.container.db.query(`UPDATE emails SET status = 'QUEUED' WHERE org_id = $1 AND related_id = ANY($2)`, [
      A.org.id,
      [voided.id, kept.id],
    ]);
    for (const inv of [voided, kept]) await s.container.email.deliver((await mailOf(inv.id)).id);
    expect(await mailOf(voided.id)).toMatchObject({
      status: 'CANCELLED',
      error: `Invoice ${voided.number} was voided before this email left`,
    });
    expect(await mailOf(kept.id)).toMatchObject({ status: 'OUTBOX' });
  });

  it('keeps the outbox for billing staff of the org only', async () => {
    const email = `tech-mail-${Date.now()}@t.test`;
    const token = await signedInUser(s, A.org.id, { email, name: 'T', role: 'TECHNICIAN' });
    expect(failure(await s.gql(EMAILS, {}, token)).code).toBe('FORBIDDEN');
    expect(failure(await s.gql(EMAILS)).code).toBe('UNAUTHENTICATED');
    const other = await createOrgWithOwner(s, 'Other Mail Org');
    expect(ok(await s.gql(EMAILS, {}, other.token)).emails.nodes).toEqual([]);
  });
});
