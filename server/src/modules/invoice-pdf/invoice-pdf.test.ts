import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgWithOwner, startTestSettle, type TestSettle } from '../../../test/harness.js';
import { billingFixture, signedInUser } from '../../../test/fixtures.js';
import { ok } from '../../../test/api.js';
import { acceptedPortalUser } from '../../../test/browser/portal-fixtures.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { renderInvoicePdf } from './invoice-pdf.render.js';
import { MISSING_GLYPH } from './invoice-pdf.fonts.js';
import { invoicePdfData, invoicePdfFile } from './invoice-pdf.data.js';
import { pdfText } from './pdf-text.test-support.js';

let s: TestSettle;
let owner: Awaited<ReturnType<typeof createOrgWithOwner>>;
let sent: { id: string; number: string };
let draftId: string;
let clientA: Awaited<ReturnType<typeof acceptedPortalUser>>;
let clientB: Awaited<ReturnType<typeof acceptedPortalUser>>;
let otherOrgInvoiceId: string;

const pdf = (id: string, headers: Record<string, string> = {}) =>
  fetch(`${s.url}/portal-api/invoices/${id}/pdf`, { headers });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  s = await startTestSettle({ worker: false });
  owner = await createOrgWithOwner(s, 'PDF Org');
  const a = await billingFixture(s.container, owner.org.id, { clientName: 'Acme Ltd' });
  const b = await billingFixture(s.container, owner.org.id, { clientName: 'Beta GmbH' });
  sent = await a.sentInvoice(90);
  await a.approvedEntry(30, '2026-12-03');
  const draft = await s.container.generation.generate(owner.org.id, SYSTEM_ACTOR, {
    clientIds: [a.client.id],
    periodStart: '2026-12-01',
    periodEnd: '2026-12-31',
  });
  draftId = draft.invoices[0]!.id;
  await b.sentInvoice(30);
  clientA = await acceptedPortalUser(s.container, owner.org.id, a.client.id);
  clientB = await acceptedPortalUser(s.container, owner.org.id, b.client.id);
  const other = await createOrgWithOwner(s, 'Other Org');
  otherOrgInvoiceId = (await (await billingFixture(s.container, other.org.id)).sentInvoice(60)).id;
});
afterAll(async () => s?.close());

