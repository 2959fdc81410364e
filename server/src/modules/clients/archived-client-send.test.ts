import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { createOrgWithOwner } from '../../../test/harness.js';
import { billingFixture } from '../../../test/fixtures.js';
import { expectNoChange, failure, ok } from '../../../test/api.js';

/**
 * A draft made for a client before it was archived: sending it issues a new invoice (numbered, emailed,
 * owed), the new billing work archiving refuses (createInvoice says "restore it before invoicing it"), so
 * it is refused the same way and writes nothing. An invoice issued before the archive is still resent:
 * its money is still owed.
 */
const s = settleForFile({ worker: false });
const SEND = `mutation($id:ID!){sendInvoice(id:$id){status}}`;

describe('sending to an archived client', () => {
  it('its draft is not issued, naming the client; an invoice it was sent before is resent', async () => {
    const A = await createOrgWithOwner(s, `Archived send ${Math.random().toString(36).slice(2, 8)}`);
    const f = await billingFixture(s.container, A.org.id, { clientName: 'Gone Ltd' });
    const sent = await f.sentInvoice(60);
    const draft = await f.draftInvoice(30);
    ok(await s.gql(`mutation($c:ID!){updateClient(id:$c,input:{archived:true}){id}}`, { c: f.client.id }, A.token));

    await expectNoChange(s, async () => {
      const err = failure(await s.gql(SEND, { id: draft.id }, A.token));
      expect(err).toEqual({
        code: 'BAD_USER_INPUT',
        field: 'id',
        message: 'Client Gone Ltd is archived: restore it before invoicing it',
      });
    });
    expect(ok(await s.gql(SEND, { id: sent.id }, A.token)).sendInvoice.status).toBe('SENT');

    ok(await s.gql(`mutation($c:ID!){updateClient(id:$c,input:{archived:false}){id}}`, { c: f.client.id }, A.token));
    expect(ok(await s.gql(SEND, { id: draft.id }, A.token)).sendInvoice.status).toBe('SENT');
  });
});
