/**
 * CSV as spreadsheets read it (RFC 4180): fields quoted when they hold a comma, quote or line break, quotes
 * doubled, CRLF between rows. A text field that a spreadsheet would run as a formula (=, +, -, @, tab, CR at
 * its start: a client name or a payer's reference typed by anyone) is prefixed with a quote so it stays text;
 * amounts (such as "-12.50") are given as `{ raw }`: decimal strings written as they are, their sign kept.
 */
export type CsvCell = string | { raw: string } | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

function field(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  const text = typeof cell === 'string' ? (FORMULA_START.test(cell) ? `'${cell}` : cell) : cell.raw;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The header row and the rows as one CSV text (CRLF line ends, a final CRLF). */
export function encodeCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  return [header, ...rows].map((row) => row.map(field).join(',') + '\r\n').join('');
}

/** Offers `text` as a file download named `filename` (UTF-8 with a BOM, so Excel reads accents right). */
export function downloadCsv(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The click has started the download; the URL is not needed after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