describe('GET /portal-api/invoices/:id/pdf', () => {
  it('gives the client its finalized invoice as a PDF download (session cookie)', async () => {
    const res = await pdf(sent.id, { cookie: `settle_session=${encodeURIComponent(clientA.token)}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain(`invoice-${sent.number}`);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(body.subarray(-6).toString()).toContain('%%EOF');
  });

  it('lets billing staff (session or API token) download any invoice of their org, drafts included', async () => {
    expect((await pdf(sent.id, bearer(owner.token))).status).toBe(200);
    expect((await pdf(draftId, bearer(owner.apiToken))).status).toBe(200);
  });

  it("shows a draft inline for the admin app's preview, framed only by Settle's own pages", async () => {
    const res = await fetch(`${s.url}/portal-api/invoices/${draftId}/pdf?inline=1`, {
      headers: { cookie: `settle_session=${encodeURIComponent(owner.token)}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^inline; filename="invoice-/);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect((await pdf(draftId, bearer(owner.token))).headers.get('x-frame-options')).toBe('DENY');
  });

  it('answers 401 without a session and with an unknown token', async () => {
    expect((await pdf(sent.id)).status).toBe(401);
    expect((await pdf(sent.id, bearer('st_not_a_real_session'))).status).toBe(401);
  });

  it("answers 404 for another client's invoice, a draft, another org's invoice and a malformed id", async () => {
    expect((await pdf(sent.id, bearer(clientB.token))).status).toBe(404);
    expect((await pdf(draftId, bearer(clientA.token))).status).toBe(404);
    expect((await pdf(otherOrgInvoiceId, bearer(clientA.token))).status).toBe(404);
    expect((await pdf(otherOrgInvoiceId, bearer(owner.token))).status).toBe(404);
    expect((await pdf('not-a-uuid', bearer(owner.token))).status).toBe(404);
  });

  it('refuses technicians, who cannot see invoices', async () => {
    const email = `tech-${Date.now()}@pdf.test`;
    const token = await signedInUser(s, owner.org.id, { email, name: 'Tech', role: 'TECHNICIAN' });
    expect((await pdf(sent.id, bearer(token))).status).toBe(403);
  });
});

describe('invoicePdfData', () => {
  it('shows a void invoice owing nothing, as the API reports it, to its client and to staff', async () => {
    const f = await billingFixture(s.container, owner.org.id, { clientName: 'Void Co' });
    const inv = await f.sentInvoice(60);
    expect(inv.balanceDue).toBeGreaterThan(0);
    await s.container.invoices.void(owner.org.id, SYSTEM_ACTOR, inv.id);
    const portal = await acceptedPortalUser(s.container, owner.org.id, f.client.id);
    const api = ok(await s.gql(`query($id: ID!){invoice(id: $id){status balanceDue}}`, { id: inv.id }, portal.token));
    expect(api.invoice).toEqual({ status: 'VOID', balanceDue: 0 });
    for (const scope of [{ orgId: owner.org.id, clientId: f.client.id, issuedOnly: true }, { orgId: owner.org.id }]) {
      const data = await invoicePdfData(s.container, scope, inv.id);
      expect(data.status).toBe('VOID');
      expect(data.total).toBe(inv.total);
      expect(data.balanceDue).toBe(0);
    }
  });
});

describe('renderInvoicePdf', () => {
  it('puts the number, client and amounts in the document and flows long invoices onto more pages', async () => {
    const lines = Array.from({ length: 80 }, (_, i) => ({
      description: `Support ticket ${i + 1}`,
      quantity: '1.5',
      unitPrice: 12000,
      taxRateBps: 825,
      amount: 18000,
    }));
    const buf = await renderInvoicePdf({
      orgName: 'Northwind IT',
      clientName: 'Acme Ltd',
      clientEmail: 'ap@acme.test',
      number: 'INV-0042',
      status: 'PARTIALLY_PAID',
      issueDate: '2026-11-01',
      dueDate: '2026-12-01',
      currency: 'KWD',
      memo: 'November support',
      lines,
      subtotal: 1_440_000,
      taxTotal: 118_800,
      total: 1_558_800,
      amountPaid: 500_000,
      amountKeptAsCredit: 0,
      amountCredited: 0,
      balanceDue: 1_058_800,
    });
    const text = buf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    // pdfkit writes one /Type /Page object per page; 80 lines do not fit on one A4 page.
    expect((text.match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThan(1);
    expect(text).toContain('Invoice INV-0042');
  });

  const invoice = (over: Partial<Parameters<typeof renderInvoicePdf>[0]>) =>
    renderInvoicePdf({
      orgName: 'Northwind IT',
      clientName: 'Acme Ltd',
      clientEmail: 'ap@acme.test',
      number: 'INV-0043',
      status: 'SENT',
      issueDate: '2026-11-01',
      dueDate: '2026-12-01',
      currency: 'EUR',
      memo: '',
      lines: [{ description: 'Support', quantity: '1', unitPrice: 10000, taxRateBps: 0, amount: 10000 }],
      subtotal: 10000,
      taxTotal: 0,
      total: 10000,
      amountPaid: 0,
      amountKeptAsCredit: 0,
      amountCredited: 0,
      balanceDue: 10000,
      ...over,
    });

  it('shows Latin, Greek and Cyrillic names and lines as written (an embedded Unicode font, not Latin-1 Helvetica)', async () => {
    const text = pdfText(
      await invoice({
        orgName: 'Łódź Serwis IT Sp. z o.o.',
        clientName: 'Ελλάδα Δίκτυα ΑΕ',
        memo: 'Счёт за ноябрь, Zürich Straße',
        lines: [
          { description: 'Поддержка серверов — Москва', quantity: '1', unitPrice: 6000, taxRateBps: 0, amount: 6000 },
          { description: 'Şişli ofisi, Ærø, ĐŽŇ', quantity: '2', unitPrice: 2000, taxRateBps: 0, amount: 4000 },
        ],
      }),
    );
    for (const written of [
      'Łódź Serwis IT Sp. z o.o.',
      'Ελλάδα Δίκτυα ΑΕ',
      'Счёт за ноябрь, Zürich Straße',
      'Поддержка серверов — Москва',
      'Şişli ofisi, Ærø, ĐŽŇ',
      'Invoice INV-0043',
      'Balance due',
    ])
      expect(text).toContain(written);
    expect(text.join('\n')).not.toContain(MISSING_GLYPH);
  });

  it('draws a box for each character the font lacks (Chinese, Japanese, Korean, emoji) and says so, never another letter', async () => {
    const text = pdfText(
      await invoice({
        clientName: '東京商事株式会社 (Tokyo)',
        lines: [
          {
            description: 'Launch 🎉 and 👍🏽, 서울 office',
            quantity: '1',
            unitPrice: 10000,
            taxRateBps: 0,
            amount: 10000,
          },
        ],
      }),
    );
    const box = MISSING_GLYPH;
    expect(text).toContain(`${box.repeat(8)} (Tokyo)`);
    // An emoji with its skin tone is one character to the reader: one box.
    expect(text).toContain(`Launch ${box} and ${box}, ${box.repeat(2)} office`);
    expect(text.join(' ')).toMatch(
      /□ stands for a character this PDF's font cannot show \(Chinese, Japanese, Korean, emoji\)/,
    );
  });

  it('renders a client named in Greek end to end, from the database to the PDF the portal downloads', async () => {
    const f = await billingFixture(s.container, owner.org.id, { clientName: 'Αθήνα Σύμβουλοι ΕΠΕ' });
    const inv = await f.sentInvoice(30);
    const file = await invoicePdfFile(s.container, { orgId: owner.org.id }, inv.id);
    const text = pdfText(file.content);
    expect(text).toContain('Αθήνα Σύμβουλοι ΕΠΕ');
    expect(text).toContain(`Invoice ${inv.number}`);
  });
});
