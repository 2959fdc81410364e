import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, Text, TextInput } from '@mantine/core';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useMediaQuery } from '@mantine/hooks';
import { Link } from 'react-router';
import { DataTable } from '@settle/web-kit/data-table';
import { Pager, useCursorPages } from '@settle/web-kit/pager';
import { formatDate } from '@settle/web-kit/dates';
import { formatMoney } from '@settle/web-kit/money';
import { downloadCsv } from '@settle/web-kit/csv';
import { bindText } from '@settle/web-kit/fields';
import { paymentKindLabel, paymentWay } from '@settle/web-kit/payment-words';
import { apiError } from '@settle/web-kit/errors';
import { PageHeader } from '../../components/Layout';
import { QueryState } from '../../components/QueryState';
import { ClientSelect } from '../../components/ClientSelect';
import { ChoiceSelect } from '../../components/ChoiceSelect';
import type { PaymentKind } from '../../gql/graphql';
import { addDays } from '../../lib/dates';
import { useOrgToday } from '../../lib/org-today';
import { PaymentsQuery } from './payment-documents';
import { CSV_MAX_ROWS, fetchPaymentsForCsv, paymentsCsv, type PaymentRow } from './payments-csv';

const PAGE_SIZE = 25;
/** A date, a number or an amount is read whole; the table scrolls sideways in its box on a phone instead. */
const WHOLE = { style: { whiteSpace: 'nowrap' } } as const;

/** The kinds to show, filtered by the server (its `kind` argument); ALL sends none. */
const KINDS = [
  { value: 'ALL', label: 'All kinds', none: 'No payments received' },
  { value: 'PAYMENT', label: 'Payments only', none: 'No payments received' },
  { value: 'REFUND', label: 'Refunds', none: 'No refunds' },
  { value: 'ADJUSTMENT', label: 'Corrections and voids', none: 'No corrections or voids' },
] as const satisfies ReadonlyArray<{ value: 'ALL' | PaymentKind; label: string; none: string }>;
type KindChoice = (typeof KINDS)[number]['value'];

type CsvState =
  | { state: 'idle' }
  | { state: 'loading'; loaded: number; total: number }
  | { state: 'done'; rows: number; total: number }
  | { state: 'failed'; message: string };

/** Money received and given back, across invoices: what came in last week, to match a bank deposit. */
export default function PaymentsPage() {
  // The default range is the org's last 30 days, known once its time zone is read; until a date is
  // typed (null) the field shows that default.
  const { today, query: zone } = useOrgToday();
  const [typedFrom, setFrom] = useState<string | null>(null);
  const [typedTo, setTo] = useState<string | null>(null);
  const from = typedFrom ?? (today ? addDays(today, -29) : '');
  const to = typedTo ?? today ?? '';
  const [clientId, setClientId] = useState<string | null>(null);
  const [kind, setKind] = useState<KindChoice>('ALL');
  const [csv, setCsv] = useState<CsvState>({ state: 'idle' });
  const pages = useCursorPages();
  const apollo = useApolloClient();

  const backwards = Boolean(from && to && to < from);
  const filters = {
    clientId,
    kind: kind === 'ALL' ? null : kind,
    received: from || to ? { ...(from ? { from } : {}), ...(to ? { to } : {}) } : null,
  };
  const query = useQuery(PaymentsQuery, {
    variables: { first: PAGE_SIZE, after: pages.after, ...filters, withTotals: true },
    skip: backwards || !today,
  });
  const refilter =
    <V,>(set: (value: V) => void) =>
    (value: V) => {
      set(value);
      pages.reset();
      setCsv({ state: 'idle' });
    };

  async function download() {
    setCsv({ state: 'loading', loaded: 0, total: 0 });
    try {
      const { rows, total } = await fetchPaymentsForCsv(apollo, filters, (loaded, all) =>
        setCsv({ state: 'loading', loaded, total: all }),
      );
      downloadCsv(`payments-${from || 'start'}-to-${to || today || 'today'}.csv`, paymentsCsv(rows));
      setCsv({ state: 'done', rows: rows.length, total });
    } catch (e) {
      setCsv({ state: 'failed', message: apiError(e).message });
    }
  }

  const range =
    from && to
      ? `between ${formatDate(from)} and ${formatDate(to)}`
      : from
        ? `since ${formatDate(from)}`
        : to
          ? `through ${formatDate(to)}`
          : 'yet';
  const conn = query.data?.payments;

  return (
    <>
      <PageHeader
        title="Payments"
        actions={
          <Button
            variant="default"
            onClick={() => void download()}
            loading={csv.state === 'loading'}
            disabled={backwards || !today || conn?.totalCount === 0}
          >
            Download CSV
          </Button>
        }
      />
      <Card withBorder>
        <Group mb="md" align="flex-end" wrap="wrap">
          <TextInput label="Received from" type="date" {...bindText(from, refilter(setFrom))} />
          <TextInput
            label="Received to"
            type="date"
            {...bindText(to, refilter(setTo), backwards ? 'Before Received from' : undefined)}
          />
          <div style={{ width: 240, maxWidth: '100%' }}>
            <ClientSelect label="Client" value={clientId} onChange={refilter(setClientId)} />
          </div>
          <ChoiceSelect
            label="Kind"
            data={KINDS.map(({ value, label }) => ({ value, label }))}
            value={kind}
            onChange={refilter(setKind)}
            w={200}
          />
        </Group>
        <CsvNotice csv={csv} />
        {backwards ? (
          <Text c="dimmed" size="sm">
            Received to is before Received from: no payments fall between them.
          </Text>
        ) : (
          <QueryState
            query={today ? query : zone}
            data={conn}
            isEmpty={(c) => c.nodes.length === 0}
            empty={`${KINDS.find((k) => k.value === kind)!.none} ${range}${clientId ? ' for this client' : ''}.`}
          >
            {(c) => (
              <>
                <Totals totals={c.totals ?? []} />
                <PaymentsTable rows={c.nodes} />
                <Pager connection={c} pages={pages} noun="payments" pageSize={PAGE_SIZE} />
              </>
            )}
          </QueryState>
        )}
      </Card>
    </>
  );
}

