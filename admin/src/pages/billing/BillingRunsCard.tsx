import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { DataTable } from '@settle/web-kit/data-table';
import { formatDate, formatDateTime } from '@settle/web-kit/dates';
import { formatMoney } from '@settle/web-kit/money';
import type { AdminBillingRunsQuery, BillingRunStatus } from '../../gql/graphql';
import { TitledCard } from '../../components/TitledCard';
import { LookBadge, type BadgeLook } from '../../components/StatusBadge';
import { ListState, type QueryStatus } from '../../components/QueryState';
import { useClientOptions } from '../../components/ClientSelect';

type Run = AdminBillingRunsQuery['billingRuns']['nodes'][number];

/** Each outcome in words and color: green went out, blue waits for review, red needs someone. */
const RUN_STATUS: Record<BillingRunStatus, BadgeLook> = {
  SENT: { label: 'Sent', color: 'green' },
  DRAFTED: { label: 'Draft to review', color: 'blue' },
  EMPTY: { label: 'Nothing due', color: 'gray' },
  NEEDS_ATTENTION: { label: 'Needs attention', color: 'orange' },
  FAILED: { label: 'Failed', color: 'red' },
};

export function BillingRunStatusBadge({ status }: { status: BillingRunStatus }) {
  return <LookBadge status={status} looks={RUN_STATUS} testId="run-status" />;
}

/** The last billing runs, newest first: one row per client and billing date, with its outcome. */
export function BillingRunsCard({ query }: { query: QueryStatus & { data?: AdminBillingRunsQuery } }) {
  // Runs name their client by id; the client list (archived ones too) gives its name and currency (for the total).
  const { clients } = useClientOptions({ includeArchived: true });
  const clientOf = (id: string) => clients.find((c) => c.id === id);
  return (
    <TitledCard title="Last runs" order={2} size="h4">
      <ListState
        query={query}
        data={query.data?.billingRuns.nodes}
        empty="No runs yet. Each client's billing dates show here once the run has billed them."
      >
        {(rows) => (
          <DataTable
            rows={rows}
            rowKey={(r: Run) => r.id}
            rowProps={() => ({ 'data-testid': 'run-row' })}
            columns={[
              { key: 'client', header: 'Client', render: (r) => clientOf(r.clientId)?.name ?? 'Unknown client' },
              { key: 'billDate', header: 'Bill date', render: (r) => formatDate(r.billDate) },
              { key: 'status', header: 'Status', render: (r) => <BillingRunStatusBadge status={r.status} /> },
              {
                key: 'total',
                header: 'Total',
                align: 'right',
                render: (r) => {
                  const currency = clientOf(r.clientId)?.currency;
                  return r.total != null && currency ? formatMoney(r.total, currency) : '—';
                },
              },
              {
                key: 'invoice',
                header: 'Invoice',
                render: (r) =>
                  r.invoiceId ? (
                    <Anchor component={Link} to={`/invoices/${r.invoiceId}`} size="sm">
                      View invoice
                    </Anchor>
                  ) : (
                    '—'
                  ),
              },
              {
                key: 'message',
                header: 'Message',
                render: (r) => (
                  <>
                    {r.message && <Text size="sm">{r.message}</Text>}
                    <Text size="xs" c="dimmed">
                      {formatDateTime(r.updatedAt)}
                      {r.attempts > 1 ? ` · ${r.attempts} attempts` : ''}
                    </Text>
                  </>
                ),
              },
            ]}
          />
        )}
      </ListState>
    </TitledCard>
  );
}
