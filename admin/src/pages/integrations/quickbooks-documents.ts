import { graphql } from '../../gql';

export const QuickBooksConnectionFragment = graphql(`
  fragment AdminQuickBooksConnection on QuickBooksConnectionView {
    configured status companyName realmId sandbox connectedAt lastError
    mapping {
      payNowEnabled cardEnabled achEnabled stripeConnected
      defaultItemId defaultItemName fallbackItemId incomeAccountId incomeAccountName
      feeExpenseAccountId feeBankAccountId feeReconciliationEnabled
    }
  }
`);

export const QuickBooksConnectionQuery = graphql(`
  query AdminQuickBooksConnection {
    quickBooksConnection { ...AdminQuickBooksConnection }
  }
`);

export const QuickBooksAuthorizeUrl = graphql(`
  mutation AdminQuickBooksAuthorizeUrl {
    quickBooksAuthorizeUrl
  }
`);

export const DisconnectQuickBooks = graphql(`
  mutation AdminDisconnectQuickBooks {
    disconnectQuickBooks { ...AdminQuickBooksConnection }
  }
`);

export const UpdateQuickBooksMapping = graphql(`
  mutation AdminUpdateQuickBooksMapping($input: QuickBooksMappingInput!) {
    updateQuickBooksMapping(input: $input) { ...AdminQuickBooksConnection }
  }
`);

export const QuickBooksRefsQuery = graphql(`
  query AdminQuickBooksRefs {
    quickBooksItems { id name type active }
    quickBooksAccounts { id name type active }
  }
`);

export const QuickBooksExceptionsQuery = graphql(`
  query AdminQuickBooksExceptions($includeResolved: Boolean!) {
    quickBooksExceptions(includeResolved: $includeResolved) { id kind message operationId createdAt resolvedAt resolvedBy }
  }
`);

export const ResolveQuickBooksException = graphql(`
  mutation AdminResolveQuickBooksException($id: ID!) {
    resolveQuickBooksException(id: $id) { id resolvedAt resolvedBy }
  }
`);

export const RetryQuickBooksException = graphql(`
  mutation AdminRetryQuickBooksException($id: ID!) {
    retryQuickBooksException(id: $id) { id resolvedAt resolvedBy }
  }
`);
