import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { AdminInvoiceDetailFragment } from '../../gql/graphql';
import { notifyOnFailure } from '../../lib/actions';
import { CopyValueButton } from '../../components/CopyValueButton';

export interface IntegrationAvailability {
  STRIPE: boolean;
  QUICKBOOKS: boolean;
}

const AvailabilityQuery = graphql(`
  query AdminIntegrationAvailability {
    stripeConnection { accountId }
    quickBooksConnection { status }
  }
`);

const SendToQuickBooks = graphql(`
  mutation AdminSendInvoiceToQuickBooks($id: ID!) { sendInvoiceToQuickBooks(id: $id) { ...AdminInvoiceDetail } }
`);

const EmailViaQuickBooks = graphql(`
  mutation AdminEmailInvoiceViaQuickBooks($id: ID!) { emailInvoiceViaQuickBooks(id: $id) { ...AdminInvoiceDetail } }
`);

/** Which send destinations are connected, so the send dialog offers only those. */
export function useIntegrationAvailability(): IntegrationAvailability {
  const { data } = useQuery(AvailabilityQuery, { fetchPolicy: 'cache-first' });
  return { STRIPE: Boolean(data?.stripeConnection), QUICKBOOKS: data?.quickBooksConnection.status === 'CONNECTED' };
}

export function IntegrationActions({
  invoice,
  available,
}: {
  invoice: AdminInvoiceDetailFragment;
  available: IntegrationAvailability;
}) {
  const [toQuickBooks, pushing] = useMutation(SendToQuickBooks);
  const [emailViaQuickBooks, emailing] = useMutation(EmailViaQuickBooks);
  const finalized = invoice.status !== 'DRAFT';

  async function run(action: () => Promise<unknown>, done: string) {
    await notifyOnFailure(async () => {
      await action();
      notifications.show({ color: 'green', message: done });
    });
  }

  return (
    <>
      {invoice.payUrl && (
        <CopyValueButton
          value={invoice.payUrl}
          label="Copy pay link"
          copiedLabel="Pay link copied"
          data-testid="copy-pay-link"
        />
      )}
      {/* Drafts go to QuickBooks too (their edits follow); only a sent invoice is emailed from there. */}
      {available.QUICKBOOKS && invoice.status !== 'VOID' && (
        <Menu position="bottom-end">
          <Menu.Target>
            <Button variant="default" loading={pushing.loading || emailing.loading}>
              QuickBooks
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item
              onClick={() => void run(() => toQuickBooks({ variables: { id: invoice.id } }), 'Queued for QuickBooks')}
            >
              Send to QuickBooks
            </Menu.Item>
            {finalized && (
              <Menu.Item
                onClick={() =>
                  void run(
                    () => emailViaQuickBooks({ variables: { id: invoice.id } }),
                    'QuickBooks will email the invoice',
                  )
                }
              >
                Email via QuickBooks
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
      )}
    </>
  );
}
