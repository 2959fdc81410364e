import { graphql } from '../gql';

/**
 * What the admin app reads of a connection's page: whether more follow, and the cursor to ask for them
 * with (web-kit's Pager and the activity log's "Load more"). A fragment on PageInfo, as each connection
 * is its own type (no Connection interface to hang `totalCount` on): a list selects that beside it.
 */
export const PageInfoFields = graphql(`
  fragment AdminPageInfo on PageInfo { hasNextPage endCursor }
`);
