import { useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Group, List, Stack, Stepper, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import { PageHeader } from '../../components/Layout';
import { QueryState } from '../../components/QueryState';
import { ClientMultiSelect, useClientOptions } from '../../components/ClientSelect';
import { DataTable } from '@settle/web-kit/data-table';
import { amountColumn, clientColumn, numberColumn, statusColumn } from '../../components/invoice-columns';
import { apiError, type FormFailure } from '@settle/web-kit/errors';
import { firstOfMonth, formatMinutes, lastOfMonth } from '../../lib/dates';
import { useOrgDateField } from '../../lib/org-today';
import { bindText } from '@settle/web-kit/fields';
import { FormError } from '../../components/FormError';
import { QuickBooksConnectionQuery } from '../integrations/quickbooks-documents';

const BillableTimeQuery = graphql(`
  query AdminBillableTime($from: LocalDate, $to: LocalDate) {
    timeEntries(status: APPROVED, uninvoicedOnly: true, worked: { from: $from, to: $to }, first: 1000) {
      nodes {
        id minutes billable
        client { id name currency }
      }
    }
  }
`);

const GenerateMutation = graphql(`
  mutation AdminGenerateInvoices($input: GenerateInvoicesInput!) {
    generateInvoices(input: $input) {
      invoices { id number currency total displayStatus client { id name } }
      skipped { clientId reason }
    }
  }
`);

interface ClientTime {
  clientId: string;
  name: string;
  currency: string;
  entries: number;
  minutes: number;
}

export default function GenerateWizard() {
  const [step, setStep] = useState(0);
  const [clientIds, setClientIds] = useState<string[]>([]);
  // Default to last month: the usual monthly billing run.
  const [periodStart, setPeriodStart] = useOrgDateField((today) => firstOfMonth(today, -1));
  const [periodEnd, setPeriodEnd] = useOrgDateField((today) => lastOfMonth(today, -1));
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const { clients } = useClientOptions();
  const preview = useQuery(BillableTimeQuery, { variables: { from: periodStart, to: periodEnd }, skip: step < 1 });
  const [generate, generating] = useMutation(GenerateMutation);
  // "QuickBooks" as a destination: offered when connected, preset from the org's setting.
  const qb = useQuery(QuickBooksConnectionQuery).data?.quickBooksConnection;
  const qbConnected = qb?.status === 'CONNECTED';
  const [toQuickBooks, setToQuickBooks] = useState<boolean | null>(null);
  const sendToQuickBooks = toQuickBooks ?? qb?.mapping?.pushOnGenerate ?? false;

  const perClient = useMemo(() => {
    const by = new Map<string, ClientTime>();
    for (const e of preview.data?.timeEntries.nodes ?? []) {
      if (!e.billable) continue;
      if (clientIds.length && !clientIds.includes(e.client.id)) continue;
      const row = by.get(e.client.id) ?? {
        clientId: e.client.id,
        name: e.client.name,
        currency: e.client.currency,
        entries: 0,
        minutes: 0,
      };
      row.entries += 1;
      row.minutes += e.minutes;
      by.set(e.client.id, row);
    }
    return [...by.values()].sort((a, b) => a.name.localeCompare(b.name));
  }, [preview.data, clientIds]);

  const clientName = (id: string) => clients.find((c) => c.id === id)?.name ?? id;
  const result = generating.data?.generateInvoices;

  // A backwards period matches no time: the preview would say "no billable time" as if there were none.
  function toPreview() {
    if (periodEnd < periodStart) {
      const message = 'The period ends before it starts';
      setFailure({ message, fields: { periodEnd: message } });
      return;
    }
    setFailure(null);
    setStep(1);
  }

  async function doGenerate() {
    setFailure(null);
    try {
      const destinations = qbConnected ? { destinations: sendToQuickBooks ? ['QUICKBOOKS' as const] : [] } : {};
      await generate({
        variables: { input: { periodStart, periodEnd, ...(clientIds.length ? { clientIds } : {}), ...destinations } },
      });
      setStep(2);
    } catch (err) {
      setFailure(apiError(err));
      // Period errors belong to the first step.
      if (apiError(err).fields.periodStart || apiError(err).fields.periodEnd) setStep(0);
    }
  }

  return (
    <>
      <PageHeader
        title="Generate invoices"
        description="One draft invoice per client from approved, un-invoiced time in a period."
      />
      <Card withBorder>
        <Stepper active={step} onStepClick={(s) => s < 2 && !result && setStep(s)} allowNextStepsSelect={false}>
          <Stepper.Step label="Clients and period">
            <Stack maw={560} mt="md">
              <ClientMultiSelect
                label="Clients"
                value={clientIds}
                onChange={setClientIds}
                error={failure?.fields.clientIds}
              />
              <Group grow>
                <TextInput
                  type="date"
                  label="Period start"
                  {...bindText(periodStart, setPeriodStart, failure?.fields.periodStart)}
                  required
                />
                <TextInput
                  type="date"
                  label="Period end"
                  {...bindText(periodEnd, setPeriodEnd, failure?.fields.periodEnd)}
                  required
                />
              </Group>
              <Group>
                <Button onClick={toPreview} disabled={!periodStart || !periodEnd}>
                  Preview billable time
                </Button>
              </Group>
            </Stack>
          </Stepper.Step>
          <Stepper.Step label="Preview">
            <Stack mt="md">
              <FormError failure={failure} />
              <QueryState
                query={preview}
                data={preview.data ? perClient : undefined}
                isEmpty={(rows) => rows.length === 0}
                empty="No approved, un-invoiced billable time in this period."
              >
                {(rows) => (
                  <DataTable
                    rows={rows}
                    rowKey={(r) => r.clientId}
                    rowProps={() => ({ 'data-testid': 'preview-row' })}
                    columns={[
                      { key: 'client', header: 'Client', render: (r) => r.name },
                      { key: 'currency', header: 'Currency', render: (r) => r.currency },
                      { key: 'entries', header: 'Entries', align: 'right', render: (r) => r.entries },
                      { key: 'time', header: 'Time', align: 'right', render: (r) => formatMinutes(r.minutes) },
                    ]}
                  />
                )}
              </QueryState>
              {qbConnected && (
                <Checkbox
                  label="Also send the drafts to QuickBooks"
                  checked={sendToQuickBooks}
                  onChange={(e) => setToQuickBooks(e.currentTarget.checked)}
                  data-testid="generate-to-quickbooks"
                />
              )}
              <Group>
                <Button variant="default" onClick={() => setStep(0)}>
                  Back
                </Button>
                <Button
                  onClick={() => void doGenerate()}
                  loading={generating.loading}
                  disabled={perClient.length === 0 && clientIds.length === 0}
                >
                  Generate drafts
                </Button>
              </Group>
            </Stack>
          </Stepper.Step>
          <Stepper.Completed>
            {result && (
              <Stack mt="md">
                <Text fw={600}>
                  {result.invoices.length === 0
                    ? 'No invoices were created.'
                    : `Created ${result.invoices.length} draft invoice${result.invoices.length === 1 ? '' : 's'}.`}
                </Text>
                {result.invoices.length > 0 && (
                  <DataTable
                    withHeader={false}
                    rows={result.invoices}
                    rowKey={(inv) => inv.id}
                    rowProps={() => ({ 'data-testid': 'generated-invoice' })}
                    columns={[numberColumn(), clientColumn(), statusColumn(), amountColumn('total')]}
                  />
                )}
                {result.skipped.length > 0 && (
                  <Alert color="yellow" title="Skipped">
                    <List size="sm">
                      {result.skipped.map((s) => (
                        <List.Item key={s.clientId}>
                          {clientName(s.clientId)}: {s.reason}
                        </List.Item>
                      ))}
                    </List>
                  </Alert>
                )}
                <Group>
                  <Button
                    variant="default"
                    onClick={() => {
                      generating.reset();
                      setStep(0);
                    }}
                  >
                    Start another run
                  </Button>
                  <Button component={Link} to="/invoices">
                    Go to invoices
                  </Button>
                </Group>
              </Stack>
            )}
          </Stepper.Completed>
        </Stepper>
      </Card>
    </>
  );
}
