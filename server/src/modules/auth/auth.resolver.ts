import { Arg, Args, ArgsType, Ctx, Field, ID, InputType, Int, Mutation, Query, Resolver } from 'type-graphql';
import { IdArg, InputArg, OptionalArg } from '../../graphql/args.js';
import { IsEmail, IsEnum, IsUUID, Length } from 'class-validator';
import type { GraphQLContext } from '../../graphql/context.js';
import { SignedIn, Staff, type StaffAccess } from '../../graphql/guards.js';
import { cameAsCookie, setSessionCookie, clearSessionCookie } from '../../http/session-cookie.js';
import { OriginPolicy } from '../../http/origin-policy.js';
import type { Principal } from './principal.js';
import { badInput, forbidden } from '../../platform/errors.js';
import {
  AdminUserView,
  ApiTokenScopeEnum,
  ApiTokenView,
  AuthResult,
  CreatedApiToken,
  Me,
  PortalUserView,
  PrincipalKind,
  RoleEnum,
  SignInLink,
} from './auth.types.js';
import type { Container } from '../../app/container.js';
import { SESSION_PREFIX } from './auth.service.js';
import { STAFF_PASSWORD_SIGN_IN_PAUSED, withinPasswordFailures } from './password-failures.js';
import { IdempotentCall, type Idempotent } from '../idempotency/idempotent.decorator.js';
import { storedEntity } from '../idempotency/stored-result.js';
import { User } from './user.entity.js';

@InputType({ description: 'A person of a client to invite to the client portal.' })
class InvitePortalUserInput {
  @Field(() => ID, { description: 'The client they pay for: they see the invoices sent to this client only.' })
  @IsUUID()
  clientId: string;
  @Field(() => String, { description: 'Where the invitation goes; also their sign-in email.' })
  @IsEmail({}, { message: 'email must be an email address' })
  email: string;
  @Field(() => String, { description: 'Their name, as the portal greets them.' }) @Length(1, 200) name: string;
}

@InputType({ description: 'A staff user to add to the org.' })
class CreateUserInput {
  @Field(() => String, { description: 'Their sign-in email (unique in the org).' })
  @IsEmail({}, { message: 'email must be an email address' })
  email: string;
  @Field(() => String, { description: 'Their name as the app and the audit trail show it.' })
  @Length(1, 200)
  name: string;
  @Field(() => RoleEnum, { description: 'What they may do (see Role).' }) @IsEnum(RoleEnum) role: RoleEnum;
  @Field(() => String, { description: 'Their first password (at least 10 characters); they can change it later.' })
  @Length(10, 200, { message: 'password must be at least 10 characters' })
  password: string;
}

@ArgsType()
class PasswordSignInArgs {
  @Field(() => String, { description: "The user's email." }) email: string;
  @Field(() => String, { description: "The user's password." }) password: string;
  @Field(() => String, {
    description: 'The organization to sign in to, when the email belongs to users of several.',
    nullable: true,
  })
  organizationSlug?: string;
}

export async function meOf(container: Container, p: Principal): Promise<Me> {
  const organization = await container.organizations.get(p.orgId);
  const me = Object.assign(new Me(), { organization, user: null, portalUser: null, tokenName: null, tokenScope: null });
  if (p.kind === 'user') {
    const users = await container.auth.listUsers(p.orgId);
    return Object.assign(me, {
      kind: PrincipalKind.USER,
      user: AdminUserView.from(users.find((u) => u.id === p.userId)!),
    });
  }
  if (p.kind === 'portal')
    return Object.assign(me, {
      kind: PrincipalKind.PORTAL,
      portalUser: PortalUserView.from((await container.portalUsers.get(p.orgId, p.portalUserId))!),
    });
  return Object.assign(me, { kind: PrincipalKind.TOKEN, tokenName: p.name, tokenScope: p.scope as ApiTokenScopeEnum });
}

