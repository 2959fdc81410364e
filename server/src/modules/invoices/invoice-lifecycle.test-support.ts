// Test support (not a test file): the invoice API as the lifecycle tests drive it, as one signed-in user.
import type { TestSettle } from '../../../test/harness.js';
import { ok } from '../../../test/api.js';

export const FIELDS = `id number status displayStatus isOverdue currency subtotal taxTotal total amountPaid balanceDue notes dueDate issueDate finalizedAt portalUrl
  lines{id kind description serviceId quantity unitPrice discount taxRateBps amount taxAmount}`;
export const CREATE = `mutation($i:CreateInvoiceInput!){createInvoice(input:$i){${FIELDS}}}`;
export const UPDATE = `mutation($id:ID!,$i:UpdateDraftInvoiceInput!){updateDraftInvoice(id:$id,input:$i){${FIELDS}}}`;
export const SEND = `mutation($id:ID!){sendInvoice(id:$id){${FIELDS}}}`;

/** The invoice API of `s` as `user` (the org's owner in these tests), whose token is read at each call. */
export function invoiceApi(s: TestSettle, user: { token: string }) {
  return {
    /** A new client billed in `currency`, its billing email at `<currency>.test`; returns its id. */
    async client(currency: string, name = `${currency} client`) {
      return ok(
        await s.gql(
          `mutation($n:String!,$c:String!){createClient(input:{name:$n,billingEmail:"ap@${currency.toLowerCase()}.test",currency:$c}){id}}`,
          { n: name, c: currency },
          user.token,
        ),
      ).createClient.id as string;
    },
    /** A DRAFT invoice made through createInvoice with `input`. */
    async create(input: Record<string, unknown>) {
      return ok(await s.gql(CREATE, { i: input }, user.token)).createInvoice;
    },
    /** The emails of `kind` about the invoice. */
    async emailFor(invoiceId: string, kind = 'invoice') {
      return (await s.container.db.query(
        `SELECT to_address, subject, text_body FROM emails WHERE related_id = $1 AND kind = $2`,
        [invoiceId, kind],
      )) as Array<{ to_address: string; subject: string; text_body: string }>;
    },
  };
}
