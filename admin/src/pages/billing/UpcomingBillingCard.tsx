import { Alert, Card, Text, Title } from '@mantine/core';
import { DataTable } from '@settle/web-kit/data-table';
import { formatDate, formatDateTime } from '@settle/web-kit/dates';
import { formatMoney } from '@settle/web-kit/money';
import type { AdminUpcomingBillingQuery } from '../../gql/graphql';
import { ListState, type QueryStatus } from '../../components/QueryState';
import { formatMinutes } from '../../lib/dates';

type Upcoming = AdminUpcomingBillingQuery['upcomingBilling'][number];

/**
 * Who the billing run bills in the coming days, soonest first, with what stops or holds an invoice shown
 * on its row in red, so it can be fixed before the run reaches it.
 */
export function UpcomingBillingCard({
  query,
  autoBilling,
}: {
  query: QueryStatus & { data?: AdminUpcomingBillingQuery };
  autoBilling: boolean;
}) {
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        Upcoming (next 31 days)
      </Title>
      <ListState
        query={query}
        data={query.data?.upcomingBilling}
        empty={
          autoBilling
            ? 'Nobody is due in the next 31 days: no client with automatic billing has a contract billing date or month end coming.'
            : 'Automatic billing is off: turn it on above, or for a client on its page.'
        }
      >
        {(rows) => (
          <DataTable
            rows={rows}
            rowKey={(u: Upcoming) => `${u.clientId}-${u.billDate}`}
            rowProps={(u) => ({
              'data-testid': 'upcoming-row',
              'data-problem': u.problem ? 'true' : undefined,
              style: u.problem ? { background: 'var(--mantine-color-red-0)' } : undefined,
            })}
            columns={[
              { key: 'client', header: 'Client', render: (u) => u.clientName },
              { key: 'billDate', header: 'Bill date', render: (u) => formatDate(u.billDate) },
              { key: 'billAt', header: 'Invoiced at', render: (u) => formatDateTime(u.billAt) },
              {
                key: 'recurring',
                header: 'Recurring',
                align: 'right',
                // With a problem the amount is not known (a line has no price): no misleading zero.
                render: (u) => (u.problem ? '—' : formatMoney(u.recurringAmount, u.currency)),
              },
              {
                key: 'time',
                header: 'Unbilled time',
                align: 'right',
                render: (u) => (u.unbilledMinutes ? formatMinutes(u.unbilledMinutes) : '—'),
              },
              {
                key: 'problem',
                header: 'Ready?',
                render: (u) =>
                  u.problem ? (
                    <Alert color="red" variant="outline" p={6} data-testid="upcoming-problem">
                      <Text size="sm" c="red.9">
                        {u.problem}
                      </Text>
                    </Alert>
                  ) : (
                    <Text size="sm" c="teal.9">
                      Ready
                    </Text>
                  ),
              },
            ]}
          />
        )}
      </ListState>
    </Card>
  );
}
