import type { DataSource } from 'typeorm';
import { Field, Int, ObjectType } from 'type-graphql';
import { MoneyScalar } from '../../graphql/scalars.js';
import { issuedToClientSql, type InvoiceScope } from './invoice-query.js';

@ObjectType({ description: 'What a client owes in one currency, over all its open invoices.' })
export class ClientOpenBalance {
  @Field(() => String, { description: 'ISO 4217 currency.' }) currency: string;
  @Field(() => MoneyScalar, { description: 'The balance due of its open invoices (minor units).' })
  balanceDue: number;
  @Field(() => MoneyScalar, { description: 'The part of it on invoices past their due date (minor units).' })
  overdue: number;
  @Field(() => Int, { description: 'How many invoices are open (sent or part paid).' }) openInvoices: number;
}

/**
 * Open balances of these clients, per currency, summed by PostgreSQL over every open invoice (not a page
 * of them: a client with 500 open invoices owes all 500). Open and overdue as invoice-status.ts has them;
 * with `issuedOnly` (a portal user) only invoices issued to the client count.
 */
export async function clientOpenBalances(
  db: Pick<DataSource, 'query'>,
  scope: InvoiceScope,
  clientIds: readonly string[],
  today: string,
): Promise<Map<string, ClientOpenBalance[]>> {
  const rows = (await db.query(
    `SELECT i.client_id, i.currency, SUM(i.balance_due)::bigint AS due,
            COALESCE(SUM(i.balance_due) FILTER (WHERE i.balance_due > 0 AND i.due_date < $3::date), 0)::bigint AS overdue,
            COUNT(*)::int AS open
       FROM invoices i
      WHERE i.org_id = $1 AND i.client_id = ANY($2::uuid[]) AND i.status IN ('SENT', 'PARTIALLY_PAID')
        ${scope.issuedOnly ? `AND ${issuedToClientSql('i')}` : ''}
      GROUP BY i.client_id, i.currency ORDER BY i.currency`,
    [scope.orgId, clientIds, today],
  )) as Array<{ client_id: string; currency: string; due: string; overdue: string; open: number }>;
  const out = new Map<string, ClientOpenBalance[]>();
  for (const r of rows) {
    const balance = {
      currency: r.currency,
      balanceDue: Number(r.due),
      overdue: Number(r.overdue),
      openInvoices: r.open,
    };
    out.set(r.client_id, [...(out.get(r.client_id) ?? []), balance]);
  }
  return out;
}
