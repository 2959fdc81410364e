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
  query AdminWebhookDeliveries($endpointId: ID!) {
    webhookDeliveries(endpointId: $endpointId, limit: 100) {
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
`);

export const CreateWebhookEndpoint = graphql(`
  mutation AdminCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) { secret endpoint { ...AdminWebhookEndpoint } }
  }
`);

export const UpdateWebhookEndpoint = graphql(`
  mutation AdminUpdateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) {
    updateWebhookEndpoint(id: $id, input: $input) { ...AdminWebhookEndpoint }
  }
`);

export const EnableWebhookEndpoint = graphql(`
  mutation AdminEnableWebhookEndpoint($id: ID!) { enableWebhookEndpoint(id: $id) { ...AdminWebhookEndpoint } }
`);

export const DisableWebhookEndpoint = graphql(`
  mutation AdminDisableWebhookEndpoint($id: ID!) { disableWebhookEndpoint(id: $id) { ...AdminWebhookEndpoint } }
`);

export const DeleteWebhookEndpoint = graphql(`
  mutation AdminDeleteWebhookEndpoint($id: ID!) { deleteWebhookEndpoint(id: $id) }
`);

export const RotateWebhookSecret = graphql(`
  mutation AdminRotateWebhookSecret($id: ID!) {
    rotateWebhookSecret(id: $id) { secret endpoint { ...AdminWebhookEndpoint } }
  }
`);

export const ResendWebhookDelivery = graphql(`
  mutation AdminResendWebhookDelivery($id: ID!) { resendWebhookDelivery(id: $id) { id status } }
`);

export const SendTestWebhookEvent = graphql(`
  mutation AdminSendTestWebhookEvent($endpointId: ID!) { sendTestWebhookEvent(endpointId: $endpointId) { id } }
`);

/** The event types an endpoint can receive, by their wire names (what arrives in `type`). */
export const EVENT_TYPE_OPTIONS: Array<{ value: WebhookEventType; label: string }> = [
  { value: 'INVOICE_CREATED', label: 'invoice.created' },
  { value: 'INVOICE_FINALIZED', label: 'invoice.finalized' },
  { value: 'INVOICE_SENT', label: 'invoice.sent' },
  { value: 'INVOICE_PAID', label: 'invoice.paid' },
  { value: 'INVOICE_PARTIALLY_PAID', label: 'invoice.partially_paid' },
  { value: 'INVOICE_VOIDED', label: 'invoice.voided' },
  { value: 'PAYMENT_RECORDED', label: 'payment.recorded' },
  { value: 'PAYMENT_REFUNDED', label: 'payment.refunded' },
  { value: 'CREDIT_MEMO_ISSUED', label: 'credit_memo.issued' },
  { value: 'CLIENT_CREATED', label: 'client.created' },
  { value: 'CLIENT_UPDATED', label: 'client.updated' },
];
