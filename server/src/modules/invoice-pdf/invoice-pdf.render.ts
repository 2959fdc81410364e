import PDFDocument from 'pdfkit';
import { formatMoney } from '../../platform/money.js';
import { FONT_FILES, MISSING_GLYPH, printable } from './invoice-pdf.fonts.js';

/** What goes on the page; plain data so rendering stays a pure function of it. */
export interface InvoicePdfData {
  orgName: string;
  clientName: string;
  clientEmail: string;
  number: string;
  status: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  memo: string;
  lines: Array<{ description: string; quantity: string; unitPrice: number; taxRateBps: number; amount: number }>;
  subtotal: number;
  taxTotal: number;
  total: number;
  amountPaid: number;
  /** Of amountPaid, what went to the client's credit balance (shown added back, so the rows add up). */
  amountKeptAsCredit: number;
  amountCredited: number;
  balanceDue: number;
}

const INK = '#1f2933';
const MUTED = '#6b7785';
const RULE = '#d9dee4';
const LEFT = 50;
const RIGHT = 545; // A4 width 595 minus the margin
const COLS = { description: LEFT, qty: 300, unit: 360, tax: 440, amount: 480 };
const REGULAR = 'Arimo';
const BOLD = 'Arimo-Bold';
const MISSING_NOTE =
  `${MISSING_GLYPH} stands for a character this PDF's font cannot show (Chinese, Japanese, Korean, emoji); ` +
  'the invoice in the client portal shows it as written.';

/** The data with every text as the fonts can draw it (printable), and whether any character was replaced. */
function drawable(d: InvoicePdfData): { d: InvoicePdfData; missing: boolean } {
  let missing = false;
  const p = (text: string) => {
    const r = printable(text);
    missing ||= r.missing;
    return r.text;
  };
  const texts = {
    orgName: p(d.orgName),
    clientName: p(d.clientName),
    clientEmail: p(d.clientEmail),
    number: p(d.number),
    memo: p(d.memo),
    lines: d.lines.map((l) => ({ ...l, description: p(l.description) })),
  };
  return { d: { ...d, ...texts }, missing };
}

/**
 * A one-column A4 invoice in Arimo (invoice-pdf.fonts.ts: embedded, Helvetica's metrics, Latin, Greek and
 * Cyrillic): header, bill-to, lines and totals (the memo, never the internal notes). Long invoices flow onto
 * more pages with the column header repeated. Characters the font has no glyph for (Chinese, Japanese,
 * Korean, emoji) are drawn as a box, and a note under the totals says so.
 */
export function renderInvoicePdf(data: InvoicePdfData): Promise<Buffer> {
  const { d, missing } = drawable(data);
  const doc = new PDFDocument({
    size: 'A4',
    margin: LEFT,
    // The document's properties are Unicode text, not drawn: they keep the names as written.
    info: { Title: `Invoice ${data.number}`, Author: data.orgName, Creator: 'Settle' },
  });
  doc.registerFont(REGULAR, FONT_FILES.regular).registerFont(BOLD, FONT_FILES.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const money = (v: number) => formatMoney(v, d.currency);

  doc.fillColor(INK).font(BOLD).fontSize(20).text(d.orgName, LEFT, 50);
  doc.font(REGULAR).fontSize(10).fillColor(MUTED).text(`Invoice ${d.number}`, LEFT, 50, { align: 'right' });
  doc.text(statusLabel(d.status), { align: 'right' });

  let y = 110;
  doc.fillColor(MUTED).fontSize(9).text('BILL TO', LEFT, y).text('ISSUED', 330, y).text('DUE', 440, y);
  doc
    .fillColor(INK)
    .fontSize(11)
    .text(d.clientName, LEFT, y + 14, { width: 260 })
    .text(d.issueDate, 330, y + 14)
    .text(d.dueDate, 440, y + 14);
  doc
    .fillColor(MUTED)
    .fontSize(9)
    .text(d.clientEmail, LEFT, y + 30, { width: 260 });
  y += 60;
  if (d.memo) {
    doc
      .fillColor(INK)
      .fontSize(10)
      .text(d.memo, LEFT, y, { width: RIGHT - LEFT });
    y = doc.y + 14;
  }

  const header = (at: number) => {
    doc.fillColor(MUTED).font(BOLD).fontSize(9);
    doc.text('DESCRIPTION', COLS.description, at).text('QTY', COLS.qty, at, { width: 50, align: 'right' });
    doc
      .text('UNIT PRICE', COLS.unit, at, { width: 75, align: 'right' })
      .text('TAX', COLS.tax, at, { width: 35, align: 'right' });
    doc.text('AMOUNT', COLS.amount, at, { width: RIGHT - COLS.amount, align: 'right' });
    doc
      .moveTo(LEFT, at + 14)
      .lineTo(RIGHT, at + 14)
      .strokeColor(RULE)
      .lineWidth(1)
      .stroke();
    return at + 22;
  };
  y = header(y);
  doc.font(REGULAR).fontSize(10);
  for (const l of d.lines) {
    const h = Math.max(doc.heightOfString(l.description, { width: 240 }), 12);
    if (y + h > 760) {
      doc.addPage();
      y = header(50);
      doc.font(REGULAR).fontSize(10);
    }
    doc.fillColor(INK).text(l.description, COLS.description, y, { width: 240 });
    doc.text(l.quantity, COLS.qty, y, { width: 50, align: 'right' });
    doc.text(money(l.unitPrice), COLS.unit, y, { width: 75, align: 'right' });
    doc.text(l.taxRateBps ? `${trimZeros(l.taxRateBps / 100)}%` : '-', COLS.tax, y, { width: 35, align: 'right' });
    doc.text(money(l.amount), COLS.amount - 20, y, { width: RIGHT - COLS.amount + 20, align: 'right' });
    y += h + 8;
  }
  doc.moveTo(LEFT, y).lineTo(RIGHT, y).strokeColor(RULE).stroke();
  y += 10;
  if (y > 680) {
    doc.addPage();
    y = 50;
  }

  const rows: Array<[string, number, boolean]> = [
    ['Subtotal', d.subtotal, false],
    ['Tax', d.taxTotal, false],
    ['Total', d.total, false],
    ...(d.amountPaid ? [['Paid', -d.amountPaid, false] as [string, number, boolean]] : []),
    ...(d.amountKeptAsCredit
      ? [['Moved to your credit', d.amountKeptAsCredit, false] as [string, number, boolean]]
      : []),
    ...(d.amountCredited ? [['Credited', -d.amountCredited, false] as [string, number, boolean]] : []),
    ['Balance due', d.balanceDue, true],
  ];
  for (const [label, value, strong] of rows) {
    doc
      .font(strong ? BOLD : REGULAR)
      .fontSize(strong ? 12 : 10)
      .fillColor(strong ? INK : MUTED);
    doc.text(label, 330, y, { width: 100 });
    doc.fillColor(INK).text(money(value), 420, y, { width: RIGHT - 420, align: 'right' });
    y += strong ? 20 : 16;
  }
  if (missing)
    doc
      .font(REGULAR)
      .fontSize(8)
      .fillColor(MUTED)
      .text(MISSING_NOTE, LEFT, Math.min(y + 14, 790), { width: RIGHT - LEFT });
  doc.end();
  return done;
}

function statusLabel(status: string): string {
  return status
    .replace('_', ' ')
    .toLowerCase()
    .replace(/^./, (c) => c.toUpperCase());
}

function trimZeros(n: number): string {
  return n.toFixed(2).replace(/\.?0+$/, '');
}
