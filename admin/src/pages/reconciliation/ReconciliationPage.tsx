import { useState } from 'react';
import { Alert, Anchor, Button, Card, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/Layout';
import { QueryTable, type QueryStatus } from '../../components/QueryState';
import { LookBadge, type BadgeLook } from '../../components/StatusBadge';
import { notifyOnFailure } from '../../lib/actions';
import { firstOfMonth, lastOfMonth } from '../../lib/dates';
import { useOrgDateField } from '../../lib/org-today';
import { formatDate, formatDateTime } from '@settle/web-kit/dates';
import { formatMoney } from '@settle/web-kit/money';
import type { AdminReconciliationRunFragment } from '../../gql/graphql';
import {
  FixDiscrepancyMutation,
  ReconciliationRunQuery,
  ReconciliationRunsQuery,
  RunReconciliationMutation,
} from './reconciliation-documents';

type Discrepancy = AdminReconciliationRunFragment['discrepancies'][number];
const SYSTEM_NAMES: Record<string, string> = { SETTLE: 'Settle', STRIPE: 'Stripe', QUICKBOOKS: 'QuickBooks' };
const STATUS: Record<string, BadgeLook> = {
  OPEN: { label: 'Open', color: 'red' },
  FIXING: { label: 'Fix applied, re-checking', color: 'yellow' },
  FIXED: { label: 'Fixed', color: 'green' },
};

const money = (v: number | null | undefined, currency: string) => (v == null ? '—' : formatMoney(v, currency));

export default function ReconciliationPage() {
  const [params, setParams] = useSearchParams();
  const runId = params.get('run');
  // The previous calendar month of the org, the period an accountant closes.
  const [from, setFrom] = useOrgDateField((today) => firstOfMonth(today, -1));
  const [to, setTo] = useOrgDateField((today) => lastOfMonth(today, -1));
  const period = { from, to };
  const runs = useQuery(ReconciliationRunsQuery, { fetchPolicy: 'cache-and-network' });
  const current = runId ?? runs.data?.reconciliationRuns.nodes[0]?.id ?? null;
  const run = useQuery(ReconciliationRunQuery, { variables: { id: current ?? '' }, skip: !current });
  const [start, starting] = useMutation(RunReconciliationMutation);
  const [fix] = useMutation(FixDiscrepancyMutation);

  async function runNow() {
    await notifyOnFailure(async () => {
      const r = await start({ variables: { period } });
      const id = r.data?.runReconciliation.id;
      await runs.refetch();
      if (id) setParams({ run: id });
    });
  }

  async function applyFix(d: Discrepancy) {
    await notifyOnFailure(async () => {
      const r = await fix({ variables: { id: d.id } });
      notifications.show({ message: r.data?.fixReconciliationDiscrepancy.fixResult ?? 'Fix applied' });
      await run.refetch();
    });
  }

  const shown = run.data?.reconciliationRun;
  return (
    <>
      <PageHeader
        title="Reconciliation"
        description="Settle, Stripe and QuickBooks side by side: every invoice's total, balance and status, and every payment, refund and Stripe fee, for invoices issued in the period."
      />
      <Card withBorder mb="md">
        <Group align="flex-end" wrap="wrap">
          <TextInput
            type="date"
            label="Invoices issued from"
            value={period.from}
            onChange={(e) => setFrom(e.currentTarget.value)}
          />
          <TextInput type="date" label="to" value={period.to} onChange={(e) => setTo(e.currentTarget.value)} />
          <Button onClick={() => void runNow()} loading={starting.loading} data-testid="run-reconciliation">
            Run reconciliation
          </Button>
          {(runs.data?.reconciliationRuns.nodes.length ?? 0) > 0 && (
            <Select
              label="Earlier runs"
              value={current}
              onChange={(v) => v && setParams({ run: v })}
              data={(runs.data?.reconciliationRuns.nodes ?? []).map((r) => ({
                value: r.id,
                label: `${formatDate(r.periodFrom)} – ${formatDate(r.periodTo)} · ${formatDateTime(r.createdAt)} · ${r.discrepancyCount} found`,
              }))}
            />
          )}
        </Group>
      </Card>
      {shown && <RunView run={shown} query={run} onFix={applyFix} />}
      {!current && !runs.loading && <Text c="dimmed">No reconciliation has run yet. Pick a period and run one.</Text>}
    </>
  );
}

function RunView({
  run,
  query,
  onFix,
}: {
  run: AdminReconciliationRunFragment;
  query: QueryStatus;
  onFix: (d: Discrepancy) => Promise<void>;
}) {
  const compared = run.systems.map((s) => SYSTEM_NAMES[s]).join(', ');
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Stack gap={2}>
          <Text fw={600}>
            {formatDate(run.periodFrom)} – {formatDate(run.periodTo)}
          </Text>
          <Text size="xs" c="dimmed">
            {run.trigger === 'SCHEDULED' ? 'Nightly run' : 'Run'} {formatDateTime(run.createdAt)} · {run.invoiceCount}{' '}
            invoices, {run.moneyCount} payments and refunds · compared {compared} · {run.stripeCalls} Stripe and{' '}
            {run.quickBooksCalls} QuickBooks calls
          </Text>
        </Stack>
        <Anchor href={run.csvUrl} download data-testid="reconciliation-csv">
          Download CSV
        </Anchor>
      </Group>
      <QueryTable
        query={query}
        data={run.discrepancies}
        empty={
          <Alert color="green" data-testid="reconciliation-agree">
            {compared} agree for {formatDate(run.periodFrom)} – {formatDate(run.periodTo)}.
          </Alert>
        }
        miw={1000}
        highlightOnHover={false}
        rowProps={() => ({ 'data-testid': 'discrepancy' })}
        columns={[
          { key: 'what', header: 'What', render: (d) => <WhatCell discrepancy={d} /> },
          {
            key: 'invoice',
            header: 'Invoice',
            render: (d) =>
              d.invoiceId ? (
                <Anchor component={Link} to={`/invoices/${d.invoiceId}`}>
                  {d.invoiceNumber}
                </Anchor>
              ) : (
                '—'
              ),
          },
          { key: 'settle', header: 'Settle', align: 'right', render: (d) => money(d.settleAmount, d.currency) },
          { key: 'stripe', header: 'Stripe', align: 'right', render: (d) => money(d.stripeAmount, d.currency) },
          {
            key: 'quickbooks',
            header: 'QuickBooks',
            align: 'right',
            render: (d) => money(d.quickBooksAmount, d.currency),
          },
          {
            key: 'fix',
            header: 'Suggested fix',
            td: { maw: 320 },
            render: (d) => (
              <>
                <Text size="xs">{d.suggestedFix}</Text>
                {d.fixResult && (
                  <Text size="xs" c="dimmed">
                    {d.fixResult}
                  </Text>
                )}
              </>
            ),
          },
          { key: 'status', render: (d) => <StatusCell discrepancy={d} onFix={onFix} /> },
        ]}
      />
    </Card>
  );
}

function WhatCell({ discrepancy: d }: { discrepancy: Discrepancy }) {
  return (
    <>
      <Text size="sm" fw={500}>
        {d.label}
      </Text>
      <Text size="xs" c="dimmed">
        {d.detail}
      </Text>
      <Text size="xs" c="dimmed">
        {d.systems.map((s) => SYSTEM_NAMES[s]).join(' · ')}
      </Text>
    </>
  );
}

function StatusCell({ discrepancy: d, onFix }: { discrepancy: Discrepancy; onFix: (d: Discrepancy) => Promise<void> }) {
  const [fixing, setFixing] = useState(false);
  const fixOnce = async () => {
    setFixing(true);
    try {
      await onFix(d);
    } finally {
      setFixing(false);
    }
  };
  return (
    <Stack gap={4} align="flex-end">
      <LookBadge status={d.status} looks={STATUS} />
      {d.fix && d.status === 'OPEN' && (
        <Button size="xs" loading={fixing} onClick={() => void fixOnce()}>
          Fix
        </Button>
      )}
      {!d.fix && d.status === 'OPEN' && (
        <Text size="xs" c="dimmed">
          Needs a person
        </Text>
      )}
    </Stack>
  );
}
