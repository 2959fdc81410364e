import { graphql } from './gql/index.js';
import type { ExampleOverdueInvoicesQuery } from './gql/graphql.js';
import { request, type SettleApi } from './settle-api.js';

const OverdueInvoices = graphql(`
  query ExampleOverdueInvoices($after: String) {
    invoices(first: 100, after: $after, filter: { status: [OVERDUE] }) {
      nodes {
        id
        number
        dueDate
        balanceDue
        currency
        client {
          name
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export interface OverdueInvoice {
  id: string;
  number: string | null;
  dueDate: string | null;
  /** What is still owed, in minor units of `currency` (cents for USD). */
  balanceDue: number;
  currency: string;
  client: string;
}

/** Every overdue invoice, oldest page last: pages of 100 followed by their cursors. */
export async function overdueInvoices(api: SettleApi): Promise<OverdueInvoice[]> {
  const all: OverdueInvoice[] = [];
  for (let after: string | null = null, more = true; more;) {
    const { invoices }: ExampleOverdueInvoicesQuery = await request(api, OverdueInvoices, { after });
    all.push(...invoices.nodes.map((i) => ({ ...i, client: i.client.name })));
    [after, more] = [invoices.pageInfo.endCursor ?? null, invoices.pageInfo.hasNextPage];
  }
  return all;
}

// `SETTLE_URL=http://127.0.0.1:4000 SETTLE_TOKEN=stl_… pnpm --filter @settle/examples overdue`
if (import.meta.url === `file://${process.argv[1]}`) {
  const api = { url: process.env.SETTLE_URL ?? 'http://127.0.0.1:4000', token: process.env.SETTLE_TOKEN ?? '' };
  for (const i of await overdueInvoices(api))
    console.log(`${i.number}  ${i.client}  due ${i.dueDate}  owes ${i.currency} ${i.balanceDue}`);
}
