import { Alert, Stack } from '@mantine/core';
import { useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/Layout';
import { QueryState } from '../../components/QueryState';
import { StripeConnectionQuery } from './stripe-documents';
import { QuickBooksConnectionQuery } from './quickbooks-documents';
import { StripeCard } from './StripeCard';
import { QuickBooksCard } from './QuickBooksCard';
import { FeeReconciliationCard } from './FeeReconciliationCard';
import { QuickBooksExceptionsCard } from './QuickBooksExceptionsCard';

export default function IntegrationsPage() {
  const [params, setParams] = useSearchParams();
  const stripe = useQuery(StripeConnectionQuery);
  const qb = useQuery(QuickBooksConnectionQuery);
  const qbConnected = qb.data?.quickBooksConnection.status === 'CONNECTED';
  const stripeConnected = Boolean(stripe.data?.stripeConnection);
  // Where Intuit's consent flow lands: /admin/integrations?quickbooks=connected|error&message=…
  const qbReturn = params.get('quickbooks');
  const dismiss = () => setParams({}, { replace: true });

  return (
    <>
      <PageHeader
        title="Integrations"
        description="Card and bank payments through Stripe; bookkeeping in QuickBooks Online."
      />
      <Stack>
        {qbReturn === 'connected' && (
          <Alert color="green" withCloseButton onClose={dismiss}>
            QuickBooks connected.
          </Alert>
        )}
        {qbReturn === 'error' && (
          <Alert color="red" withCloseButton onClose={dismiss} title="QuickBooks was not connected">
            {params.get('message') ?? 'Unknown error'}
          </Alert>
        )}
        <QueryState query={stripe} data={stripe.data}>
          {(d) => <StripeCard connection={d.stripeConnection ?? null} />}
        </QueryState>
        <QueryState query={qb} data={qb.data?.quickBooksConnection}>
          {(c) => <QuickBooksCard connection={c} />}
        </QueryState>
        {/* Fees only need reconciling when Stripe takes the payment and QuickBooks keeps the books. */}
        {stripeConnected && qbConnected && qb.data?.quickBooksConnection.mapping && (
          <FeeReconciliationCard connection={qb.data.quickBooksConnection} />
        )}
        {qbConnected && <QuickBooksExceptionsCard />}
      </Stack>
    </>
  );
}