@Resolver()
export class AuthResolver {
  @Query(() => Me, { description: 'Who is calling: the user, portal user or token, and their organization.' })
  me(@SignedIn() p: Principal, @Ctx() ctx: GraphQLContext) {
    return meOf(ctx.container, p);
  }

  @Mutation(() => AuthResult, {
    description:
      'Admin sign-in with email and password. organizationSlug picks the org when the email is staff at several.',
  })
  login(@Args(() => PasswordSignInArgs) args: PasswordSignInArgs, @Ctx() ctx: GraphQLContext) {
    // Bounded as portal sign-in is: staff get back in with an emailed reset link (`requestPasswordReset`).
    return this.passwordSignIn(ctx, args, (a) =>
      withinPasswordFailures(
        ctx.container.rateLimits,
        a.email,
        () => ctx.container.auth.login(a.email, a.password, a.organizationSlug),
        STAFF_PASSWORD_SIGN_IN_PAUSED,
      ),
    );
  }

  @Mutation(() => AuthResult, {
    description: 'Portal sign-in. organizationSlug picks the org when the email has portal access at several.',
  })
  portalLogin(@Args(() => PasswordSignInArgs) args: PasswordSignInArgs, @Ctx() ctx: GraphQLContext) {
    // Wrong passwords are bounded per email and day too: a portal user always has the emailed sign-in link.
    return this.passwordSignIn(ctx, args, (a) =>
      withinPasswordFailures(ctx.container.rateLimits, a.email, () =>
        ctx.container.auth.portalLogin(a.email, a.password, a.organizationSlug),
      ),
    );
  }

  @Mutation(() => AuthResult, { description: 'Sets a password from an invitation link and signs in.' })
  async acceptPortalInvite(
    @Arg('token', () => String, { description: 'The token from the invitation link.' }) token: string,
    @Arg('password', () => String, { description: 'The password they choose (at least 8 characters).' })
    password: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    refuseForeignPage(ctx);
    await ctx.container.rateLimits.check('tokenSignIn', { ip: ctx.ip });
    const r = await ctx.container.auth.acceptInvite(token, password);
    return this.signedIn(ctx, r.token);
  }

  @Mutation(() => Boolean, {
    description: 'Emails a one-time sign-in link if the address has portal access. Always true.',
  })
  async requestMagicLink(
    @Arg('email', () => String, {
      description: "The portal user's email; the answer is the same whether or not it is known.",
    })
    email: string,
    @OptionalArg('organizationSlug', () => String, 'The organization, when the email is a portal user of several.')
    slug: string | undefined,
    @Ctx() ctx: GraphQLContext,
  ) {
    await ctx.container.rateLimits.check('magicLink', { ip: ctx.ip, target: email });
    await ctx.container.auth.queueMagicLink(email, slug);
    return true;
  }

  @Query(() => SignInLink, {
    description:
      'Whom a magic link or invitation link signs in (its email and business), read without using the link. Rate-limited per address, as using one is.',
  })
  async signInLink(
    @Arg('token', () => String, { description: 'The token from the emailed link.' }) token: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    await ctx.container.rateLimits.check('tokenSignIn', { ip: ctx.ip });
    return ctx.container.auth.signInLink(token);
  }

  @Mutation(() => AuthResult, {
    description: 'Signs a portal user in with the token of a magic link (single use, short-lived).',
  })
  async loginWithMagicLink(
    @Arg('token', () => String, { description: 'The token from the emailed link.' }) token: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    refuseForeignPage(ctx);
    await ctx.container.rateLimits.check('tokenSignIn', { ip: ctx.ip });
    const r = await ctx.container.auth.consumeMagicLink(token);
    return this.signedIn(ctx, r.token);
  }

