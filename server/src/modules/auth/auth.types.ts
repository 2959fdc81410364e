import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Organization } from '../organizations/organization.entity.js';
import type { ApiToken } from './api-token.entity.js';
import type { PortalUser } from './portal-user.entity.js';
import type { User } from './user.entity.js';
import { stringEnum } from '../../platform/string-enum.js';

export const RoleEnum = stringEnum('OWNER', 'ADMIN', 'BILLING', 'TECHNICIAN');
export type RoleEnum = keyof typeof RoleEnum;
registerEnumType(RoleEnum, { name: 'Role' });

/** GraphQL face of a token scope (graphql/access-policy.ts): READ queries only, BILLING as a billing user, ADMIN as an admin. */
export enum ApiTokenScopeEnum {
  READ = 'read',
  BILLING = 'billing',
  ADMIN = 'admin',
}
registerEnumType(ApiTokenScopeEnum, {
  name: 'ApiTokenScope',
  description:
    'READ: queries only. BILLING: what a BILLING user may do. ADMIN: what an ADMIN may do, except minting tokens, creating users and connecting or disconnecting Stripe and QuickBooks.',
});

export const PrincipalKind = stringEnum('USER', 'TOKEN', 'PORTAL');
export type PrincipalKind = keyof typeof PrincipalKind;
registerEnumType(PrincipalKind, { name: 'PrincipalKind' });

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
  @Field(() => ID) id: string;
  @Field(() => String) email: string;
  @Field(() => String) name: string;
}

/** The public face of an admin user: never the password hash. */
@ObjectType('AdminUser')
export class AdminUserView extends PersonView {
  @Field(() => RoleEnum) role: RoleEnum;
  @Field(() => Boolean) disabled: boolean;

  static from(u: User): AdminUserView {
    return viewOf(AdminUserView, u, ['id', 'email', 'name'], { role: u.role as RoleEnum, disabled: !!u.disabledAt });
  }
}

@ObjectType('PortalUser')
export class PortalUserView extends PersonView {
  @Field(() => ID) clientId: string;
  @Field(() => Date) invitedAt: Date;
  @Field(() => Date, { nullable: true }) acceptedAt: Date | null;

  static from(u: PortalUser): PortalUserView {
    return viewOf(PortalUserView, u, ['id', 'clientId', 'email', 'name', 'invitedAt', 'acceptedAt']);
  }
}

/** An integrator's token as listed: name and prefix only; the token itself is shown once, at creation. */
@ObjectType('ApiToken')
export class ApiTokenView {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => String, { description: 'The first characters, to recognise the token.' }) prefix: string;
  @Field(() => ApiTokenScopeEnum) scope: ApiTokenScopeEnum;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date, { nullable: true }) lastUsedAt: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt: Date | null;

  static from(t: ApiToken): ApiTokenView {
    return viewOf(ApiTokenView, t, ['id', 'name', 'prefix', 'createdAt', 'lastUsedAt', 'revokedAt'], {
      scope: t.scope as ApiTokenScopeEnum,
    });
  }
}

@ObjectType()
export class CreatedApiToken {
  @Field(() => ApiTokenView) apiToken: ApiTokenView;
  @Field(() => String, { description: 'The secret token. Shown this once; store it now.' }) token: string;
}

@ObjectType({ description: 'The caller.' })
export class Me {
  @Field(() => PrincipalKind) kind: PrincipalKind;
  @Field(() => Organization) organization: Organization;
  @Field(() => AdminUserView, { nullable: true }) user: AdminUserView | null;
  @Field(() => PortalUserView, { nullable: true }) portalUser: PortalUserView | null;
  @Field(() => String, { nullable: true, description: 'Set for API tokens.' }) tokenName: string | null;
  @Field(() => ApiTokenScopeEnum, { nullable: true, description: 'Set for API tokens.' })
  tokenScope: ApiTokenScopeEnum | null;
}

@ObjectType({
  description: 'A new session. The SPAs also get it as an HTTP-only cookie; tools use it as a bearer token.',
})
export class AuthResult {
  @Field(() => String) token: string;
  @Field(() => Me) me: Me;
}
