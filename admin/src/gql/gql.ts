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
    "\n  query AdminMe {\n    me {\n      kind\n      user { id name email role }\n      organization { id name slug defaultCurrency }\n    }\n  }\n": typeof types.AdminMeDocument,
    "\n  query AdminClientOptions {\n    clients { id name currency }\n  }\n": typeof types.AdminClientOptionsDocument,
    "\n  mutation AdminLogout {\n    logout\n  }\n": typeof types.AdminLogoutDocument,
    "\n  query AdminServiceOptions {\n    services(includeArchived: true) { id code name active prices { currency unitAmount } }\n  }\n": typeof types.AdminServiceOptionsDocument,
    "\n  mutation AdminLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      me { kind }\n    }\n  }\n": typeof types.AdminLoginDocument,
    "\n  query AdminApiTokens {\n    apiTokens { id name prefix createdAt lastUsedAt revokedAt }\n  }\n": typeof types.AdminApiTokensDocument,
    "\n  mutation AdminCreateApiToken($name: String!) {\n    createApiToken(name: $name) { token apiToken { id name prefix createdAt lastUsedAt revokedAt } }\n  }\n": typeof types.AdminCreateApiTokenDocument,
    "\n  mutation AdminRevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) { id revokedAt }\n  }\n": typeof types.AdminRevokeApiTokenDocument,
    "\n  fragment AdminServiceFields on Service {\n    id code name description active prices { currency unitAmount }\n  }\n": typeof types.AdminServiceFieldsFragmentDoc,
    "\n  query AdminServices($includeArchived: Boolean!) {\n    services(includeArchived: $includeArchived) { ...AdminServiceFields }\n  }\n": typeof types.AdminServicesDocument,
    "\n  mutation AdminSetServiceActive($id: ID!, $active: Boolean!) {\n    updateService(id: $id, input: { active: $active }) { ...AdminServiceFields }\n  }\n": typeof types.AdminSetServiceActiveDocument,
    "\n  mutation AdminCreateService($input: CreateServiceInput!) {\n    createService(input: $input) { ...AdminServiceFields }\n  }\n": typeof types.AdminCreateServiceDocument,
    "\n  mutation AdminUpdateService($id: ID!, $input: ServiceInput!) {\n    updateService(id: $id, input: $input) { ...AdminServiceFields }\n  }\n": typeof types.AdminUpdateServiceDocument,
    "\n  mutation AdminCreateClient($input: CreateClientInput!) {\n    createClient(input: $input) { ...AdminClientFields }\n  }\n": typeof types.AdminCreateClientDocument,
    "\n  mutation AdminUpdateClient($id: ID!, $input: UpdateClientInput!) {\n    updateClient(id: $id, input: $input) { ...AdminClientFields }\n  }\n": typeof types.AdminUpdateClientDocument,
    "\n  fragment AdminClientFields on Client {\n    id name billingEmail currency taxRateBps daysUntilDue allowPartialPayments emailPayLink memoTemplate archivedAt\n    rates { id serviceId unitAmount }\n  }\n": typeof types.AdminClientFieldsFragmentDoc,
    "\n  query AdminClients($includeArchived: Boolean!, $search: String) {\n    clients(includeArchived: $includeArchived, search: $search) { ...AdminClientFields }\n  }\n": typeof types.AdminClientsDocument,
    "\n  query AdminDashboard {\n    dashboard(overdueLimit: 20) {\n      currencies {\n        currency\n        outstanding\n        collectedThisMonth\n        aging { current days1to30 days31to60 days61to90 days90plus }\n      }\n      overdue {\n        id number currency balanceDue dueDate displayStatus\n        client { id name }\n      }\n    }\n  }\n": typeof types.AdminDashboardDocument,
    "\n  query AdminEmails {\n    emails(first: 200) { id to subject kind status error createdAt sentAt text html }\n  }\n": typeof types.AdminEmailsDocument,
    "\n  query AdminBillableTime($from: LocalDate, $to: LocalDate) {\n    timeEntries(status: APPROVED, uninvoicedOnly: true, from: $from, to: $to, first: 1000) {\n      id minutes billable\n      client { id name currency }\n    }\n  }\n": typeof types.AdminBillableTimeDocument,
    "\n  mutation AdminGenerateInvoices($input: GenerateInvoicesInput!) {\n    generateInvoices(input: $input) {\n      invoices { id number currency total displayStatus client { id name } }\n      skipped { clientId reason }\n    }\n  }\n": typeof types.AdminGenerateInvoicesDocument,
    "\n  query AdminInvoices($first: Int!, $after: String, $filter: InvoiceFilterInput) {\n    invoices(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id number currency total balanceDue issueDate dueDate displayStatus\n          client { id name }\n        }\n      }\n    }\n  }\n": typeof types.AdminInvoicesDocument,
    "\n  fragment AdminInvoiceDetail on Invoice {\n    id number status displayStatus currency\n    issueDate dueDate periodStart periodEnd\n    subtotal taxTotal total amountPaid amountCredited balanceDue\n    memo notes portalUrl disputed\n    finalizedAt sentAt paidAt voidedAt uncollectibleAt updatedAt\n    client { id name billingEmail currency }\n    lines { id position kind description serviceId quantity unitPrice discount taxRateBps taxAmount amount }\n    payments { id amount kind method source reference receivedOn externalId createdAt }\n    creditMemos { id amount reason createdAt }\n    timeline { id action actorLabel actorType source createdAt }\n  }\n": typeof types.AdminInvoiceDetailFragmentDoc,
    "\n  query AdminInvoice($id: ID!) {\n    invoice(id: $id) { ...AdminInvoiceDetail }\n  }\n": typeof types.AdminInvoiceDocument,
    "\n  subscription AdminInvoiceUpdated($invoiceId: ID!) {\n    invoiceUpdated(invoiceId: $invoiceId) {\n      invoiceId\n      invoice { ...AdminInvoiceDetail }\n    }\n  }\n": typeof types.AdminInvoiceUpdatedDocument,
    "\n  mutation AdminSendInvoice($id: ID!, $destinations: [String!]) {\n    sendInvoice(id: $id, destinations: $destinations) { ...AdminInvoiceDetail }\n  }\n": typeof types.AdminSendInvoiceDocument,
    "\n  mutation AdminVoidInvoice($id: ID!, $releaseTimeEntries: Boolean!) {\n    voidInvoice(id: $id, releaseTimeEntries: $releaseTimeEntries) { ...AdminInvoiceDetail }\n  }\n": typeof types.AdminVoidInvoiceDocument,
    "\n  mutation AdminMarkUncollectible($id: ID!) {\n    markInvoiceUncollectible(id: $id) { ...AdminInvoiceDetail }\n  }\n": typeof types.AdminMarkUncollectibleDocument,
    "\n  mutation AdminRecordPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input) { payment { id } invoice { ...AdminInvoiceDetail } }\n  }\n": typeof types.AdminRecordPaymentDocument,
    "\n  mutation AdminIssueCreditMemo($input: IssueCreditMemoInput!) {\n    issueCreditMemo(input: $input) { creditMemo { id } invoice { ...AdminInvoiceDetail } }\n  }\n": typeof types.AdminIssueCreditMemoDocument,
    "\n  mutation AdminUpdateDraftInvoice($id: ID!, $input: UpdateDraftInvoiceInput!) {\n    updateDraftInvoice(id: $id, input: $input) { ...AdminInvoiceDetail }\n  }\n": typeof types.AdminUpdateDraftInvoiceDocument,
    "\n  query AdminPortalUsers($clientId: ID) {\n    portalUsers(clientId: $clientId) { id name email clientId invitedAt acceptedAt }\n  }\n": typeof types.AdminPortalUsersDocument,
    "\n  mutation AdminInvitePortalUser($input: InvitePortalUserInput!) {\n    invitePortalUser(input: $input) { id name email clientId invitedAt acceptedAt }\n  }\n": typeof types.AdminInvitePortalUserDocument,
    "\n  query AdminOrgPaymentSettings {\n    organization { id name allowPartialPayments emailPayLink emailPaymentConfirmation }\n  }\n": typeof types.AdminOrgPaymentSettingsDocument,
    "\n  mutation AdminUpdateOrgPaymentSettings($input: OrganizationSettingsInput!) {\n    updateOrganizationSettings(input: $input) { id allowPartialPayments emailPayLink emailPaymentConfirmation }\n  }\n": typeof types.AdminUpdateOrgPaymentSettingsDocument,
    "\n  query AdminTimeEntries($status: TimeEntryStatus) {\n    timeEntries(status: $status, first: 200) {\n      id workDate minutes note status billable rejectionReason invoiceId\n      client { id name }\n      ticket { id title }\n      service { id name }\n      technician { id name }\n    }\n  }\n": typeof types.AdminTimeEntriesDocument,
    "\n  mutation AdminApproveTime($ids: [ID!]!) {\n    approveTimeEntries(ids: $ids) { id status approvedAt }\n  }\n": typeof types.AdminApproveTimeDocument,
    "\n  mutation AdminRejectTime($ids: [ID!]!, $reason: String!) {\n    rejectTimeEntries(ids: $ids, reason: $reason) { id status rejectionReason }\n  }\n": typeof types.AdminRejectTimeDocument,
};
const documents: Documents = {
    "\n  query AdminMe {\n    me {\n      kind\n      user { id name email role }\n      organization { id name slug defaultCurrency }\n    }\n  }\n": types.AdminMeDocument,
    "\n  query AdminClientOptions {\n    clients { id name currency }\n  }\n": types.AdminClientOptionsDocument,
    "\n  mutation AdminLogout {\n    logout\n  }\n": types.AdminLogoutDocument,
    "\n  query AdminServiceOptions {\n    services(includeArchived: true) { id code name active prices { currency unitAmount } }\n  }\n": types.AdminServiceOptionsDocument,
    "\n  mutation AdminLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      me { kind }\n    }\n  }\n": types.AdminLoginDocument,
    "\n  query AdminApiTokens {\n    apiTokens { id name prefix createdAt lastUsedAt revokedAt }\n  }\n": types.AdminApiTokensDocument,
    "\n  mutation AdminCreateApiToken($name: String!) {\n    createApiToken(name: $name) { token apiToken { id name prefix createdAt lastUsedAt revokedAt } }\n  }\n": types.AdminCreateApiTokenDocument,
    "\n  mutation AdminRevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) { id revokedAt }\n  }\n": types.AdminRevokeApiTokenDocument,
    "\n  fragment AdminServiceFields on Service {\n    id code name description active prices { currency unitAmount }\n  }\n": types.AdminServiceFieldsFragmentDoc,
    "\n  query AdminServices($includeArchived: Boolean!) {\n    services(includeArchived: $includeArchived) { ...AdminServiceFields }\n  }\n": types.AdminServicesDocument,
    "\n  mutation AdminSetServiceActive($id: ID!, $active: Boolean!) {\n    updateService(id: $id, input: { active: $active }) { ...AdminServiceFields }\n  }\n": types.AdminSetServiceActiveDocument,
    "\n  mutation AdminCreateService($input: CreateServiceInput!) {\n    createService(input: $input) { ...AdminServiceFields }\n  }\n": types.AdminCreateServiceDocument,
    "\n  mutation AdminUpdateService($id: ID!, $input: ServiceInput!) {\n    updateService(id: $id, input: $input) { ...AdminServiceFields }\n  }\n": types.AdminUpdateServiceDocument,
    "\n  mutation AdminCreateClient($input: CreateClientInput!) {\n    createClient(input: $input) { ...AdminClientFields }\n  }\n": types.AdminCreateClientDocument,
    "\n  mutation AdminUpdateClient($id: ID!, $input: UpdateClientInput!) {\n    updateClient(id: $id, input: $input) { ...AdminClientFields }\n  }\n": types.AdminUpdateClientDocument,
    "\n  fragment AdminClientFields on Client {\n    id name billingEmail currency taxRateBps daysUntilDue allowPartialPayments emailPayLink memoTemplate archivedAt\n    rates { id serviceId unitAmount }\n  }\n": types.AdminClientFieldsFragmentDoc,
    "\n  query AdminClients($includeArchived: Boolean!, $search: String) {\n    clients(includeArchived: $includeArchived, search: $search) { ...AdminClientFields }\n  }\n": types.AdminClientsDocument,
    "\n  query AdminDashboard {\n    dashboard(overdueLimit: 20) {\n      currencies {\n        currency\n        outstanding\n        collectedThisMonth\n        aging { current days1to30 days31to60 days61to90 days90plus }\n      }\n      overdue {\n        id number currency balanceDue dueDate displayStatus\n        client { id name }\n      }\n    }\n  }\n": types.AdminDashboardDocument,
    "\n  query AdminEmails {\n    emails(first: 200) { id to subject kind status error createdAt sentAt text html }\n  }\n": types.AdminEmailsDocument,
    "\n  query AdminBillableTime($from: LocalDate, $to: LocalDate) {\n    timeEntries(status: APPROVED, uninvoicedOnly: true, from: $from, to: $to, first: 1000) {\n      id minutes billable\n      client { id name currency }\n    }\n  }\n": types.AdminBillableTimeDocument,
    "\n  mutation AdminGenerateInvoices($input: GenerateInvoicesInput!) {\n    generateInvoices(input: $input) {\n      invoices { id number currency total displayStatus client { id name } }\n      skipped { clientId reason }\n    }\n  }\n": types.AdminGenerateInvoicesDocument,
    "\n  query AdminInvoices($first: Int!, $after: String, $filter: InvoiceFilterInput) {\n    invoices(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id number currency total balanceDue issueDate dueDate displayStatus\n          client { id name }\n        }\n      }\n    }\n  }\n": types.AdminInvoicesDocument,
    "\n  fragment AdminInvoiceDetail on Invoice {\n    id number status displayStatus currency\n    issueDate dueDate periodStart periodEnd\n    subtotal taxTotal total amountPaid amountCredited balanceDue\n    memo notes portalUrl disputed\n    finalizedAt sentAt paidAt voidedAt uncollectibleAt updatedAt\n    client { id name billingEmail currency }\n    lines { id position kind description serviceId quantity unitPrice discount taxRateBps taxAmount amount }\n    payments { id amount kind method source reference receivedOn externalId createdAt }\n    creditMemos { id amount reason createdAt }\n    timeline { id action actorLabel actorType source createdAt }\n  }\n": types.AdminInvoiceDetailFragmentDoc,
    "\n  query AdminInvoice($id: ID!) {\n    invoice(id: $id) { ...AdminInvoiceDetail }\n  }\n": types.AdminInvoiceDocument,
    "\n  subscription AdminInvoiceUpdated($invoiceId: ID!) {\n    invoiceUpdated(invoiceId: $invoiceId) {\n      invoiceId\n      invoice { ...AdminInvoiceDetail }\n    }\n  }\n": types.AdminInvoiceUpdatedDocument,
    "\n  mutation AdminSendInvoice($id: ID!, $destinations: [String!]) {\n    sendInvoice(id: $id, destinations: $destinations) { ...AdminInvoiceDetail }\n  }\n": types.AdminSendInvoiceDocument,
    "\n  mutation AdminVoidInvoice($id: ID!, $releaseTimeEntries: Boolean!) {\n    voidInvoice(id: $id, releaseTimeEntries: $releaseTimeEntries) { ...AdminInvoiceDetail }\n  }\n": types.AdminVoidInvoiceDocument,
    "\n  mutation AdminMarkUncollectible($id: ID!) {\n    markInvoiceUncollectible(id: $id) { ...AdminInvoiceDetail }\n  }\n": types.AdminMarkUncollectibleDocument,
    "\n  mutation AdminRecordPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input) { payment { id } invoice { ...AdminInvoiceDetail } }\n  }\n": types.AdminRecordPaymentDocument,
    "\n  mutation AdminIssueCreditMemo($input: IssueCreditMemoInput!) {\n    issueCreditMemo(input: $input) { creditMemo { id } invoice { ...AdminInvoiceDetail } }\n  }\n": types.AdminIssueCreditMemoDocument,
    "\n  mutation AdminUpdateDraftInvoice($id: ID!, $input: UpdateDraftInvoiceInput!) {\n    updateDraftInvoice(id: $id, input: $input) { ...AdminInvoiceDetail }\n  }\n": types.AdminUpdateDraftInvoiceDocument,
    "\n  query AdminPortalUsers($clientId: ID) {\n    portalUsers(clientId: $clientId) { id name email clientId invitedAt acceptedAt }\n  }\n": types.AdminPortalUsersDocument,
    "\n  mutation AdminInvitePortalUser($input: InvitePortalUserInput!) {\n    invitePortalUser(input: $input) { id name email clientId invitedAt acceptedAt }\n  }\n": types.AdminInvitePortalUserDocument,
    "\n  query AdminOrgPaymentSettings {\n    organization { id name allowPartialPayments emailPayLink emailPaymentConfirmation }\n  }\n": types.AdminOrgPaymentSettingsDocument,
    "\n  mutation AdminUpdateOrgPaymentSettings($input: OrganizationSettingsInput!) {\n    updateOrganizationSettings(input: $input) { id allowPartialPayments emailPayLink emailPaymentConfirmation }\n  }\n": types.AdminUpdateOrgPaymentSettingsDocument,
    "\n  query AdminTimeEntries($status: TimeEntryStatus) {\n    timeEntries(status: $status, first: 200) {\n      id workDate minutes note status billable rejectionReason invoiceId\n      client { id name }\n      ticket { id title }\n      service { id name }\n      technician { id name }\n    }\n  }\n": types.AdminTimeEntriesDocument,
    "\n  mutation AdminApproveTime($ids: [ID!]!) {\n    approveTimeEntries(ids: $ids) { id status approvedAt }\n  }\n": types.AdminApproveTimeDocument,
    "\n  mutation AdminRejectTime($ids: [ID!]!, $reason: String!) {\n    rejectTimeEntries(ids: $ids, reason: $reason) { id status rejectionReason }\n  }\n": types.AdminRejectTimeDocument,
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
export function graphql(source: "\n  query AdminMe {\n    me {\n      kind\n      user { id name email role }\n      organization { id name slug defaultCurrency }\n    }\n  }\n"): (typeof documents)["\n  query AdminMe {\n    me {\n      kind\n      user { id name email role }\n      organization { id name slug defaultCurrency }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminClientOptions {\n    clients { id name currency }\n  }\n"): (typeof documents)["\n  query AdminClientOptions {\n    clients { id name currency }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminLogout {\n    logout\n  }\n"): (typeof documents)["\n  mutation AdminLogout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminServiceOptions {\n    services(includeArchived: true) { id code name active prices { currency unitAmount } }\n  }\n"): (typeof documents)["\n  query AdminServiceOptions {\n    services(includeArchived: true) { id code name active prices { currency unitAmount } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      me { kind }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminLogin($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      me { kind }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminApiTokens {\n    apiTokens { id name prefix createdAt lastUsedAt revokedAt }\n  }\n"): (typeof documents)["\n  query AdminApiTokens {\n    apiTokens { id name prefix createdAt lastUsedAt revokedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreateApiToken($name: String!) {\n    createApiToken(name: $name) { token apiToken { id name prefix createdAt lastUsedAt revokedAt } }\n  }\n"): (typeof documents)["\n  mutation AdminCreateApiToken($name: String!) {\n    createApiToken(name: $name) { token apiToken { id name prefix createdAt lastUsedAt revokedAt } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminRevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) { id revokedAt }\n  }\n"): (typeof documents)["\n  mutation AdminRevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) { id revokedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminServiceFields on Service {\n    id code name description active prices { currency unitAmount }\n  }\n"): (typeof documents)["\n  fragment AdminServiceFields on Service {\n    id code name description active prices { currency unitAmount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminServices($includeArchived: Boolean!) {\n    services(includeArchived: $includeArchived) { ...AdminServiceFields }\n  }\n"): (typeof documents)["\n  query AdminServices($includeArchived: Boolean!) {\n    services(includeArchived: $includeArchived) { ...AdminServiceFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminSetServiceActive($id: ID!, $active: Boolean!) {\n    updateService(id: $id, input: { active: $active }) { ...AdminServiceFields }\n  }\n"): (typeof documents)["\n  mutation AdminSetServiceActive($id: ID!, $active: Boolean!) {\n    updateService(id: $id, input: { active: $active }) { ...AdminServiceFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreateService($input: CreateServiceInput!) {\n    createService(input: $input) { ...AdminServiceFields }\n  }\n"): (typeof documents)["\n  mutation AdminCreateService($input: CreateServiceInput!) {\n    createService(input: $input) { ...AdminServiceFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminUpdateService($id: ID!, $input: ServiceInput!) {\n    updateService(id: $id, input: $input) { ...AdminServiceFields }\n  }\n"): (typeof documents)["\n  mutation AdminUpdateService($id: ID!, $input: ServiceInput!) {\n    updateService(id: $id, input: $input) { ...AdminServiceFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreateClient($input: CreateClientInput!) {\n    createClient(input: $input) { ...AdminClientFields }\n  }\n"): (typeof documents)["\n  mutation AdminCreateClient($input: CreateClientInput!) {\n    createClient(input: $input) { ...AdminClientFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminUpdateClient($id: ID!, $input: UpdateClientInput!) {\n    updateClient(id: $id, input: $input) { ...AdminClientFields }\n  }\n"): (typeof documents)["\n  mutation AdminUpdateClient($id: ID!, $input: UpdateClientInput!) {\n    updateClient(id: $id, input: $input) { ...AdminClientFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminClientFields on Client {\n    id name billingEmail currency taxRateBps daysUntilDue allowPartialPayments emailPayLink memoTemplate archivedAt\n    rates { id serviceId unitAmount }\n  }\n"): (typeof documents)["\n  fragment AdminClientFields on Client {\n    id name billingEmail currency taxRateBps daysUntilDue allowPartialPayments emailPayLink memoTemplate archivedAt\n    rates { id serviceId unitAmount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminClients($includeArchived: Boolean!, $search: String) {\n    clients(includeArchived: $includeArchived, search: $search) { ...AdminClientFields }\n  }\n"): (typeof documents)["\n  query AdminClients($includeArchived: Boolean!, $search: String) {\n    clients(includeArchived: $includeArchived, search: $search) { ...AdminClientFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminDashboard {\n    dashboard(overdueLimit: 20) {\n      currencies {\n        currency\n        outstanding\n        collectedThisMonth\n        aging { current days1to30 days31to60 days61to90 days90plus }\n      }\n      overdue {\n        id number currency balanceDue dueDate displayStatus\n        client { id name }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminDashboard {\n    dashboard(overdueLimit: 20) {\n      currencies {\n        currency\n        outstanding\n        collectedThisMonth\n        aging { current days1to30 days31to60 days61to90 days90plus }\n      }\n      overdue {\n        id number currency balanceDue dueDate displayStatus\n        client { id name }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminEmails {\n    emails(first: 200) { id to subject kind status error createdAt sentAt text html }\n  }\n"): (typeof documents)["\n  query AdminEmails {\n    emails(first: 200) { id to subject kind status error createdAt sentAt text html }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminBillableTime($from: LocalDate, $to: LocalDate) {\n    timeEntries(status: APPROVED, uninvoicedOnly: true, from: $from, to: $to, first: 1000) {\n      id minutes billable\n      client { id name currency }\n    }\n  }\n"): (typeof documents)["\n  query AdminBillableTime($from: LocalDate, $to: LocalDate) {\n    timeEntries(status: APPROVED, uninvoicedOnly: true, from: $from, to: $to, first: 1000) {\n      id minutes billable\n      client { id name currency }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminGenerateInvoices($input: GenerateInvoicesInput!) {\n    generateInvoices(input: $input) {\n      invoices { id number currency total displayStatus client { id name } }\n      skipped { clientId reason }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminGenerateInvoices($input: GenerateInvoicesInput!) {\n    generateInvoices(input: $input) {\n      invoices { id number currency total displayStatus client { id name } }\n      skipped { clientId reason }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminInvoices($first: Int!, $after: String, $filter: InvoiceFilterInput) {\n    invoices(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id number currency total balanceDue issueDate dueDate displayStatus\n          client { id name }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminInvoices($first: Int!, $after: String, $filter: InvoiceFilterInput) {\n    invoices(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id number currency total balanceDue issueDate dueDate displayStatus\n          client { id name }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminInvoiceDetail on Invoice {\n    id number status displayStatus currency\n    issueDate dueDate periodStart periodEnd\n    subtotal taxTotal total amountPaid amountCredited balanceDue\n    memo notes portalUrl disputed\n    finalizedAt sentAt paidAt voidedAt uncollectibleAt updatedAt\n    client { id name billingEmail currency }\n    lines { id position kind description serviceId quantity unitPrice discount taxRateBps taxAmount amount }\n    payments { id amount kind method source reference receivedOn externalId createdAt }\n    creditMemos { id amount reason createdAt }\n    timeline { id action actorLabel actorType source createdAt }\n  }\n"): (typeof documents)["\n  fragment AdminInvoiceDetail on Invoice {\n    id number status displayStatus currency\n    issueDate dueDate periodStart periodEnd\n    subtotal taxTotal total amountPaid amountCredited balanceDue\n    memo notes portalUrl disputed\n    finalizedAt sentAt paidAt voidedAt uncollectibleAt updatedAt\n    client { id name billingEmail currency }\n    lines { id position kind description serviceId quantity unitPrice discount taxRateBps taxAmount amount }\n    payments { id amount kind method source reference receivedOn externalId createdAt }\n    creditMemos { id amount reason createdAt }\n    timeline { id action actorLabel actorType source createdAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminInvoice($id: ID!) {\n    invoice(id: $id) { ...AdminInvoiceDetail }\n  }\n"): (typeof documents)["\n  query AdminInvoice($id: ID!) {\n    invoice(id: $id) { ...AdminInvoiceDetail }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AdminInvoiceUpdated($invoiceId: ID!) {\n    invoiceUpdated(invoiceId: $invoiceId) {\n      invoiceId\n      invoice { ...AdminInvoiceDetail }\n    }\n  }\n"): (typeof documents)["\n  subscription AdminInvoiceUpdated($invoiceId: ID!) {\n    invoiceUpdated(invoiceId: $invoiceId) {\n      invoiceId\n      invoice { ...AdminInvoiceDetail }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminSendInvoice($id: ID!, $destinations: [String!]) {\n    sendInvoice(id: $id, destinations: $destinations) { ...AdminInvoiceDetail }\n  }\n"): (typeof documents)["\n  mutation AdminSendInvoice($id: ID!, $destinations: [String!]) {\n    sendInvoice(id: $id, destinations: $destinations) { ...AdminInvoiceDetail }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminVoidInvoice($id: ID!, $releaseTimeEntries: Boolean!) {\n    voidInvoice(id: $id, releaseTimeEntries: $releaseTimeEntries) { ...AdminInvoiceDetail }\n  }\n"): (typeof documents)["\n  mutation AdminVoidInvoice($id: ID!, $releaseTimeEntries: Boolean!) {\n    voidInvoice(id: $id, releaseTimeEntries: $releaseTimeEntries) { ...AdminInvoiceDetail }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminMarkUncollectible($id: ID!) {\n    markInvoiceUncollectible(id: $id) { ...AdminInvoiceDetail }\n  }\n"): (typeof documents)["\n  mutation AdminMarkUncollectible($id: ID!) {\n    markInvoiceUncollectible(id: $id) { ...AdminInvoiceDetail }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminRecordPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input) { payment { id } invoice { ...AdminInvoiceDetail } }\n  }\n"): (typeof documents)["\n  mutation AdminRecordPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input) { payment { id } invoice { ...AdminInvoiceDetail } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminIssueCreditMemo($input: IssueCreditMemoInput!) {\n    issueCreditMemo(input: $input) { creditMemo { id } invoice { ...AdminInvoiceDetail } }\n  }\n"): (typeof documents)["\n  mutation AdminIssueCreditMemo($input: IssueCreditMemoInput!) {\n    issueCreditMemo(input: $input) { creditMemo { id } invoice { ...AdminInvoiceDetail } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminUpdateDraftInvoice($id: ID!, $input: UpdateDraftInvoiceInput!) {\n    updateDraftInvoice(id: $id, input: $input) { ...AdminInvoiceDetail }\n  }\n"): (typeof documents)["\n  mutation AdminUpdateDraftInvoice($id: ID!, $input: UpdateDraftInvoiceInput!) {\n    updateDraftInvoice(id: $id, input: $input) { ...AdminInvoiceDetail }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminPortalUsers($clientId: ID) {\n    portalUsers(clientId: $clientId) { id name email clientId invitedAt acceptedAt }\n  }\n"): (typeof documents)["\n  query AdminPortalUsers($clientId: ID) {\n    portalUsers(clientId: $clientId) { id name email clientId invitedAt acceptedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminInvitePortalUser($input: InvitePortalUserInput!) {\n    invitePortalUser(input: $input) { id name email clientId invitedAt acceptedAt }\n  }\n"): (typeof documents)["\n  mutation AdminInvitePortalUser($input: InvitePortalUserInput!) {\n    invitePortalUser(input: $input) { id name email clientId invitedAt acceptedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminOrgPaymentSettings {\n    organization { id name allowPartialPayments emailPayLink emailPaymentConfirmation }\n  }\n"): (typeof documents)["\n  query AdminOrgPaymentSettings {\n    organization { id name allowPartialPayments emailPayLink emailPaymentConfirmation }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminUpdateOrgPaymentSettings($input: OrganizationSettingsInput!) {\n    updateOrganizationSettings(input: $input) { id allowPartialPayments emailPayLink emailPaymentConfirmation }\n  }\n"): (typeof documents)["\n  mutation AdminUpdateOrgPaymentSettings($input: OrganizationSettingsInput!) {\n    updateOrganizationSettings(input: $input) { id allowPartialPayments emailPayLink emailPaymentConfirmation }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminTimeEntries($status: TimeEntryStatus) {\n    timeEntries(status: $status, first: 200) {\n      id workDate minutes note status billable rejectionReason invoiceId\n      client { id name }\n      ticket { id title }\n      service { id name }\n      technician { id name }\n    }\n  }\n"): (typeof documents)["\n  query AdminTimeEntries($status: TimeEntryStatus) {\n    timeEntries(status: $status, first: 200) {\n      id workDate minutes note status billable rejectionReason invoiceId\n      client { id name }\n      ticket { id title }\n      service { id name }\n      technician { id name }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminApproveTime($ids: [ID!]!) {\n    approveTimeEntries(ids: $ids) { id status approvedAt }\n  }\n"): (typeof documents)["\n  mutation AdminApproveTime($ids: [ID!]!) {\n    approveTimeEntries(ids: $ids) { id status approvedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminRejectTime($ids: [ID!]!, $reason: String!) {\n    rejectTimeEntries(ids: $ids, reason: $reason) { id status rejectionReason }\n  }\n"): (typeof documents)["\n  mutation AdminRejectTime($ids: [ID!]!, $reason: String!) {\n    rejectTimeEntries(ids: $ids, reason: $reason) { id status rejectionReason }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;