  @Mutation(() => Boolean, {
    description: 'Ends this session (other sessions stay; `logoutEverywhere` ends them all).',
  })
  async logout(@Ctx() ctx: GraphQLContext) {
    refuseForeignPage(ctx);
    // Only a signed-in person has a session to end (an API token is revoked instead).
    if (ctx.token && ctx.principal && ctx.principal.kind !== 'token') await ctx.container.auth.logout(ctx.token);
    if (ctx.res) clearSessionCookie(ctx.res, ctx.container.config.publicUrl);
    return true;
  }

  @Mutation(() => Int, {
    description:
      'Ends every session of the caller (all browsers and tools), closing their live connections. Returns how many ended.',
  })
  async logoutEverywhere(@SignedIn() p: Principal, @Ctx() ctx: GraphQLContext) {
    // The table keeps tokens out (SESSION); this narrows the type and fails closed if that ever changes.
    if (p.kind === 'token') throw forbidden('API tokens have no sessions; revoke the token instead');
    refuseForeignPage(ctx);
    const ended = await ctx.container.auth.logoutEverywhere(
      p.kind === 'user' ? { userId: p.userId } : { portalUserId: p.portalUserId },
    );
    if (ctx.res) clearSessionCookie(ctx.res, ctx.container.config.publicUrl);
    return ended;
  }

  @Query(() => [AdminUserView], { description: "The org's staff users." })
  async users(@Staff() { orgId, container }: StaffAccess) {
    return (await container.auth.listUsers(orgId)).map(AdminUserView.from);
  }

  @Mutation(() => AdminUserView, { description: 'Adds a staff user to the org (admins only).' })
  async createUser(
    @InputArg(() => CreateUserInput, 'The user to add.') input: CreateUserInput,
    @Staff() { orgId, actor, principal, container }: StaffAccess,
    @IdempotentCall() once: Idempotent,
  ) {
    // An admin may do everything but ownership: only an owner makes another owner.
    if (input.role === 'OWNER' && !(principal.kind === 'user' && principal.role === 'OWNER'))
      throw badInput('role', 'Only an owner can add another owner; add them as an admin');
    // Keyed: the admin app's Add user sent again after a lost answer gets the user back, not "email taken".
    return AdminUserView.from(
      await once.around(storedEntity(User), () => container.auth.createUser(orgId, input, actor)),
    );
  }

  @Query(() => [ApiTokenView], {
    description: "The org's API tokens (names, scopes and prefixes; never the tokens themselves).",
  })
  async apiTokens(@Staff() { orgId, container }: StaffAccess) {
    return (await container.apiTokens.list(orgId)).map(ApiTokenView.from);
  }

  @Mutation(() => CreatedApiToken, {
    description: 'Mints an API token for integrators. The token is in this response only.',
  })
  async createApiToken(
    @Arg('name', () => String, { description: 'A name to recognise the token by (e.g. the integration using it).' })
    name: string,
    @Arg('scope', () => ApiTokenScopeEnum, {
      defaultValue: ApiTokenScopeEnum.READ,
      description: 'What the token may do; the least that fits is READ.',
    })
    scope: ApiTokenScopeEnum,
    @Staff() { orgId, actor, container }: StaffAccess,
  ) {
    const { token, record } = await container.auth.createApiToken(orgId, actor, name.trim() || 'API token', scope);
    return { token, apiToken: ApiTokenView.from(record) };
  }

  @Mutation(() => ApiTokenView, { description: 'Revokes an API token at once: its next request is refused.' })
  async revokeApiToken(
    @IdArg('id', 'The token to revoke.') id: string,
    @Staff() { orgId, actor, container }: StaffAccess,
  ) {
    return ApiTokenView.from(await container.apiTokens.revoke(orgId, actor, id));
  }

  @Query(() => [PortalUserView], { description: "The org's client portal users, of one client or all." })
  async portalUsers(
    @OptionalArg('clientId', () => ID, "Only this client's portal users.")
    clientId: string | undefined,
    @Staff() { orgId, container }: StaffAccess,
  ) {
    return (await container.portalUsers.list(orgId, clientId)).map(PortalUserView.from);
  }

