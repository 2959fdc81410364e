import { ADMIN_PEOPLE } from '../../graphql/access-policy.js';
import type { SettleModule } from '../../app/settle-module.js';
import { UsersResolver } from './users.resolver.js';
import { usersSetup } from './users.services.js';

/**
 * Managing the org's staff users (the users table is auth's): rename, change role, disable, enable.
 * People only, as createUser: a token must not widen anyone's power. Who may change whom (owners over
 * owners, never above one's own role, never oneself out, one enabled owner kept) is user-rules.ts.
 */
export const usersModule: SettleModule = {
  name: 'users',
  resolvers: [UsersResolver],
  access: {
    Mutation: {
      updateUser: ADMIN_PEOPLE,
      disableUser: ADMIN_PEOPLE,
      enableUser: ADMIN_PEOPLE,
    },
  },
  setup: usersSetup,
};