/** Net money in the range, per currency, as the server sums every matching row (not just this page). */
function Totals({ totals }: { totals: ReadonlyArray<{ currency: string; amount: number; count: number }> }) {
  if (totals.length === 0) return null;
  return (
    <Group gap="lg" mb="sm" data-testid="payment-totals">
      <Text size="sm" c="dimmed">
        Net in this range
      </Text>
      {totals.map((t) => (
        <Text key={t.currency} size="sm" fw={600} data-testid={`payment-total-${t.currency}`}>
          {formatMoney(t.amount, t.currency)}{' '}
          <Text span size="xs" c="dimmed" fw={400}>
            ({t.count} {t.count === 1 ? 'row' : 'rows'})
          </Text>
        </Text>
      ))}
    </Group>
  );
}

function CsvNotice({ csv }: { csv: CsvState }) {
  if (csv.state === 'loading')
    return (
      <Text size="sm" mb="sm" role="status" data-testid="csv-progress">
        Preparing the CSV… {csv.loaded.toLocaleString()}
        {csv.total ? ` of ${Math.min(csv.total, CSV_MAX_ROWS).toLocaleString()}` : ''} rows
      </Text>
    );
  if (csv.state === 'failed')
    return (
      <Alert color="red" mb="sm" role="alert" title="The CSV could not be made">
        {csv.message}
      </Alert>
    );
  if (csv.state === 'done' && csv.rows < csv.total)
    return (
      <Alert color="yellow" mb="sm" data-testid="csv-cut">
        The CSV holds the {csv.rows.toLocaleString()} most recently received of {csv.total.toLocaleString()} payments
        (at most {CSV_MAX_ROWS.toLocaleString()} a download). Narrow the dates to download the rest.
      </Alert>
    );
  return null;
}

/** What a row's kind badge says, green for money received and orange for money back or taken off. */
function KindBadge({ p }: { p: PaymentRow }) {
  return (
    <Badge variant="light" color={p.kind === 'PAYMENT' && !p.voided ? 'green' : 'orange'}>
      {paymentKindLabel(p)}
    </Badge>
  );
}

function InvoiceLink({ p }: { p: PaymentRow }) {
  return (
    <Anchor component={Link} to={`/invoices/${p.invoice.id}`}>
      {p.invoice.number}
    </Anchor>
  );
}

const amountColumn = {
  key: 'amount',
  header: 'Amount',
  align: 'right',
  td: WHOLE,
  render: (p: PaymentRow) => formatMoney(p.amount, p.currency),
} as const;

function PaymentsTable({ rows }: { rows: readonly PaymentRow[] }) {
  // On a phone seven columns scroll the amount out of sight: each row says who, which invoice, when and how
  // in one column, beside its amount and kind.
  const narrow = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  return (
    <DataTable
      highlightOnHover
      rows={rows}
      rowKey={(p) => p.id}
      rowProps={() => ({ 'data-testid': 'payment-row' })}
      columns={
        narrow
          ? [
              {
                key: 'payment',
                header: 'Payment',
                render: (p) => (
                  <>
                    <Text size="sm" fw={500}>
                      {p.client.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      <InvoiceLink p={p} /> · {formatDate(p.receivedOn)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {paymentWay(p)}
                      {p.reference ? ` · ${p.reference}` : ''}
                    </Text>
                  </>
                ),
              },
              {
                ...amountColumn,
                render: (p) => (
                  <>
                    <Text size="sm" data-testid="payment-amount">
                      {formatMoney(p.amount, p.currency)}
                    </Text>
                    <KindBadge p={p} />
                  </>
                ),
              },
            ]
          : [
              { key: 'received', header: 'Received', td: WHOLE, render: (p) => formatDate(p.receivedOn) },
              { key: 'client', header: 'Client', render: (p) => p.client.name },
              { key: 'invoice', header: 'Invoice', td: WHOLE, render: (p) => <InvoiceLink p={p} /> },
              { key: 'method', header: 'Method', render: (p) => paymentWay(p) },
              { key: 'reference', header: 'Reference', render: (p) => p.reference || '—' },
              { key: 'kind', header: 'Kind', render: (p) => <KindBadge p={p} /> },
              {
                ...amountColumn,
                render: (p) => <span data-testid="payment-amount">{formatMoney(p.amount, p.currency)}</span>,
              },
            ]
      }
    />
  );
}
