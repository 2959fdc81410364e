import { registerDescribedEnum } from '../../graphql/described-enum.js';

/** The version of the event body (`api_version`): bumped when the shape of a payload changes. */
export const WEBHOOK_API_VERSION = '2026-12-01';

/**
 * Every event type an endpoint may subscribe to: GraphQL name → wire name (`type` in the body), with
 * what it means.
 */
const EVENT_TYPES = {
  INVOICE_CREATED: ['invoice.created', 'A draft invoice was created (by hand, by generation or by a billing run).'],
  INVOICE_FINALIZED: ['invoice.finalized', 'A draft was finalized: its lines are final and it is owed.'],
  INVOICE_SENT: ['invoice.sent', 'An invoice was sent (its first send, and every resend).'],
  INVOICE_PAID: ['invoice.paid', 'An invoice is paid in full.'],
  INVOICE_PARTIALLY_PAID: ['invoice.partially_paid', 'A payment, refund or credit left part of an invoice open.'],
  INVOICE_VOIDED: ['invoice.voided', 'An invoice was voided.'],
  INVOICE_OVERDUE: [
    'invoice.overdue',
    'An invoice passed its due date with a balance open (once per due date; a moved due date can pass again).',
  ],
  PAYMENT_RECORDED: ['payment.recorded', 'A payment was recorded against an invoice (any source).'],
  PAYMENT_REFUNDED: ['payment.refunded', 'A refund was recorded against an invoice (the object is the refund).'],
  PAYMENT_REFUND_FAILED: [
    'payment.refund_failed',
    'A refund the provider had accepted failed or was canceled later: the money was not given back and counts as paid again (the object is the refund).',
  ],
  PAYMENT_VOIDED: [
    'payment.voided',
    'A payment no longer counts on its invoice: staff voided it in Settle (recorded by hand by mistake), or it was voided or deleted in QuickBooks. Once per payment (the object is the payment; its invoice follows as invoice.partially_paid when part stays paid).',
  ],
  PAYMENT_DISPUTED: [
    'payment.disputed',
    'The payer disputed a card payment with their bank (the object is the payment; a lost dispute follows as payment.refunded).',
  ],
  CREDIT_MEMO_ISSUED: ['credit_memo.issued', 'A credit memo was issued against an invoice.'],
  CLIENT_CREATED: ['client.created', 'A client was created.'],
  CLIENT_UPDATED: ['client.updated', "A client's details changed."],
  QUICKBOOKS_SYNC_FAILED: [
    'quickbooks.sync_failed',
    'A change Settle sends to QuickBooks failed for good (the object is the QuickBooks operation; a person must look).',
  ],
  BILLING_RUN_COMPLETED: [
    'billing_run.completed',
    "A client's automatic billing for one billing date ended: an invoice drafted or sent, or nothing due.",
  ],
  BILLING_RUN_FAILED: [
    'billing_run.failed',
    "A client's automatic billing needs a person: no invoice could be made (retried later) or it could not be sent.",
  ],
} as const;

export type WebhookEventTypeName = keyof typeof EVENT_TYPES;
export type WebhookEventWireName = (typeof EVENT_TYPES)[WebhookEventTypeName][0];

/** The GraphQL enum `WebhookEventType`: its values are the GraphQL names. */
export const WebhookEventType = Object.freeze(
  Object.fromEntries(Object.keys(EVENT_TYPES).map((k) => [k, k])) as { [K in WebhookEventTypeName]: K },
);
export type WebhookEventType = WebhookEventTypeName;
registerDescribedEnum(
  WebhookEventType,
  'WebhookEventType',
  'An event an outbound webhook endpoint can subscribe to; the description starts with its wire name.',
  Object.fromEntries(Object.entries(EVENT_TYPES).map(([k, [wire, text]]) => [k, `\`${wire}\`: ${text}`])) as {
    [K in WebhookEventTypeName]: string;
  },
);

/** `INVOICE_PAID` → `invoice.paid`. */
export const wireName = (t: WebhookEventTypeName): WebhookEventWireName => EVENT_TYPES[t][0];

const BY_WIRE = new Map(Object.entries(EVENT_TYPES).map(([k, [wire]]) => [wire as string, k as WebhookEventTypeName]));

/** `invoice.paid` → `INVOICE_PAID` (undefined for a name no longer offered). */
export const typeOfWire = (wire: string): WebhookEventTypeName | undefined => BY_WIRE.get(wire);

/** Sent by sendTestWebhookEvent only: never subscribed to, always delivered to the endpoint it was sent to. */
export const TEST_EVENT_TYPE = 'webhook.test';
