import { Button, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { PageHeader } from '../../components/Layout';
import { QueryState } from '../../components/QueryState';
import { notifyOnFailure } from '../../lib/actions';
import {
  BillingRunsQuery,
  BillingSettingsQuery,
  RunBillingNowMutation,
  UpcomingBillingQuery,
} from './billing-documents';
import { BillingSettingsForm } from './BillingSettingsForm';
import { UpcomingBillingCard } from './UpcomingBillingCard';
import { BillingRunsCard } from './BillingRunsCard';

/**
 * Automatic billing: the organization's settings, who the run bills in the coming days (and what would
 * stop it), and what the last runs did. The run goes every few minutes; "Run due billing now" does not wait.
 */
export default function BillingPage() {
  const settings = useQuery(BillingSettingsQuery, { variables: { clientId: null } });
  const upcoming = useQuery(UpcomingBillingQuery, { variables: { days: 31 }, fetchPolicy: 'cache-and-network' });
  const runs = useQuery(BillingRunsQuery, { variables: { first: 50 }, fetchPolicy: 'cache-and-network' });
  const [run, running] = useMutation(RunBillingNowMutation);

  async function runNow() {
    await notifyOnFailure(async () => {
      const r = await run();
      const billed = r.data?.runBillingNow ?? 0;
      notifications.show({
        color: billed ? 'green' : 'gray',
        message: billed
          ? `Billed ${billed} billing date${billed === 1 ? '' : 's'}`
          : 'Nothing was due: every billing date whose grace period is over is already billed',
      });
      await Promise.all([upcoming.refetch(), runs.refetch()]);
    });
  }

  const runButton = (
    <Button onClick={() => void runNow()} loading={running.loading}>
      Run due billing now
    </Button>
  );
  return (
    <>
      <PageHeader
        title="Billing"
        description="Automatic billing: each client's contracts and approved time are invoiced at every cycle, without anyone asking."
        actions={runButton}
      />
      <Stack>
        <QueryState query={settings} data={settings.data?.billingSettings}>
          {(s) => (
            <BillingSettingsForm
              // A fresh form once saved, so it shows what the server kept (and when billing began).
              key={`${s.autoBilling}-${s.invoiceGraceHours}-${s.review}-${s.sendMethod}`}
              settings={s}
              onSaved={() => void Promise.all([settings.refetch(), upcoming.refetch()])}
            />
          )}
        </QueryState>
        <UpcomingBillingCard query={upcoming} autoBilling={settings.data?.billingSettings.autoBilling ?? false} />
        <BillingRunsCard query={runs} />
      </Stack>
    </>
  );
}
