import { graphql } from '../../gql';

export const TeamUserFields = graphql(`
  fragment AdminTeamUser on AdminUser { id name email role disabled }
`);

export const TeamQuery = graphql(`
  query AdminTeam { users { ...AdminTeamUser } }
`);

export const AddUserMutation = graphql(`
  mutation AdminAddUser($input: CreateUserInput!, $idempotencyKey: String) {
    createUser(input: $input, idempotencyKey: $idempotencyKey) { ...AdminTeamUser }
  }
`);

export const UpdateUserMutation = graphql(`
  mutation AdminUpdateUser($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { ...AdminTeamUser } }
`);

/** Enables the user when `enabled`, otherwise disables them: the row's one Enable/Disable action, one document. */
export const SetUserEnabledMutation = graphql(`
  mutation AdminSetUserEnabled($id: ID!, $enabled: Boolean!) {
    enableUser(id: $id) @include(if: $enabled) { ...AdminTeamUser }
    disableUser(id: $id) @skip(if: $enabled) { ...AdminTeamUser }
  }
`);
