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
import {
  amountColumn,
  clientColumn,
  dateColumn,
  invoiceNumberColumn,
  statusColumn,
} from '../../components/invoice-columns';
import { ClientSelect } from '../../components/ClientSelect';

const InvoicesQuery = graphql(`
  query AdminInvoices($first: Int!, $after: String, $filter: InvoiceFilterInput) {
    invoices(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
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
    ...(issuedFrom ? { issuedFrom } : {}),
    ...(issuedTo ? { issuedTo } : {}),
  };
  const { data, loading, error, refetch } = useQuery(InvoicesQuery, {
    variables: { first: PAGE_SIZE, after: pages.after, filter },
  });
  const resetPages = pages.reset;
  const conn = data?.invoices;

  return (
    <>
      <PageHeader
        title="Invoices"
        actions={
          <Button component={Link} to="/invoices/generate">
            Generate invoices
          </Button>
        }
      />
      <Card withBorder>
        <Group mb="md" align="flex-end" wrap="wrap">
          <TextInput
            label="Search"
            placeholder="Number or memo"
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              resetPages();
            }}
            w={200}
          />
          <MultiSelect
            label="Status"
            placeholder="Any status"
            data={STATUSES.map((s) => ({ value: s, label: humanize(s) }))}
            value={status}
            onChange={(v) => {
              setStatus(v);
              resetPages();
            }}
            clearable
            w={260}
          />
          <div style={{ width: 240 }}>
            <ClientSelect
              label="Client"
              value={clientId}
              onChange={(v) => {
                setClientId(v);
                resetPages();
              }}
            />
          </div>
          <TextInput
            label="Issued from"
            type="date"
            value={issuedFrom}
            onChange={(e) => {
              setIssuedFrom(e.currentTarget.value);
              resetPages();
            }}
          />
          <TextInput
            label="Issued to"
            type="date"
            value={issuedTo}
            onChange={(e) => {
              setIssuedTo(e.currentTarget.value);
              resetPages();
            }}
          />
        </Group>
        <QueryState
          loading={loading}
          error={error}
          data={conn}
          isEmpty={(c) => c.edges.length === 0}
          empty="No invoices match these filters."
          onRetry={() => void refetch()}
        >
          {(c) => (
            <>
              <DataTable
                highlightOnHover
                rows={c.edges.map((e) => e.node)}
                rowKey={(inv) => inv.id}
                rowProps={() => ({ 'data-testid': 'invoice-row' })}
                columns={[
                  invoiceNumberColumn('Number'),
                  clientColumn(),
                  dateColumn('issueDate', 'Issued'),
                  dateColumn('dueDate', 'Due'),
                  statusColumn('Status'),
                  amountColumn('total', 'Total'),
                  amountColumn('balanceDue', 'Balance'),
                ]}
              />
              <Pager
                total={c.totalCount}
                noun="invoices"
                pageSize={PAGE_SIZE}
                page={pages.page}
                hasNextPage={c.pageInfo.hasNextPage}
                onPrevious={pages.previous}
                onNext={() => pages.next(c.pageInfo.endCursor)}
              />
            </>
          )}
        </QueryState>
      </Card>
    </>
  );
}
