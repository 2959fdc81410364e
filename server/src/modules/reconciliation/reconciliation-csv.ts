import type { ReconciliationDiscrepancy, ReconciliationRun } from './reconciliation.entities.js';
import { encodeCsv } from '@settle/money/csv';
import { formatMoney } from '../../platform/money.js';

const HEADER = [
  'Type',
  'Invoice',
  'Subject',
  'Systems',
  'Currency',
  'Settle',
  'Stripe',
  'QuickBooks',
  'What differs',
  'Suggested fix',
  'Settle can fix',
  'Status',
];

const amount = (v: number | null, currency: string) => (v === null ? '' : formatMoney(v, currency));

/**
 * The run's discrepancies as CSV, one row each under a header, in the encoding every Settle CSV shares
 * (@settle/money/csv: RFC 4180, CRLF, text a spreadsheet could split or run as a formula quoted and kept text).
 */
export function reconciliationCsv(run: ReconciliationRun, rows: ReconciliationDiscrepancy[]): string {
  const lines: string[][] = [
    ...rows.map((d) => [
      d.label,
      d.invoiceNumber ?? '',
      d.subject,
      d.systems.join(' / '),
      d.currency,
      amount(d.settleAmount, d.currency),
      amount(d.stripeAmount, d.currency),
      amount(d.quickBooksAmount, d.currency),
      d.detail,
      d.suggestedFix,
      d.fix ? 'yes' : 'no',
      d.status,
    ]),
  ];
  if (!rows.length) lines.push([`Settle, Stripe and QuickBooks agree for ${run.periodFrom} to ${run.periodTo}`]);
  return encodeCsv(HEADER, lines);
}
