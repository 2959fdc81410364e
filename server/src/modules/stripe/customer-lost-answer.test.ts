import { describe, expect, it } from 'vitest';
import { forFile } from '../../../test/for-file.js';
import { Client } from '../clients/client.entity.js';
import { connectedOrg, startBothWorld } from './payment-artifacts.test-support.js';

/**
 * Stripe made the client's customer but its answer was lost (Settle recorded no customer id), then the
 * client got another email. Stripe refuses an Idempotency-Key sent again with other parameters (for
 * 24 h): the next try must still get a customer. Real SDK, emulator, a proxy that loses the answer.
 */
const w = forFile(() => startBothWorld());

const isCustomerCreate = (m: string, p: string) => m === 'POST' && p.split('?')[0] === '/v1/customers';
const START = `mutation($c: ID) { startSavePaymentMethod(clientId: $c) { url } }`;

describe('a Stripe customer whose answer is lost', () => {
  it('the client edited meanwhile: saving a card still works (a customer is made, not an idempotency error)', async () => {
    const o = await connectedOrg(w, { sendVia: 'CHECKOUT' });
    const clientId = o.fx.client.id;
    w.proxy.loseAnswer(isCustomerCreate, 5);
    const lost = await w.settle.gql(START, { c: clientId }, o.token);
    expect(lost.errors?.length).toBeGreaterThan(0);
    expect((await o.stripe.customers.list({ limit: 100 })).data).toHaveLength(1);

    await w.settle.container.db.getRepository(Client).update({ id: clientId }, { billingEmail: 'billing@client.test' });
    const again = await w.settle.gql(START, { c: clientId }, o.token);
    expect(again.errors).toBeUndefined();
    expect(again.data.startSavePaymentMethod.url).toMatch(/cs_test_/);
    const customers = (await o.stripe.customers.list({ email: 'billing@client.test' })).data;
    expect(customers).toHaveLength(1);
  });
});
