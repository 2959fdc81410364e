import { graphql } from '../../gql';

export const QuickBooksConnectionFragment = graphql(`
  fragment AdminQuickBooksConnection on QuickBooksConnectionView {
    configured status companyName realmId sandbox connectedAt lastError
    mapping {
      payNowEnabled cardEnabled achEnabled stripeConnected
      defaultItemId defaultItemName fallbackItemId incomeAccountId incomeAccountName
      feeExpenseAccountId feeBankAccountId feeReconciliationEnabled pushOnGenerate payoutBankAccountId payoutDepositsEnabled
      taxCodes { rateBps taxCodeId }
    }
  }
`);

export const QuickBooksConnectionQuery = graphql(`
  query AdminQuickBooksConnection { quickBooksConnection { ...AdminQuickBooksConnection } }
`);

export const QuickBooksAuthorizeUrl = graphql(`
  query AdminQuickBooksAuthorizeUrl { quickBooksAuthorizeUrl }
`);

export const DisconnectQuickBooks = graphql(`
  mutation AdminDisconnectQuickBooks { disconnectQuickBooks { ...AdminQuickBooksConnection } }
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

export const QuickBooksTaxCodesQuery = graphql(`
  query AdminQuickBooksTaxCodes { quickBooksTaxCodes { id name active salesRatePercent } }
`);

/** What the exceptions card shows of one; resolving or retrying one returns it whole, so the cache keeps it current. */
export const QuickBooksExceptionFragment = graphql(`
  fragment AdminQuickBooksException on QuickBooksException {
    id kind message operationId createdAt resolvedAt resolvedBy canRetry canKeepSettle canAcceptQuickBooks
    differences { field settle quickBooks }
  }
`);

export const QuickBooksExceptionsQuery = graphql(`
  query AdminQuickBooksExceptions($includeResolved: Boolean!) {
    quickBooksExceptions(includeResolved: $includeResolved, first: 200) { nodes { ...AdminQuickBooksException } }
  }
`);

/** An edit made in QuickBooks: keep Settle's version (pushed over it), or accept QuickBooks' (a customer's name and email). */
export const SettleQuickBooksEdit = graphql(`
  mutation AdminSettleQuickBooksEdit($id: ID!, $acceptQuickBooks: Boolean!) {
    keepSettleVersion(id: $id) @skip(if: $acceptQuickBooks) { ...AdminQuickBooksException }
    acceptQuickBooksVersion(id: $id) @include(if: $acceptQuickBooks) { ...AdminQuickBooksException }
  }
`);

/** Retries the exception's operation when `retry`, otherwise marks it resolved: the card's two buttons, one document. */
export const ActOnQuickBooksException = graphql(`
  mutation AdminActOnQuickBooksException($id: ID!, $retry: Boolean!) {
    retryQuickBooksException(id: $id) @include(if: $retry) { ...AdminQuickBooksException }
    resolveQuickBooksException(id: $id) @skip(if: $retry) { ...AdminQuickBooksException }
  }
`);
