import { graphql } from '../../gql';

/**
 * The live part of an invoice: its own columns that change with payments and status, no nested lists.
 * The subscription selects only this; the page's fragment includes it.
 */
export const InvoiceLiveFragment = graphql(`
  fragment AdminInvoiceLive on Invoice {
    id status displayStatus amountPaid amountCredited balanceDue disputed
    finalizedAt sentAt paidAt voidedAt uncollectibleAt updatedAt
  }
`);

/**
 * Everything the invoice page shows. Every mutation selects it and the live subscription its live part,
 * so Apollo's normalized cache updates the open page from whichever arrives.
 */
export const InvoiceDetailFragment = graphql(`
  fragment AdminInvoiceDetail on Invoice {
    ...AdminInvoiceLive
    number currency issueDate dueDate periodStart periodEnd
    subtotal taxTotal total memo notes portalUrl payUrl payable lastPaymentError creditApplied heldAmount creditableAmount amountKeptAsCredit
    client { id name billingEmail currency }
    lines { id position kind description serviceId quantity unitPrice discount taxRateBps taxAmount amount }
    payments { id amount kind method source reference receivedOn externalId createdAt cardBrand cardLast4 receiptUrl adjustsPaymentId refundableAmount voided voidable }
    creditMemos { id amount reason createdAt toClientCredit }
    paymentExceptions { id kind status amount currency }
    activity { id at system label actorLabel via status }
    reminders { offsetDays plannedFor status sentAt reason }
    autopayHold { reason since checkedAt }
  }
`);

/** A payment recorded or refunded: the invoice it changed, whole, so the open page updates from the cache. */
export const PaymentResultFragment = graphql(`
  fragment AdminPaymentResult on RecordPaymentResult { payment { id } invoice { ...AdminInvoiceDetail } }
`);

export const InvoiceQuery = graphql(`
  query AdminInvoice($id: ID!) { invoice(id: $id) { ...AdminInvoiceDetail } }
`);

/**
 * Live updates of an invoice: its live part only. Nested lists (payments, lines, timeline) are
 * re-read with one query per event instead, because a graphql-ws subscription keeps one GraphQL context
 * (and so one DataLoader cache) for its whole life, which would repeat the lists as of the first event.
 */
export const InvoiceUpdatedSubscription = graphql(`
  subscription AdminInvoiceUpdated($invoiceId: ID!) {
    invoiceUpdated(invoiceId: $invoiceId, current: true) { invoiceId invoice { ...AdminInvoiceLive } }
  }
`);

export const SendInvoiceMutation = graphql(`
  mutation AdminSendInvoice($id: ID!, $destinations: [InvoiceDestination!], $idempotencyKey: String) {
    sendInvoice(id: $id, destinations: $destinations, idempotencyKey: $idempotencyKey) { ...AdminInvoiceDetail }
  }
`);

export const VoidInvoiceMutation = graphql(`
  mutation AdminVoidInvoice($id: ID!, $releaseTimeEntries: Boolean!, $payments: VoidPaymentsInput) {
    voidInvoice(id: $id, releaseTimeEntries: $releaseTimeEntries, payments: $payments) { ...AdminInvoiceDetail }
  }
`);

export const MarkUncollectibleMutation = graphql(`
  mutation AdminMarkUncollectible($id: ID!) { markInvoiceUncollectible(id: $id) { ...AdminInvoiceDetail } }
`);

export const ReleaseVoidedTimeMutation = graphql(`
  mutation AdminReleaseVoidedInvoiceTime($id: ID!) { releaseVoidedInvoiceTime(invoiceId: $id) { ...AdminInvoiceDetail } }
`);

export const RecordPaymentMutation = graphql(`
  mutation AdminRecordPayment($input: RecordPaymentInput!, $idempotencyKey: String) {
    recordPayment(input: $input, idempotencyKey: $idempotencyKey) { ...AdminPaymentResult }
  }
`);

export const IssueCreditMemoMutation = graphql(`
  mutation AdminIssueCreditMemo($input: IssueCreditMemoInput!, $idempotencyKey: String) {
    issueCreditMemo(input: $input, idempotencyKey: $idempotencyKey) { creditMemo { id } invoice { ...AdminInvoiceDetail } }
  }
`);

export const UpdateDraftMutation = graphql(`
  mutation AdminUpdateDraftInvoice($id: ID!, $input: UpdateDraftInvoiceInput!) {
    updateDraftInvoice(id: $id, input: $input) { ...AdminInvoiceDetail }
  }
`);

export const RefundPaymentMutation = graphql(`
  mutation AdminRefundPayment($input: RefundPaymentInput!, $idempotencyKey: String) {
    refundPayment(input: $input, idempotencyKey: $idempotencyKey) { ...AdminPaymentResult }
  }
`);

export const VoidPaymentMutation = graphql(`
  mutation AdminVoidPayment($input: VoidPaymentInput!, $idempotencyKey: String) {
    voidPayment(input: $input, idempotencyKey: $idempotencyKey) { adjustment { id } invoice { ...AdminInvoiceDetail } }
  }
`);
