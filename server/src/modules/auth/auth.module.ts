import { ADMIN, ADMIN_PEOPLE, BILLING, PUBLIC, SESSION, SIGNED_IN, staff } from '../../graphql/access-policy.js';
import type { SettleModule } from '../../app/settle-module.js';
import { ApiToken } from './api-token.entity.js';
import { AuthResolver } from './auth.resolver.js';
import { ApiTokenActsAsResolver } from './api-token.resolver.js';
import { AccessScopes1795300010000 } from './migrations/0008-access-scopes.migration.js';
import { AuthChangeNotify1795300034000 } from './migrations/0031-auth-change-notify.migration.js';
import { ArchivedClientSignsOut1795300042000 } from './migrations/0039-archived-client-signs-out.migration.js';
import { StaffPasswordResets1795300082000 } from './migrations/0049-staff-password-resets.migration.js';
import { ExpiredSignInSweep1795300086000 } from './migrations/0053-expired-sign-in-sweep.migration.js';
import { sweepExpiredSignIns } from './expired-sign-in-sweep.js';
import { logger } from '../../platform/logger.js';
import { StaffPasswordResolver } from './staff-password.resolver.js';
import { PortalUser } from './portal-user.entity.js';
import { MagicLink, PasswordReset, Session } from './session.entity.js';
import { User } from './user.entity.js';
import { viewNodeSource } from '../../graphql/node.js';
import { AdminUserView, ApiTokenView, PortalUserView } from './auth.types.js';

/** Any staff user signed in as themselves (no API token, no portal user): their own password. */
const STAFF_PEOPLE = staff('TECHNICIAN', { people: true });

/** Staff and portal users, sessions, magic links and API tokens. */
export const authModule: SettleModule = {
  name: 'auth',
  entities: [User, PortalUser, ApiToken, Session, MagicLink, PasswordReset],
  migrations: [
    AccessScopes1795300010000,
    AuthChangeNotify1795300034000,
    ArchivedClientSignsOut1795300042000,
    StaffPasswordResets1795300082000,
    ExpiredSignInSweep1795300086000,
  ],
  resolvers: [AuthResolver, ApiTokenActsAsResolver, StaffPasswordResolver],
  setup: (c) => ({
    tasks: {
      'auth.magic-link': async ({ email, orgSlug }) => c.auth.requestMagicLink(email, orgSlug ?? undefined),
      'auth.password-reset': async ({ email }) => c.auth.staffPasswords.requestReset(email),
      'auth.sweep-expired': async () => {
        const deleted = await sweepExpiredSignIns(c.db);
        if (Object.values(deleted).some(Boolean)) logger.info({ deleted }, 'expired sign-in rows deleted');
      },
    },
    schedules: [{ task: 'auth.sweep-expired', match: '41 * * * *', identifier: 'auth-sweep-expired' }],
  }),
  nodes: [
    viewNodeSource(User, (u) => AdminUserView.from(u), { access: ADMIN }),
    viewNodeSource(PortalUser, (u) => PortalUserView.from(u), { access: BILLING }),
    viewNodeSource(ApiToken, (t) => ApiTokenView.from(t), { access: ADMIN }),
  ],
  access: {
    Query: {
      me: SIGNED_IN,
      signInLink: PUBLIC,
      users: ADMIN,
      apiTokens: ADMIN,
      portalUsers: BILLING,
    },
    ApiToken: { actsAs: ADMIN },
    Mutation: {
      login: PUBLIC,
      portalLogin: PUBLIC,
      acceptPortalInvite: PUBLIC,
      requestMagicLink: PUBLIC,
      loginWithMagicLink: PUBLIC,
      requestPasswordReset: PUBLIC,
      resetPassword: PUBLIC,
      changePassword: STAFF_PEOPLE,
      logout: PUBLIC,
      logoutEverywhere: SESSION,
      createUser: ADMIN_PEOPLE,
      createApiToken: ADMIN_PEOPLE,
      revokeApiToken: ADMIN_PEOPLE,
      invitePortalUser: BILLING,
      disablePortalUser: BILLING,
      enablePortalUser: BILLING,
    },
  },
};
