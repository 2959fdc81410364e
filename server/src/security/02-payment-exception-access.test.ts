import { describe, expect, it } from 'vitest';
import { expectNoChange, failure, ok } from '../../test/api.js';
import { providerActor, SYSTEM_ACTOR } from '../platform/actor.js';
import { PaymentMethod, PaymentSource } from '../modules/payments/payment.entity.js';
import { connectedOrg, sentToStripe, stripeWorldForFile } from '../modules/stripe/stripe-test-kit.js';
import { DISMISS, EXCEPTIONS, exceptionRowsIn, REFUND } from './02-payment-exceptions.test-support.js';
import { lastMailedToken } from '../../test/fixtures.js';

/**
 * Security suite, point 2: payment exceptions are the org's admins' alone. Technicians, portal users
 * and other orgs can neither list, see on an invoice, refund nor dismiss them.
 */
const w = stripeWorldForFile();
const exceptionRows = exceptionRowsIn(w);

describe('point 2: payment exceptions are resolved by the org admins only', () => {
  it('technicians, portal users and other orgs can neither see nor resolve exceptions', async () => {
    const o = await connectedOrg(w);
    const other = await connectedOrg(w);
    const c = w.settle.container;
    const inv = await sentToStripe(o);
    await c.settlement.settle(o.org.id, providerActor('quickbooks', '90'), {
      invoiceId: inv.id,
      amount: 15000,
      source: PaymentSource.QUICKBOOKS,
      method: PaymentMethod.ACH,
      externalId: '90',
      allowOverpayment: true,
    });
    const [exc] = await exceptionRows(o.org.id, inv.id);

    const tech = await c.auth.login(o.fx.tech.email, 'correct horse battery');
    await c.auth.invitePortalUser(o.org.id, SYSTEM_ACTOR, {
      clientId: o.fx.client.id,
      email: `p-${o.org.id}@p.test`,
      name: 'P',
    });
    const portal = (await c.auth.acceptInvite(await lastMailedToken(c, `p-${o.org.id}@p.test`), 'portal password'))
      .token;

    await expectNoChange(w.settle, async () => {
      for (const token of [tech.token, portal]) {
        expect(failure(await w.settle.gql(EXCEPTIONS, {}, token)).code).toBe('FORBIDDEN');
        expect(failure(await w.settle.gql(REFUND, { id: exc.id, note: 'x' }, token)).code).toBe('FORBIDDEN');
        expect(failure(await w.settle.gql(DISMISS, { id: exc.id, reason: 'x' }, token)).code).toBe('FORBIDDEN');
      }
      // The portal user may see the invoice, never its exceptions.
      const seen = await w.settle.gql(
        `query($id:ID!){invoice(id:$id){id paymentExceptions{id}}}`,
        { id: inv.id },
        portal,
      );
      expect(failure(seen).code).toBe('FORBIDDEN');
      // Another org: not in its list, not found by id.
      expect(ok(await w.settle.gql(EXCEPTIONS, {}, other.token)).paymentExceptions.nodes).toEqual([]);
      expect(failure(await w.settle.gql(REFUND, { id: exc.id, note: 'x' }, other.token)).code).toBe('NOT_FOUND');
      expect(failure(await w.settle.gql(DISMISS, { id: exc.id, reason: 'x' }, other.apiToken)).code).toBe('NOT_FOUND');
    });
    expect((await exceptionRows(o.org.id, inv.id))[0].status).toBe('OPEN');
  });
});
