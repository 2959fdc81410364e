import { useQuery, useSubscription } from '@apollo/client/react';
import { Alert, Anchor, Button, Card, Divider, Group, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { InvoiceLines, InvoicePayments, InvoiceTotals } from '../components/InvoiceBreakdown';
import { PayPanel } from '../components/PayPanel';
import { ErrorState, Loading } from '../components/States';
import { StatusBadge } from '../components/StatusBadge';
import { InvoiceDetailQuery, InvoiceUpdatedSubscription } from '../documents';
import { PayStateQuery } from '../pay-documents';
import { isNotFound } from '@settle/web-kit/errors';
import { formatDate } from '@settle/web-kit/dates';
import { useQueryParam } from '../lib/use-next';
import { usePortalTitle } from '../lib/page-title';

/** The not-found state also covers invoices of other clients: the API answers NOT_FOUND for both. */
function InvoiceNotFound() {
  return (
    <Stack gap="md" data-testid="invoice-not-found">
      <Alert color="gray" role="alert">
        <Title order={1} size="h4" mb={4}>
          Invoice not found
        </Title>
        This invoice does not exist or is not available to your account. If you followed a link from an email, make sure
        you are signed in with the address it was sent to.
      </Alert>
      <Anchor component={Link} to="/invoices">
        Back to your invoices
      </Anchor>
    </Stack>
  );
}

/** Coming back from Stripe's page without paying (cancelled, or the card was declined). */
function PaymentNotCompleted({ invoiceId }: { invoiceId: string }) {
  const { data } = useQuery(PayStateQuery, { variables: { id: invoiceId }, fetchPolicy: 'network-only' });
  // Until Settle answers we cannot tell a decline from a cancel: say nothing rather than the wrong thing.
  if (!data) return null;
  const reason = data.invoice.lastPaymentError;
  return (
    <Alert
      color={reason ? 'red' : 'yellow'}
      title={reason ? 'Your payment did not go through' : 'Payment cancelled'}
      data-testid="payment-not-completed"
      role="alert"
    >
      {reason
        ? `${reason} Nothing was charged. You can try again with another card.`
        : 'You left the payment page before paying. Nothing was charged.'}
    </Alert>
  );
}

export default function InvoiceDetail() {
  const { id = '' } = useParams<{ id: string }>();
  const returnedWith = useQueryParam('payment');
  const { data, loading, error } = useQuery(InvoiceDetailQuery, { variables: { id } });
  // Status, balance and payments update in place (the cache merges the pushed invoice by id). The
  // subscription starts with the invoice as it is once it listens, so nothing after the load is missed.
  useSubscription(InvoiceUpdatedSubscription, { variables: { invoiceId: id, current: true }, skip: !data });
  usePortalTitle(data ? `Invoice ${data.invoice.number}` : isNotFound(error) ? 'Invoice not found' : 'Invoice');

  if (isNotFound(error)) return <InvoiceNotFound />;
  if (error && !data) return <ErrorState page error={error} title="Could not load this invoice" />;
  if (loading && !data) return <Loading label="Loading invoice…" />;
  if (!data) return null;
  const inv = data.invoice;

  return (
    <Stack gap="lg">
      {/* Padded to a tap target of its own (24 px and more), as the back link of a phone page must be. */}
      <Anchor component={Link} to="/invoices" size="sm" py={6} style={{ alignSelf: 'flex-start' }}>
        ← All invoices
      </Anchor>
      {returnedWith === 'cancelled' || returnedWith === 'failed' ? <PaymentNotCompleted invoiceId={inv.id} /> : null}
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="sm">
            <Title order={1} size="h2" data-testid="invoice-number">
              Invoice {inv.number}
            </Title>
            <StatusBadge status={inv.displayStatus} />
          </Group>
          <Text c="dimmed" size="sm" mt={4}>
            Issued {formatDate(inv.issueDate)} · Due {formatDate(inv.dueDate)}
            {inv.paidAt ? ` · Paid ${formatDate(inv.paidAt)}` : ''}
          </Text>
        </div>
        <Button component="a" href={`/portal-api/invoices/${inv.id}/pdf`} variant="default" data-testid="pdf-link">
          Download PDF
        </Button>
      </Group>
      {inv.memo ? <Text>{inv.memo}</Text> : null}
      <PayPanel invoiceId={inv.id} currency={inv.currency} balanceDue={inv.balanceDue} amountPaid={inv.amountPaid} />
      <Card withBorder padding="lg">
        <InvoiceLines invoice={inv} />
        <Divider my="md" />
        <InvoiceTotals invoice={inv} />
      </Card>
      <Card withBorder padding="lg">
        <Title order={2} size="h4" mb="sm">
          Payments applied
        </Title>
        <InvoicePayments invoice={inv} />
      </Card>
    </Stack>
  );
}
