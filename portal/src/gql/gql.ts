/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query PortalPaymentMethods {\n    savedPaymentMethods { id type brand last4 expMonth expYear bankName isDefault }\n    autopay { clientId enabled chargedOn }\n  }\n": typeof types.PortalPaymentMethodsDocument,
    "\n  mutation StartSavePaymentMethod {\n    startSavePaymentMethod { url expiresAt }\n  }\n": typeof types.StartSavePaymentMethodDocument,
    "\n  mutation SetDefaultPaymentMethod($id: String!) {\n    setDefaultPaymentMethod(id: $id) { id type brand last4 expMonth expYear bankName isDefault }\n  }\n": typeof types.SetDefaultPaymentMethodDocument,
    "\n  mutation RemovePaymentMethod($id: String!) {\n    removePaymentMethod(id: $id) { id type brand last4 expMonth expYear bankName isDefault }\n  }\n": typeof types.RemovePaymentMethodDocument,
    "\n  mutation SetAutopay($enabled: Boolean!) {\n    setAutopay(enabled: $enabled) { clientId enabled chargedOn }\n  }\n": typeof types.SetAutopayDocument,
    "\n  query PortalMe {\n    me {\n      kind\n      organization { id name }\n      portalUser { id name email clientId }\n    }\n  }\n": typeof types.PortalMeDocument,
    "\n  mutation PortalLogin($email: String!, $password: String!, $organizationSlug: String) {\n    portalLogin(email: $email, password: $password, organizationSlug: $organizationSlug) { token }\n  }\n": typeof types.PortalLoginDocument,
    "\n  mutation RequestMagicLink($email: String!, $organizationSlug: String) {\n    requestMagicLink(email: $email, organizationSlug: $organizationSlug)\n  }\n": typeof types.RequestMagicLinkDocument,
    "\n  query SignInLink($token: String!) {\n    signInLink(token: $token) { email organizationName }\n  }\n": typeof types.SignInLinkDocument,
    "\n  mutation LoginWithMagicLink($token: String!) {\n    loginWithMagicLink(token: $token) { token }\n  }\n": typeof types.LoginWithMagicLinkDocument,
    "\n  mutation AcceptPortalInvite($token: String!, $password: String!) {\n    acceptPortalInvite(token: $token, password: $password) { token }\n  }\n": typeof types.AcceptPortalInviteDocument,
    "\n  mutation PortalLogout {\n    logout\n  }\n": typeof types.PortalLogoutDocument,
    "\n  fragment InvoiceSummary on Invoice {\n    id\n    number\n    status\n    displayStatus\n    issueDate\n    dueDate\n    currency\n    total\n    amountPaid\n    amountCredited\n    balanceDue\n  }\n": typeof types.InvoiceSummaryFragmentDoc,
    "\n  query PortalInvoices($first: Int!, $after: String, $filter: InvoiceFilterInput) {\n    invoices(first: $first, after: $after, filter: $filter) {\n      edges { node { ...InvoiceSummary } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.PortalInvoicesDocument,
    "\n  query PortalOverview($clientId: ID!) {\n    client(id: $clientId) { id name currency openBalance { currency balanceDue overdue openInvoices } }\n    recent: invoices(first: 5) {\n      edges { node { ...InvoiceSummary } }\n    }\n    payments(first: 5, orderBy: RECEIVED_NEWEST) {nodes{ id amount currency receivedOn method kind reference invoiceId cardBrand cardLast4 receiptUrl }}\n  }\n": typeof types.PortalOverviewDocument,
    "\n  query PortalInvoice($id: ID!) {\n    invoice(id: $id) {\n      ...InvoiceSummary\n      subtotal\n      taxTotal\n      memo\n      paidAt\n      lines { id position kind description quantity unitPrice discount amount taxRateBps taxAmount }\n      payments(orderBy: RECEIVED_NEWEST) { id amount currency receivedOn method kind source reference cardBrand cardLast4 receiptUrl }\n      creditMemos { id amount currency reason issuedOn }\n      creditApplied\n      amountKeptAsCredit\n    }\n  }\n": typeof types.PortalInvoiceDocument,
    "\n  query PortalCreditBalance($clientId: ID!) {\n    client(id: $clientId) { id creditBalance { currency amount } }\n  }\n": typeof types.PortalCreditBalanceDocument,
    "\n  subscription PortalInvoiceUpdated($invoiceId: ID, $clientId: ID, $current: Boolean) {\n    invoiceUpdated(invoiceId: $invoiceId, clientId: $clientId, current: $current) {\n      invoiceId\n      invoice {\n        ...InvoiceSummary\n        paidAt\n        payable\n        payments(orderBy: RECEIVED_NEWEST) { id amount currency receivedOn method kind source reference cardBrand cardLast4 receiptUrl }\n      }\n    }\n  }\n": typeof types.PortalInvoiceUpdatedDocument,
    "\n  query PortalInvoicePayState($id: ID!) {\n    invoice(id: $id) { id payable allowPartialPayment lastPaymentError }\n  }\n": typeof types.PortalInvoicePayStateDocument,
    "\n  mutation StartInvoicePayment($invoiceId: ID!, $amount: Money) {\n    startInvoicePayment(invoiceId: $invoiceId, amount: $amount) { url expiresAt }\n  }\n": typeof types.StartInvoicePaymentDocument,
};
const documents: Documents = {
    "\n  query PortalPaymentMethods {\n    savedPaymentMethods { id type brand last4 expMonth expYear bankName isDefault }\n    autopay { clientId enabled chargedOn }\n  }\n": types.PortalPaymentMethodsDocument,
    "\n  mutation StartSavePaymentMethod {\n    startSavePaymentMethod { url expiresAt }\n  }\n": types.StartSavePaymentMethodDocument,
    "\n  mutation SetDefaultPaymentMethod($id: String!) {\n    setDefaultPaymentMethod(id: $id) { id type brand last4 expMonth expYear bankName isDefault }\n  }\n": types.SetDefaultPaymentMethodDocument,
    "\n  mutation RemovePaymentMethod($id: String!) {\n    removePaymentMethod(id: $id) { id type brand last4 expMonth expYear bankName isDefault }\n  }\n": types.RemovePaymentMethodDocument,
    "\n  mutation SetAutopay($enabled: Boolean!) {\n    setAutopay(enabled: $enabled) { clientId enabled chargedOn }\n  }\n": types.SetAutopayDocument,
    "\n  query PortalMe {\n    me {\n      kind\n      organization { id name }\n      portalUser { id name email clientId }\n    }\n  }\n": types.PortalMeDocument,
    "\n  mutation PortalLogin($email: String!, $password: String!, $organizationSlug: String) {\n    portalLogin(email: $email, password: $password, organizationSlug: $organizationSlug) { token }\n  }\n": types.PortalLoginDocument,
    "\n  mutation RequestMagicLink($email: String!, $organizationSlug: String) {\n    requestMagicLink(email: $email, organizationSlug: $organizationSlug)\n  }\n": types.RequestMagicLinkDocument,
    "\n  query SignInLink($token: String!) {\n    signInLink(token: $token) { email organizationName }\n  }\n": types.SignInLinkDocument,
    "\n  mutation LoginWithMagicLink($token: String!) {\n    loginWithMagicLink(token: $token) { token }\n  }\n": types.LoginWithMagicLinkDocument,
    "\n  mutation AcceptPortalInvite($token: String!, $password: String!) {\n    acceptPortalInvite(token: $token, password: $password) { token }\n  }\n": types.AcceptPortalInviteDocument,
    "\n  mutation PortalLogout {\n    logout\n  }\n": types.PortalLogoutDocument,
    "\n  fragment InvoiceSummary on Invoice {\n    id\n    number\n    status\n    displayStatus\n    issueDate\n    dueDate\n    currency\n    total\n    amountPaid\n    amountCredited\n    balanceDue\n  }\n": types.InvoiceSummaryFragmentDoc,
    "\n  query PortalInvoices($first: Int!, $after: String, $filter: InvoiceFilterInput) {\n    invoices(first: $first, after: $after, filter: $filter) {\n      edges { node { ...InvoiceSummary } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.PortalInvoicesDocument,
    "\n  query PortalOverview($clientId: ID!) {\n    client(id: $clientId) { id name currency openBalance { currency balanceDue overdue openInvoices } }\n    recent: invoices(first: 5) {\n      edges { node { ...InvoiceSummary } }\n    }\n    payments(first: 5, orderBy: RECEIVED_NEWEST) {nodes{ id amount currency receivedOn method kind reference invoiceId cardBrand cardLast4 receiptUrl }}\n  }\n": types.PortalOverviewDocument,
    "\n  query PortalInvoice($id: ID!) {\n    invoice(id: $id) {\n      ...InvoiceSummary\n      subtotal\n      taxTotal\n      memo\n      paidAt\n      lines { id position kind description quantity unitPrice discount amount taxRateBps taxAmount }\n      payments(orderBy: RECEIVED_NEWEST) { id amount currency receivedOn method kind source reference cardBrand cardLast4 receiptUrl }\n      creditMemos { id amount currency reason issuedOn }\n      creditApplied\n      amountKeptAsCredit\n    }\n  }\n": types.PortalInvoiceDocument,
    "\n  query PortalCreditBalance($clientId: ID!) {\n    client(id: $clientId) { id creditBalance { currency amount } }\n  }\n": types.PortalCreditBalanceDocument,
    "\n  subscription PortalInvoiceUpdated($invoiceId: ID, $clientId: ID, $current: Boolean) {\n    invoiceUpdated(invoiceId: $invoiceId, clientId: $clientId, current: $current) {\n      invoiceId\n      invoice {\n        ...InvoiceSummary\n        paidAt\n        payable\n        payments(orderBy: RECEIVED_NEWEST) { id amount currency receivedOn method kind source reference cardBrand cardLast4 receiptUrl }\n      }\n    }\n  }\n": types.PortalInvoiceUpdatedDocument,
    "\n  query PortalInvoicePayState($id: ID!) {\n    invoice(id: $id) { id payable allowPartialPayment lastPaymentError }\n  }\n": types.PortalInvoicePayStateDocument,
    "\n  mutation StartInvoicePayment($invoiceId: ID!, $amount: Money) {\n    startInvoicePayment(invoiceId: $invoiceId, amount: $amount) { url expiresAt }\n  }\n": types.StartInvoicePaymentDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalPaymentMethods {\n    savedPaymentMethods { id type brand last4 expMonth expYear bankName isDefault }\n    autopay { clientId enabled chargedOn }\n  }\n"): (typeof documents)["\n  query PortalPaymentMethods {\n    savedPaymentMethods { id type brand last4 expMonth expYear bankName isDefault }\n    autopay { clientId enabled chargedOn }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartSavePaymentMethod {\n    startSavePaymentMethod { url expiresAt }\n  }\n"): (typeof documents)["\n  mutation StartSavePaymentMethod {\n    startSavePaymentMethod { url expiresAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetDefaultPaymentMethod($id: String!) {\n    setDefaultPaymentMethod(id: $id) { id type brand last4 expMonth expYear bankName isDefault }\n  }\n"): (typeof documents)["\n  mutation SetDefaultPaymentMethod($id: String!) {\n    setDefaultPaymentMethod(id: $id) { id type brand last4 expMonth expYear bankName isDefault }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemovePaymentMethod($id: String!) {\n    removePaymentMethod(id: $id) { id type brand last4 expMonth expYear bankName isDefault }\n  }\n"): (typeof documents)["\n  mutation RemovePaymentMethod($id: String!) {\n    removePaymentMethod(id: $id) { id type brand last4 expMonth expYear bankName isDefault }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetAutopay($enabled: Boolean!) {\n    setAutopay(enabled: $enabled) { clientId enabled chargedOn }\n  }\n"): (typeof documents)["\n  mutation SetAutopay($enabled: Boolean!) {\n    setAutopay(enabled: $enabled) { clientId enabled chargedOn }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalMe {\n    me {\n      kind\n      organization { id name }\n      portalUser { id name email clientId }\n    }\n  }\n"): (typeof documents)["\n  query PortalMe {\n    me {\n      kind\n      organization { id name }\n      portalUser { id name email clientId }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PortalLogin($email: String!, $password: String!, $organizationSlug: String) {\n    portalLogin(email: $email, password: $password, organizationSlug: $organizationSlug) { token }\n  }\n"): (typeof documents)["\n  mutation PortalLogin($email: String!, $password: String!, $organizationSlug: String) {\n    portalLogin(email: $email, password: $password, organizationSlug: $organizationSlug) { token }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestMagicLink($email: String!, $organizationSlug: String) {\n    requestMagicLink(email: $email, organizationSlug: $organizationSlug)\n  }\n"): (typeof documents)["\n  mutation RequestMagicLink($email: String!, $organizationSlug: String) {\n    requestMagicLink(email: $email, organizationSlug: $organizationSlug)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SignInLink($token: String!) {\n    signInLink(token: $token) { email organizationName }\n  }\n"): (typeof documents)["\n  query SignInLink($token: String!) {\n    signInLink(token: $token) { email organizationName }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LoginWithMagicLink($token: String!) {\n    loginWithMagicLink(token: $token) { token }\n  }\n"): (typeof documents)["\n  mutation LoginWithMagicLink($token: String!) {\n    loginWithMagicLink(token: $token) { token }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptPortalInvite($token: String!, $password: String!) {\n    acceptPortalInvite(token: $token, password: $password) { token }\n  }\n"): (typeof documents)["\n  mutation AcceptPortalInvite($token: String!, $password: String!) {\n    acceptPortalInvite(token: $token, password: $password) { token }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PortalLogout {\n    logout\n  }\n"): (typeof documents)["\n  mutation PortalLogout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InvoiceSummary on Invoice {\n    id\n    number\n    status\n    displayStatus\n    issueDate\n    dueDate\n    currency\n    total\n    amountPaid\n    amountCredited\n    balanceDue\n  }\n"): (typeof documents)["\n  fragment InvoiceSummary on Invoice {\n    id\n    number\n    status\n    displayStatus\n    issueDate\n    dueDate\n    currency\n    total\n    amountPaid\n    amountCredited\n    balanceDue\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalInvoices($first: Int!, $after: String, $filter: InvoiceFilterInput) {\n    invoices(first: $first, after: $after, filter: $filter) {\n      edges { node { ...InvoiceSummary } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query PortalInvoices($first: Int!, $after: String, $filter: InvoiceFilterInput) {\n    invoices(first: $first, after: $after, filter: $filter) {\n      edges { node { ...InvoiceSummary } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalOverview($clientId: ID!) {\n    client(id: $clientId) { id name currency openBalance { currency balanceDue overdue openInvoices } }\n    recent: invoices(first: 5) {\n      edges { node { ...InvoiceSummary } }\n    }\n    payments(first: 5, orderBy: RECEIVED_NEWEST) {nodes{ id amount currency receivedOn method kind reference invoiceId cardBrand cardLast4 receiptUrl }}\n  }\n"): (typeof documents)["\n  query PortalOverview($clientId: ID!) {\n    client(id: $clientId) { id name currency openBalance { currency balanceDue overdue openInvoices } }\n    recent: invoices(first: 5) {\n      edges { node { ...InvoiceSummary } }\n    }\n    payments(first: 5, orderBy: RECEIVED_NEWEST) {nodes{ id amount currency receivedOn method kind reference invoiceId cardBrand cardLast4 receiptUrl }}\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalInvoice($id: ID!) {\n    invoice(id: $id) {\n      ...InvoiceSummary\n      subtotal\n      taxTotal\n      memo\n      paidAt\n      lines { id position kind description quantity unitPrice discount amount taxRateBps taxAmount }\n      payments(orderBy: RECEIVED_NEWEST) { id amount currency receivedOn method kind source reference cardBrand cardLast4 receiptUrl }\n      creditMemos { id amount currency reason issuedOn }\n      creditApplied\n      amountKeptAsCredit\n    }\n  }\n"): (typeof documents)["\n  query PortalInvoice($id: ID!) {\n    invoice(id: $id) {\n      ...InvoiceSummary\n      subtotal\n      taxTotal\n      memo\n      paidAt\n      lines { id position kind description quantity unitPrice discount amount taxRateBps taxAmount }\n      payments(orderBy: RECEIVED_NEWEST) { id amount currency receivedOn method kind source reference cardBrand cardLast4 receiptUrl }\n      creditMemos { id amount currency reason issuedOn }\n      creditApplied\n      amountKeptAsCredit\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalCreditBalance($clientId: ID!) {\n    client(id: $clientId) { id creditBalance { currency amount } }\n  }\n"): (typeof documents)["\n  query PortalCreditBalance($clientId: ID!) {\n    client(id: $clientId) { id creditBalance { currency amount } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PortalInvoiceUpdated($invoiceId: ID, $clientId: ID, $current: Boolean) {\n    invoiceUpdated(invoiceId: $invoiceId, clientId: $clientId, current: $current) {\n      invoiceId\n      invoice {\n        ...InvoiceSummary\n        paidAt\n        payable\n        payments(orderBy: RECEIVED_NEWEST) { id amount currency receivedOn method kind source reference cardBrand cardLast4 receiptUrl }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription PortalInvoiceUpdated($invoiceId: ID, $clientId: ID, $current: Boolean) {\n    invoiceUpdated(invoiceId: $invoiceId, clientId: $clientId, current: $current) {\n      invoiceId\n      invoice {\n        ...InvoiceSummary\n        paidAt\n        payable\n        payments(orderBy: RECEIVED_NEWEST) { id amount currency receivedOn method kind source reference cardBrand cardLast4 receiptUrl }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortalInvoicePayState($id: ID!) {\n    invoice(id: $id) { id payable allowPartialPayment lastPaymentError }\n  }\n"): (typeof documents)["\n  query PortalInvoicePayState($id: ID!) {\n    invoice(id: $id) { id payable allowPartialPayment lastPaymentError }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartInvoicePayment($invoiceId: ID!, $amount: Money) {\n    startInvoicePayment(invoiceId: $invoiceId, amount: $amount) { url expiresAt }\n  }\n"): (typeof documents)["\n  mutation StartInvoicePayment($invoiceId: ID!, $amount: Money) {\n    startInvoicePayment(invoiceId: $invoiceId, amount: $amount) { url expiresAt }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;