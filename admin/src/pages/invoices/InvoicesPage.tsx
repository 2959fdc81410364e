import { useState } from 'react';
import { Button, Card, Group, MultiSelect, TextInput } from '@mantine/core';
import { DataTable } from '@settle/web-kit/data-table';
import { Pager, useCursorPages } from '@settle/web-kit/pager';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import type { InvoiceDisplayStatus, InvoiceFilterInput } from '../../gql/graphql';
import { PageHeader } from '../../components/Layout';
import { QueryState } from '../../components/QueryState';
import { humanize } from '../../components/StatusBadge';
import { amountColumn, clientColumn, dateColumn, numberColumn, statusColumn } from '../../components/invoice-columns';
import { bindText } from '@settle/web-kit/fields';
import { ClientSelect } from '../../components/ClientSelect';
import { NewInvoiceModal } from './NewInvoiceModal';
import { useOrgInvoiceChanges } from './use-org-invoice-changes';

const InvoicesQuery = graphql(`
  query AdminInvoices($first: Int!, $after: String, $filter: InvoiceFilterInput) {
    invoices(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { ...AdminPageInfo }
      edges {
        node {
          id number currency total balanceDue issueDate dueDate displayStatus
          client { id name }
        }
      }
    }
  }
`);

const STATUSES: InvoiceDisplayStatus[] = [
  'DRAFT',
  'SENT',
  'PARTIALLY_PAID',
  'OVERDUE',
  'PAID',
  'VOID',
  'UNCOLLECTIBLE',
];
const PAGE_SIZE = 25;

export default function InvoicesPage() {
  const [creating, setCreating] = useState(false);
  const [status, setStatus] = useState<string[]>([]);
  const [clientId, setClientId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [issuedFrom, setIssuedFrom] = useState('');
  const [issuedTo, setIssuedTo] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 300);
  const pages = useCursorPages();

  const filter: InvoiceFilterInput = {
    ...(status.length ? { status: status as InvoiceDisplayStatus[] } : {}),
    ...(clientId ? { clientId } : {}),
    ...(debouncedSearch.trim() ? { search: debouncedSearch.trim() } : {}),
    ...(issuedFrom || issuedTo
      ? { issued: { ...(issuedFrom ? { from: issuedFrom } : {}), ...(issuedTo ? { to: issuedTo } : {}) } }
      : {}),
  };
  const query = useQuery(InvoicesQuery, {
    variables: { first: PAGE_SIZE, after: pages.after, filter },
  });
  // Live: a changed row updates from the event itself; new invoices and filter moves need the re-read.
  useOrgInvoiceChanges(() => query.refetch());
  const resetPages = pages.reset;
  /** A filter's setter that also goes back to the first page. */
  const refilter =
    <V,>(set: (value: V) => void) =>
    (value: V) => {
      set(value);
      resetPages();
    };
  const conn = query.data?.invoices;

  return (
    <>
      <PageHeader
        title="Invoices"
        actions={
          <>
            <Button variant="default" component={Link} to="/invoices/generate">
              Generate invoices
            </Button>
            <Button onClick={() => setCreating(true)}>New invoice</Button>
          </>
        }
      />
      <Card withBorder>
        <Group mb="md" align="flex-end" wrap="wrap">
          <TextInput label="Search" placeholder="Number or memo" {...bindText(search, refilter(setSearch))} w={200} />
          <MultiSelect
            label="Status"
            placeholder="Any status"
            data={STATUSES.map((s) => ({ value: s, label: humanize(s) }))}
            value={status}
            onChange={refilter(setStatus)}
            clearable
            w={260}
          />
          <div style={{ width: 240 }}>
            <ClientSelect label="Client" value={clientId} onChange={refilter(setClientId)} />
          </div>
          <TextInput label="Issued from" type="date" {...bindText(issuedFrom, refilter(setIssuedFrom))} />
          <TextInput
            label="Issued to"
            type="date"
            // Backwards dates match nothing: say why the list is empty, where the mistake is.
            {...bindText(
              issuedTo,
              refilter(setIssuedTo),
              issuedFrom && issuedTo && issuedTo < issuedFrom ? 'Before Issued from' : undefined,
            )}
          />
        </Group>
        <QueryState
          query={query}
          data={conn}
          isEmpty={(c) => c.edges.length === 0}
          empty={
            Object.keys(filter).length
              ? 'No invoices match these filters.'
              : 'No invoices yet. Add one with New invoice, or bill approved time with Generate invoices.'
          }
        >
          {(c) => (
            <>
              <DataTable
                highlightOnHover
                rows={c.edges.map((e) => e.node)}
                rowKey={(inv) => inv.id}
                rowProps={() => ({ 'data-testid': 'invoice-row' })}
                columns={[
                  numberColumn('Number'),
                  clientColumn(),
                  dateColumn('issueDate', 'Issued'),
                  dateColumn('dueDate', 'Due'),
                  statusColumn('Status'),
                  amountColumn('total', 'Total'),
                  amountColumn('balanceDue', 'Balance'),
                ]}
              />
              <Pager connection={c} pages={pages} noun="invoices" pageSize={PAGE_SIZE} />
            </>
          )}
        </QueryState>
      </Card>
      {creating && <NewInvoiceModal onClose={() => setCreating(false)} />}
    </>
  );
}
