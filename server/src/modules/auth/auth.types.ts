import { Field, ID, ObjectType } from 'type-graphql';
import { Organization } from '../organizations/organization.entity.js';
import type { ApiToken } from './api-token.entity.js';
import type { PortalUser } from './portal-user.entity.js';
import type { User } from './user.entity.js';
import { Node } from '../../graphql/node.js';
import { describedEnum, registerDescribedEnum } from '../../graphql/described-enum.js';

export const RoleEnum = describedEnum('Role', 'What a staff user may do.', {
  OWNER: 'Everything, including the organization itself.',
  ADMIN: 'Everything but ownership: users, settings, integrations.',
  BILLING: 'Clients, invoices, payments and time approval.',
  TECHNICIAN: 'Their own time entries, and tickets.',
});
export type RoleEnum = keyof typeof RoleEnum;

/** GraphQL face of a token scope (graphql/access-policy.ts): READ queries only, BILLING as a billing user, ADMIN as an admin. */
export enum ApiTokenScopeEnum {
  READ = 'read',
  BILLING = 'billing',
  ADMIN = 'admin',
}
registerDescribedEnum(
  ApiTokenScopeEnum,
  'ApiTokenScope',
  'READ: queries only. BILLING: what a BILLING user may do. ADMIN: what an ADMIN may do, except minting tokens, creating users and connecting or disconnecting Stripe and QuickBooks.',
  {
    READ: 'Queries only.',
    BILLING: 'What a billing user may do.',
    ADMIN: 'What an admin may do.',
  },
);

export const PrincipalKind = describedEnum('PrincipalKind', 'What kind of caller is signed in.', {
  USER: 'A staff user.',
  TOKEN: 'An API token.',
  PORTAL: "A client's portal user.",
});
export type PrincipalKind = keyof typeof PrincipalKind;

/** A view of `row` with only the named fields copied (and `extra` set): never the hashes beside them. */
function viewOf<V extends object, R, K extends keyof R & keyof V>(
  View: new () => V,
  row: R,
  keys: K[],
  extra?: Partial<V>,
): V {
  return Object.assign(new View(), Object.fromEntries(keys.map((k) => [k, row[k]])), extra);
}

/** What an admin user and a portal user both show: who they are, never how they sign in. */
@ObjectType()
abstract class PersonView {
  @Field(() => ID, { description: 'Their id.' }) id: string;
  @Field(() => String, { description: 'Their sign-in email.' }) email: string;
  @Field(() => String, { description: 'Their name.' }) name: string;
}

/** The public face of an admin user: never the password hash. */
@ObjectType('AdminUser', { description: 'A staff user of the org (admin app and API).', implements: Node })
export class AdminUserView extends PersonView {
  @Field(() => RoleEnum, { description: 'What they may do.' }) role: RoleEnum;
  @Field(() => Boolean, {
    description: 'A disabled user cannot sign in; their sessions ended when they were disabled.',
  })
  disabled: boolean;

  static from(u: User): AdminUserView {
    return viewOf(AdminUserView, u, ['id', 'email', 'name'], { role: u.role as RoleEnum, disabled: !!u.disabledAt });
  }
}

@ObjectType('PortalUser', { description: "A client's person who signs in to the client portal.", implements: Node })
export class PortalUserView extends PersonView {
  @Field(() => ID, { description: 'The client they see invoices of.' }) clientId: string;
  @Field(() => Date, { description: 'When they were (last) invited.' }) invitedAt: Date;
  @Field(() => Date, { description: 'When they accepted the invitation (null: still invited).', nullable: true })
  acceptedAt: Date | null;
  @Field(() => Boolean, {
    description:
      'A disabled portal user cannot sign in; their sessions and sign-in links ended when they were disabled.',
  })
  disabled: boolean;

  static from(u: PortalUser): PortalUserView {
    return viewOf(PortalUserView, u, ['id', 'clientId', 'email', 'name', 'invitedAt', 'acceptedAt'], {
      disabled: !!u.disabledAt,
    });
  }
}

/** An integrator's token as listed: name and prefix only; the token itself is shown once, at creation. */
@ObjectType('ApiToken', { description: 'An API token of the org, shown by its prefix only.', implements: Node })
export class ApiTokenView {
  @Field(() => ID, { description: "The token's id (not the token)." }) id: string;
  @Field(() => String, { description: 'The name it was given.' }) name: string;
  @Field(() => String, { description: 'The first characters, to recognise the token.' }) prefix: string;
  @Field(() => ApiTokenScopeEnum, { description: 'What it may do.' }) scope: ApiTokenScopeEnum;
  @Field(() => Date, { description: 'When it was created.' }) createdAt: Date;
  @Field(() => Date, { description: 'When it last made a request (null: never).', nullable: true })
  lastUsedAt: Date | null;
  @Field(() => Date, { description: 'When it was revoked (null while it works).', nullable: true })
  revokedAt: Date | null;
  /** Who made it (not a field: `actsAs` reads what that person may do now). */
  createdBy: string | null;

  static from(t: ApiToken): ApiTokenView {
    return viewOf(ApiTokenView, t, ['id', 'name', 'prefix', 'createdAt', 'lastUsedAt', 'revokedAt', 'createdBy'], {
      scope: t.scope as ApiTokenScopeEnum,
    });
  }
}

@ObjectType({ description: 'A new API token: the token itself is in this answer only.' })
export class CreatedApiToken {
  @Field(() => ApiTokenView, { description: "The token's record, as listed afterwards." }) apiToken: ApiTokenView;
  @Field(() => String, { description: 'The secret token. Shown this once; store it now.' }) token: string;
}

@ObjectType({ description: 'The caller.' })
export class Me {
  @Field(() => PrincipalKind, { description: 'Whether a staff user, a portal user or an API token is calling.' })
  kind: PrincipalKind;
  @Field(() => Organization, { description: "The caller's organization." }) organization: Organization;
  @Field(() => AdminUserView, {
    description: 'The staff user calling, or the user an API token belongs to (null for a portal user).',
    nullable: true,
  })
  user: AdminUserView | null;
  @Field(() => PortalUserView, { description: 'The portal user calling (null otherwise).', nullable: true })
  portalUser: PortalUserView | null;
  @Field(() => String, { nullable: true, description: 'Set for API tokens.' }) tokenName: string | null;
  @Field(() => ApiTokenScopeEnum, { nullable: true, description: 'Set for API tokens.' })
  tokenScope: ApiTokenScopeEnum | null;
}

@ObjectType({
  description: 'A new session. The SPAs also get it as an HTTP-only cookie; tools use it as a bearer token.',
})
export class AuthResult {
  @Field(() => String, {
    description: 'The session token, for clients that send it as a bearer token (browsers get a cookie too).',
  })
  token: string;
  @Field(() => Me, { description: 'Who is now signed in.' }) me: Me;
}

@ObjectType({
  description:
    'Whom an emailed sign-in or invitation link signs in, read without using it: the portal names the account and business before the person presses Sign in, so a link someone else sent (for their own account) is seen for what it is.',
})
export class SignInLink {
  @Field(() => String, { description: 'The email of the portal account the link signs in to.' }) email: string;
  @Field(() => String, { description: 'The business whose portal it is.' }) organizationName: string;
}
