import { formatMoney } from '../../platform/money.js';
import { PaymentExceptionKind } from './payment-exception.entity.js';
import { kindInWords } from './payment-exception-rules.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface ExceptionEmailFacts {
  orgName: string;
  number: string;
  kind: PaymentExceptionKind;
  paymentAmount: number;
  excess: number;
  currency: string;
  provider: string;
  exceptionsUrl: string;
}

/** The admins' notice: what arrived, how much of it is not owed, and where to refund or dismiss it. */
export function paymentExceptionEmail(f: ExceptionEmailFacts) {
  const why =
    f.kind === PaymentExceptionKind.PAID_ON_VOID
      ? `Invoice ${f.number} is void, yet ${formatMoney(f.paymentAmount, f.currency)} arrived for it through ${f.provider}. All of it is not owed.`
      : `${formatMoney(f.paymentAmount, f.currency)} arrived for invoice ${f.number} through ${f.provider}, ${formatMoney(f.excess, f.currency)} more than its balance due.`;
  const lines = [
    `${kindInWords(f.kind)}: ${formatMoney(f.excess, f.currency)} on invoice ${f.number} (${f.orgName}).`,
    why,
    'The payment is recorded. Refund the excess, or dismiss the exception with a reason, in the admin app.',
  ];
  return {
    subject: `Payment exception on invoice ${f.number}: ${formatMoney(f.excess, f.currency)} not owed`,
    text: [...lines, f.exceptionsUrl].join('\n\n'),
    html: `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1f2933;max-width:560px"><h2>Payment exception</h2>${lines.map((l) => `<p>${esc(l)}</p>`).join('')}<p><a href="${esc(f.exceptionsUrl)}">Open payment exceptions</a></p></body></html>`,
  };
}
