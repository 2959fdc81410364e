import type { ApolloClient } from '@apollo/client';
import { encodeCsv } from '@settle/web-kit/csv';
import { minorToDecimal } from '@settle/web-kit/money';
import { paymentKindLabel, paymentWay } from '@settle/web-kit/payment-words';
import type { AdminPaymentsQuery, AdminPaymentsQueryVariables } from '../../gql/graphql';
import { PaymentsQuery } from './payment-documents';

export type PaymentRow = AdminPaymentsQuery['payments']['nodes'][number];

/** The most rows one download holds: 10 pages of the API's largest page, a few seconds at most. */
export const CSV_MAX_ROWS = 5000;
const CSV_PAGE = 500;

const HEADER = [
  'Received',
  'Client',
  'Invoice',
  'Method',
  'Reference',
  'Kind',
  'Amount',
  'Currency',
  'Payment ID',
  'Invoice ID',
  'Client ID',
];

/** The rows as CSV: amounts as decimals in the currency's own exponent (KWD 3 places, JPY none), never floats. */
export function paymentsCsv(rows: readonly PaymentRow[]): string {
  return encodeCsv(
    HEADER,
    rows.map((p) => [
      p.receivedOn,
      p.client.name,
      p.invoice.number,
      paymentWay(p),
      p.reference,
      paymentKindLabel(p),
      { raw: minorToDecimal(p.amount, p.currency) },
      p.currency,
      p.id,
      p.invoice.id,
      p.client.id,
    ]),
  );
}

export interface CsvFetch {
  rows: PaymentRow[];
  /** How many match the filters in all (more than `rows` when the bound cut the download). */
  total: number;
}

/** Every payment the filters match, page after page, up to CSV_MAX_ROWS; `progress` hears the count so far. */
export async function fetchPaymentsForCsv(
  client: ApolloClient,
  filters: Omit<AdminPaymentsQueryVariables, 'first' | 'after'>,
  progress: (loaded: number, total: number) => void,
): Promise<CsvFetch> {
  const rows: PaymentRow[] = [];
  const pageAfter = async (after: string | null, first: number): Promise<AdminPaymentsQuery['payments']> => {
    const { data } = await client.query({
      query: PaymentsQuery,
      variables: { ...filters, first, after },
      fetchPolicy: 'network-only',
    });
    if (!data) throw new Error('The payments could not be read');
    return data.payments;
  };
  let after: string | null = null;
  for (;;) {
    const page = await pageAfter(after, Math.min(CSV_PAGE, CSV_MAX_ROWS - rows.length));
    rows.push(...page.nodes);
    progress(rows.length, page.totalCount);
    if (!page.pageInfo.hasNextPage || rows.length >= CSV_MAX_ROWS) return { rows, total: page.totalCount };
    after = page.pageInfo.endCursor ?? null;
  }
}
