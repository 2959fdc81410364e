/**
 * CSV files the SPAs offer: the encoding is @settle/money's, shared with the server's CSV routes (RFC 4180,
 * every field a spreadsheet could split or run as a formula quoted and neutralised), and the download here.
 */
export { encodeCsv, type CsvCell } from '@settle/money/csv';

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
