import { graphql } from '../../gql';
import type { WebhookEventType } from '../../gql/graphql';

export const WebhookEndpointFields = graphql(`
  fragment AdminWebhookEndpoint on WebhookEndpointView {
    id
    url
    description
    events
    enabled
    disabledReason
    secretPrefix
    createdAt
  }
`);

export const WebhookEndpointsQuery = graphql(`
  query AdminWebhookEndpoints { webhookEndpoints { ...AdminWebhookEndpoint } }
`);

export const WebhookDeliveriesQuery = graphql(`
  query AdminWebhookDeliveries($endpointId: ID!, $first: Int!, $after: String) {
    webhookDeliveries(endpointId: $endpointId, first: $first, after: $after) {
      totalCount
      pageInfo { ...AdminPageInfo }
      nodes {
      id
      eventId
      eventType
      objectId
      status
      attemptCount
      httpStatus
      latencyMs
      responseExcerpt
      error
      lastAttemptAt
      nextRetryAt
      createdAt
      }
    }
  }
`);

/** Creating an endpoint and rotating its secret answer alike: the new secret (shown once) and the endpoint. */
export const WebhookEndpointSecretFields = graphql(`
  fragment AdminWebhookEndpointSecret on WebhookEndpointSecretResult { secret endpoint { ...AdminWebhookEndpoint } }
`);

export const CreateWebhookEndpoint = graphql(`
  mutation AdminCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) { ...AdminWebhookEndpointSecret }
  }
`);

export const UpdateWebhookEndpoint = graphql(`
  mutation AdminUpdateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) {
    updateWebhookEndpoint(id: $id, input: $input) { ...AdminWebhookEndpoint }
  }
`);

/** Enables the endpoint when `enabled`, otherwise disables it: the list's one Enable/Disable button, one document. */
export const SetWebhookEndpointEnabled = graphql(`
  mutation AdminSetWebhookEndpointEnabled($id: ID!, $enabled: Boolean!) {
    enableWebhookEndpoint(id: $id) @include(if: $enabled) { ...AdminWebhookEndpoint }
    disableWebhookEndpoint(id: $id) @skip(if: $enabled) { ...AdminWebhookEndpoint }
  }
`);

export const DeleteWebhookEndpoint = graphql(`
  mutation AdminDeleteWebhookEndpoint($id: ID!) { deleteWebhookEndpoint(id: $id) }
`);

export const RotateWebhookSecret = graphql(`
  mutation AdminRotateWebhookSecret($id: ID!) {
    rotateWebhookSecret(id: $id) { ...AdminWebhookEndpointSecret }
  }
`);

export const ResendWebhookDelivery = graphql(`
  mutation AdminResendWebhookDelivery($id: ID!) { resendWebhookDelivery(id: $id) { id status } }
`);

export const SendTestWebhookEvent = graphql(`
  mutation AdminSendTestWebhookEvent($endpointId: ID!) { sendTestWebhookEvent(endpointId: $endpointId) { id } }
`);

/**
 * The event types an endpoint can receive, by their wire names (what arrives in `type`). A Record over
 * the schema's enum: a type the server adds fails the type check until it is listed here.
 */
const WIRE_NAMES: Record<WebhookEventType, string> = {
  INVOICE_CREATED: 'invoice.created',
  INVOICE_FINALIZED: 'invoice.finalized',
  INVOICE_SENT: 'invoice.sent',
  INVOICE_PAID: 'invoice.paid',
  INVOICE_PARTIALLY_PAID: 'invoice.partially_paid',
  INVOICE_VOIDED: 'invoice.voided',
  INVOICE_OVERDUE: 'invoice.overdue',
  PAYMENT_RECORDED: 'payment.recorded',
  PAYMENT_REFUNDED: 'payment.refunded',
  PAYMENT_REFUND_FAILED: 'payment.refund_failed',
  PAYMENT_VOIDED: 'payment.voided',
  PAYMENT_DISPUTED: 'payment.disputed',
  CREDIT_MEMO_ISSUED: 'credit_memo.issued',
  CLIENT_CREATED: 'client.created',
  CLIENT_UPDATED: 'client.updated',
  QUICKBOOKS_SYNC_FAILED: 'quickbooks.sync_failed',
  BILLING_RUN_COMPLETED: 'billing_run.completed',
  BILLING_RUN_FAILED: 'billing_run.failed',
};

export const EVENT_TYPE_OPTIONS: Array<{ value: WebhookEventType; label: string }> = Object.entries(WIRE_NAMES).map(
  ([value, label]) => ({ value: value as WebhookEventType, label }),
);
