import { Alert, Anchor, Button, Card, Group, Stack, Switch, Text } from '@mantine/core';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/Layout';
import { QueryState } from '../../components/QueryState';
import { apiError } from '@settle/web-kit/errors';
import { QuickBooksConnectionQuery, QuickBooksRefsQuery, UpdateQuickBooksMapping } from './quickbooks-documents';
import { notifyOnFailure } from '../../lib/actions';
import { RefSelect } from './RefSelect';
import { TaxCodesCard } from './TaxCodesCard';
import { useMappingForm } from './quickbooks-mapping-form';
import type { AdminQuickBooksConnectionFragment, AdminQuickBooksRefsQuery } from '../../gql/graphql';

export default function QuickBooksMappingPage() {
  const conn = useQuery(QuickBooksConnectionQuery);
  const refs = useQuery(QuickBooksRefsQuery, { skip: conn.data?.quickBooksConnection.status !== 'CONNECTED' });
  const m = conn.data?.quickBooksConnection.mapping;
  return (
    <>
      <PageHeader
        title="QuickBooks mapping"
        description={
          <>
            How Settle books invoices in QuickBooks.{' '}
            <Anchor component={Link} to="/integrations" size="sm">
              Back to integrations
            </Anchor>
          </>
        }
      />
      <QueryState query={conn} data={conn.data?.quickBooksConnection}>
        {(qb) =>
          qb.status !== 'CONNECTED' || !m ? (
            <Alert color="gray">Connect QuickBooks first.</Alert>
          ) : (
            // A new form whenever the saved mapping changes (after a save, or a refetch), so it shows what is stored.
            <Stack>
              <MappingCard key={`${m.defaultItemId}:${m.incomeAccountId}`} mapping={m} refs={refs} />
              <TaxCodesCard key={JSON.stringify(m.taxCodes)} mapping={m} />
            </Stack>
          )
        }
      </QueryState>
    </>
  );
}

function MappingCard({
  mapping: m,
  refs,
}: {
  mapping: NonNullable<AdminQuickBooksConnectionFragment['mapping']>;
  refs: { loading: boolean; error?: unknown; data?: AdminQuickBooksRefsQuery };
}) {
  const { failure, bind, save, saving } = useMappingForm(
    { defaultItemId: m.defaultItemId ?? null, incomeAccountId: m.incomeAccountId ?? null },
    'Mapping saved',
  );
  const items = (refs.data?.quickBooksItems ?? [])
    .filter((i) => i.active)
    .map((i) => ({ value: i.id, label: `${i.name} (${i.type})` }));
  const incomeAccounts = (refs.data?.quickBooksAccounts ?? [])
    .filter((a) => a.active && /income/i.test(a.type))
    .map((a) => ({ value: a.id, label: a.name }));
  return (
    <Card withBorder maw={640}>
      <Stack>
        {(refs.error || (failure && !failure.fields.defaultItemId && !failure.fields.incomeAccountId)) && (
          <Alert color="red">{failure?.message ?? apiError(refs.error).message}</Alert>
        )}
        <RefSelect
          label="Default service item"
          description={`Invoice lines without a matching QuickBooks item use this. Blank: ${m.fallbackItemId ? 'the first active service item' : 'none available'}.`}
          placeholder="Fallback item"
          loading={refs.loading}
          data={items}
          {...bind('defaultItemId')}
        />
        <RefSelect
          label="Income account"
          placeholder="The item’s own account"
          loading={refs.loading}
          data={incomeAccounts}
          {...bind('incomeAccountId')}
        />
        <PushOnGenerateSwitch on={m.pushOnGenerate} />
        <Text size="xs" c="dimmed">
          Stripe fee accounts and online payment options are on the integrations page.
        </Text>
        <Group justify="flex-end">
          <Button loading={saving} onClick={() => void save()}>
            Save mapping
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** "QuickBooks" as a destination at Generate, for the org (the Generate wizard may say otherwise per run); saved at once. */
function PushOnGenerateSwitch({ on }: { on: boolean }) {
  const [update, { loading }] = useMutation(UpdateQuickBooksMapping);
  return (
    <Switch
      label="Send invoices to QuickBooks when they are generated (as drafts)"
      description="Otherwise they go when sent with QuickBooks as a destination, or from the invoice page."
      checked={on}
      disabled={loading}
      onChange={(e) => {
        const pushOnGenerate = e.currentTarget.checked;
        void notifyOnFailure(() => update({ variables: { input: { pushOnGenerate } } }));
      }}
    />
  );
}
