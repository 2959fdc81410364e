/**
 * CSV as spreadsheets read it (RFC 4180), the one encoder of every CSV Settle writes (the admin Payments
 * download, the reconciliation report): fields quoted when they hold a comma, a semicolon, a quote, a tab or
 * a line break, quotes doubled, CRLF between rows. The semicolon is quoted too because Excel in many locales
 * splits on it: `x;=1+1` unquoted would be two cells there, the second a formula.
 *
 * A text field that a spreadsheet could run as a formula (OWASP CSV injection) is prefixed with a quote so it
 * stays text: one starting with =, +, -, @, a tab or a CR (after spaces, if any), or holding such a start
 * after a comma or a semicolon (a separator in some locale). Text is typed by anyone: a client name, a payer's reference. Amounts (such as
 * "-12.50") are given as `{ raw }`: decimal strings written as they are, their sign kept.
 */
export type CsvCell = string | { raw: string } | null | undefined;

// Spaces before the sign too: a spreadsheet may trim them, or read the part as a formula after all.
const FORMULA_START = /^\s*[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",;\t\r\n]/;

/** Whether `text`, or any part of it between commas or semicolons, starts as a formula would. */
export function formulaLike(text: string): boolean {
  return text.split(/[,;]/).some((part) => FORMULA_START.test(part));
}

/** One field: text neutralised when formula-like, then quoted (quotes doubled) when it needs quotes. */
export function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  const text = typeof cell === 'string' ? (formulaLike(cell) ? `'${cell}` : cell) : cell.raw;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The header row and the rows as one CSV text (CRLF line ends, a final CRLF). */
export function encodeCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',') + '\r\n').join('');
}
