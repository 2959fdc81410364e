import { graphql } from '../../gql';

export const ActivityQuery = graphql(`
  query AdminActivity(
    $actorType: ActorType
    $actorId: String
    $entityType: String
    $action: String
    $occurred: DateRangeInput
    $first: Int!
    $after: String
  ) {
    auditEvents(
      actorType: $actorType
      actorId: $actorId
      entityType: $entityType
      action: $action
      occurred: $occurred
      first: $first
      after: $after
    ) {
      nodes {
        id
        createdAt
        actorType
        actorId
        actorLabel
        via
        action
        label
        entityType
        entityId
      }
      pageInfo {
        ...AdminPageInfo
      }
    }
  }
`);
