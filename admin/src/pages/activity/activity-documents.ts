import { graphql } from '../../gql';

export const ActivityQuery = graphql(`
  query AdminActivity(
    $actorType: ActorType
    $actorId: String
    $entityType: String
    $action: String
    $from: String
    $to: String
    $first: Int!
    $before: String
  ) {
    auditEvents(
      actorType: $actorType
      actorId: $actorId
      entityType: $entityType
      action: $action
      from: $from
      to: $to
      first: $first
      before: $before
    ) {
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
  }
`);
