import { formatMoney } from '../../platform/money.js';
import { orgContact } from '../organizations/org-contact.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

type Action = { label: string; url: string; secondary?: boolean };

const BUTTON = 'padding:10px 16px;border-radius:6px;text-decoration:none;display:inline-block;margin:0 8px 8px 0';
const buttonStyle = (a: Action) =>
  a.secondary ? `${BUTTON};color:#2f5d50;border:1px solid #2f5d50` : `${BUTTON};background:#2f5d50;color:#fff`;

function layout(title: string, paragraphs: string[], action?: Action | Action[]): string {
  const body = paragraphs.map((p) => `<p style="margin:0 0 12px">${esc(p)}</p>`).join('');
  const actions = action ? [action].flat() : [];
  const buttons = actions.length
    ? `<p>${actions.map((a) => `<a href="${esc(a.url)}" style="${buttonStyle(a)}">${esc(a.label)}</a>`).join('')}</p>`
    : '';
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1f2933;max-width:560px"><h2>${esc(title)}</h2>${body}${buttons}</body></html>`;
}

/** What every email about an invoice names of it, its client and its org. */
export function invoiceMailFacts(
  org: { name: string; billingEmail?: string | null },
  client: { name: string },
  invoice: { number: string; balanceDue: number; currency: string },
) {
  return {
    orgName: org.name,
    orgContact: orgContact(org),
    clientName: client.name,
    number: invoice.number,
    balanceDue: invoice.balanceDue,
    currency: invoice.currency,
  };
}

/** An open invoice as the emails that ask for its payment name it. */
interface OpenInvoiceFacts {
  orgName: string;
  /** Whom to ask, by name and billing email when the org has one (organizations/org-contact.ts). */
  orgContact: string;
  clientName: string;
  number: string;
  balanceDue: number;
  currency: string;
  dueDate: string;
  /** The invoice in the portal; null when the client cannot sign in there (archived: its users are signed out). */
  viewUrl: string | null;
  payUrl: string | null;
}

export interface InvoiceEmailFacts extends OpenInvoiceFacts {
  total: number;
  memo: string;
}

/**
 * "Pay" (when there is a pay link) and "View invoice" (when the client can sign in to the portal): the
 * client reads it (and its PDF) first. Never a link to a sign-in the client would be refused.
 */
const payAndView = (f: OpenInvoiceFacts, amount: string): Action[] => [
  ...(f.payUrl ? [{ label: `Pay ${amount}`, url: f.payUrl }] : []),
  ...(f.viewUrl ? [{ label: 'View invoice', url: f.viewUrl, secondary: Boolean(f.payUrl) }] : []),
];

/** With neither link the email still says how to pay: whom to ask (no dead end). */
const contactToPay = (f: { orgContact: string; viewUrl: string | null; payUrl: string | null }): string[] =>
  f.viewUrl || f.payUrl ? [] : [`To pay this invoice, please contact ${f.orgContact}.`];

export function invoiceEmail(f: InvoiceEmailFacts) {
  const amount = formatMoney(f.balanceDue, f.currency);
  const lines = [
    `Hello ${f.clientName},`,
    `${f.orgName} has sent you invoice ${f.number} for ${formatMoney(f.total, f.currency)}, due ${f.dueDate}.`,
    ...(f.memo ? [f.memo] : []),
  ];
  const after = ['The invoice is attached as a PDF.', ...contactToPay(f)];
  return {
    subject: `Invoice ${f.number} from ${f.orgName}: ${amount} due ${f.dueDate}`,
    text: [
      ...lines,
      ...(f.viewUrl ? [`View invoice: ${f.viewUrl}`] : []),
      ...after,
      ...(f.payUrl ? [`Pay ${amount} online: ${f.payUrl}`] : []),
    ].join('\n\n'),
    html: layout(`Invoice ${f.number}`, [...lines, ...after], payAndView(f, amount)),
  };
}

