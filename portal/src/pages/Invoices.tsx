import { useQuery, useSubscription } from '@apollo/client/react';
import { Alert, Button, Card, Center, Chip, Group, Stack, TextInput, Title } from '@mantine/core';
import { formatMoney } from '@settle/web-kit/money';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { InvoiceTable } from '../components/InvoiceTable';
import { Empty, ErrorState, Loading } from '../components/States';
import { STATUS_FILTERS } from '../components/StatusBadge';
import { CreditBalanceQuery, InvoicesQuery, InvoiceUpdatedSubscription } from '../documents';
import type { InvoiceDisplayStatus } from '../gql/graphql';
import { useSession } from '../session';
import { usePortalTitle } from '../lib/page-title';

const PAGE = 25;

/** All finalized invoices of the client, newest first, filterable by status and number; live badges. */
export default function Invoices() {
  const { clientId } = useSession();
  usePortalTitle('Invoices');
  const [statuses, setStatuses] = useState<InvoiceDisplayStatus[]>([]);
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 250);
  const filter = {
    ...(statuses.length ? { status: statuses } : {}),
    ...(debouncedSearch ? { search: debouncedSearch } : {}),
  };
  const { data, loading, error, fetchMore, refetch } = useQuery(InvoicesQuery, { variables: { first: PAGE, filter } });
  const credit = useQuery(CreditBalanceQuery, { variables: { clientId } }).data?.client.creditBalance ?? [];

  const invoices = data?.invoices.edges.map((e) => e.node) ?? [];
  // Changed invoices update in the cache by id. A filtered list may gain or lose rows, and one just sent is
  // not in the list yet: re-ask the first page then, unless more pages were read (re-asking would drop them).
  useSubscription(InvoiceUpdatedSubscription, {
    variables: { clientId },
    onData: ({ data: event }) => {
      const id = event.data?.invoiceUpdated.invoiceId;
      const unseen = !!data && invoices.length <= PAGE && !invoices.some((inv) => inv.id === id);
      if (statuses.length || unseen) void refetch();
    },
  });
  const filtered = statuses.length > 0 || !!debouncedSearch;
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Invoices
      </Title>
      {credit.length ? (
        <Alert color="green" variant="light" data-testid="credit-balance">
          Credit on your account: {credit.map((c) => formatMoney(c.amount, c.currency)).join(' · ')}. It goes toward
          your open and upcoming invoices.
        </Alert>
      ) : null}
      <Group justify="space-between" align="flex-end" gap="sm">
        <Chip.Group multiple value={statuses} onChange={(v) => setStatuses(v as InvoiceDisplayStatus[])}>
          <Group gap={6} aria-label="Filter by status">
            {STATUS_FILTERS.map((s) => (
              <Chip key={s.value} value={s.value} size="sm" variant="outline">
                {s.label}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        <TextInput
          placeholder="Search number or memo"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={240}
          aria-label="Search invoices"
        />
      </Group>
      <Card withBorder padding={0}>
        {error && !data ? (
          <Center p="md">
            <ErrorState error={error} title="Could not load your invoices" />
          </Center>
        ) : loading && !data ? (
          <Loading label="Loading invoices…" />
        ) : invoices.length === 0 ? (
          <Empty title={filtered ? 'No invoices match these filters' : 'No invoices yet'}>
            {filtered
              ? 'Try another status or clear the search.'
              : 'Invoices appear here as soon as they are sent to you.'}
          </Empty>
        ) : (
          <InvoiceTable invoices={invoices} />
        )}
      </Card>
      {data?.invoices.pageInfo.hasNextPage ? (
        <Center>
          <Button
            variant="default"
            loading={loading}
            onClick={() =>
              void fetchMore({
                variables: { after: data.invoices.pageInfo.endCursor },
                updateQuery: (prev, { fetchMoreResult }) => ({
                  invoices: {
                    ...fetchMoreResult.invoices,
                    edges: [...prev.invoices.edges, ...fetchMoreResult.invoices.edges],
                  },
                }),
              })
            }
          >
            Show more
          </Button>
        </Center>
      ) : null}
    </Stack>
  );
}
