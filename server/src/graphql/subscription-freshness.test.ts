import { expect, it } from 'vitest';
import { settleForFile } from '../../test/for-file.js';
import { createOrgWithOwner, eventually } from '../../test/harness.js';
import { billingFixture } from '../../test/fixtures.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';
import { PaymentMethod, PaymentSource } from '../modules/payments/payment.entity.js';
import { wsClient } from '../../test/ws-client.js';

const s = settleForFile({ worker: false });

// Regression: graphql-ws keeps one context per subscription, and its batch loaders used to serve the
// relations (payments, lines) as they were at the first event.
it('carries fresh related data (payments) on every event of one subscription', async () => {
  const { org, token } = await createOrgWithOwner(s);
  const f = await billingFixture(s.container, org.id);
  const invoice = await f.sentInvoice(60);
  const seen: number[] = [];
  const client = wsClient(s.url, token);
  const connected = new Promise<void>((resolve) => client.on('connected', () => resolve()));
  const stop = client.subscribe<{ invoiceUpdated: { invoice: { payments: Array<{ amount: number }> } } }>(
    {
      query: `subscription($i:ID){invoiceUpdated(invoiceId:$i){invoice{payments{amount}}}}`,
      variables: { i: invoice.id },
    },
    {
      next: (v) => seen.push(v.data?.invoiceUpdated.invoice.payments.length ?? -1),
      error: () => undefined,
      complete: () => undefined,
    },
  );
  try {
    await connected;
    await new Promise((r) => setTimeout(r, 200));
    for (const amount of [1000, 2000, 3000]) {
      await s.container.settlement.settle(org.id, SYSTEM_ACTOR, {
        invoiceId: invoice.id,
        amount,
        source: PaymentSource.MANUAL,
        method: PaymentMethod.CHECK,
      });
      await eventually(async () => seen.length >= [1000, 2000, 3000].indexOf(amount) + 1, 'the update');
    }
    expect(seen).toEqual([1, 2, 3]);
  } finally {
    stop();
    await client.dispose();
  }
});
