import { describe, expect, it } from 'vitest';
import { eventually } from '../../../test/harness.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { Email } from '../email/email.entity.js';
import { connectedOrg, inboxSettled, postForm, sentToStripe, stripeWorldForFile } from './stripe-test-kit.js';

const w = stripeWorldForFile();
const DECLINED = '4000000000000002';

describe('failed card payments and the admins’ mailboxes', () => {
  it('anyone with a pay link declining card after card mails the admins once, and every attempt is still on record', async () => {
    const o = await connectedOrg(w);
    const inv = await sentToStripe(o);
    const visit = await fetch(`${w.settle.url}/pay/${inv.publicToken}`, { redirect: 'manual' });
    const checkout = visit.headers.get('location')!;
    for (let i = 0; i < 6; i++)
      expect((await postForm(checkout, { card_number: DECLINED, custom_amount: '100.00' })).status).toBe(402);
    const failed = () =>
      w.settle.container.db
        .getRepository(AuditEvent)
        .countBy({ orgId: o.org.id, entityId: inv.id, action: 'invoice.payment_failed' });
    await eventually(async () => (await failed()) === 6, 'six failed attempts recorded');
    await inboxSettled(w, o.org.id);
    const notices = await w.settle.container.db
      .getRepository(Email)
      .countBy({ orgId: o.org.id, relatedId: inv.id, kind: 'payment_failed' });
    // The org has one owner: one notice, however many cards a payer (or a stranger) tries.
    expect(notices).toBe(1);
  });
});