export function paymentConfirmationEmail(f: {
  orgName: string;
  clientName: string;
  number: string;
  amount: number;
  balanceDue: number;
  currency: string;
  /** null when the client cannot sign in to the portal (archived): the receipt then links nowhere. */
  viewUrl: string | null;
}) {
  const lines = [
    `Hello ${f.clientName},`,
    `Thank you: ${f.orgName} received ${formatMoney(f.amount, f.currency)} for invoice ${f.number}.`,
    f.balanceDue > 0
      ? `Remaining balance: ${formatMoney(f.balanceDue, f.currency)}.`
      : 'The invoice is now paid in full.',
  ];
  return {
    subject: `Payment received for invoice ${f.number}`,
    text: [...lines, ...(f.viewUrl ? [`View the invoice: ${f.viewUrl}`] : [])].join('\n\n'),
    html: layout('Payment received', lines, f.viewUrl ? { label: 'View invoice', url: f.viewUrl } : undefined),
  };
}

export function portalInviteEmail(f: { orgName: string; name: string; url: string }) {
  const lines = [
    `Hello ${f.name},`,
    `${f.orgName} invited you to its billing portal, where you can see and pay your invoices.`,
  ];
  return {
    subject: `${f.orgName} invited you to view your invoices`,
    text: [...lines, f.url].join('\n\n'),
    html: layout('Your billing portal', lines, { label: 'Open the portal', url: f.url }),
  };
}

export function magicLinkEmail(f: { orgName: string; url: string }) {
  const lines = [`Use this link to sign in to ${f.orgName}'s billing portal. It works once and expires in 15 minutes.`];
  return {
    subject: `Your sign-in link for ${f.orgName}`,
    text: [...lines, f.url].join('\n\n'),
    html: layout('Sign in', lines, { label: 'Sign in', url: f.url }),
  };
}

/** A staff password reset link (`requestPasswordReset`): one per account of the address, naming its org. */
export function passwordResetEmail(f: { orgName: string; email: string; url: string; minutes: number }) {
  const lines = [
    `Someone (we hope you) asked to reset the password of ${f.email} in ${f.orgName}'s Settle admin app.`,
    `Use this link to choose a new password. It works once and expires in ${f.minutes} minutes; setting a password signs out every device signed in to this account.`,
    'If you did not ask for this, ignore this email: your password stays as it is.',
  ];
  return {
    subject: `Reset your Settle password for ${f.orgName}`,
    text: [...lines, f.url].join('\n\n'),
    html: layout('Reset your password', lines, { label: 'Choose a new password', url: f.url }),
  };
}

export interface ReminderEmailFacts extends OpenInvoiceFacts {
  /** "3 days overdue", "due today", "due in 3 days" (reminders/reminder-schedule.ts words it). */
  dueWording: string;
  overdue: boolean;
}

/** A payment reminder: what is still owed on the invoice today, when it was due, and where to pay. */
export function reminderEmail(f: ReminderEmailFacts) {
  const amount = formatMoney(f.balanceDue, f.currency);
  const lines = [
    `Hello ${f.clientName},`,
    f.overdue
      ? `This is a reminder that invoice ${f.number} from ${f.orgName} was due ${f.dueDate} and is now ${f.dueWording}. The balance due is ${amount}.`
      : `This is a friendly reminder that invoice ${f.number} from ${f.orgName} is ${f.dueWording} (${f.dueDate}). The balance due is ${amount}.`,
    'If you have already paid, thank you, and please disregard this reminder.',
    ...contactToPay(f),
  ];
  return {
    subject: `Reminder: invoice ${f.number} from ${f.orgName} is ${f.dueWording} (${amount})`,
    text: [
      ...lines,
      ...(f.viewUrl ? [`View invoice: ${f.viewUrl}`] : []),
      ...(f.payUrl ? [`Pay ${amount} online: ${f.payUrl}`] : []),
    ].join('\n\n'),
    html: layout(`Invoice ${f.number}: ${f.dueWording}`, lines, payAndView(f, amount)),
  };
}
