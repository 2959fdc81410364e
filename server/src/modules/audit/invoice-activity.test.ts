import { describe, expect, it } from 'vitest';
import { payByCheck, twoBilledOrgs } from '../../../test/fixtures.js';
import { ok } from '../../../test/api.js';
import { forFile, settleForFile } from '../../../test/for-file.js';

const s = settleForFile({ worker: false });
const orgs = forFile(() => twoBilledOrgs(s, ['Timeline A', 'Timeline B']), 'two orgs');

const ACTIVITY = `query($id:ID!){invoice(id:$id){activity{id at system label action actorLabel via status}}}`;

/** A QuickBooks operation as the outbound worker leaves it (the worker is off here: its outcome is the input). */
async function operation(orgId: string, kind: string, entityId: string, row: Record<string, unknown>) {
  await s.container.db.query(
    `INSERT INTO qbo_operations (org_id, kind, entity_id, status, attempts, last_error, qb_id, created_at, completed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, clock_timestamp(), CASE WHEN $4 = 'DONE' THEN clock_timestamp() END)`,
    [orgId, kind, entityId, row.status, row.attempts ?? 0, row.lastError ?? null, row.qbId ?? null],
  );
}

describe('Invoice.activity', () => {
  it('merges the audit trail with the Stripe and QuickBooks steps, oldest first, each in words', async () => {
    const inv = await orgs.fa.sentInvoice(60);
    await s.container.db.query(
      `INSERT INTO stripe_invoice_links (invoice_id, org_id, send_via, stripe_invoice_id) VALUES ($1, $2, 'HOSTED_INVOICE', 'in_test123')`,
      [inv.id, orgs.a.org.id],
    );
    await operation(orgs.a.org.id, 'PUSH_INVOICE', inv.id, { status: 'DONE', attempts: 1, qbId: '123' });
    const { payment } = await payByCheck(s.container, orgs.a.org.id, inv.id, 1000);
    await operation(orgs.a.org.id, 'PUSH_PAYMENT', payment.id, {
      status: 'PENDING',
      attempts: 2,
      lastError: 'QuickBooks is busy',
    });
    // Another org's operation on an id of this org's shape never shows.
    await operation(orgs.b.org.id, 'UPDATE_INVOICE', inv.id, { status: 'DONE', qbId: '999' });

    const lines = ok(await s.gql(ACTIVITY, { id: inv.id }, orgs.a.token)).invoice.activity;
    const labels = lines.map((l: { label: string }) => l.label);
    expect(labels).toEqual([
      'Draft created',
      'Sent',
      'Sent to Stripe (in_test123)',
      'Pushed to QuickBooks (Invoice 123)',
      'Payment recorded',
      'QuickBooks sync failed: QuickBooks is busy, retrying',
    ]);
    const times = lines.map((l: { at: string }) => Date.parse(l.at));
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(lines.find((l: { label: string }) => l.label === 'Sent')).toMatchObject({
      system: 'SETTLE',
      action: 'invoice.sent',
      actorLabel: 'Settle',
      via: 'Settle',
    });
    expect(lines.find((l: { system: string }) => l.system === 'QUICKBOOKS')).toMatchObject({ status: 'DONE' });
    expect(labels.join()).not.toContain('999');
  });

  it('is for billing staff only, like the timeline', async () => {
    const inv = await orgs.fa.draftInvoice(30);
    const portalLike = await s.gql(ACTIVITY, { id: inv.id });
    expect(portalLike.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });
});
