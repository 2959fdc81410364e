import { graphql } from './gql';

/** Every GraphQL document the portal uses; `pnpm codegen` types them into ./gql. */

export const MeQuery = graphql(`
  query PortalMe {
    me {
      kind
      organization { id name }
      portalUser { id name email clientId }
    }
  }
`);

export const PortalLoginMutation = graphql(`
  mutation PortalLogin($email: String!, $password: String!, $organizationSlug: String) {
    portalLogin(email: $email, password: $password, organizationSlug: $organizationSlug) { token }
  }
`);

export const RequestMagicLinkMutation = graphql(`
  mutation RequestMagicLink($email: String!, $organizationSlug: String) {
    requestMagicLink(email: $email, organizationSlug: $organizationSlug)
  }
`);

export const SignInLinkQuery = graphql(`
  query SignInLink($token: String!) {
    signInLink(token: $token) { email organizationName }
  }
`);

export const LoginWithMagicLinkMutation = graphql(`
  mutation LoginWithMagicLink($token: String!) {
    loginWithMagicLink(token: $token) { token }
  }
`);

export const AcceptInviteMutation = graphql(`
  mutation AcceptPortalInvite($token: String!, $password: String!) {
    acceptPortalInvite(token: $token, password: $password) { token }
  }
`);

export const LogoutMutation = graphql(`
  mutation PortalLogout {
    logout
  }
`);

export const InvoiceSummaryFragment = graphql(`
  fragment InvoiceSummary on Invoice {
    id
    number
    status
    displayStatus
    issueDate
    dueDate
    currency
    total
    amountPaid
    amountCredited
    balanceDue
  }
`);

export const InvoicesQuery = graphql(`
  query PortalInvoices($first: Int!, $after: String, $filter: InvoiceFilterInput) {
    invoices(first: $first, after: $after, filter: $filter) {
      edges { node { ...InvoiceSummary } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

export const OverviewQuery = graphql(`
  query PortalOverview($clientId: ID!) {
    client(id: $clientId) { id name currency openBalance { currency balanceDue overdue openInvoices } }
    recent: invoices(first: 5) {
      edges { node { ...InvoiceSummary } }
    }
    payments(first: 5, orderBy: RECEIVED_NEWEST) {nodes{ id amount currency receivedOn method kind reference invoiceId cardBrand cardLast4 receiptUrl }}
  }
`);

export const InvoiceDetailQuery = graphql(`
  query PortalInvoice($id: ID!) {
    invoice(id: $id) {
      ...InvoiceSummary
      subtotal
      taxTotal
      memo
      paidAt
      lines { id position kind description quantity unitPrice discount amount taxRateBps taxAmount }
      payments(orderBy: RECEIVED_NEWEST) { id amount currency receivedOn method kind source reference cardBrand cardLast4 receiptUrl }
      creditMemos { id amount currency reason issuedOn }
      creditApplied
      amountKeptAsCredit
    }
  }
`);

/** Credit on the client's account, per currency (only the signed-in client's own). */
export const CreditBalanceQuery = graphql(`
  query PortalCreditBalance($clientId: ID!) {
    client(id: $clientId) { id creditBalance { currency amount } }
  }
`);

export const InvoiceUpdatedSubscription = graphql(`
  subscription PortalInvoiceUpdated($invoiceId: ID, $clientId: ID, $current: Boolean) {
    invoiceUpdated(invoiceId: $invoiceId, clientId: $clientId, current: $current) {
      invoiceId
      invoice {
        ...InvoiceSummary
        paidAt
        payable
        payments(orderBy: RECEIVED_NEWEST) { id amount currency receivedOn method kind source reference cardBrand cardLast4 receiptUrl }
      }
    }
  }
`);
