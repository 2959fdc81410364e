import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@apollo/client/react';
import { graphql } from '../../gql';
import { notifyOnFailure } from '../../lib/actions';

const SyncClient = graphql(`
  mutation AdminSyncClientToQuickBooks($id: ID!) { syncClientToQuickBooks(id: $id) { id } }
`);

/** "Sync to QuickBooks": the client's QuickBooks customer is created or brought up to date by the worker. */
export function SyncClientButton({ clientId, name }: { clientId: string; name: string }) {
  const [sync, { loading }] = useMutation(SyncClient);
  const run = () =>
    notifyOnFailure(async () => {
      await sync({ variables: { id: clientId } });
      notifications.show({ color: 'green', message: `${name} is on its way to QuickBooks` });
    });
  return (
    <Button size="xs" variant="subtle" loading={loading} onClick={() => void run()}>
      Sync to QuickBooks
    </Button>
  );
}
