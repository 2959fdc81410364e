import { ok } from '../../../test/api.js';
import { forFile, settleForFile } from '../../../test/for-file.js';
import { describeIdempotent, rowsOf, twoKeyOrgs, type KeyOrg } from '../idempotency/idempotency-test-kit.js';

// applyClientCredit moves money like recordPayment, yet took no idempotency key (and ignored the
// Idempotency-Key header): a retry after a lost answer spent the client's credit a second time.

const s = settleForFile({ worker: false });
const orgs = forFile(() => twoKeyOrgs(s, ['Credit Key A', 'Credit Key B']));

/** 100.00 of credit on the client's account: a paid invoice credited back to it. */
async function grantCredit(o: KeyOrg) {
  const paid = await o.fx.sentInvoice(60);
  const pay = `mutation($i:RecordPaymentInput!){recordPayment(input:$i){invoice{status}}}`;
  ok(await s.gql(pay, { i: { invoiceId: paid.id, amount: 10000, method: 'CHECK' } }, o.token));
  const memo = `mutation($i:IssueCreditMemoInput!){issueCreditMemo(input:$i){creditMemo{id}}}`;
  const i = { invoiceId: paid.id, amount: 10000, reason: 'To credit', toClientCredit: true };
  ok(await s.gql(memo, { i }, o.token));
}

describeIdempotent(
  () => s,
  () => orgs,
  {
    mutation: 'applyClientCredit',
    document: `mutation($id: ID!, $amount: Money, $key: String) {
    applyClientCredit(invoiceId: $id, amount: $amount, idempotencyKey: $key) {
      entry { id amount } creditMemo { id amount } invoice { id status balanceDue amountCredited } } }`,
    concurrent: 'wait',
    prepare: async (o) => {
      await grantCredit(o);
      const inv = await o.fx.sentInvoice(60);
      return { vars: { id: inv.id, amount: 1000 }, other: { id: inv.id, amount: 1500 } };
    },
    count: (o) => rowsOf(s, 'client_credits', o.orgId, `source = 'APPLIED'`),
  },
);
