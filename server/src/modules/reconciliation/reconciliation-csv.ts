import type { ReconciliationDiscrepancy, ReconciliationRun } from './reconciliation.entities.js';
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

/** A CSV cell: quoted when needed, and a leading =+-@ neutralised so a spreadsheet never runs it. */
export function csvCell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const amount = (v: number | null, currency: string) => (v === null ? '' : formatMoney(v, currency));

/** The run's discrepancies as CSV (RFC 4180, CRLF), one row each under a header. */
export function reconciliationCsv(run: ReconciliationRun, rows: ReconciliationDiscrepancy[]): string {
  const lines = [
    HEADER,
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
  return lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
