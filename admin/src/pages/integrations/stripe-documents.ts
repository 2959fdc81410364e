import { graphql } from '../../gql';

export const StripeConnectionFragment = graphql(`
  fragment AdminStripeConnection on StripeConnectionView {
    mode accountId connectedVia secretKeyPrefix publishableKeyPrefix webhookUrl connectedAt lastVerifiedAt lastEventAt
    webhook { url configured autoRegistered endpointId secretPrefix lastError lastEventAt received processed pending failed rejected }
    previousAccountCleanup { accountId mode status error endpointDeleted invoicesVoided sessionsExpired at }
  }
`);

export const StripeConnectionQuery = graphql(`
  query AdminStripeConnection { stripeConnection { ...AdminStripeConnection } }
`);

export const StripeOAuthUrlQuery = graphql(`
  query AdminStripeOAuthUrl { stripeOAuthUrl }
`);

export const ConnectStripe = graphql(`
  mutation AdminConnectStripe($secretKey: String!, $publishableKey: String) {
    connectStripe(secretKey: $secretKey, publishableKey: $publishableKey) { ...AdminStripeConnection }
  }
`);

export const TestStripeConnection = graphql(`
  mutation AdminTestStripeConnection { testStripeConnection { ...AdminStripeConnection } }
`);

export const DisconnectStripe = graphql(`
  mutation AdminDisconnectStripe { disconnectStripe { accountId } }
`);

export const RegisterStripeWebhook = graphql(`
  mutation AdminRegisterStripeWebhook { registerStripeWebhook { ...AdminStripeConnection } }
`);

export const SetStripeWebhookSecret = graphql(`
  mutation AdminSetStripeWebhookSecret($secret: String!) {
    setStripeWebhookSecret(secret: $secret) { ...AdminStripeConnection }
  }
`);

export const RotateStripeWebhookToken = graphql(`
  mutation AdminRotateStripeWebhookToken { rotateStripeWebhookToken { ...AdminStripeConnection } }
`);

export const StripeWebhookEventFragment = graphql(`
  fragment AdminStripeWebhookEvent on StripeWebhookEvent {
    id eventId type status error outcome attempts via receivedAt processedAt
  }
`);

export const StripeWebhookEventsQuery = graphql(`
  query AdminStripeWebhookEvents($first: Int!, $status: StripeEventStatus) {
    stripeWebhookEvents(first: $first, status: $status) {nodes{ ...AdminStripeWebhookEvent }}
  }
`);

export const ReplayStripeWebhookEvent = graphql(`
  mutation AdminReplayStripeWebhookEvent($id: ID!) { replayStripeWebhookEvent(id: $id) { ...AdminStripeWebhookEvent } }
`);
