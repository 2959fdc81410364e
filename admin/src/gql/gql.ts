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
    "\n  mutation AdminChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": typeof types.AdminChangePasswordDocument,
    "\n  query AdminClientOptions($includeArchived: Boolean! = false) {\n    clients(includeArchived: $includeArchived, first: 500) {nodes{ id name currency }}\n  }\n": typeof types.AdminClientOptionsDocument,
    "\n  mutation AdminLogout { logout }\n": typeof types.AdminLogoutDocument,
    "\n  mutation AdminLogoutEverywhere { logoutEverywhere }\n": typeof types.AdminLogoutEverywhereDocument,
    "\n  query AdminServiceOptions { services(includeArchived: true, first: 500) {nodes{ id code name active prices { currency unitAmount } }} }\n": typeof types.AdminServiceOptionsDocument,
    "\n  query AdminServicePicker { services(includeArchived: true, first: 500) {nodes{ id code name active }} }\n": typeof types.AdminServicePickerDocument,
    "\n  query AdminOrgTimeZone {\n    organization { id timeZone }\n  }\n": typeof types.AdminOrgTimeZoneDocument,
    "\n  fragment AdminPageInfo on PageInfo { hasNextPage endCursor }\n": typeof types.AdminPageInfoFragmentDoc,
    "\n  mutation AdminRequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": typeof types.AdminRequestPasswordResetDocument,
    "\n  mutation AdminResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      me { kind }\n    }\n  }\n": typeof types.AdminResetPasswordDocument,
    "\n  mutation AdminLogin($email: String!, $password: String!, $organizationSlug: String) {\n    login(email: $email, password: $password, organizationSlug: $organizationSlug) {\n      me { kind }\n    }\n  }\n": typeof types.AdminLoginDocument,
    "\n  query AdminActivity(\n    $actorType: ActorType\n    $actorId: String\n    $entityType: String\n    $action: String\n    $occurred: DateRangeInput\n    $first: Int!\n    $after: String\n  ) {\n    auditEvents(\n      actorType: $actorType\n      actorId: $actorId\n      entityType: $entityType\n      action: $action\n      occurred: $occurred\n      first: $first\n      after: $after\n    ) {\n      nodes {\n        id\n        createdAt\n        actorType\n        actorId\n        actorLabel\n        via\n        action\n        label\n        entityType\n        entityId\n      }\n      pageInfo {\n        ...AdminPageInfo\n      }\n    }\n  }\n": typeof types.AdminActivityDocument,
    "\n  fragment AdminApiToken on ApiToken { id name prefix scope actsAs createdAt lastUsedAt revokedAt }\n": typeof types.AdminApiTokenFragmentDoc,
    "\n  query AdminApiTokens { apiTokens { ...AdminApiToken } }\n": typeof types.AdminApiTokensDocument,
    "\n  mutation AdminCreateApiToken($name: String!, $scope: ApiTokenScope!) {\n    createApiToken(name: $name, scope: $scope) { token apiToken { ...AdminApiToken } }\n  }\n": typeof types.AdminCreateApiTokenDocument,
    "\n  mutation AdminRevokeApiToken($id: ID!) { revokeApiToken(id: $id) { id revokedAt actsAs } }\n": typeof types.AdminRevokeApiTokenDocument,
    "\n  query AdminAutopayAttempts($clientId: ID, $invoiceId: ID) {\n    quickBooksConnection { status }\n    autopayAttempts(clientId: $clientId, invoiceId: $invoiceId) {\n      id invoiceId invoiceNumber attemptNo attemptedAt amount currency methodBrand methodLast4\n      outcome declineCode message nextRetryAt\n    }\n  }\n": typeof types.AdminAutopayAttemptsDocument,
    "\n  fragment AdminBillingSettings on BillingSettings {\n    clientId autoBilling autoBillingSince invoiceGraceHours review sendMethod overridden\n  }\n": typeof types.AdminBillingSettingsFragmentDoc,
    "\n  query AdminBillingSettings($clientId: ID) { billingSettings(clientId: $clientId) { ...AdminBillingSettings } }\n": typeof types.AdminBillingSettingsDocument,
    "\n  mutation AdminUpdateBillingSettings($input: BillingSettingsInput!) {\n    updateBillingSettings(input: $input) { ...AdminBillingSettings }\n  }\n": typeof types.AdminUpdateBillingSettingsDocument,
    "\n  query AdminUpcomingBilling($days: Int!) {\n    upcomingBilling(days: $days) {\n      clientId clientName billDate billAt currency recurringAmount unbilledMinutes problem\n    }\n  }\n": typeof types.AdminUpcomingBillingDocument,
    "\n  query AdminBillingRuns($first: Int!, $clientId: ID) {\n    billingRuns(first: $first, clientId: $clientId) {\n      nodes { id clientId billDate status total invoiceId message attempts updatedAt }\n    }\n  }\n": typeof types.AdminBillingRunsDocument,
    "\n  mutation AdminRunBillingNow { runBillingNow }\n": typeof types.AdminRunBillingNowDocument,
    "\n  fragment AdminServiceFields on Service { id code name description active prices { currency unitAmount } }\n": typeof types.AdminServiceFieldsFragmentDoc,
    "\n  query AdminServices($includeArchived: Boolean!) {\n    services(includeArchived: $includeArchived, first: 500) {nodes{ ...AdminServiceFields }}\n  }\n": typeof types.AdminServicesDocument,
    "\n  mutation AdminSetServiceActive($id: ID!, $active: Boolean!) {\n    updateService(id: $id, input: { active: $active }) { ...AdminServiceFields }\n  }\n": typeof types.AdminSetServiceActiveDocument,
    "mutation AdminCreateService($input: CreateServiceInput!) { createService(input: $input) { ...AdminServiceFields } }": typeof types.AdminCreateServiceDocument,
    "mutation AdminUpdateService($id: ID!, $input: ServiceInput!) { updateService(id: $id, input: $input) { ...AdminServiceFields } }": typeof types.AdminUpdateServiceDocument,
    "\n  query AdminClientPaymentMethods($clientId: ID!) {\n    savedPaymentMethods(clientId: $clientId) { id type brand last4 expMonth expYear bankName isDefault }\n    autopay(clientId: $clientId) { clientId enabled }\n  }\n": typeof types.AdminClientPaymentMethodsDocument,
    "\n  mutation AdminSetClientAutopay($clientId: ID!, $enabled: Boolean!) {\n    setAutopay(clientId: $clientId, enabled: $enabled) { clientId enabled }\n  }\n": typeof types.AdminSetClientAutopayDocument,
    "\n  query AdminClient($id: ID!) { client(id: $id) { ...AdminClientFields } }\n": typeof types.AdminClientDocument,
    "mutation AdminCreateClient($input: CreateClientInput!) { createClient(input: $input) { ...AdminClientFields } }": typeof types.AdminCreateClientDocument,
    "mutation AdminUpdateClient($id: ID!, $input: UpdateClientInput!) { updateClient(id: $id, input: $input) { ...AdminClientFields } }": typeof types.AdminUpdateClientDocument,
    "\n  fragment AdminClientFields on Client {\n    id name billingEmail currency taxRateBps daysUntilDue allowPartialPayments emailPayLink memoTemplate archivedAt\n    timeItemization\n    billingAddress { line1 line2 city region postalCode country }\n    rates { id serviceId unitAmount }\n  }\n": typeof types.AdminClientFieldsFragmentDoc,
    "\n  query AdminClients($includeArchived: Boolean!, $search: String) {\n    clients(includeArchived: $includeArchived, search: $search, first: 200) {nodes{ ...AdminClientFields creditBalance { currency amount } }}\n  }\n": typeof types.AdminClientsDocument,
    "\n  mutation AdminSyncClientToQuickBooks($id: ID!) { syncClientToQuickBooks(id: $id) { id } }\n": typeof types.AdminSyncClientToQuickBooksDocument,
    "\n  fragment AdminClientCreditSettings on ClientCreditSettings { clientId applyCreditAutomatically overridden }\n": typeof types.AdminClientCreditSettingsFragmentDoc,
    "\n  query AdminClientCredit($id: ID!) {\n    client(id: $id) {\n      id name currency\n      creditBalance { currency amount }\n      creditLedger(first: 200) { id amount currency source createdAt invoice { id number } }\n    }\n    clientCreditSettings(clientId: $id) { ...AdminClientCreditSettings }\n    invoices(first: 200, filter: { clientId: $id, status: [SENT, PARTIALLY_PAID, OVERDUE, UNCOLLECTIBLE] }) {\n      edges { node { id number currency total balanceDue creditApplied displayStatus dueDate } }\n    }\n  }\n": typeof types.AdminClientCreditDocument,
    "\n  mutation AdminApplyClientCredit($invoiceId: ID!, $amount: Money, $idempotencyKey: String) {\n    applyClientCredit(invoiceId: $invoiceId, amount: $amount, idempotencyKey: $idempotencyKey) {\n      entry { id amount }\n      invoice { id status displayStatus balanceDue amountCredited creditApplied }\n    }\n  }\n": typeof types.AdminApplyClientCreditDocument,
    "\n  mutation AdminUpdateClientCreditSettings($input: ClientCreditSettingsInput!) {\n    updateClientCreditSettings(input: $input) { ...AdminClientCreditSettings }\n  }\n": typeof types.AdminUpdateClientCreditSettingsDocument,
    "\n  fragment AdminContract on Contract {\n    id clientId name cycle intervalWeeks anchorDay billingTiming startDate endDate\n    lines {\n      id serviceId description quantity priceSource unitPrice endDate position\n      quantityChanges { id effectiveDate oldQuantity newQuantity invoiceId }\n    }\n  }\n": typeof types.AdminContractFragmentDoc,
    "\n  query AdminContracts($clientId: ID!) { contracts(clientId: $clientId) { ...AdminContract } }\n": typeof types.AdminContractsDocument,
    "\n  query AdminNextInvoicePreview($clientId: ID!) {\n    nextInvoicePreview(clientId: $clientId) {\n      billDate currency subtotal total problem\n      lines { kind description quantity unitPrice amount }\n    }\n  }\n": typeof types.AdminNextInvoicePreviewDocument,
    "\n  mutation AdminCreateContract($input: CreateContractInput!) { createContract(input: $input) { ...AdminContract } }\n": typeof types.AdminCreateContractDocument,
    "\n  mutation AdminUpdateContract($id: ID!, $input: UpdateContractInput!) {\n    updateContract(id: $id, input: $input) { ...AdminContract }\n  }\n": typeof types.AdminUpdateContractDocument,
    "\n  mutation AdminAddContractLine($contractId: ID!, $line: ContractLineInput!) {\n    addContractLine(contractId: $contractId, line: $line) { id }\n  }\n": typeof types.AdminAddContractLineDocument,
    "\n  mutation AdminChangeContractQuantity($input: ChangeQuantityInput!) {\n    changeContractQuantity(input: $input) { id effectiveDate newQuantity }\n  }\n": typeof types.AdminChangeContractQuantityDocument,
    "\n  query AdminDashboard {\n    dashboard(overdueLimit: 20) {\n      currencies {\n        currency\n        outstanding\n        writtenOff\n        collectedThisMonth\n        aging { current days1to30 days31to60 days61to90 days90plus }\n      }\n      overdue {\n        id number currency balanceDue dueDate displayStatus\n        client { id name }\n      }\n    }\n  }\n": typeof types.AdminDashboardDocument,
    "\n  query AdminEmails { emails(first: 200) {nodes{ id to subject kind status error createdAt sentAt text html }} }\n": typeof types.AdminEmailsDocument,
    "\n  fragment AdminPaymentException on PaymentException {\n    id kind status amount currency source providerPaymentId resolutionNote resolvedBy resolvedAt createdAt\n    invoice { id number status client { id name } }\n    payment { id amount method receivedOn }\n  }\n": typeof types.AdminPaymentExceptionFragmentDoc,
    "\n  query AdminPaymentExceptions($status: [PaymentExceptionStatus!]) {\n    paymentExceptions(status: $status, first: 200) { nodes { ...AdminPaymentException } }\n  }\n": typeof types.AdminPaymentExceptionsDocument,
    "\n  mutation AdminRefundPaymentException($id: ID!, $note: String) {\n    refundPaymentException(id: $id, note: $note) { ...AdminPaymentException }\n  }\n": typeof types.AdminRefundPaymentExceptionDocument,
    "\n  mutation AdminDismissPaymentException($id: ID!, $reason: String!) {\n    dismissPaymentException(id: $id, reason: $reason) { ...AdminPaymentException }\n  }\n": typeof types.AdminDismissPaymentExceptionDocument,
    "\n  mutation AdminKeepPaymentExceptionAsCredit($id: ID!) {\n    keepPaymentExceptionAsCredit(id: $id) { ...AdminPaymentException }\n  }\n": typeof types.AdminKeepPaymentExceptionAsCreditDocument,
    "\n  fragment AdminQuickBooksConnection on QuickBooksConnectionView {\n    configured status companyName realmId sandbox connectedAt lastError\n    mapping {\n      payNowEnabled cardEnabled achEnabled stripeConnected\n      defaultItemId defaultItemName fallbackItemId incomeAccountId incomeAccountName\n      feeExpenseAccountId feeBankAccountId feeReconciliationEnabled pushOnGenerate payoutBankAccountId payoutDepositsEnabled\n      taxCodes { rateBps taxCodeId }\n    }\n  }\n": typeof types.AdminQuickBooksConnectionFragmentDoc,
    "\n  query AdminQuickBooksConnection { quickBooksConnection { ...AdminQuickBooksConnection } }\n": typeof types.AdminQuickBooksConnectionDocument,
    "\n  query AdminQuickBooksAuthorizeUrl { quickBooksAuthorizeUrl }\n": typeof types.AdminQuickBooksAuthorizeUrlDocument,
    "\n  mutation AdminDisconnectQuickBooks { disconnectQuickBooks { ...AdminQuickBooksConnection } }\n": typeof types.AdminDisconnectQuickBooksDocument,
    "\n  mutation AdminUpdateQuickBooksMapping($input: QuickBooksMappingInput!) {\n    updateQuickBooksMapping(input: $input) { ...AdminQuickBooksConnection }\n  }\n": typeof types.AdminUpdateQuickBooksMappingDocument,
    "\n  query AdminQuickBooksRefs {\n    quickBooksItems { id name type active }\n    quickBooksAccounts { id name type active }\n  }\n": typeof types.AdminQuickBooksRefsDocument,
    "\n  query AdminQuickBooksTaxCodes { quickBooksTaxCodes { id name active salesRatePercent } }\n": typeof types.AdminQuickBooksTaxCodesDocument,
    "\n  fragment AdminQuickBooksException on QuickBooksException {\n    id kind message operationId createdAt resolvedAt resolvedBy canRetry canKeepSettle canAcceptQuickBooks\n    differences { field settle quickBooks }\n  }\n": typeof types.AdminQuickBooksExceptionFragmentDoc,
    "\n  query AdminQuickBooksExceptions($includeResolved: Boolean!) {\n    quickBooksExceptions(includeResolved: $includeResolved, first: 200) { nodes { ...AdminQuickBooksException } }\n  }\n": typeof types.AdminQuickBooksExceptionsDocument,
    "\n  mutation AdminSettleQuickBooksEdit($id: ID!, $acceptQuickBooks: Boolean!) {\n    keepSettleVersion(id: $id) @skip(if: $acceptQuickBooks) { ...AdminQuickBooksException }\n    acceptQuickBooksVersion(id: $id) @include(if: $acceptQuickBooks) { ...AdminQuickBooksException }\n  }\n": typeof types.AdminSettleQuickBooksEditDocument,
    "\n  mutation AdminActOnQuickBooksException($id: ID!, $retry: Boolean!) {\n    retryQuickBooksException(id: $id) @include(if: $retry) { ...AdminQuickBooksException }\n    resolveQuickBooksException(id: $id) @skip(if: $retry) { ...AdminQuickBooksException }\n  }\n": typeof types.AdminActOnQuickBooksExceptionDocument,
    "\n  fragment AdminStripeConnection on StripeConnectionView {\n    mode accountId connectedVia secretKeyPrefix publishableKeyPrefix webhookUrl connectedAt lastVerifiedAt lastEventAt\n    webhook { url configured autoRegistered endpointId secretPrefix lastError lastEventAt received processed pending failed rejected }\n    previousAccountCleanup { accountId mode status error endpointDeleted invoicesVoided sessionsExpired at }\n  }\n": typeof types.AdminStripeConnectionFragmentDoc,
    "\n  query AdminStripeConnection { stripeConnection { ...AdminStripeConnection } }\n": typeof types.AdminStripeConnectionDocument,
    "\n  query AdminStripeOAuthUrl { stripeOAuthUrl }\n": typeof types.AdminStripeOAuthUrlDocument,
    "\n  mutation AdminConnectStripe($secretKey: String!, $publishableKey: String) {\n    connectStripe(secretKey: $secretKey, publishableKey: $publishableKey) { ...AdminStripeConnection }\n  }\n": typeof types.AdminConnectStripeDocument,
    "\n  mutation AdminTestStripeConnection { testStripeConnection { ...AdminStripeConnection } }\n": typeof types.AdminTestStripeConnectionDocument,
    "\n  mutation AdminDisconnectStripe { disconnectStripe { accountId } }\n": typeof types.AdminDisconnectStripeDocument,
    "\n  mutation AdminRegisterStripeWebhook { registerStripeWebhook { ...AdminStripeConnection } }\n": typeof types.AdminRegisterStripeWebhookDocument,
    "\n  mutation AdminSetStripeWebhookSecret($secret: String!) {\n    setStripeWebhookSecret(secret: $secret) { ...AdminStripeConnection }\n  }\n": typeof types.AdminSetStripeWebhookSecretDocument,
    "\n  mutation AdminRotateStripeWebhookToken { rotateStripeWebhookToken { ...AdminStripeConnection } }\n": typeof types.AdminRotateStripeWebhookTokenDocument,
    "\n  fragment AdminStripeWebhookEvent on StripeWebhookEvent {\n    id eventId type status error outcome attempts via receivedAt processedAt\n  }\n": typeof types.AdminStripeWebhookEventFragmentDoc,
    "\n  query AdminStripeWebhookEvents($first: Int!, $status: StripeEventStatus) {\n    stripeWebhookEvents(first: $first, status: $status) {nodes{ ...AdminStripeWebhookEvent }}\n  }\n": typeof types.AdminStripeWebhookEventsDocument,
    "\n  mutation AdminReplayStripeWebhookEvent($id: ID!) { replayStripeWebhookEvent(id: $id) { ...AdminStripeWebhookEvent } }\n": typeof types.AdminReplayStripeWebhookEventDocument,
    "\n  query AdminBillableTime($from: LocalDate, $to: LocalDate) {\n    timeEntries(status: APPROVED, uninvoicedOnly: true, worked: { from: $from, to: $to }, first: 1000) {\n      nodes {\n        id minutes billable\n        client { id name currency }\n      }\n    }\n  }\n": typeof types.AdminBillableTimeDocument,
    "\n  mutation AdminGenerateInvoices($input: GenerateInvoicesInput!) {\n    generateInvoices(input: $input) {\n      invoices { id number currency total displayStatus client { id name } }\n      skipped { clientId reason }\n    }\n  }\n": typeof types.AdminGenerateInvoicesDocument,
    "\n  query AdminIntegrationAvailability {\n    stripeConnection { accountId }\n    quickBooksConnection { status }\n  }\n": typeof types.AdminIntegrationAvailabilityDocument,
    "\n  mutation AdminSendInvoiceToQuickBooks($id: ID!) { sendInvoiceToQuickBooks(id: $id) { ...AdminInvoiceDetail } }\n": typeof types.AdminSendInvoiceToQuickBooksDocument,
    "\n  mutation AdminEmailInvoiceViaQuickBooks($id: ID!) { emailInvoiceViaQuickBooks(id: $id) { ...AdminInvoiceDetail } }\n": typeof types.AdminEmailInvoiceViaQuickBooksDocument,
    "\n  query AdminInvoices($first: Int!, $after: String, $filter: InvoiceFilterInput) {\n    invoices(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo { ...AdminPageInfo }\n      edges {\n        node {\n          id number currency total balanceDue issueDate dueDate displayStatus\n          client { id name }\n        }\n      }\n    }\n  }\n": typeof types.AdminInvoicesDocument,
    "\n  mutation AdminCreateInvoice($input: CreateInvoiceInput!, $idempotencyKey: String) {\n    createInvoice(input: $input, idempotencyKey: $idempotencyKey) { id number }\n  }\n": typeof types.AdminCreateInvoiceDocument,
    "\n  fragment AdminInvoiceLive on Invoice {\n    id status displayStatus amountPaid amountCredited balanceDue disputed\n    finalizedAt sentAt paidAt voidedAt uncollectibleAt updatedAt\n  }\n": typeof types.AdminInvoiceLiveFragmentDoc,
    "\n  fragment AdminInvoiceDetail on Invoice {\n    ...AdminInvoiceLive\n    number currency issueDate dueDate periodStart periodEnd\n    subtotal taxTotal total memo notes portalUrl payUrl payable lastPaymentError creditApplied heldAmount creditableAmount amountKeptAsCredit\n    client { id name billingEmail currency }\n    lines { id position kind description serviceId quantity unitPrice discount taxRateBps taxAmount amount }\n    payments { id amount kind method source reference receivedOn externalId createdAt cardBrand cardLast4 receiptUrl adjustsPaymentId refundableAmount voided voidable }\n    creditMemos { id amount reason createdAt toClientCredit }\n    paymentExceptions { id kind status amount currency }\n    activity { id at system label actorLabel via status }\n    reminders { offsetDays plannedFor status sentAt reason }\n    autopayHold { reason since checkedAt }\n  }\n": typeof types.AdminInvoiceDetailFragmentDoc,
    "\n  fragment AdminPaymentResult on RecordPaymentResult { payment { id } invoice { ...AdminInvoiceDetail } }\n": typeof types.AdminPaymentResultFragmentDoc,
    "\n  query AdminInvoice($id: ID!) { invoice(id: $id) { ...AdminInvoiceDetail } }\n": typeof types.AdminInvoiceDocument,
    "\n  subscription AdminInvoiceUpdated($invoiceId: ID!) {\n    invoiceUpdated(invoiceId: $invoiceId, current: true) { invoiceId invoice { ...AdminInvoiceLive } }\n  }\n": typeof types.AdminInvoiceUpdatedDocument,
    "\n  mutation AdminSendInvoice($id: ID!, $destinations: [InvoiceDestination!], $idempotencyKey: String) {\n    sendInvoice(id: $id, destinations: $destinations, idempotencyKey: $idempotencyKey) { ...AdminInvoiceDetail }\n  }\n": typeof types.AdminSendInvoiceDocument,
    "\n  mutation AdminVoidInvoice($id: ID!, $releaseTimeEntries: Boolean!, $payments: VoidPaymentsInput) {\n    voidInvoice(id: $id, releaseTimeEntries: $releaseTimeEntries, payments: $payments) { ...AdminInvoiceDetail }\n  }\n": typeof types.AdminVoidInvoiceDocument,
    "\n  mutation AdminMarkUncollectible($id: ID!) { markInvoiceUncollectible(id: $id) { ...AdminInvoiceDetail } }\n": typeof types.AdminMarkUncollectibleDocument,
    "\n  mutation AdminReleaseVoidedInvoiceTime($id: ID!) { releaseVoidedInvoiceTime(invoiceId: $id) { ...AdminInvoiceDetail } }\n": typeof types.AdminReleaseVoidedInvoiceTimeDocument,
    "\n  mutation AdminRecordPayment($input: RecordPaymentInput!, $idempotencyKey: String) {\n    recordPayment(input: $input, idempotencyKey: $idempotencyKey) { ...AdminPaymentResult }\n  }\n": typeof types.AdminRecordPaymentDocument,
    "\n  mutation AdminIssueCreditMemo($input: IssueCreditMemoInput!, $idempotencyKey: String) {\n    issueCreditMemo(input: $input, idempotencyKey: $idempotencyKey) { creditMemo { id } invoice { ...AdminInvoiceDetail } }\n  }\n": typeof types.AdminIssueCreditMemoDocument,
    "\n  mutation AdminUpdateDraftInvoice($id: ID!, $input: UpdateDraftInvoiceInput!) {\n    updateDraftInvoice(id: $id, input: $input) { ...AdminInvoiceDetail }\n  }\n": typeof types.AdminUpdateDraftInvoiceDocument,
    "\n  mutation AdminRefundPayment($input: RefundPaymentInput!, $idempotencyKey: String) {\n    refundPayment(input: $input, idempotencyKey: $idempotencyKey) { ...AdminPaymentResult }\n  }\n": typeof types.AdminRefundPaymentDocument,
    "\n  mutation AdminVoidPayment($input: VoidPaymentInput!, $idempotencyKey: String) {\n    voidPayment(input: $input, idempotencyKey: $idempotencyKey) { adjustment { id } invoice { ...AdminInvoiceDetail } }\n  }\n": typeof types.AdminVoidPaymentDocument,
    "\n  subscription AdminOrgInvoiceUpdated { invoiceUpdated { invoiceId invoice { ...AdminInvoiceLive } } }\n": typeof types.AdminOrgInvoiceUpdatedDocument,
    "\n  query AdminPayments(\n    $first: Int!\n    $after: String\n    $clientId: ID\n    $received: DateRangeInput\n    $kind: PaymentKind\n    $withTotals: Boolean! = false\n  ) {\n    payments(\n      first: $first\n      after: $after\n      clientId: $clientId\n      received: $received\n      kind: $kind\n      orderBy: RECEIVED_NEWEST\n    ) {\n      totalCount\n      totals @include(if: $withTotals) { currency amount count }\n      pageInfo { ...AdminPageInfo }\n      nodes {\n        id kind source method amount currency receivedOn reference voided\n        invoice { id number }\n        client { id name }\n      }\n    }\n  }\n": typeof types.AdminPaymentsDocument,
    "\n  fragment AdminPortalUser on PortalUser { id name email clientId invitedAt acceptedAt disabled }\n": typeof types.AdminPortalUserFragmentDoc,
    "\n  query AdminPortalUsers($clientId: ID) { portalUsers(clientId: $clientId) { ...AdminPortalUser } }\n": typeof types.AdminPortalUsersDocument,
    "\n  mutation AdminInvitePortalUser($input: InvitePortalUserInput!) {\n    invitePortalUser(input: $input) { ...AdminPortalUser }\n  }\n": typeof types.AdminInvitePortalUserDocument,
    "\n  mutation AdminSetPortalUserEnabled($id: ID!, $enabled: Boolean!) {\n    enablePortalUser(id: $id) @include(if: $enabled) { ...AdminPortalUser }\n    disablePortalUser(id: $id) @skip(if: $enabled) { ...AdminPortalUser }\n  }\n": typeof types.AdminSetPortalUserEnabledDocument,
    "\n  fragment AdminReconciliationRunSummary on ReconciliationRun { id periodFrom periodTo trigger createdAt discrepancyCount }\n": typeof types.AdminReconciliationRunSummaryFragmentDoc,
    "\n  fragment AdminReconciliationRun on ReconciliationRun {\n    ...AdminReconciliationRunSummary\n    invoiceCount moneyCount systems\n    stripeCalls quickBooksCalls durationMs csvUrl\n    discrepancies {\n      id type label systems invoiceId invoiceNumber subject currency\n      settleAmount stripeAmount quickBooksAmount detail suggestedFix fix status fixResult fixedAt\n    }\n  }\n": typeof types.AdminReconciliationRunFragmentDoc,
    "\n  query AdminReconciliationRuns {\n    reconciliationRuns(first: 10) { nodes { ...AdminReconciliationRunSummary } }\n  }\n": typeof types.AdminReconciliationRunsDocument,
    "\n  query AdminReconciliationRun($id: ID!) {\n    reconciliationRun(id: $id) { ...AdminReconciliationRun }\n  }\n": typeof types.AdminReconciliationRunDocument,
    "\n  mutation AdminRunReconciliation($period: PeriodInput!) {\n    runReconciliation(period: $period) { ...AdminReconciliationRun }\n  }\n": typeof types.AdminRunReconciliationDocument,
    "\n  mutation AdminFixReconciliationDiscrepancy($id: ID!) {\n    fixReconciliationDiscrepancy(id: $id) { id status fixResult fixedAt }\n  }\n": typeof types.AdminFixReconciliationDiscrepancyDocument,
    "\n  query AdminLatestReconciliation {\n    reconciliationRuns(first: 1) {\n      nodes {\n        ...AdminReconciliationRunSummary\n        openWithQuickBooks: openDiscrepancyCount(system: QUICKBOOKS)\n      }\n    }\n  }\n": typeof types.AdminLatestReconciliationDocument,
    "\n  fragment AdminReminderPolicy on EffectiveReminderPolicy { clientId enabled offsets source inherited }\n": typeof types.AdminReminderPolicyFragmentDoc,
    "\n  query AdminReminderPolicy($clientId: ID) {\n    reminderPolicy(clientId: $clientId) { ...AdminReminderPolicy }\n  }\n": typeof types.AdminReminderPolicyDocument,
    "\n  mutation AdminSetReminderPolicy($input: ReminderPolicyInput!) {\n    setReminderPolicy(input: $input) { ...AdminReminderPolicy }\n  }\n": typeof types.AdminSetReminderPolicyDocument,
    "\n  mutation AdminClearClientReminderPolicy($clientId: ID!) {\n    clearClientReminderPolicy(clientId: $clientId) { ...AdminReminderPolicy }\n  }\n": typeof types.AdminClearClientReminderPolicyDocument,
    "\n  query AdminOrgCreditSettings {\n    clientCreditSettings { ...AdminClientCreditSettings }\n  }\n": typeof types.AdminOrgCreditSettingsDocument,
    "\n  mutation AdminUpdateOrgCreditSettings($on: Boolean!) {\n    updateClientCreditSettings(input: { applyCreditAutomatically: $on }) { ...AdminClientCreditSettings }\n  }\n": typeof types.AdminUpdateOrgCreditSettingsDocument,
    "\n  query AdminInvoiceSettings {\n    organization { id timeItemization timeZone billingEmail }\n  }\n": typeof types.AdminInvoiceSettingsDocument,
    "\n  mutation AdminUpdateInvoiceSettings($input: OrganizationSettingsInput!) {\n    updateOrganizationSettings(input: $input) { id timeItemization timeZone billingEmail }\n  }\n": typeof types.AdminUpdateInvoiceSettingsDocument,
    "\n  fragment AdminPaymentSettings on PaymentSettings {\n    sendVia linkLifetimeHours emailPayLink emailPaymentConfirmation allowPartialPayments\n  }\n": typeof types.AdminPaymentSettingsFragmentDoc,
    "\n  query AdminPaymentSettings {\n    paymentSettings { ...AdminPaymentSettings }\n    stripeConnection { accountId mode }\n  }\n": typeof types.AdminPaymentSettingsDocument,
    "\n  mutation AdminUpdatePaymentSettings($input: PaymentSettingsInput!) {\n    updatePaymentSettings(input: $input) { ...AdminPaymentSettings }\n  }\n": typeof types.AdminUpdatePaymentSettingsDocument,
    "\n  fragment AdminTeamUser on AdminUser { id name email role disabled }\n": typeof types.AdminTeamUserFragmentDoc,
    "\n  query AdminTeam { users { ...AdminTeamUser } }\n": typeof types.AdminTeamDocument,
    "\n  mutation AdminAddUser($input: CreateUserInput!, $idempotencyKey: String) {\n    createUser(input: $input, idempotencyKey: $idempotencyKey) { ...AdminTeamUser }\n  }\n": typeof types.AdminAddUserDocument,
    "\n  mutation AdminUpdateUser($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { ...AdminTeamUser } }\n": typeof types.AdminUpdateUserDocument,
    "\n  mutation AdminSetUserEnabled($id: ID!, $enabled: Boolean!) {\n    enableUser(id: $id) @include(if: $enabled) { ...AdminTeamUser }\n    disableUser(id: $id) @skip(if: $enabled) { ...AdminTeamUser }\n  }\n": typeof types.AdminSetUserEnabledDocument,
    "\n  fragment AdminTimesheetEntry on TimeEntry {\n    id workDate minutes note status billable rejectionReason invoiceId\n    client { id name }\n    ticket { id title }\n    service { id name }\n  }\n": typeof types.AdminTimesheetEntryFragmentDoc,
    "\n  query AdminTicketOptions { tickets(first: 500) {nodes{ id title client { id name archivedAt } }} }\n": typeof types.AdminTicketOptionsDocument,
    "mutation AdminLogTime($input: LogTimeInput!) { logTime(input: $input) { ...AdminTimesheetEntry } }": typeof types.AdminLogTimeDocument,
    "mutation AdminUpdateTimeEntry($id: ID!, $input: UpdateTimeEntryInput!) { updateTimeEntry(id: $id, input: $input) { ...AdminTimesheetEntry } }": typeof types.AdminUpdateTimeEntryDocument,
    "\n  query AdminTimeEntries($status: TimeEntryStatus) {\n    timeEntries(status: $status, first: 200) {\n      nodes {\n        ...AdminTimesheetEntry\n        technician { id name }\n      }\n    }\n  }\n": typeof types.AdminTimeEntriesDocument,
    "\n  mutation AdminApproveTime($ids: [ID!]!) { approveTimeEntries(ids: $ids) { id status approvedAt } }\n": typeof types.AdminApproveTimeDocument,
    "\n  mutation AdminRejectTime($ids: [ID!]!, $reason: String!) {\n    rejectTimeEntries(ids: $ids, reason: $reason) { id status rejectionReason }\n  }\n": typeof types.AdminRejectTimeDocument,
    "\n  query AdminTimesheetWeek($technicianId: ID, $from: LocalDate!, $to: LocalDate!) {\n    timeEntries(technicianId: $technicianId, worked: { from: $from, to: $to }, first: 500) {nodes{ ...AdminTimesheetEntry }}\n  }\n": typeof types.AdminTimesheetWeekDocument,
    "\n  query AdminTimesheetRejected($technicianId: ID) {\n    timeEntries(technicianId: $technicianId, status: REJECTED, first: 100) {nodes{ ...AdminTimesheetEntry }}\n  }\n": typeof types.AdminTimesheetRejectedDocument,
    "\n  mutation AdminSubmitTime($ids: [ID!]!) { submitTimeEntries(ids: $ids) { id status rejectionReason } }\n": typeof types.AdminSubmitTimeDocument,
    "\n  query AdminQuickBooksWebhookEvents {\n    quickBooksWebhookEvents(first: 100) {nodes{ id format entityCount realmIds receivedAt processedAt error }}\n  }\n": typeof types.AdminQuickBooksWebhookEventsDocument,
    "\n  fragment AdminWebhookEndpoint on WebhookEndpointView {\n    id\n    url\n    description\n    events\n    enabled\n    disabledReason\n    secretPrefix\n    createdAt\n  }\n": typeof types.AdminWebhookEndpointFragmentDoc,
    "\n  query AdminWebhookEndpoints { webhookEndpoints { ...AdminWebhookEndpoint } }\n": typeof types.AdminWebhookEndpointsDocument,
    "\n  query AdminWebhookDeliveries($endpointId: ID!, $first: Int!, $after: String) {\n    webhookDeliveries(endpointId: $endpointId, first: $first, after: $after) {\n      totalCount\n      pageInfo { ...AdminPageInfo }\n      nodes {\n      id\n      eventId\n      eventType\n      objectId\n      status\n      attemptCount\n      httpStatus\n      latencyMs\n      responseExcerpt\n      error\n      lastAttemptAt\n      nextRetryAt\n      createdAt\n      }\n    }\n  }\n": typeof types.AdminWebhookDeliveriesDocument,
    "\n  fragment AdminWebhookEndpointSecret on WebhookEndpointSecretResult { secret endpoint { ...AdminWebhookEndpoint } }\n": typeof types.AdminWebhookEndpointSecretFragmentDoc,
    "\n  mutation AdminCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) { ...AdminWebhookEndpointSecret }\n  }\n": typeof types.AdminCreateWebhookEndpointDocument,
    "\n  mutation AdminUpdateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(id: $id, input: $input) { ...AdminWebhookEndpoint }\n  }\n": typeof types.AdminUpdateWebhookEndpointDocument,
    "\n  mutation AdminSetWebhookEndpointEnabled($id: ID!, $enabled: Boolean!) {\n    enableWebhookEndpoint(id: $id) @include(if: $enabled) { ...AdminWebhookEndpoint }\n    disableWebhookEndpoint(id: $id) @skip(if: $enabled) { ...AdminWebhookEndpoint }\n  }\n": typeof types.AdminSetWebhookEndpointEnabledDocument,
    "\n  mutation AdminDeleteWebhookEndpoint($id: ID!) { deleteWebhookEndpoint(id: $id) }\n": typeof types.AdminDeleteWebhookEndpointDocument,
    "\n  mutation AdminRotateWebhookSecret($id: ID!) {\n    rotateWebhookSecret(id: $id) { ...AdminWebhookEndpointSecret }\n  }\n": typeof types.AdminRotateWebhookSecretDocument,
    "\n  mutation AdminResendWebhookDelivery($id: ID!) { resendWebhookDelivery(id: $id) { id status } }\n": typeof types.AdminResendWebhookDeliveryDocument,
    "\n  mutation AdminSendTestWebhookEvent($endpointId: ID!) { sendTestWebhookEvent(endpointId: $endpointId) { id } }\n": typeof types.AdminSendTestWebhookEventDocument,
};
const documents: Documents = {
    "\n  query AdminMe {\n    me {\n      kind\n      user { id name email role }\n      organization { id name slug defaultCurrency }\n    }\n  }\n": types.AdminMeDocument,
    "\n  mutation AdminChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": types.AdminChangePasswordDocument,
    "\n  query AdminClientOptions($includeArchived: Boolean! = false) {\n    clients(includeArchived: $includeArchived, first: 500) {nodes{ id name currency }}\n  }\n": types.AdminClientOptionsDocument,
    "\n  mutation AdminLogout { logout }\n": types.AdminLogoutDocument,
    "\n  mutation AdminLogoutEverywhere { logoutEverywhere }\n": types.AdminLogoutEverywhereDocument,
    "\n  query AdminServiceOptions { services(includeArchived: true, first: 500) {nodes{ id code name active prices { currency unitAmount } }} }\n": types.AdminServiceOptionsDocument,
    "\n  query AdminServicePicker { services(includeArchived: true, first: 500) {nodes{ id code name active }} }\n": types.AdminServicePickerDocument,
    "\n  query AdminOrgTimeZone {\n    organization { id timeZone }\n  }\n": types.AdminOrgTimeZoneDocument,
    "\n  fragment AdminPageInfo on PageInfo { hasNextPage endCursor }\n": types.AdminPageInfoFragmentDoc,
    "\n  mutation AdminRequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": types.AdminRequestPasswordResetDocument,
    "\n  mutation AdminResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      me { kind }\n    }\n  }\n": types.AdminResetPasswordDocument,
    "\n  mutation AdminLogin($email: String!, $password: String!, $organizationSlug: String) {\n    login(email: $email, password: $password, organizationSlug: $organizationSlug) {\n      me { kind }\n    }\n  }\n": types.AdminLoginDocument,
    "\n  query AdminActivity(\n    $actorType: ActorType\n    $actorId: String\n    $entityType: String\n    $action: String\n    $occurred: DateRangeInput\n    $first: Int!\n    $after: String\n  ) {\n    auditEvents(\n      actorType: $actorType\n      actorId: $actorId\n      entityType: $entityType\n      action: $action\n      occurred: $occurred\n      first: $first\n      after: $after\n    ) {\n      nodes {\n        id\n        createdAt\n        actorType\n        actorId\n        actorLabel\n        via\n        action\n        label\n        entityType\n        entityId\n      }\n      pageInfo {\n        ...AdminPageInfo\n      }\n    }\n  }\n": types.AdminActivityDocument,
    "\n  fragment AdminApiToken on ApiToken { id name prefix scope actsAs createdAt lastUsedAt revokedAt }\n": types.AdminApiTokenFragmentDoc,
    "\n  query AdminApiTokens { apiTokens { ...AdminApiToken } }\n": types.AdminApiTokensDocument,
    "\n  mutation AdminCreateApiToken($name: String!, $scope: ApiTokenScope!) {\n    createApiToken(name: $name, scope: $scope) { token apiToken { ...AdminApiToken } }\n  }\n": types.AdminCreateApiTokenDocument,
    "\n  mutation AdminRevokeApiToken($id: ID!) { revokeApiToken(id: $id) { id revokedAt actsAs } }\n": types.AdminRevokeApiTokenDocument,
    "\n  query AdminAutopayAttempts($clientId: ID, $invoiceId: ID) {\n    quickBooksConnection { status }\n    autopayAttempts(clientId: $clientId, invoiceId: $invoiceId) {\n      id invoiceId invoiceNumber attemptNo attemptedAt amount currency methodBrand methodLast4\n      outcome declineCode message nextRetryAt\n    }\n  }\n": types.AdminAutopayAttemptsDocument,
    "\n  fragment AdminBillingSettings on BillingSettings {\n    clientId autoBilling autoBillingSince invoiceGraceHours review sendMethod overridden\n  }\n": types.AdminBillingSettingsFragmentDoc,
    "\n  query AdminBillingSettings($clientId: ID) { billingSettings(clientId: $clientId) { ...AdminBillingSettings } }\n": types.AdminBillingSettingsDocument,
    "\n  mutation AdminUpdateBillingSettings($input: BillingSettingsInput!) {\n    updateBillingSettings(input: $input) { ...AdminBillingSettings }\n  }\n": types.AdminUpdateBillingSettingsDocument,
    "\n  query AdminUpcomingBilling($days: Int!) {\n    upcomingBilling(days: $days) {\n      clientId clientName billDate billAt currency recurringAmount unbilledMinutes problem\n    }\n  }\n": types.AdminUpcomingBillingDocument,
    "\n  query AdminBillingRuns($first: Int!, $clientId: ID) {\n    billingRuns(first: $first, clientId: $clientId) {\n      nodes { id clientId billDate status total invoiceId message attempts updatedAt }\n    }\n  }\n": types.AdminBillingRunsDocument,
    "\n  mutation AdminRunBillingNow { runBillingNow }\n": types.AdminRunBillingNowDocument,
    "\n  fragment AdminServiceFields on Service { id code name description active prices { currency unitAmount } }\n": types.AdminServiceFieldsFragmentDoc,
    "\n  query AdminServices($includeArchived: Boolean!) {\n    services(includeArchived: $includeArchived, first: 500) {nodes{ ...AdminServiceFields }}\n  }\n": types.AdminServicesDocument,
    "\n  mutation AdminSetServiceActive($id: ID!, $active: Boolean!) {\n    updateService(id: $id, input: { active: $active }) { ...AdminServiceFields }\n  }\n": types.AdminSetServiceActiveDocument,
    "mutation AdminCreateService($input: CreateServiceInput!) { createService(input: $input) { ...AdminServiceFields } }": types.AdminCreateServiceDocument,
    "mutation AdminUpdateService($id: ID!, $input: ServiceInput!) { updateService(id: $id, input: $input) { ...AdminServiceFields } }": types.AdminUpdateServiceDocument,
    "\n  query AdminClientPaymentMethods($clientId: ID!) {\n    savedPaymentMethods(clientId: $clientId) { id type brand last4 expMonth expYear bankName isDefault }\n    autopay(clientId: $clientId) { clientId enabled }\n  }\n": types.AdminClientPaymentMethodsDocument,
    "\n  mutation AdminSetClientAutopay($clientId: ID!, $enabled: Boolean!) {\n    setAutopay(clientId: $clientId, enabled: $enabled) { clientId enabled }\n  }\n": types.AdminSetClientAutopayDocument,
    "\n  query AdminClient($id: ID!) { client(id: $id) { ...AdminClientFields } }\n": types.AdminClientDocument,
    "mutation AdminCreateClient($input: CreateClientInput!) { createClient(input: $input) { ...AdminClientFields } }": types.AdminCreateClientDocument,
    "mutation AdminUpdateClient($id: ID!, $input: UpdateClientInput!) { updateClient(id: $id, input: $input) { ...AdminClientFields } }": types.AdminUpdateClientDocument,
    "\n  fragment AdminClientFields on Client {\n    id name billingEmail currency taxRateBps daysUntilDue allowPartialPayments emailPayLink memoTemplate archivedAt\n    timeItemization\n    billingAddress { line1 line2 city region postalCode country }\n    rates { id serviceId unitAmount }\n  }\n": types.AdminClientFieldsFragmentDoc,
    "\n  query AdminClients($includeArchived: Boolean!, $search: String) {\n    clients(includeArchived: $includeArchived, search: $search, first: 200) {nodes{ ...AdminClientFields creditBalance { currency amount } }}\n  }\n": types.AdminClientsDocument,
    "\n  mutation AdminSyncClientToQuickBooks($id: ID!) { syncClientToQuickBooks(id: $id) { id } }\n": types.AdminSyncClientToQuickBooksDocument,
    "\n  fragment AdminClientCreditSettings on ClientCreditSettings { clientId applyCreditAutomatically overridden }\n": types.AdminClientCreditSettingsFragmentDoc,
    "\n  query AdminClientCredit($id: ID!) {\n    client(id: $id) {\n      id name currency\n      creditBalance { currency amount }\n      creditLedger(first: 200) { id amount currency source createdAt invoice { id number } }\n    }\n    clientCreditSettings(clientId: $id) { ...AdminClientCreditSettings }\n    invoices(first: 200, filter: { clientId: $id, status: [SENT, PARTIALLY_PAID, OVERDUE, UNCOLLECTIBLE] }) {\n      edges { node { id number currency total balanceDue creditApplied displayStatus dueDate } }\n    }\n  }\n": types.AdminClientCreditDocument,
    "\n  mutation AdminApplyClientCredit($invoiceId: ID!, $amount: Money, $idempotencyKey: String) {\n    applyClientCredit(invoiceId: $invoiceId, amount: $amount, idempotencyKey: $idempotencyKey) {\n      entry { id amount }\n      invoice { id status displayStatus balanceDue amountCredited creditApplied }\n    }\n  }\n": types.AdminApplyClientCreditDocument,
    "\n  mutation AdminUpdateClientCreditSettings($input: ClientCreditSettingsInput!) {\n    updateClientCreditSettings(input: $input) { ...AdminClientCreditSettings }\n  }\n": types.AdminUpdateClientCreditSettingsDocument,
    "\n  fragment AdminContract on Contract {\n    id clientId name cycle intervalWeeks anchorDay billingTiming startDate endDate\n    lines {\n      id serviceId description quantity priceSource unitPrice endDate position\n      quantityChanges { id effectiveDate oldQuantity newQuantity invoiceId }\n    }\n  }\n": types.AdminContractFragmentDoc,
    "\n  query AdminContracts($clientId: ID!) { contracts(clientId: $clientId) { ...AdminContract } }\n": types.AdminContractsDocument,
    "\n  query AdminNextInvoicePreview($clientId: ID!) {\n    nextInvoicePreview(clientId: $clientId) {\n      billDate currency subtotal total problem\n      lines { kind description quantity unitPrice amount }\n    }\n  }\n": types.AdminNextInvoicePreviewDocument,
    "\n  mutation AdminCreateContract($input: CreateContractInput!) { createContract(input: $input) { ...AdminContract } }\n": types.AdminCreateContractDocument,
    "\n  mutation AdminUpdateContract($id: ID!, $input: UpdateContractInput!) {\n    updateContract(id: $id, input: $input) { ...AdminContract }\n  }\n": types.AdminUpdateContractDocument,
    "\n  mutation AdminAddContractLine($contractId: ID!, $line: ContractLineInput!) {\n    addContractLine(contractId: $contractId, line: $line) { id }\n  }\n": types.AdminAddContractLineDocument,
    "\n  mutation AdminChangeContractQuantity($input: ChangeQuantityInput!) {\n    changeContractQuantity(input: $input) { id effectiveDate newQuantity }\n  }\n": types.AdminChangeContractQuantityDocument,
    "\n  query AdminDashboard {\n    dashboard(overdueLimit: 20) {\n      currencies {\n        currency\n        outstanding\n        writtenOff\n        collectedThisMonth\n        aging { current days1to30 days31to60 days61to90 days90plus }\n      }\n      overdue {\n        id number currency balanceDue dueDate displayStatus\n        client { id name }\n      }\n    }\n  }\n": types.AdminDashboardDocument,
    "\n  query AdminEmails { emails(first: 200) {nodes{ id to subject kind status error createdAt sentAt text html }} }\n": types.AdminEmailsDocument,
    "\n  fragment AdminPaymentException on PaymentException {\n    id kind status amount currency source providerPaymentId resolutionNote resolvedBy resolvedAt createdAt\n    invoice { id number status client { id name } }\n    payment { id amount method receivedOn }\n  }\n": types.AdminPaymentExceptionFragmentDoc,
    "\n  query AdminPaymentExceptions($status: [PaymentExceptionStatus!]) {\n    paymentExceptions(status: $status, first: 200) { nodes { ...AdminPaymentException } }\n  }\n": types.AdminPaymentExceptionsDocument,
    "\n  mutation AdminRefundPaymentException($id: ID!, $note: String) {\n    refundPaymentException(id: $id, note: $note) { ...AdminPaymentException }\n  }\n": types.AdminRefundPaymentExceptionDocument,
    "\n  mutation AdminDismissPaymentException($id: ID!, $reason: String!) {\n    dismissPaymentException(id: $id, reason: $reason) { ...AdminPaymentException }\n  }\n": types.AdminDismissPaymentExceptionDocument,
    "\n  mutation AdminKeepPaymentExceptionAsCredit($id: ID!) {\n    keepPaymentExceptionAsCredit(id: $id) { ...AdminPaymentException }\n  }\n": types.AdminKeepPaymentExceptionAsCreditDocument,
    "\n  fragment AdminQuickBooksConnection on QuickBooksConnectionView {\n    configured status companyName realmId sandbox connectedAt lastError\n    mapping {\n      payNowEnabled cardEnabled achEnabled stripeConnected\n      defaultItemId defaultItemName fallbackItemId incomeAccountId incomeAccountName\n      feeExpenseAccountId feeBankAccountId feeReconciliationEnabled pushOnGenerate payoutBankAccountId payoutDepositsEnabled\n      taxCodes { rateBps taxCodeId }\n    }\n  }\n": types.AdminQuickBooksConnectionFragmentDoc,
    "\n  query AdminQuickBooksConnection { quickBooksConnection { ...AdminQuickBooksConnection } }\n": types.AdminQuickBooksConnectionDocument,
    "\n  query AdminQuickBooksAuthorizeUrl { quickBooksAuthorizeUrl }\n": types.AdminQuickBooksAuthorizeUrlDocument,
    "\n  mutation AdminDisconnectQuickBooks { disconnectQuickBooks { ...AdminQuickBooksConnection } }\n": types.AdminDisconnectQuickBooksDocument,
    "\n  mutation AdminUpdateQuickBooksMapping($input: QuickBooksMappingInput!) {\n    updateQuickBooksMapping(input: $input) { ...AdminQuickBooksConnection }\n  }\n": types.AdminUpdateQuickBooksMappingDocument,
    "\n  query AdminQuickBooksRefs {\n    quickBooksItems { id name type active }\n    quickBooksAccounts { id name type active }\n  }\n": types.AdminQuickBooksRefsDocument,
    "\n  query AdminQuickBooksTaxCodes { quickBooksTaxCodes { id name active salesRatePercent } }\n": types.AdminQuickBooksTaxCodesDocument,
    "\n  fragment AdminQuickBooksException on QuickBooksException {\n    id kind message operationId createdAt resolvedAt resolvedBy canRetry canKeepSettle canAcceptQuickBooks\n    differences { field settle quickBooks }\n  }\n": types.AdminQuickBooksExceptionFragmentDoc,
    "\n  query AdminQuickBooksExceptions($includeResolved: Boolean!) {\n    quickBooksExceptions(includeResolved: $includeResolved, first: 200) { nodes { ...AdminQuickBooksException } }\n  }\n": types.AdminQuickBooksExceptionsDocument,
    "\n  mutation AdminSettleQuickBooksEdit($id: ID!, $acceptQuickBooks: Boolean!) {\n    keepSettleVersion(id: $id) @skip(if: $acceptQuickBooks) { ...AdminQuickBooksException }\n    acceptQuickBooksVersion(id: $id) @include(if: $acceptQuickBooks) { ...AdminQuickBooksException }\n  }\n": types.AdminSettleQuickBooksEditDocument,
    "\n  mutation AdminActOnQuickBooksException($id: ID!, $retry: Boolean!) {\n    retryQuickBooksException(id: $id) @include(if: $retry) { ...AdminQuickBooksException }\n    resolveQuickBooksException(id: $id) @skip(if: $retry) { ...AdminQuickBooksException }\n  }\n": types.AdminActOnQuickBooksExceptionDocument,
    "\n  fragment AdminStripeConnection on StripeConnectionView {\n    mode accountId connectedVia secretKeyPrefix publishableKeyPrefix webhookUrl connectedAt lastVerifiedAt lastEventAt\n    webhook { url configured autoRegistered endpointId secretPrefix lastError lastEventAt received processed pending failed rejected }\n    previousAccountCleanup { accountId mode status error endpointDeleted invoicesVoided sessionsExpired at }\n  }\n": types.AdminStripeConnectionFragmentDoc,
    "\n  query AdminStripeConnection { stripeConnection { ...AdminStripeConnection } }\n": types.AdminStripeConnectionDocument,
    "\n  query AdminStripeOAuthUrl { stripeOAuthUrl }\n": types.AdminStripeOAuthUrlDocument,
    "\n  mutation AdminConnectStripe($secretKey: String!, $publishableKey: String) {\n    connectStripe(secretKey: $secretKey, publishableKey: $publishableKey) { ...AdminStripeConnection }\n  }\n": types.AdminConnectStripeDocument,
    "\n  mutation AdminTestStripeConnection { testStripeConnection { ...AdminStripeConnection } }\n": types.AdminTestStripeConnectionDocument,
    "\n  mutation AdminDisconnectStripe { disconnectStripe { accountId } }\n": types.AdminDisconnectStripeDocument,
    "\n  mutation AdminRegisterStripeWebhook { registerStripeWebhook { ...AdminStripeConnection } }\n": types.AdminRegisterStripeWebhookDocument,
    "\n  mutation AdminSetStripeWebhookSecret($secret: String!) {\n    setStripeWebhookSecret(secret: $secret) { ...AdminStripeConnection }\n  }\n": types.AdminSetStripeWebhookSecretDocument,
    "\n  mutation AdminRotateStripeWebhookToken { rotateStripeWebhookToken { ...AdminStripeConnection } }\n": types.AdminRotateStripeWebhookTokenDocument,
    "\n  fragment AdminStripeWebhookEvent on StripeWebhookEvent {\n    id eventId type status error outcome attempts via receivedAt processedAt\n  }\n": types.AdminStripeWebhookEventFragmentDoc,
    "\n  query AdminStripeWebhookEvents($first: Int!, $status: StripeEventStatus) {\n    stripeWebhookEvents(first: $first, status: $status) {nodes{ ...AdminStripeWebhookEvent }}\n  }\n": types.AdminStripeWebhookEventsDocument,
    "\n  mutation AdminReplayStripeWebhookEvent($id: ID!) { replayStripeWebhookEvent(id: $id) { ...AdminStripeWebhookEvent } }\n": types.AdminReplayStripeWebhookEventDocument,
    "\n  query AdminBillableTime($from: LocalDate, $to: LocalDate) {\n    timeEntries(status: APPROVED, uninvoicedOnly: true, worked: { from: $from, to: $to }, first: 1000) {\n      nodes {\n        id minutes billable\n        client { id name currency }\n      }\n    }\n  }\n": types.AdminBillableTimeDocument,
    "\n  mutation AdminGenerateInvoices($input: GenerateInvoicesInput!) {\n    generateInvoices(input: $input) {\n      invoices { id number currency total displayStatus client { id name } }\n      skipped { clientId reason }\n    }\n  }\n": types.AdminGenerateInvoicesDocument,
    "\n  query AdminIntegrationAvailability {\n    stripeConnection { accountId }\n    quickBooksConnection { status }\n  }\n": types.AdminIntegrationAvailabilityDocument,
    "\n  mutation AdminSendInvoiceToQuickBooks($id: ID!) { sendInvoiceToQuickBooks(id: $id) { ...AdminInvoiceDetail } }\n": types.AdminSendInvoiceToQuickBooksDocument,
    "\n  mutation AdminEmailInvoiceViaQuickBooks($id: ID!) { emailInvoiceViaQuickBooks(id: $id) { ...AdminInvoiceDetail } }\n": types.AdminEmailInvoiceViaQuickBooksDocument,
    "\n  query AdminInvoices($first: Int!, $after: String, $filter: InvoiceFilterInput) {\n    invoices(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo { ...AdminPageInfo }\n      edges {\n        node {\n          id number currency total balanceDue issueDate dueDate displayStatus\n          client { id name }\n        }\n      }\n    }\n  }\n": types.AdminInvoicesDocument,
    "\n  mutation AdminCreateInvoice($input: CreateInvoiceInput!, $idempotencyKey: String) {\n    createInvoice(input: $input, idempotencyKey: $idempotencyKey) { id number }\n  }\n": types.AdminCreateInvoiceDocument,
    "\n  fragment AdminInvoiceLive on Invoice {\n    id status displayStatus amountPaid amountCredited balanceDue disputed\n    finalizedAt sentAt paidAt voidedAt uncollectibleAt updatedAt\n  }\n": types.AdminInvoiceLiveFragmentDoc,
    "\n  fragment AdminInvoiceDetail on Invoice {\n    ...AdminInvoiceLive\n    number currency issueDate dueDate periodStart periodEnd\n    subtotal taxTotal total memo notes portalUrl payUrl payable lastPaymentError creditApplied heldAmount creditableAmount amountKeptAsCredit\n    client { id name billingEmail currency }\n    lines { id position kind description serviceId quantity unitPrice discount taxRateBps taxAmount amount }\n    payments { id amount kind method source reference receivedOn externalId createdAt cardBrand cardLast4 receiptUrl adjustsPaymentId refundableAmount voided voidable }\n    creditMemos { id amount reason createdAt toClientCredit }\n    paymentExceptions { id kind status amount currency }\n    activity { id at system label actorLabel via status }\n    reminders { offsetDays plannedFor status sentAt reason }\n    autopayHold { reason since checkedAt }\n  }\n": types.AdminInvoiceDetailFragmentDoc,
    "\n  fragment AdminPaymentResult on RecordPaymentResult { payment { id } invoice { ...AdminInvoiceDetail } }\n": types.AdminPaymentResultFragmentDoc,
    "\n  query AdminInvoice($id: ID!) { invoice(id: $id) { ...AdminInvoiceDetail } }\n": types.AdminInvoiceDocument,
    "\n  subscription AdminInvoiceUpdated($invoiceId: ID!) {\n    invoiceUpdated(invoiceId: $invoiceId, current: true) { invoiceId invoice { ...AdminInvoiceLive } }\n  }\n": types.AdminInvoiceUpdatedDocument,
    "\n  mutation AdminSendInvoice($id: ID!, $destinations: [InvoiceDestination!], $idempotencyKey: String) {\n    sendInvoice(id: $id, destinations: $destinations, idempotencyKey: $idempotencyKey) { ...AdminInvoiceDetail }\n  }\n": types.AdminSendInvoiceDocument,
    "\n  mutation AdminVoidInvoice($id: ID!, $releaseTimeEntries: Boolean!, $payments: VoidPaymentsInput) {\n    voidInvoice(id: $id, releaseTimeEntries: $releaseTimeEntries, payments: $payments) { ...AdminInvoiceDetail }\n  }\n": types.AdminVoidInvoiceDocument,
    "\n  mutation AdminMarkUncollectible($id: ID!) { markInvoiceUncollectible(id: $id) { ...AdminInvoiceDetail } }\n": types.AdminMarkUncollectibleDocument,
    "\n  mutation AdminReleaseVoidedInvoiceTime($id: ID!) { releaseVoidedInvoiceTime(invoiceId: $id) { ...AdminInvoiceDetail } }\n": types.AdminReleaseVoidedInvoiceTimeDocument,
    "\n  mutation AdminRecordPayment($input: RecordPaymentInput!, $idempotencyKey: String) {\n    recordPayment(input: $input, idempotencyKey: $idempotencyKey) { ...AdminPaymentResult }\n  }\n": types.AdminRecordPaymentDocument,
    "\n  mutation AdminIssueCreditMemo($input: IssueCreditMemoInput!, $idempotencyKey: String) {\n    issueCreditMemo(input: $input, idempotencyKey: $idempotencyKey) { creditMemo { id } invoice { ...AdminInvoiceDetail } }\n  }\n": types.AdminIssueCreditMemoDocument,
    "\n  mutation AdminUpdateDraftInvoice($id: ID!, $input: UpdateDraftInvoiceInput!) {\n    updateDraftInvoice(id: $id, input: $input) { ...AdminInvoiceDetail }\n  }\n": types.AdminUpdateDraftInvoiceDocument,
    "\n  mutation AdminRefundPayment($input: RefundPaymentInput!, $idempotencyKey: String) {\n    refundPayment(input: $input, idempotencyKey: $idempotencyKey) { ...AdminPaymentResult }\n  }\n": types.AdminRefundPaymentDocument,
    "\n  mutation AdminVoidPayment($input: VoidPaymentInput!, $idempotencyKey: String) {\n    voidPayment(input: $input, idempotencyKey: $idempotencyKey) { adjustment { id } invoice { ...AdminInvoiceDetail } }\n  }\n": types.AdminVoidPaymentDocument,
    "\n  subscription AdminOrgInvoiceUpdated { invoiceUpdated { invoiceId invoice { ...AdminInvoiceLive } } }\n": types.AdminOrgInvoiceUpdatedDocument,
    "\n  query AdminPayments(\n    $first: Int!\n    $after: String\n    $clientId: ID\n    $received: DateRangeInput\n    $kind: PaymentKind\n    $withTotals: Boolean! = false\n  ) {\n    payments(\n      first: $first\n      after: $after\n      clientId: $clientId\n      received: $received\n      kind: $kind\n      orderBy: RECEIVED_NEWEST\n    ) {\n      totalCount\n      totals @include(if: $withTotals) { currency amount count }\n      pageInfo { ...AdminPageInfo }\n      nodes {\n        id kind source method amount currency receivedOn reference voided\n        invoice { id number }\n        client { id name }\n      }\n    }\n  }\n": types.AdminPaymentsDocument,
    "\n  fragment AdminPortalUser on PortalUser { id name email clientId invitedAt acceptedAt disabled }\n": types.AdminPortalUserFragmentDoc,
    "\n  query AdminPortalUsers($clientId: ID) { portalUsers(clientId: $clientId) { ...AdminPortalUser } }\n": types.AdminPortalUsersDocument,
    "\n  mutation AdminInvitePortalUser($input: InvitePortalUserInput!) {\n    invitePortalUser(input: $input) { ...AdminPortalUser }\n  }\n": types.AdminInvitePortalUserDocument,
    "\n  mutation AdminSetPortalUserEnabled($id: ID!, $enabled: Boolean!) {\n    enablePortalUser(id: $id) @include(if: $enabled) { ...AdminPortalUser }\n    disablePortalUser(id: $id) @skip(if: $enabled) { ...AdminPortalUser }\n  }\n": types.AdminSetPortalUserEnabledDocument,
    "\n  fragment AdminReconciliationRunSummary on ReconciliationRun { id periodFrom periodTo trigger createdAt discrepancyCount }\n": types.AdminReconciliationRunSummaryFragmentDoc,
    "\n  fragment AdminReconciliationRun on ReconciliationRun {\n    ...AdminReconciliationRunSummary\n    invoiceCount moneyCount systems\n    stripeCalls quickBooksCalls durationMs csvUrl\n    discrepancies {\n      id type label systems invoiceId invoiceNumber subject currency\n      settleAmount stripeAmount quickBooksAmount detail suggestedFix fix status fixResult fixedAt\n    }\n  }\n": types.AdminReconciliationRunFragmentDoc,
    "\n  query AdminReconciliationRuns {\n    reconciliationRuns(first: 10) { nodes { ...AdminReconciliationRunSummary } }\n  }\n": types.AdminReconciliationRunsDocument,
    "\n  query AdminReconciliationRun($id: ID!) {\n    reconciliationRun(id: $id) { ...AdminReconciliationRun }\n  }\n": types.AdminReconciliationRunDocument,
    "\n  mutation AdminRunReconciliation($period: PeriodInput!) {\n    runReconciliation(period: $period) { ...AdminReconciliationRun }\n  }\n": types.AdminRunReconciliationDocument,
    "\n  mutation AdminFixReconciliationDiscrepancy($id: ID!) {\n    fixReconciliationDiscrepancy(id: $id) { id status fixResult fixedAt }\n  }\n": types.AdminFixReconciliationDiscrepancyDocument,
    "\n  query AdminLatestReconciliation {\n    reconciliationRuns(first: 1) {\n      nodes {\n        ...AdminReconciliationRunSummary\n        openWithQuickBooks: openDiscrepancyCount(system: QUICKBOOKS)\n      }\n    }\n  }\n": types.AdminLatestReconciliationDocument,
    "\n  fragment AdminReminderPolicy on EffectiveReminderPolicy { clientId enabled offsets source inherited }\n": types.AdminReminderPolicyFragmentDoc,
    "\n  query AdminReminderPolicy($clientId: ID) {\n    reminderPolicy(clientId: $clientId) { ...AdminReminderPolicy }\n  }\n": types.AdminReminderPolicyDocument,
    "\n  mutation AdminSetReminderPolicy($input: ReminderPolicyInput!) {\n    setReminderPolicy(input: $input) { ...AdminReminderPolicy }\n  }\n": types.AdminSetReminderPolicyDocument,
    "\n  mutation AdminClearClientReminderPolicy($clientId: ID!) {\n    clearClientReminderPolicy(clientId: $clientId) { ...AdminReminderPolicy }\n  }\n": types.AdminClearClientReminderPolicyDocument,
    "\n  query AdminOrgCreditSettings {\n    clientCreditSettings { ...AdminClientCreditSettings }\n  }\n": types.AdminOrgCreditSettingsDocument,
    "\n  mutation AdminUpdateOrgCreditSettings($on: Boolean!) {\n    updateClientCreditSettings(input: { applyCreditAutomatically: $on }) { ...AdminClientCreditSettings }\n  }\n": types.AdminUpdateOrgCreditSettingsDocument,
    "\n  query AdminInvoiceSettings {\n    organization { id timeItemization timeZone billingEmail }\n  }\n": types.AdminInvoiceSettingsDocument,
    "\n  mutation AdminUpdateInvoiceSettings($input: OrganizationSettingsInput!) {\n    updateOrganizationSettings(input: $input) { id timeItemization timeZone billingEmail }\n  }\n": types.AdminUpdateInvoiceSettingsDocument,
    "\n  fragment AdminPaymentSettings on PaymentSettings {\n    sendVia linkLifetimeHours emailPayLink emailPaymentConfirmation allowPartialPayments\n  }\n": types.AdminPaymentSettingsFragmentDoc,
    "\n  query AdminPaymentSettings {\n    paymentSettings { ...AdminPaymentSettings }\n    stripeConnection { accountId mode }\n  }\n": types.AdminPaymentSettingsDocument,
    "\n  mutation AdminUpdatePaymentSettings($input: PaymentSettingsInput!) {\n    updatePaymentSettings(input: $input) { ...AdminPaymentSettings }\n  }\n": types.AdminUpdatePaymentSettingsDocument,
    "\n  fragment AdminTeamUser on AdminUser { id name email role disabled }\n": types.AdminTeamUserFragmentDoc,
    "\n  query AdminTeam { users { ...AdminTeamUser } }\n": types.AdminTeamDocument,
    "\n  mutation AdminAddUser($input: CreateUserInput!, $idempotencyKey: String) {\n    createUser(input: $input, idempotencyKey: $idempotencyKey) { ...AdminTeamUser }\n  }\n": types.AdminAddUserDocument,
    "\n  mutation AdminUpdateUser($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { ...AdminTeamUser } }\n": types.AdminUpdateUserDocument,
    "\n  mutation AdminSetUserEnabled($id: ID!, $enabled: Boolean!) {\n    enableUser(id: $id) @include(if: $enabled) { ...AdminTeamUser }\n    disableUser(id: $id) @skip(if: $enabled) { ...AdminTeamUser }\n  }\n": types.AdminSetUserEnabledDocument,
    "\n  fragment AdminTimesheetEntry on TimeEntry {\n    id workDate minutes note status billable rejectionReason invoiceId\n    client { id name }\n    ticket { id title }\n    service { id name }\n  }\n": types.AdminTimesheetEntryFragmentDoc,
    "\n  query AdminTicketOptions { tickets(first: 500) {nodes{ id title client { id name archivedAt } }} }\n": types.AdminTicketOptionsDocument,
    "mutation AdminLogTime($input: LogTimeInput!) { logTime(input: $input) { ...AdminTimesheetEntry } }": types.AdminLogTimeDocument,
    "mutation AdminUpdateTimeEntry($id: ID!, $input: UpdateTimeEntryInput!) { updateTimeEntry(id: $id, input: $input) { ...AdminTimesheetEntry } }": types.AdminUpdateTimeEntryDocument,
    "\n  query AdminTimeEntries($status: TimeEntryStatus) {\n    timeEntries(status: $status, first: 200) {\n      nodes {\n        ...AdminTimesheetEntry\n        technician { id name }\n      }\n    }\n  }\n": types.AdminTimeEntriesDocument,
    "\n  mutation AdminApproveTime($ids: [ID!]!) { approveTimeEntries(ids: $ids) { id status approvedAt } }\n": types.AdminApproveTimeDocument,
    "\n  mutation AdminRejectTime($ids: [ID!]!, $reason: String!) {\n    rejectTimeEntries(ids: $ids, reason: $reason) { id status rejectionReason }\n  }\n": types.AdminRejectTimeDocument,
    "\n  query AdminTimesheetWeek($technicianId: ID, $from: LocalDate!, $to: LocalDate!) {\n    timeEntries(technicianId: $technicianId, worked: { from: $from, to: $to }, first: 500) {nodes{ ...AdminTimesheetEntry }}\n  }\n": types.AdminTimesheetWeekDocument,
    "\n  query AdminTimesheetRejected($technicianId: ID) {\n    timeEntries(technicianId: $technicianId, status: REJECTED, first: 100) {nodes{ ...AdminTimesheetEntry }}\n  }\n": types.AdminTimesheetRejectedDocument,
    "\n  mutation AdminSubmitTime($ids: [ID!]!) { submitTimeEntries(ids: $ids) { id status rejectionReason } }\n": types.AdminSubmitTimeDocument,
    "\n  query AdminQuickBooksWebhookEvents {\n    quickBooksWebhookEvents(first: 100) {nodes{ id format entityCount realmIds receivedAt processedAt error }}\n  }\n": types.AdminQuickBooksWebhookEventsDocument,
    "\n  fragment AdminWebhookEndpoint on WebhookEndpointView {\n    id\n    url\n    description\n    events\n    enabled\n    disabledReason\n    secretPrefix\n    createdAt\n  }\n": types.AdminWebhookEndpointFragmentDoc,
    "\n  query AdminWebhookEndpoints { webhookEndpoints { ...AdminWebhookEndpoint } }\n": types.AdminWebhookEndpointsDocument,
    "\n  query AdminWebhookDeliveries($endpointId: ID!, $first: Int!, $after: String) {\n    webhookDeliveries(endpointId: $endpointId, first: $first, after: $after) {\n      totalCount\n      pageInfo { ...AdminPageInfo }\n      nodes {\n      id\n      eventId\n      eventType\n      objectId\n      status\n      attemptCount\n      httpStatus\n      latencyMs\n      responseExcerpt\n      error\n      lastAttemptAt\n      nextRetryAt\n      createdAt\n      }\n    }\n  }\n": types.AdminWebhookDeliveriesDocument,
    "\n  fragment AdminWebhookEndpointSecret on WebhookEndpointSecretResult { secret endpoint { ...AdminWebhookEndpoint } }\n": types.AdminWebhookEndpointSecretFragmentDoc,
    "\n  mutation AdminCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) { ...AdminWebhookEndpointSecret }\n  }\n": types.AdminCreateWebhookEndpointDocument,
    "\n  mutation AdminUpdateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(id: $id, input: $input) { ...AdminWebhookEndpoint }\n  }\n": types.AdminUpdateWebhookEndpointDocument,
    "\n  mutation AdminSetWebhookEndpointEnabled($id: ID!, $enabled: Boolean!) {\n    enableWebhookEndpoint(id: $id) @include(if: $enabled) { ...AdminWebhookEndpoint }\n    disableWebhookEndpoint(id: $id) @skip(if: $enabled) { ...AdminWebhookEndpoint }\n  }\n": types.AdminSetWebhookEndpointEnabledDocument,
    "\n  mutation AdminDeleteWebhookEndpoint($id: ID!) { deleteWebhookEndpoint(id: $id) }\n": types.AdminDeleteWebhookEndpointDocument,
    "\n  mutation AdminRotateWebhookSecret($id: ID!) {\n    rotateWebhookSecret(id: $id) { ...AdminWebhookEndpointSecret }\n  }\n": types.AdminRotateWebhookSecretDocument,
    "\n  mutation AdminResendWebhookDelivery($id: ID!) { resendWebhookDelivery(id: $id) { id status } }\n": types.AdminResendWebhookDeliveryDocument,
    "\n  mutation AdminSendTestWebhookEvent($endpointId: ID!) { sendTestWebhookEvent(endpointId: $endpointId) { id } }\n": types.AdminSendTestWebhookEventDocument,
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
export function graphql(source: "\n  mutation AdminChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"): (typeof documents)["\n  mutation AdminChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminClientOptions($includeArchived: Boolean! = false) {\n    clients(includeArchived: $includeArchived, first: 500) {nodes{ id name currency }}\n  }\n"): (typeof documents)["\n  query AdminClientOptions($includeArchived: Boolean! = false) {\n    clients(includeArchived: $includeArchived, first: 500) {nodes{ id name currency }}\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminLogout { logout }\n"): (typeof documents)["\n  mutation AdminLogout { logout }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminLogoutEverywhere { logoutEverywhere }\n"): (typeof documents)["\n  mutation AdminLogoutEverywhere { logoutEverywhere }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminServiceOptions { services(includeArchived: true, first: 500) {nodes{ id code name active prices { currency unitAmount } }} }\n"): (typeof documents)["\n  query AdminServiceOptions { services(includeArchived: true, first: 500) {nodes{ id code name active prices { currency unitAmount } }} }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminServicePicker { services(includeArchived: true, first: 500) {nodes{ id code name active }} }\n"): (typeof documents)["\n  query AdminServicePicker { services(includeArchived: true, first: 500) {nodes{ id code name active }} }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminOrgTimeZone {\n    organization { id timeZone }\n  }\n"): (typeof documents)["\n  query AdminOrgTimeZone {\n    organization { id timeZone }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminPageInfo on PageInfo { hasNextPage endCursor }\n"): (typeof documents)["\n  fragment AdminPageInfo on PageInfo { hasNextPage endCursor }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminRequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"): (typeof documents)["\n  mutation AdminRequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      me { kind }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      me { kind }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminLogin($email: String!, $password: String!, $organizationSlug: String) {\n    login(email: $email, password: $password, organizationSlug: $organizationSlug) {\n      me { kind }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminLogin($email: String!, $password: String!, $organizationSlug: String) {\n    login(email: $email, password: $password, organizationSlug: $organizationSlug) {\n      me { kind }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminActivity(\n    $actorType: ActorType\n    $actorId: String\n    $entityType: String\n    $action: String\n    $occurred: DateRangeInput\n    $first: Int!\n    $after: String\n  ) {\n    auditEvents(\n      actorType: $actorType\n      actorId: $actorId\n      entityType: $entityType\n      action: $action\n      occurred: $occurred\n      first: $first\n      after: $after\n    ) {\n      nodes {\n        id\n        createdAt\n        actorType\n        actorId\n        actorLabel\n        via\n        action\n        label\n        entityType\n        entityId\n      }\n      pageInfo {\n        ...AdminPageInfo\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminActivity(\n    $actorType: ActorType\n    $actorId: String\n    $entityType: String\n    $action: String\n    $occurred: DateRangeInput\n    $first: Int!\n    $after: String\n  ) {\n    auditEvents(\n      actorType: $actorType\n      actorId: $actorId\n      entityType: $entityType\n      action: $action\n      occurred: $occurred\n      first: $first\n      after: $after\n    ) {\n      nodes {\n        id\n        createdAt\n        actorType\n        actorId\n        actorLabel\n        via\n        action\n        label\n        entityType\n        entityId\n      }\n      pageInfo {\n        ...AdminPageInfo\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminApiToken on ApiToken { id name prefix scope actsAs createdAt lastUsedAt revokedAt }\n"): (typeof documents)["\n  fragment AdminApiToken on ApiToken { id name prefix scope actsAs createdAt lastUsedAt revokedAt }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminApiTokens { apiTokens { ...AdminApiToken } }\n"): (typeof documents)["\n  query AdminApiTokens { apiTokens { ...AdminApiToken } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreateApiToken($name: String!, $scope: ApiTokenScope!) {\n    createApiToken(name: $name, scope: $scope) { token apiToken { ...AdminApiToken } }\n  }\n"): (typeof documents)["\n  mutation AdminCreateApiToken($name: String!, $scope: ApiTokenScope!) {\n    createApiToken(name: $name, scope: $scope) { token apiToken { ...AdminApiToken } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminRevokeApiToken($id: ID!) { revokeApiToken(id: $id) { id revokedAt actsAs } }\n"): (typeof documents)["\n  mutation AdminRevokeApiToken($id: ID!) { revokeApiToken(id: $id) { id revokedAt actsAs } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminAutopayAttempts($clientId: ID, $invoiceId: ID) {\n    quickBooksConnection { status }\n    autopayAttempts(clientId: $clientId, invoiceId: $invoiceId) {\n      id invoiceId invoiceNumber attemptNo attemptedAt amount currency methodBrand methodLast4\n      outcome declineCode message nextRetryAt\n    }\n  }\n"): (typeof documents)["\n  query AdminAutopayAttempts($clientId: ID, $invoiceId: ID) {\n    quickBooksConnection { status }\n    autopayAttempts(clientId: $clientId, invoiceId: $invoiceId) {\n      id invoiceId invoiceNumber attemptNo attemptedAt amount currency methodBrand methodLast4\n      outcome declineCode message nextRetryAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminBillingSettings on BillingSettings {\n    clientId autoBilling autoBillingSince invoiceGraceHours review sendMethod overridden\n  }\n"): (typeof documents)["\n  fragment AdminBillingSettings on BillingSettings {\n    clientId autoBilling autoBillingSince invoiceGraceHours review sendMethod overridden\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminBillingSettings($clientId: ID) { billingSettings(clientId: $clientId) { ...AdminBillingSettings } }\n"): (typeof documents)["\n  query AdminBillingSettings($clientId: ID) { billingSettings(clientId: $clientId) { ...AdminBillingSettings } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminUpdateBillingSettings($input: BillingSettingsInput!) {\n    updateBillingSettings(input: $input) { ...AdminBillingSettings }\n  }\n"): (typeof documents)["\n  mutation AdminUpdateBillingSettings($input: BillingSettingsInput!) {\n    updateBillingSettings(input: $input) { ...AdminBillingSettings }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminUpcomingBilling($days: Int!) {\n    upcomingBilling(days: $days) {\n      clientId clientName billDate billAt currency recurringAmount unbilledMinutes problem\n    }\n  }\n"): (typeof documents)["\n  query AdminUpcomingBilling($days: Int!) {\n    upcomingBilling(days: $days) {\n      clientId clientName billDate billAt currency recurringAmount unbilledMinutes problem\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminBillingRuns($first: Int!, $clientId: ID) {\n    billingRuns(first: $first, clientId: $clientId) {\n      nodes { id clientId billDate status total invoiceId message attempts updatedAt }\n    }\n  }\n"): (typeof documents)["\n  query AdminBillingRuns($first: Int!, $clientId: ID) {\n    billingRuns(first: $first, clientId: $clientId) {\n      nodes { id clientId billDate status total invoiceId message attempts updatedAt }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminRunBillingNow { runBillingNow }\n"): (typeof documents)["\n  mutation AdminRunBillingNow { runBillingNow }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminServiceFields on Service { id code name description active prices { currency unitAmount } }\n"): (typeof documents)["\n  fragment AdminServiceFields on Service { id code name description active prices { currency unitAmount } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminServices($includeArchived: Boolean!) {\n    services(includeArchived: $includeArchived, first: 500) {nodes{ ...AdminServiceFields }}\n  }\n"): (typeof documents)["\n  query AdminServices($includeArchived: Boolean!) {\n    services(includeArchived: $includeArchived, first: 500) {nodes{ ...AdminServiceFields }}\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminSetServiceActive($id: ID!, $active: Boolean!) {\n    updateService(id: $id, input: { active: $active }) { ...AdminServiceFields }\n  }\n"): (typeof documents)["\n  mutation AdminSetServiceActive($id: ID!, $active: Boolean!) {\n    updateService(id: $id, input: { active: $active }) { ...AdminServiceFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdminCreateService($input: CreateServiceInput!) { createService(input: $input) { ...AdminServiceFields } }"): (typeof documents)["mutation AdminCreateService($input: CreateServiceInput!) { createService(input: $input) { ...AdminServiceFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdminUpdateService($id: ID!, $input: ServiceInput!) { updateService(id: $id, input: $input) { ...AdminServiceFields } }"): (typeof documents)["mutation AdminUpdateService($id: ID!, $input: ServiceInput!) { updateService(id: $id, input: $input) { ...AdminServiceFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminClientPaymentMethods($clientId: ID!) {\n    savedPaymentMethods(clientId: $clientId) { id type brand last4 expMonth expYear bankName isDefault }\n    autopay(clientId: $clientId) { clientId enabled }\n  }\n"): (typeof documents)["\n  query AdminClientPaymentMethods($clientId: ID!) {\n    savedPaymentMethods(clientId: $clientId) { id type brand last4 expMonth expYear bankName isDefault }\n    autopay(clientId: $clientId) { clientId enabled }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminSetClientAutopay($clientId: ID!, $enabled: Boolean!) {\n    setAutopay(clientId: $clientId, enabled: $enabled) { clientId enabled }\n  }\n"): (typeof documents)["\n  mutation AdminSetClientAutopay($clientId: ID!, $enabled: Boolean!) {\n    setAutopay(clientId: $clientId, enabled: $enabled) { clientId enabled }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminClient($id: ID!) { client(id: $id) { ...AdminClientFields } }\n"): (typeof documents)["\n  query AdminClient($id: ID!) { client(id: $id) { ...AdminClientFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdminCreateClient($input: CreateClientInput!) { createClient(input: $input) { ...AdminClientFields } }"): (typeof documents)["mutation AdminCreateClient($input: CreateClientInput!) { createClient(input: $input) { ...AdminClientFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdminUpdateClient($id: ID!, $input: UpdateClientInput!) { updateClient(id: $id, input: $input) { ...AdminClientFields } }"): (typeof documents)["mutation AdminUpdateClient($id: ID!, $input: UpdateClientInput!) { updateClient(id: $id, input: $input) { ...AdminClientFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminClientFields on Client {\n    id name billingEmail currency taxRateBps daysUntilDue allowPartialPayments emailPayLink memoTemplate archivedAt\n    timeItemization\n    billingAddress { line1 line2 city region postalCode country }\n    rates { id serviceId unitAmount }\n  }\n"): (typeof documents)["\n  fragment AdminClientFields on Client {\n    id name billingEmail currency taxRateBps daysUntilDue allowPartialPayments emailPayLink memoTemplate archivedAt\n    timeItemization\n    billingAddress { line1 line2 city region postalCode country }\n    rates { id serviceId unitAmount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminClients($includeArchived: Boolean!, $search: String) {\n    clients(includeArchived: $includeArchived, search: $search, first: 200) {nodes{ ...AdminClientFields creditBalance { currency amount } }}\n  }\n"): (typeof documents)["\n  query AdminClients($includeArchived: Boolean!, $search: String) {\n    clients(includeArchived: $includeArchived, search: $search, first: 200) {nodes{ ...AdminClientFields creditBalance { currency amount } }}\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminSyncClientToQuickBooks($id: ID!) { syncClientToQuickBooks(id: $id) { id } }\n"): (typeof documents)["\n  mutation AdminSyncClientToQuickBooks($id: ID!) { syncClientToQuickBooks(id: $id) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminClientCreditSettings on ClientCreditSettings { clientId applyCreditAutomatically overridden }\n"): (typeof documents)["\n  fragment AdminClientCreditSettings on ClientCreditSettings { clientId applyCreditAutomatically overridden }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminClientCredit($id: ID!) {\n    client(id: $id) {\n      id name currency\n      creditBalance { currency amount }\n      creditLedger(first: 200) { id amount currency source createdAt invoice { id number } }\n    }\n    clientCreditSettings(clientId: $id) { ...AdminClientCreditSettings }\n    invoices(first: 200, filter: { clientId: $id, status: [SENT, PARTIALLY_PAID, OVERDUE, UNCOLLECTIBLE] }) {\n      edges { node { id number currency total balanceDue creditApplied displayStatus dueDate } }\n    }\n  }\n"): (typeof documents)["\n  query AdminClientCredit($id: ID!) {\n    client(id: $id) {\n      id name currency\n      creditBalance { currency amount }\n      creditLedger(first: 200) { id amount currency source createdAt invoice { id number } }\n    }\n    clientCreditSettings(clientId: $id) { ...AdminClientCreditSettings }\n    invoices(first: 200, filter: { clientId: $id, status: [SENT, PARTIALLY_PAID, OVERDUE, UNCOLLECTIBLE] }) {\n      edges { node { id number currency total balanceDue creditApplied displayStatus dueDate } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminApplyClientCredit($invoiceId: ID!, $amount: Money, $idempotencyKey: String) {\n    applyClientCredit(invoiceId: $invoiceId, amount: $amount, idempotencyKey: $idempotencyKey) {\n      entry { id amount }\n      invoice { id status displayStatus balanceDue amountCredited creditApplied }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminApplyClientCredit($invoiceId: ID!, $amount: Money, $idempotencyKey: String) {\n    applyClientCredit(invoiceId: $invoiceId, amount: $amount, idempotencyKey: $idempotencyKey) {\n      entry { id amount }\n      invoice { id status displayStatus balanceDue amountCredited creditApplied }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminUpdateClientCreditSettings($input: ClientCreditSettingsInput!) {\n    updateClientCreditSettings(input: $input) { ...AdminClientCreditSettings }\n  }\n"): (typeof documents)["\n  mutation AdminUpdateClientCreditSettings($input: ClientCreditSettingsInput!) {\n    updateClientCreditSettings(input: $input) { ...AdminClientCreditSettings }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminContract on Contract {\n    id clientId name cycle intervalWeeks anchorDay billingTiming startDate endDate\n    lines {\n      id serviceId description quantity priceSource unitPrice endDate position\n      quantityChanges { id effectiveDate oldQuantity newQuantity invoiceId }\n    }\n  }\n"): (typeof documents)["\n  fragment AdminContract on Contract {\n    id clientId name cycle intervalWeeks anchorDay billingTiming startDate endDate\n    lines {\n      id serviceId description quantity priceSource unitPrice endDate position\n      quantityChanges { id effectiveDate oldQuantity newQuantity invoiceId }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminContracts($clientId: ID!) { contracts(clientId: $clientId) { ...AdminContract } }\n"): (typeof documents)["\n  query AdminContracts($clientId: ID!) { contracts(clientId: $clientId) { ...AdminContract } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminNextInvoicePreview($clientId: ID!) {\n    nextInvoicePreview(clientId: $clientId) {\n      billDate currency subtotal total problem\n      lines { kind description quantity unitPrice amount }\n    }\n  }\n"): (typeof documents)["\n  query AdminNextInvoicePreview($clientId: ID!) {\n    nextInvoicePreview(clientId: $clientId) {\n      billDate currency subtotal total problem\n      lines { kind description quantity unitPrice amount }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreateContract($input: CreateContractInput!) { createContract(input: $input) { ...AdminContract } }\n"): (typeof documents)["\n  mutation AdminCreateContract($input: CreateContractInput!) { createContract(input: $input) { ...AdminContract } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminUpdateContract($id: ID!, $input: UpdateContractInput!) {\n    updateContract(id: $id, input: $input) { ...AdminContract }\n  }\n"): (typeof documents)["\n  mutation AdminUpdateContract($id: ID!, $input: UpdateContractInput!) {\n    updateContract(id: $id, input: $input) { ...AdminContract }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminAddContractLine($contractId: ID!, $line: ContractLineInput!) {\n    addContractLine(contractId: $contractId, line: $line) { id }\n  }\n"): (typeof documents)["\n  mutation AdminAddContractLine($contractId: ID!, $line: ContractLineInput!) {\n    addContractLine(contractId: $contractId, line: $line) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminChangeContractQuantity($input: ChangeQuantityInput!) {\n    changeContractQuantity(input: $input) { id effectiveDate newQuantity }\n  }\n"): (typeof documents)["\n  mutation AdminChangeContractQuantity($input: ChangeQuantityInput!) {\n    changeContractQuantity(input: $input) { id effectiveDate newQuantity }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminDashboard {\n    dashboard(overdueLimit: 20) {\n      currencies {\n        currency\n        outstanding\n        writtenOff\n        collectedThisMonth\n        aging { current days1to30 days31to60 days61to90 days90plus }\n      }\n      overdue {\n        id number currency balanceDue dueDate displayStatus\n        client { id name }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminDashboard {\n    dashboard(overdueLimit: 20) {\n      currencies {\n        currency\n        outstanding\n        writtenOff\n        collectedThisMonth\n        aging { current days1to30 days31to60 days61to90 days90plus }\n      }\n      overdue {\n        id number currency balanceDue dueDate displayStatus\n        client { id name }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminEmails { emails(first: 200) {nodes{ id to subject kind status error createdAt sentAt text html }} }\n"): (typeof documents)["\n  query AdminEmails { emails(first: 200) {nodes{ id to subject kind status error createdAt sentAt text html }} }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminPaymentException on PaymentException {\n    id kind status amount currency source providerPaymentId resolutionNote resolvedBy resolvedAt createdAt\n    invoice { id number status client { id name } }\n    payment { id amount method receivedOn }\n  }\n"): (typeof documents)["\n  fragment AdminPaymentException on PaymentException {\n    id kind status amount currency source providerPaymentId resolutionNote resolvedBy resolvedAt createdAt\n    invoice { id number status client { id name } }\n    payment { id amount method receivedOn }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminPaymentExceptions($status: [PaymentExceptionStatus!]) {\n    paymentExceptions(status: $status, first: 200) { nodes { ...AdminPaymentException } }\n  }\n"): (typeof documents)["\n  query AdminPaymentExceptions($status: [PaymentExceptionStatus!]) {\n    paymentExceptions(status: $status, first: 200) { nodes { ...AdminPaymentException } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminRefundPaymentException($id: ID!, $note: String) {\n    refundPaymentException(id: $id, note: $note) { ...AdminPaymentException }\n  }\n"): (typeof documents)["\n  mutation AdminRefundPaymentException($id: ID!, $note: String) {\n    refundPaymentException(id: $id, note: $note) { ...AdminPaymentException }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminDismissPaymentException($id: ID!, $reason: String!) {\n    dismissPaymentException(id: $id, reason: $reason) { ...AdminPaymentException }\n  }\n"): (typeof documents)["\n  mutation AdminDismissPaymentException($id: ID!, $reason: String!) {\n    dismissPaymentException(id: $id, reason: $reason) { ...AdminPaymentException }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminKeepPaymentExceptionAsCredit($id: ID!) {\n    keepPaymentExceptionAsCredit(id: $id) { ...AdminPaymentException }\n  }\n"): (typeof documents)["\n  mutation AdminKeepPaymentExceptionAsCredit($id: ID!) {\n    keepPaymentExceptionAsCredit(id: $id) { ...AdminPaymentException }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminQuickBooksConnection on QuickBooksConnectionView {\n    configured status companyName realmId sandbox connectedAt lastError\n    mapping {\n      payNowEnabled cardEnabled achEnabled stripeConnected\n      defaultItemId defaultItemName fallbackItemId incomeAccountId incomeAccountName\n      feeExpenseAccountId feeBankAccountId feeReconciliationEnabled pushOnGenerate payoutBankAccountId payoutDepositsEnabled\n      taxCodes { rateBps taxCodeId }\n    }\n  }\n"): (typeof documents)["\n  fragment AdminQuickBooksConnection on QuickBooksConnectionView {\n    configured status companyName realmId sandbox connectedAt lastError\n    mapping {\n      payNowEnabled cardEnabled achEnabled stripeConnected\n      defaultItemId defaultItemName fallbackItemId incomeAccountId incomeAccountName\n      feeExpenseAccountId feeBankAccountId feeReconciliationEnabled pushOnGenerate payoutBankAccountId payoutDepositsEnabled\n      taxCodes { rateBps taxCodeId }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminQuickBooksConnection { quickBooksConnection { ...AdminQuickBooksConnection } }\n"): (typeof documents)["\n  query AdminQuickBooksConnection { quickBooksConnection { ...AdminQuickBooksConnection } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminQuickBooksAuthorizeUrl { quickBooksAuthorizeUrl }\n"): (typeof documents)["\n  query AdminQuickBooksAuthorizeUrl { quickBooksAuthorizeUrl }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminDisconnectQuickBooks { disconnectQuickBooks { ...AdminQuickBooksConnection } }\n"): (typeof documents)["\n  mutation AdminDisconnectQuickBooks { disconnectQuickBooks { ...AdminQuickBooksConnection } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminUpdateQuickBooksMapping($input: QuickBooksMappingInput!) {\n    updateQuickBooksMapping(input: $input) { ...AdminQuickBooksConnection }\n  }\n"): (typeof documents)["\n  mutation AdminUpdateQuickBooksMapping($input: QuickBooksMappingInput!) {\n    updateQuickBooksMapping(input: $input) { ...AdminQuickBooksConnection }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminQuickBooksRefs {\n    quickBooksItems { id name type active }\n    quickBooksAccounts { id name type active }\n  }\n"): (typeof documents)["\n  query AdminQuickBooksRefs {\n    quickBooksItems { id name type active }\n    quickBooksAccounts { id name type active }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminQuickBooksTaxCodes { quickBooksTaxCodes { id name active salesRatePercent } }\n"): (typeof documents)["\n  query AdminQuickBooksTaxCodes { quickBooksTaxCodes { id name active salesRatePercent } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminQuickBooksException on QuickBooksException {\n    id kind message operationId createdAt resolvedAt resolvedBy canRetry canKeepSettle canAcceptQuickBooks\n    differences { field settle quickBooks }\n  }\n"): (typeof documents)["\n  fragment AdminQuickBooksException on QuickBooksException {\n    id kind message operationId createdAt resolvedAt resolvedBy canRetry canKeepSettle canAcceptQuickBooks\n    differences { field settle quickBooks }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminQuickBooksExceptions($includeResolved: Boolean!) {\n    quickBooksExceptions(includeResolved: $includeResolved, first: 200) { nodes { ...AdminQuickBooksException } }\n  }\n"): (typeof documents)["\n  query AdminQuickBooksExceptions($includeResolved: Boolean!) {\n    quickBooksExceptions(includeResolved: $includeResolved, first: 200) { nodes { ...AdminQuickBooksException } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminSettleQuickBooksEdit($id: ID!, $acceptQuickBooks: Boolean!) {\n    keepSettleVersion(id: $id) @skip(if: $acceptQuickBooks) { ...AdminQuickBooksException }\n    acceptQuickBooksVersion(id: $id) @include(if: $acceptQuickBooks) { ...AdminQuickBooksException }\n  }\n"): (typeof documents)["\n  mutation AdminSettleQuickBooksEdit($id: ID!, $acceptQuickBooks: Boolean!) {\n    keepSettleVersion(id: $id) @skip(if: $acceptQuickBooks) { ...AdminQuickBooksException }\n    acceptQuickBooksVersion(id: $id) @include(if: $acceptQuickBooks) { ...AdminQuickBooksException }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminActOnQuickBooksException($id: ID!, $retry: Boolean!) {\n    retryQuickBooksException(id: $id) @include(if: $retry) { ...AdminQuickBooksException }\n    resolveQuickBooksException(id: $id) @skip(if: $retry) { ...AdminQuickBooksException }\n  }\n"): (typeof documents)["\n  mutation AdminActOnQuickBooksException($id: ID!, $retry: Boolean!) {\n    retryQuickBooksException(id: $id) @include(if: $retry) { ...AdminQuickBooksException }\n    resolveQuickBooksException(id: $id) @skip(if: $retry) { ...AdminQuickBooksException }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminStripeConnection on StripeConnectionView {\n    mode accountId connectedVia secretKeyPrefix publishableKeyPrefix webhookUrl connectedAt lastVerifiedAt lastEventAt\n    webhook { url configured autoRegistered endpointId secretPrefix lastError lastEventAt received processed pending failed rejected }\n    previousAccountCleanup { accountId mode status error endpointDeleted invoicesVoided sessionsExpired at }\n  }\n"): (typeof documents)["\n  fragment AdminStripeConnection on StripeConnectionView {\n    mode accountId connectedVia secretKeyPrefix publishableKeyPrefix webhookUrl connectedAt lastVerifiedAt lastEventAt\n    webhook { url configured autoRegistered endpointId secretPrefix lastError lastEventAt received processed pending failed rejected }\n    previousAccountCleanup { accountId mode status error endpointDeleted invoicesVoided sessionsExpired at }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminStripeConnection { stripeConnection { ...AdminStripeConnection } }\n"): (typeof documents)["\n  query AdminStripeConnection { stripeConnection { ...AdminStripeConnection } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminStripeOAuthUrl { stripeOAuthUrl }\n"): (typeof documents)["\n  query AdminStripeOAuthUrl { stripeOAuthUrl }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminConnectStripe($secretKey: String!, $publishableKey: String) {\n    connectStripe(secretKey: $secretKey, publishableKey: $publishableKey) { ...AdminStripeConnection }\n  }\n"): (typeof documents)["\n  mutation AdminConnectStripe($secretKey: String!, $publishableKey: String) {\n    connectStripe(secretKey: $secretKey, publishableKey: $publishableKey) { ...AdminStripeConnection }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminTestStripeConnection { testStripeConnection { ...AdminStripeConnection } }\n"): (typeof documents)["\n  mutation AdminTestStripeConnection { testStripeConnection { ...AdminStripeConnection } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminDisconnectStripe { disconnectStripe { accountId } }\n"): (typeof documents)["\n  mutation AdminDisconnectStripe { disconnectStripe { accountId } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminRegisterStripeWebhook { registerStripeWebhook { ...AdminStripeConnection } }\n"): (typeof documents)["\n  mutation AdminRegisterStripeWebhook { registerStripeWebhook { ...AdminStripeConnection } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminSetStripeWebhookSecret($secret: String!) {\n    setStripeWebhookSecret(secret: $secret) { ...AdminStripeConnection }\n  }\n"): (typeof documents)["\n  mutation AdminSetStripeWebhookSecret($secret: String!) {\n    setStripeWebhookSecret(secret: $secret) { ...AdminStripeConnection }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminRotateStripeWebhookToken { rotateStripeWebhookToken { ...AdminStripeConnection } }\n"): (typeof documents)["\n  mutation AdminRotateStripeWebhookToken { rotateStripeWebhookToken { ...AdminStripeConnection } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminStripeWebhookEvent on StripeWebhookEvent {\n    id eventId type status error outcome attempts via receivedAt processedAt\n  }\n"): (typeof documents)["\n  fragment AdminStripeWebhookEvent on StripeWebhookEvent {\n    id eventId type status error outcome attempts via receivedAt processedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminStripeWebhookEvents($first: Int!, $status: StripeEventStatus) {\n    stripeWebhookEvents(first: $first, status: $status) {nodes{ ...AdminStripeWebhookEvent }}\n  }\n"): (typeof documents)["\n  query AdminStripeWebhookEvents($first: Int!, $status: StripeEventStatus) {\n    stripeWebhookEvents(first: $first, status: $status) {nodes{ ...AdminStripeWebhookEvent }}\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminReplayStripeWebhookEvent($id: ID!) { replayStripeWebhookEvent(id: $id) { ...AdminStripeWebhookEvent } }\n"): (typeof documents)["\n  mutation AdminReplayStripeWebhookEvent($id: ID!) { replayStripeWebhookEvent(id: $id) { ...AdminStripeWebhookEvent } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminBillableTime($from: LocalDate, $to: LocalDate) {\n    timeEntries(status: APPROVED, uninvoicedOnly: true, worked: { from: $from, to: $to }, first: 1000) {\n      nodes {\n        id minutes billable\n        client { id name currency }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminBillableTime($from: LocalDate, $to: LocalDate) {\n    timeEntries(status: APPROVED, uninvoicedOnly: true, worked: { from: $from, to: $to }, first: 1000) {\n      nodes {\n        id minutes billable\n        client { id name currency }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminGenerateInvoices($input: GenerateInvoicesInput!) {\n    generateInvoices(input: $input) {\n      invoices { id number currency total displayStatus client { id name } }\n      skipped { clientId reason }\n    }\n  }\n"): (typeof documents)["\n  mutation AdminGenerateInvoices($input: GenerateInvoicesInput!) {\n    generateInvoices(input: $input) {\n      invoices { id number currency total displayStatus client { id name } }\n      skipped { clientId reason }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminIntegrationAvailability {\n    stripeConnection { accountId }\n    quickBooksConnection { status }\n  }\n"): (typeof documents)["\n  query AdminIntegrationAvailability {\n    stripeConnection { accountId }\n    quickBooksConnection { status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminSendInvoiceToQuickBooks($id: ID!) { sendInvoiceToQuickBooks(id: $id) { ...AdminInvoiceDetail } }\n"): (typeof documents)["\n  mutation AdminSendInvoiceToQuickBooks($id: ID!) { sendInvoiceToQuickBooks(id: $id) { ...AdminInvoiceDetail } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminEmailInvoiceViaQuickBooks($id: ID!) { emailInvoiceViaQuickBooks(id: $id) { ...AdminInvoiceDetail } }\n"): (typeof documents)["\n  mutation AdminEmailInvoiceViaQuickBooks($id: ID!) { emailInvoiceViaQuickBooks(id: $id) { ...AdminInvoiceDetail } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminInvoices($first: Int!, $after: String, $filter: InvoiceFilterInput) {\n    invoices(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo { ...AdminPageInfo }\n      edges {\n        node {\n          id number currency total balanceDue issueDate dueDate displayStatus\n          client { id name }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminInvoices($first: Int!, $after: String, $filter: InvoiceFilterInput) {\n    invoices(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo { ...AdminPageInfo }\n      edges {\n        node {\n          id number currency total balanceDue issueDate dueDate displayStatus\n          client { id name }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreateInvoice($input: CreateInvoiceInput!, $idempotencyKey: String) {\n    createInvoice(input: $input, idempotencyKey: $idempotencyKey) { id number }\n  }\n"): (typeof documents)["\n  mutation AdminCreateInvoice($input: CreateInvoiceInput!, $idempotencyKey: String) {\n    createInvoice(input: $input, idempotencyKey: $idempotencyKey) { id number }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminInvoiceLive on Invoice {\n    id status displayStatus amountPaid amountCredited balanceDue disputed\n    finalizedAt sentAt paidAt voidedAt uncollectibleAt updatedAt\n  }\n"): (typeof documents)["\n  fragment AdminInvoiceLive on Invoice {\n    id status displayStatus amountPaid amountCredited balanceDue disputed\n    finalizedAt sentAt paidAt voidedAt uncollectibleAt updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminInvoiceDetail on Invoice {\n    ...AdminInvoiceLive\n    number currency issueDate dueDate periodStart periodEnd\n    subtotal taxTotal total memo notes portalUrl payUrl payable lastPaymentError creditApplied heldAmount creditableAmount amountKeptAsCredit\n    client { id name billingEmail currency }\n    lines { id position kind description serviceId quantity unitPrice discount taxRateBps taxAmount amount }\n    payments { id amount kind method source reference receivedOn externalId createdAt cardBrand cardLast4 receiptUrl adjustsPaymentId refundableAmount voided voidable }\n    creditMemos { id amount reason createdAt toClientCredit }\n    paymentExceptions { id kind status amount currency }\n    activity { id at system label actorLabel via status }\n    reminders { offsetDays plannedFor status sentAt reason }\n    autopayHold { reason since checkedAt }\n  }\n"): (typeof documents)["\n  fragment AdminInvoiceDetail on Invoice {\n    ...AdminInvoiceLive\n    number currency issueDate dueDate periodStart periodEnd\n    subtotal taxTotal total memo notes portalUrl payUrl payable lastPaymentError creditApplied heldAmount creditableAmount amountKeptAsCredit\n    client { id name billingEmail currency }\n    lines { id position kind description serviceId quantity unitPrice discount taxRateBps taxAmount amount }\n    payments { id amount kind method source reference receivedOn externalId createdAt cardBrand cardLast4 receiptUrl adjustsPaymentId refundableAmount voided voidable }\n    creditMemos { id amount reason createdAt toClientCredit }\n    paymentExceptions { id kind status amount currency }\n    activity { id at system label actorLabel via status }\n    reminders { offsetDays plannedFor status sentAt reason }\n    autopayHold { reason since checkedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminPaymentResult on RecordPaymentResult { payment { id } invoice { ...AdminInvoiceDetail } }\n"): (typeof documents)["\n  fragment AdminPaymentResult on RecordPaymentResult { payment { id } invoice { ...AdminInvoiceDetail } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminInvoice($id: ID!) { invoice(id: $id) { ...AdminInvoiceDetail } }\n"): (typeof documents)["\n  query AdminInvoice($id: ID!) { invoice(id: $id) { ...AdminInvoiceDetail } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AdminInvoiceUpdated($invoiceId: ID!) {\n    invoiceUpdated(invoiceId: $invoiceId, current: true) { invoiceId invoice { ...AdminInvoiceLive } }\n  }\n"): (typeof documents)["\n  subscription AdminInvoiceUpdated($invoiceId: ID!) {\n    invoiceUpdated(invoiceId: $invoiceId, current: true) { invoiceId invoice { ...AdminInvoiceLive } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminSendInvoice($id: ID!, $destinations: [InvoiceDestination!], $idempotencyKey: String) {\n    sendInvoice(id: $id, destinations: $destinations, idempotencyKey: $idempotencyKey) { ...AdminInvoiceDetail }\n  }\n"): (typeof documents)["\n  mutation AdminSendInvoice($id: ID!, $destinations: [InvoiceDestination!], $idempotencyKey: String) {\n    sendInvoice(id: $id, destinations: $destinations, idempotencyKey: $idempotencyKey) { ...AdminInvoiceDetail }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminVoidInvoice($id: ID!, $releaseTimeEntries: Boolean!, $payments: VoidPaymentsInput) {\n    voidInvoice(id: $id, releaseTimeEntries: $releaseTimeEntries, payments: $payments) { ...AdminInvoiceDetail }\n  }\n"): (typeof documents)["\n  mutation AdminVoidInvoice($id: ID!, $releaseTimeEntries: Boolean!, $payments: VoidPaymentsInput) {\n    voidInvoice(id: $id, releaseTimeEntries: $releaseTimeEntries, payments: $payments) { ...AdminInvoiceDetail }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminMarkUncollectible($id: ID!) { markInvoiceUncollectible(id: $id) { ...AdminInvoiceDetail } }\n"): (typeof documents)["\n  mutation AdminMarkUncollectible($id: ID!) { markInvoiceUncollectible(id: $id) { ...AdminInvoiceDetail } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminReleaseVoidedInvoiceTime($id: ID!) { releaseVoidedInvoiceTime(invoiceId: $id) { ...AdminInvoiceDetail } }\n"): (typeof documents)["\n  mutation AdminReleaseVoidedInvoiceTime($id: ID!) { releaseVoidedInvoiceTime(invoiceId: $id) { ...AdminInvoiceDetail } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminRecordPayment($input: RecordPaymentInput!, $idempotencyKey: String) {\n    recordPayment(input: $input, idempotencyKey: $idempotencyKey) { ...AdminPaymentResult }\n  }\n"): (typeof documents)["\n  mutation AdminRecordPayment($input: RecordPaymentInput!, $idempotencyKey: String) {\n    recordPayment(input: $input, idempotencyKey: $idempotencyKey) { ...AdminPaymentResult }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminIssueCreditMemo($input: IssueCreditMemoInput!, $idempotencyKey: String) {\n    issueCreditMemo(input: $input, idempotencyKey: $idempotencyKey) { creditMemo { id } invoice { ...AdminInvoiceDetail } }\n  }\n"): (typeof documents)["\n  mutation AdminIssueCreditMemo($input: IssueCreditMemoInput!, $idempotencyKey: String) {\n    issueCreditMemo(input: $input, idempotencyKey: $idempotencyKey) { creditMemo { id } invoice { ...AdminInvoiceDetail } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminUpdateDraftInvoice($id: ID!, $input: UpdateDraftInvoiceInput!) {\n    updateDraftInvoice(id: $id, input: $input) { ...AdminInvoiceDetail }\n  }\n"): (typeof documents)["\n  mutation AdminUpdateDraftInvoice($id: ID!, $input: UpdateDraftInvoiceInput!) {\n    updateDraftInvoice(id: $id, input: $input) { ...AdminInvoiceDetail }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminRefundPayment($input: RefundPaymentInput!, $idempotencyKey: String) {\n    refundPayment(input: $input, idempotencyKey: $idempotencyKey) { ...AdminPaymentResult }\n  }\n"): (typeof documents)["\n  mutation AdminRefundPayment($input: RefundPaymentInput!, $idempotencyKey: String) {\n    refundPayment(input: $input, idempotencyKey: $idempotencyKey) { ...AdminPaymentResult }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminVoidPayment($input: VoidPaymentInput!, $idempotencyKey: String) {\n    voidPayment(input: $input, idempotencyKey: $idempotencyKey) { adjustment { id } invoice { ...AdminInvoiceDetail } }\n  }\n"): (typeof documents)["\n  mutation AdminVoidPayment($input: VoidPaymentInput!, $idempotencyKey: String) {\n    voidPayment(input: $input, idempotencyKey: $idempotencyKey) { adjustment { id } invoice { ...AdminInvoiceDetail } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AdminOrgInvoiceUpdated { invoiceUpdated { invoiceId invoice { ...AdminInvoiceLive } } }\n"): (typeof documents)["\n  subscription AdminOrgInvoiceUpdated { invoiceUpdated { invoiceId invoice { ...AdminInvoiceLive } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminPayments(\n    $first: Int!\n    $after: String\n    $clientId: ID\n    $received: DateRangeInput\n    $kind: PaymentKind\n    $withTotals: Boolean! = false\n  ) {\n    payments(\n      first: $first\n      after: $after\n      clientId: $clientId\n      received: $received\n      kind: $kind\n      orderBy: RECEIVED_NEWEST\n    ) {\n      totalCount\n      totals @include(if: $withTotals) { currency amount count }\n      pageInfo { ...AdminPageInfo }\n      nodes {\n        id kind source method amount currency receivedOn reference voided\n        invoice { id number }\n        client { id name }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminPayments(\n    $first: Int!\n    $after: String\n    $clientId: ID\n    $received: DateRangeInput\n    $kind: PaymentKind\n    $withTotals: Boolean! = false\n  ) {\n    payments(\n      first: $first\n      after: $after\n      clientId: $clientId\n      received: $received\n      kind: $kind\n      orderBy: RECEIVED_NEWEST\n    ) {\n      totalCount\n      totals @include(if: $withTotals) { currency amount count }\n      pageInfo { ...AdminPageInfo }\n      nodes {\n        id kind source method amount currency receivedOn reference voided\n        invoice { id number }\n        client { id name }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminPortalUser on PortalUser { id name email clientId invitedAt acceptedAt disabled }\n"): (typeof documents)["\n  fragment AdminPortalUser on PortalUser { id name email clientId invitedAt acceptedAt disabled }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminPortalUsers($clientId: ID) { portalUsers(clientId: $clientId) { ...AdminPortalUser } }\n"): (typeof documents)["\n  query AdminPortalUsers($clientId: ID) { portalUsers(clientId: $clientId) { ...AdminPortalUser } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminInvitePortalUser($input: InvitePortalUserInput!) {\n    invitePortalUser(input: $input) { ...AdminPortalUser }\n  }\n"): (typeof documents)["\n  mutation AdminInvitePortalUser($input: InvitePortalUserInput!) {\n    invitePortalUser(input: $input) { ...AdminPortalUser }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminSetPortalUserEnabled($id: ID!, $enabled: Boolean!) {\n    enablePortalUser(id: $id) @include(if: $enabled) { ...AdminPortalUser }\n    disablePortalUser(id: $id) @skip(if: $enabled) { ...AdminPortalUser }\n  }\n"): (typeof documents)["\n  mutation AdminSetPortalUserEnabled($id: ID!, $enabled: Boolean!) {\n    enablePortalUser(id: $id) @include(if: $enabled) { ...AdminPortalUser }\n    disablePortalUser(id: $id) @skip(if: $enabled) { ...AdminPortalUser }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminReconciliationRunSummary on ReconciliationRun { id periodFrom periodTo trigger createdAt discrepancyCount }\n"): (typeof documents)["\n  fragment AdminReconciliationRunSummary on ReconciliationRun { id periodFrom periodTo trigger createdAt discrepancyCount }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminReconciliationRun on ReconciliationRun {\n    ...AdminReconciliationRunSummary\n    invoiceCount moneyCount systems\n    stripeCalls quickBooksCalls durationMs csvUrl\n    discrepancies {\n      id type label systems invoiceId invoiceNumber subject currency\n      settleAmount stripeAmount quickBooksAmount detail suggestedFix fix status fixResult fixedAt\n    }\n  }\n"): (typeof documents)["\n  fragment AdminReconciliationRun on ReconciliationRun {\n    ...AdminReconciliationRunSummary\n    invoiceCount moneyCount systems\n    stripeCalls quickBooksCalls durationMs csvUrl\n    discrepancies {\n      id type label systems invoiceId invoiceNumber subject currency\n      settleAmount stripeAmount quickBooksAmount detail suggestedFix fix status fixResult fixedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminReconciliationRuns {\n    reconciliationRuns(first: 10) { nodes { ...AdminReconciliationRunSummary } }\n  }\n"): (typeof documents)["\n  query AdminReconciliationRuns {\n    reconciliationRuns(first: 10) { nodes { ...AdminReconciliationRunSummary } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminReconciliationRun($id: ID!) {\n    reconciliationRun(id: $id) { ...AdminReconciliationRun }\n  }\n"): (typeof documents)["\n  query AdminReconciliationRun($id: ID!) {\n    reconciliationRun(id: $id) { ...AdminReconciliationRun }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminRunReconciliation($period: PeriodInput!) {\n    runReconciliation(period: $period) { ...AdminReconciliationRun }\n  }\n"): (typeof documents)["\n  mutation AdminRunReconciliation($period: PeriodInput!) {\n    runReconciliation(period: $period) { ...AdminReconciliationRun }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminFixReconciliationDiscrepancy($id: ID!) {\n    fixReconciliationDiscrepancy(id: $id) { id status fixResult fixedAt }\n  }\n"): (typeof documents)["\n  mutation AdminFixReconciliationDiscrepancy($id: ID!) {\n    fixReconciliationDiscrepancy(id: $id) { id status fixResult fixedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminLatestReconciliation {\n    reconciliationRuns(first: 1) {\n      nodes {\n        ...AdminReconciliationRunSummary\n        openWithQuickBooks: openDiscrepancyCount(system: QUICKBOOKS)\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminLatestReconciliation {\n    reconciliationRuns(first: 1) {\n      nodes {\n        ...AdminReconciliationRunSummary\n        openWithQuickBooks: openDiscrepancyCount(system: QUICKBOOKS)\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminReminderPolicy on EffectiveReminderPolicy { clientId enabled offsets source inherited }\n"): (typeof documents)["\n  fragment AdminReminderPolicy on EffectiveReminderPolicy { clientId enabled offsets source inherited }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminReminderPolicy($clientId: ID) {\n    reminderPolicy(clientId: $clientId) { ...AdminReminderPolicy }\n  }\n"): (typeof documents)["\n  query AdminReminderPolicy($clientId: ID) {\n    reminderPolicy(clientId: $clientId) { ...AdminReminderPolicy }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminSetReminderPolicy($input: ReminderPolicyInput!) {\n    setReminderPolicy(input: $input) { ...AdminReminderPolicy }\n  }\n"): (typeof documents)["\n  mutation AdminSetReminderPolicy($input: ReminderPolicyInput!) {\n    setReminderPolicy(input: $input) { ...AdminReminderPolicy }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminClearClientReminderPolicy($clientId: ID!) {\n    clearClientReminderPolicy(clientId: $clientId) { ...AdminReminderPolicy }\n  }\n"): (typeof documents)["\n  mutation AdminClearClientReminderPolicy($clientId: ID!) {\n    clearClientReminderPolicy(clientId: $clientId) { ...AdminReminderPolicy }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminOrgCreditSettings {\n    clientCreditSettings { ...AdminClientCreditSettings }\n  }\n"): (typeof documents)["\n  query AdminOrgCreditSettings {\n    clientCreditSettings { ...AdminClientCreditSettings }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminUpdateOrgCreditSettings($on: Boolean!) {\n    updateClientCreditSettings(input: { applyCreditAutomatically: $on }) { ...AdminClientCreditSettings }\n  }\n"): (typeof documents)["\n  mutation AdminUpdateOrgCreditSettings($on: Boolean!) {\n    updateClientCreditSettings(input: { applyCreditAutomatically: $on }) { ...AdminClientCreditSettings }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminInvoiceSettings {\n    organization { id timeItemization timeZone billingEmail }\n  }\n"): (typeof documents)["\n  query AdminInvoiceSettings {\n    organization { id timeItemization timeZone billingEmail }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminUpdateInvoiceSettings($input: OrganizationSettingsInput!) {\n    updateOrganizationSettings(input: $input) { id timeItemization timeZone billingEmail }\n  }\n"): (typeof documents)["\n  mutation AdminUpdateInvoiceSettings($input: OrganizationSettingsInput!) {\n    updateOrganizationSettings(input: $input) { id timeItemization timeZone billingEmail }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminPaymentSettings on PaymentSettings {\n    sendVia linkLifetimeHours emailPayLink emailPaymentConfirmation allowPartialPayments\n  }\n"): (typeof documents)["\n  fragment AdminPaymentSettings on PaymentSettings {\n    sendVia linkLifetimeHours emailPayLink emailPaymentConfirmation allowPartialPayments\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminPaymentSettings {\n    paymentSettings { ...AdminPaymentSettings }\n    stripeConnection { accountId mode }\n  }\n"): (typeof documents)["\n  query AdminPaymentSettings {\n    paymentSettings { ...AdminPaymentSettings }\n    stripeConnection { accountId mode }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminUpdatePaymentSettings($input: PaymentSettingsInput!) {\n    updatePaymentSettings(input: $input) { ...AdminPaymentSettings }\n  }\n"): (typeof documents)["\n  mutation AdminUpdatePaymentSettings($input: PaymentSettingsInput!) {\n    updatePaymentSettings(input: $input) { ...AdminPaymentSettings }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminTeamUser on AdminUser { id name email role disabled }\n"): (typeof documents)["\n  fragment AdminTeamUser on AdminUser { id name email role disabled }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminTeam { users { ...AdminTeamUser } }\n"): (typeof documents)["\n  query AdminTeam { users { ...AdminTeamUser } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminAddUser($input: CreateUserInput!, $idempotencyKey: String) {\n    createUser(input: $input, idempotencyKey: $idempotencyKey) { ...AdminTeamUser }\n  }\n"): (typeof documents)["\n  mutation AdminAddUser($input: CreateUserInput!, $idempotencyKey: String) {\n    createUser(input: $input, idempotencyKey: $idempotencyKey) { ...AdminTeamUser }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminUpdateUser($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { ...AdminTeamUser } }\n"): (typeof documents)["\n  mutation AdminUpdateUser($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { ...AdminTeamUser } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminSetUserEnabled($id: ID!, $enabled: Boolean!) {\n    enableUser(id: $id) @include(if: $enabled) { ...AdminTeamUser }\n    disableUser(id: $id) @skip(if: $enabled) { ...AdminTeamUser }\n  }\n"): (typeof documents)["\n  mutation AdminSetUserEnabled($id: ID!, $enabled: Boolean!) {\n    enableUser(id: $id) @include(if: $enabled) { ...AdminTeamUser }\n    disableUser(id: $id) @skip(if: $enabled) { ...AdminTeamUser }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminTimesheetEntry on TimeEntry {\n    id workDate minutes note status billable rejectionReason invoiceId\n    client { id name }\n    ticket { id title }\n    service { id name }\n  }\n"): (typeof documents)["\n  fragment AdminTimesheetEntry on TimeEntry {\n    id workDate minutes note status billable rejectionReason invoiceId\n    client { id name }\n    ticket { id title }\n    service { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminTicketOptions { tickets(first: 500) {nodes{ id title client { id name archivedAt } }} }\n"): (typeof documents)["\n  query AdminTicketOptions { tickets(first: 500) {nodes{ id title client { id name archivedAt } }} }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdminLogTime($input: LogTimeInput!) { logTime(input: $input) { ...AdminTimesheetEntry } }"): (typeof documents)["mutation AdminLogTime($input: LogTimeInput!) { logTime(input: $input) { ...AdminTimesheetEntry } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdminUpdateTimeEntry($id: ID!, $input: UpdateTimeEntryInput!) { updateTimeEntry(id: $id, input: $input) { ...AdminTimesheetEntry } }"): (typeof documents)["mutation AdminUpdateTimeEntry($id: ID!, $input: UpdateTimeEntryInput!) { updateTimeEntry(id: $id, input: $input) { ...AdminTimesheetEntry } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminTimeEntries($status: TimeEntryStatus) {\n    timeEntries(status: $status, first: 200) {\n      nodes {\n        ...AdminTimesheetEntry\n        technician { id name }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminTimeEntries($status: TimeEntryStatus) {\n    timeEntries(status: $status, first: 200) {\n      nodes {\n        ...AdminTimesheetEntry\n        technician { id name }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminApproveTime($ids: [ID!]!) { approveTimeEntries(ids: $ids) { id status approvedAt } }\n"): (typeof documents)["\n  mutation AdminApproveTime($ids: [ID!]!) { approveTimeEntries(ids: $ids) { id status approvedAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminRejectTime($ids: [ID!]!, $reason: String!) {\n    rejectTimeEntries(ids: $ids, reason: $reason) { id status rejectionReason }\n  }\n"): (typeof documents)["\n  mutation AdminRejectTime($ids: [ID!]!, $reason: String!) {\n    rejectTimeEntries(ids: $ids, reason: $reason) { id status rejectionReason }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminTimesheetWeek($technicianId: ID, $from: LocalDate!, $to: LocalDate!) {\n    timeEntries(technicianId: $technicianId, worked: { from: $from, to: $to }, first: 500) {nodes{ ...AdminTimesheetEntry }}\n  }\n"): (typeof documents)["\n  query AdminTimesheetWeek($technicianId: ID, $from: LocalDate!, $to: LocalDate!) {\n    timeEntries(technicianId: $technicianId, worked: { from: $from, to: $to }, first: 500) {nodes{ ...AdminTimesheetEntry }}\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminTimesheetRejected($technicianId: ID) {\n    timeEntries(technicianId: $technicianId, status: REJECTED, first: 100) {nodes{ ...AdminTimesheetEntry }}\n  }\n"): (typeof documents)["\n  query AdminTimesheetRejected($technicianId: ID) {\n    timeEntries(technicianId: $technicianId, status: REJECTED, first: 100) {nodes{ ...AdminTimesheetEntry }}\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminSubmitTime($ids: [ID!]!) { submitTimeEntries(ids: $ids) { id status rejectionReason } }\n"): (typeof documents)["\n  mutation AdminSubmitTime($ids: [ID!]!) { submitTimeEntries(ids: $ids) { id status rejectionReason } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminQuickBooksWebhookEvents {\n    quickBooksWebhookEvents(first: 100) {nodes{ id format entityCount realmIds receivedAt processedAt error }}\n  }\n"): (typeof documents)["\n  query AdminQuickBooksWebhookEvents {\n    quickBooksWebhookEvents(first: 100) {nodes{ id format entityCount realmIds receivedAt processedAt error }}\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminWebhookEndpoint on WebhookEndpointView {\n    id\n    url\n    description\n    events\n    enabled\n    disabledReason\n    secretPrefix\n    createdAt\n  }\n"): (typeof documents)["\n  fragment AdminWebhookEndpoint on WebhookEndpointView {\n    id\n    url\n    description\n    events\n    enabled\n    disabledReason\n    secretPrefix\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminWebhookEndpoints { webhookEndpoints { ...AdminWebhookEndpoint } }\n"): (typeof documents)["\n  query AdminWebhookEndpoints { webhookEndpoints { ...AdminWebhookEndpoint } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminWebhookDeliveries($endpointId: ID!, $first: Int!, $after: String) {\n    webhookDeliveries(endpointId: $endpointId, first: $first, after: $after) {\n      totalCount\n      pageInfo { ...AdminPageInfo }\n      nodes {\n      id\n      eventId\n      eventType\n      objectId\n      status\n      attemptCount\n      httpStatus\n      latencyMs\n      responseExcerpt\n      error\n      lastAttemptAt\n      nextRetryAt\n      createdAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminWebhookDeliveries($endpointId: ID!, $first: Int!, $after: String) {\n    webhookDeliveries(endpointId: $endpointId, first: $first, after: $after) {\n      totalCount\n      pageInfo { ...AdminPageInfo }\n      nodes {\n      id\n      eventId\n      eventType\n      objectId\n      status\n      attemptCount\n      httpStatus\n      latencyMs\n      responseExcerpt\n      error\n      lastAttemptAt\n      nextRetryAt\n      createdAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminWebhookEndpointSecret on WebhookEndpointSecretResult { secret endpoint { ...AdminWebhookEndpoint } }\n"): (typeof documents)["\n  fragment AdminWebhookEndpointSecret on WebhookEndpointSecretResult { secret endpoint { ...AdminWebhookEndpoint } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) { ...AdminWebhookEndpointSecret }\n  }\n"): (typeof documents)["\n  mutation AdminCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) { ...AdminWebhookEndpointSecret }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminUpdateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(id: $id, input: $input) { ...AdminWebhookEndpoint }\n  }\n"): (typeof documents)["\n  mutation AdminUpdateWebhookEndpoint($id: ID!, $input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(id: $id, input: $input) { ...AdminWebhookEndpoint }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminSetWebhookEndpointEnabled($id: ID!, $enabled: Boolean!) {\n    enableWebhookEndpoint(id: $id) @include(if: $enabled) { ...AdminWebhookEndpoint }\n    disableWebhookEndpoint(id: $id) @skip(if: $enabled) { ...AdminWebhookEndpoint }\n  }\n"): (typeof documents)["\n  mutation AdminSetWebhookEndpointEnabled($id: ID!, $enabled: Boolean!) {\n    enableWebhookEndpoint(id: $id) @include(if: $enabled) { ...AdminWebhookEndpoint }\n    disableWebhookEndpoint(id: $id) @skip(if: $enabled) { ...AdminWebhookEndpoint }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminDeleteWebhookEndpoint($id: ID!) { deleteWebhookEndpoint(id: $id) }\n"): (typeof documents)["\n  mutation AdminDeleteWebhookEndpoint($id: ID!) { deleteWebhookEndpoint(id: $id) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminRotateWebhookSecret($id: ID!) {\n    rotateWebhookSecret(id: $id) { ...AdminWebhookEndpointSecret }\n  }\n"): (typeof documents)["\n  mutation AdminRotateWebhookSecret($id: ID!) {\n    rotateWebhookSecret(id: $id) { ...AdminWebhookEndpointSecret }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminResendWebhookDelivery($id: ID!) { resendWebhookDelivery(id: $id) { id status } }\n"): (typeof documents)["\n  mutation AdminResendWebhookDelivery($id: ID!) { resendWebhookDelivery(id: $id) { id status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminSendTestWebhookEvent($endpointId: ID!) { sendTestWebhookEvent(endpointId: $endpointId) { id } }\n"): (typeof documents)["\n  mutation AdminSendTestWebhookEvent($endpointId: ID!) { sendTestWebhookEvent(endpointId: $endpointId) { id } }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;