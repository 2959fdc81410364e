import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { Staff, type StaffAccess } from '../../graphql/guards.js';
import { forbidden } from '../../platform/errors.js';
import { AuthResult } from './auth.types.js';
import { refuseForeignPage, signedInAnswer } from './auth.resolver.js';
import { STAFF_PASSWORD_SIGN_IN_PAUSED, forgetPasswordFailures, withinPasswordFailures } from './password-failures.js';
import { STAFF_PASSWORD_MIN } from './staff-password-rules.js';

/** A staff user's own password: change it signed in, or reset it through a link emailed to them. */
@Resolver()
export class StaffPasswordResolver {
  @Mutation(() => Boolean, {
    description: `Sets a new password for the signed-in staff user (not an API token), who gives the current one. Every other session of theirs ends (this one stays). A wrong current password is refused on currentPassword and counts as a wrong sign-in password (SETTLE_RATE_LOGIN_FAILURES_ACCOUNT).`,
  })
  async changePassword(
    @Arg('currentPassword', () => String, { description: 'The password they sign in with now.' })
    currentPassword: string,
    @Arg('newPassword', () => String, {
      description: `The new password (at least ${STAFF_PASSWORD_MIN} characters, not the current one).`,
    })
    newPassword: string,
    @Staff() { orgId, actor, principal, container }: StaffAccess,
    @Ctx() ctx: GraphQLContext,
  ) {
    // The table keeps tokens out (people only); this narrows the type and fails closed if that ever changes.
    if (principal.kind !== 'user') throw forbidden('API tokens have no password; sign in as a user');
    // Each try hashes a password (argon2): paced as sign-in is, and a wrong current one counts as sign-in's do.
    await container.rateLimits.check('login', { ip: ctx.ip, target: principal.email });
    await withinPasswordFailures(
      container.rateLimits,
      principal.email,
      () =>
        container.auth.staffPasswords.change(
          orgId,
          principal.userId,
          actor,
          { currentPassword, newPassword },
          ctx.token,
        ),
      STAFF_PASSWORD_SIGN_IN_PAUSED,
    );
    return true;
  }

  @Mutation(() => Boolean, {
    description:
      'Emails a single-use link (valid 30 minutes) to choose a new admin app password, to each staff account of this address. Always true: the answer is the same whether or not the address is known.',
  })
  async requestPasswordReset(
    @Arg('email', () => String, { description: "The staff user's sign-in email." }) email: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    await ctx.container.rateLimits.check('passwordReset', { ip: ctx.ip, target: email });
    await ctx.container.auth.staffPasswords.queueReset(email);
    return true;
  }

  @Mutation(() => AuthResult, {
    description:
      'Sets a new password with the token of an emailed reset link (single use, 30 minutes), ends every session of the user, and signs them in. An unusable link (unknown, used, expired, or of a disabled user) is refused on token and changes nothing.',
  })
  async resetPassword(
    @Arg('token', () => String, { description: 'The token from the emailed link.' }) token: string,
    @Arg('newPassword', () => String, {
      description: `The new password (at least ${STAFF_PASSWORD_MIN} characters).`,
    })
    newPassword: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    refuseForeignPage(ctx);
    await ctx.container.rateLimits.check('tokenSignIn', { ip: ctx.ip });
    const r = await ctx.container.auth.staffPasswords.reset(token, newPassword);
    await forgetPasswordFailures(ctx.container.rateLimits, r.user.email);
    return signedInAnswer(ctx, r.token);
  }
}