  @Mutation(() => PortalUserView, {
    description: 'Invites a client contact to the portal by email (again, if already invited).',
  })
  async invitePortalUser(
    @InputArg(() => InvitePortalUserInput, 'Who to invite, for which client.')
    input: InvitePortalUserInput,
    @Staff() { orgId, actor, container }: StaffAccess,
  ) {
    await container.rateLimits.check('invite', { target: input.email });
    await container.rateLimits.check('invitesPerOrg', { target: orgId });
    return PortalUserView.from(await container.auth.invitePortalUser(orgId, actor, input));
  }

  @Mutation(() => PortalUserView, {
    description:
      'Cuts a portal user off at once: their sessions end (live connections close), their sign-in and invitation links stop working, and sign-in refuses them. Already disabled: no change.',
  })
  async disablePortalUser(
    @IdArg('id', 'The portal user.') id: string,
    @Staff() { orgId, actor, container }: StaffAccess,
  ) {
    return PortalUserView.from(await container.portalUsers.disable(orgId, actor, id));
  }

  @Mutation(() => PortalUserView, {
    description:
      'Lets a disabled portal user sign in again (with their password, a sign-in link, or a new invitation). Not disabled: no change.',
  })
  async enablePortalUser(
    @IdArg('id', 'The portal user.') id: string,
    @Staff() { orgId, actor, container }: StaffAccess,
  ) {
    return PortalUserView.from(await container.portalUsers.enable(orgId, actor, id));
  }

  /** Admin and portal sign-in share one rate limit (per address and per IP) and one way to answer. */
  private async passwordSignIn(
    ctx: GraphQLContext,
    args: PasswordSignInArgs,
    login: (a: PasswordSignInArgs) => Promise<{ token: string }>,
  ): Promise<AuthResult> {
    refuseForeignPage(ctx);
    await ctx.container.rateLimits.check('login', { ip: ctx.ip, target: args.email });
    const { token } = await login(args);
    return this.signedIn(ctx, token);
  }

  private signedIn(ctx: GraphQLContext, token: string): Promise<AuthResult> {
    return signedInAnswer(ctx, token);
  }
}

/** A sign-in's answer: the session cookie set (the browser's earlier session ended) and who is now signed in. */
export async function signedInAnswer(ctx: GraphQLContext, token: string): Promise<AuthResult> {
  // The session this browser held before (another account, or one an attacker planted) ends here: a
  // sign-in never leaves an earlier session id of the same browser alive beside the new one.
  if (ctx.req && ctx.token?.startsWith(SESSION_PREFIX) && cameAsCookie(ctx.req.headers, ctx.container.config.publicUrl))
    await ctx.container.auth.logout(ctx.token);
  if (ctx.res)
    setSessionCookie(ctx.res, token, ctx.container.config.publicUrl, ctx.container.auth.sessionHours * 3_600_000);
  const principal = await ctx.container.auth.resolve(token);
  return { token, me: await meOf(ctx.container, principal!) };
}

const originPolicies = new WeakMap<object, OriginPolicy>();

/**
 * Sign-in and sign-out set or clear the session cookie, so only Settle's own pages may ask for them: a
 * foreign page could otherwise sign the visitor's browser in to the attacker's account (login CSRF), where
 * they would type card details or data for the attacker, or sign them out. Checked before anything is
 * counted, read or spent; over a websocket (no cookie set) the upgrade checked the Origin already.
 */
export function refuseForeignPage(ctx: GraphQLContext): void {
  if (!ctx.req) return;
  const config = ctx.container.config;
  let policy = originPolicies.get(config);
  if (!policy) originPolicies.set(config, (policy = new OriginPolicy(config.publicUrl, config.allowedOrigins)));
  if (policy.isForeignPage(ctx.req.headers))
    throw forbidden("Sign-in and sign-out must come from Settle's own pages; open Settle and try again");
}
