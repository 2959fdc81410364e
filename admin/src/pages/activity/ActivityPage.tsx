import { useState } from 'react';
import { Anchor, Button, Card, Center, Text, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { formatDateTime } from '@settle/web-kit/dates';
import type { AdminActivityQuery } from '../../gql/graphql';
import { PageHeader } from '../../components/Layout';
import { QueryTable, listOf } from '../../components/QueryState';
import { ActivityQuery } from './activity-documents';
import { ActivityFilters, NO_FILTER, type ActivityFilterState } from './activity-filters';

const PAGE = 50;
type Event = AdminActivityQuery['auditEvents']['nodes'][number];

/** The filter as the query's variables: only what is set (a half-typed action waits for the debounce). */
function variablesOf(f: ActivityFilterState, action: string) {
  return {
    actorType: f.actorType,
    actorId: f.actor?.id ?? null,
    entityType: f.entityType,
    action: action.trim() || null,
    occurred: f.from || f.to ? { from: f.from || null, to: f.to || null } : null,
    first: PAGE,
  };
}

function ObjectCell({ e }: { e: Event }) {
  if (e.entityType === 'Invoice')
    return (
      <Anchor component={Link} to={`/invoices/${e.entityId}`} size="sm">
        Invoice
      </Anchor>
    );
  return <Text size="sm">{e.entityType}</Text>;
}

/** The org's activity log: who did what, through which app, newest first, with filters and "Load more". */
export default function ActivityPage() {
  const [filter, setFilter] = useState<ActivityFilterState>(NO_FILTER);
  const [action] = useDebouncedValue(filter.action, 300);
  const query = useQuery(ActivityQuery, { variables: variablesOf(filter, action), notifyOnNetworkStatusChange: true });
  const page = query.data?.auditEvents.pageInfo;
  const more = !!page?.hasNextPage;
  const change = setFilter;

  async function loadMore() {
    if (!page?.endCursor) return;
    await query.fetchMore({
      variables: { after: page.endCursor },
      updateQuery: (prev, { fetchMoreResult }) => ({
        auditEvents: {
          ...fetchMoreResult.auditEvents,
          nodes: [...prev.auditEvents.nodes, ...fetchMoreResult.auditEvents.nodes],
        },
      }),
    });
  }

  const filtered = JSON.stringify(filter) !== JSON.stringify(NO_FILTER);
  return (
    <>
      <PageHeader
        title="Activity"
        description="Every change in your organization: who made it, in which app, and when. Newest first."
      />
      <Card withBorder>
        <ActivityFilters value={filter} onChange={change} />
        <QueryTable
          {...listOf(query, (d) => d.auditEvents.nodes)}
          empty={filtered ? 'No activity matches these filters.' : 'No activity yet.'}
          rowProps={() => ({ 'data-testid': 'activity-row' })}
          columns={[
            { key: 'when', header: 'When', render: (e) => <Text size="xs">{formatDateTime(e.createdAt)}</Text> },
            {
              key: 'who',
              header: 'Who',
              render: (e) =>
                e.actorId ? (
                  <UnstyledButton
                    title="Show only this actor's activity"
                    onClick={() => change({ ...filter, actor: { id: e.actorId!, label: e.actorLabel } })}
                  >
                    <Text size="sm" c="teal.9" td="underline">
                      {e.actorLabel}
                    </Text>
                  </UnstyledButton>
                ) : (
                  <Text size="sm">{e.actorLabel}</Text>
                ),
            },
            { key: 'via', header: 'Via', render: (e) => <Text size="sm">{e.via}</Text> },
            {
              key: 'action',
              header: 'Action',
              render: (e) => (
                <>
                  <Text size="sm">{e.label}</Text>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {e.action}
                  </Text>
                </>
              ),
            },
            { key: 'object', header: 'Object', render: (e) => <ObjectCell e={e} /> },
          ]}
        />
        {more && (
          <Center mt="md">
            <Button variant="default" loading={query.loading} onClick={() => void loadMore()}>
              Load more
            </Button>
          </Center>
        )}
      </Card>
    </>
  );
}
