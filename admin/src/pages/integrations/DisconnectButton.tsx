import { Button } from '@mantine/core';

/** The red Disconnect button of an integration card. */
export function DisconnectButton({ loading, onClick }: { loading: boolean; onClick: () => void }) {
  return (
    <Button size="xs" variant="subtle" color="red" loading={loading} onClick={onClick}>
      Disconnect
    </Button>
  );
}
