import type { EntityManager } from 'typeorm';
import { hashToken, randomToken } from '../../platform/crypto.js';
import { returning } from '../../platform/database/sql.js';
import { badInput, notFound } from '../../platform/errors.js';
import { ActorType, type Actor } from '../../platform/actor.js';
import { enqueue } from '../../platform/jobs/job-queue.js';
import { MailingService, type MailingServiceDeps } from '../email/mailing-service.js';
import { passwordResetEmail } from '../email/email-templates.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { PasswordReset, Session } from './session.entity.js';
import { User } from './user.entity.js';
import { PASSWORD_RESET_MINUTES, RESET_LINK_UNUSABLE, checkNewStaffPassword } from './staff-password-rules.js';
import { forEachStillEnabled } from './sign-in-link.js';
import './auth.jobs.js';

/** Opens a session of this staff user (AuthService's, so every sign-in makes sessions one way). */
type OpenSession = (orgId: string, who: { userId: string }, db: EntityManager) => Promise<string>;

/**
 * A staff user's own password: changed while signed in (knowing the current one), or reset through a
 * single-use link emailed to their address. Either way the new password is hashed as every password is
 * (passwords.ts), the reset links still open close, and sessions that signed in with the old one end.
 */
export class StaffPasswordService extends MailingService {
  constructor(
    deps: MailingServiceDeps,
    private readonly openSession: OpenSession,
  ) {
    super(deps);
  }

  /**
   * Sets a new password for the signed-in user, who proves the current one. Every other session of theirs
   * ends (a browser left signed in elsewhere, or by whoever knew the old password); `keepSession` (the
   * session making the change) stays. A wrong current password writes nothing (the caller counts it).
   */
  async change(
    orgId: string,
    userId: string,
    actor: Actor,
    input: { currentPassword: string; newPassword: string },
    keepSession: string | undefined,
  ): Promise<{ sessionsEnded: number }> {
    checkNewStaffPassword('newPassword', input.newPassword);
    const passwordHash = await hashPassword(input.newPassword);
    return this.db.transaction(async (tx) => {
      // The row lock orders two changes at once: the second checks its current password against the first's.
      const [user] = await tx.query<Array<{ password_hash: string; disabled_at: Date | null }>>(
        `SELECT password_hash, disabled_at FROM users WHERE id = $1 AND org_id = $2 FOR NO KEY UPDATE`,
        [userId, orgId],
      );
      if (!user || user.disabled_at) throw notFound('User');
      if (!(await verifyPassword(user.password_hash, input.currentPassword)))
        throw badInput('currentPassword', 'The current password is incorrect');
      if (input.currentPassword === input.newPassword)
        throw badInput('newPassword', 'The new password must differ from the current one');
      const sessionsEnded = await this.setPassword(tx, userId, passwordHash, keepSession);
      await this.audit.record(tx, orgId, actor, { type: 'User', id: userId }, 'user.password-changed', null, {
        otherSessionsEnded: sessionsEnded,
      });
      return { sessionsEnded };
    });
  }

  /**
   * Queues the reset links of this address (`auth.password-reset`): one statement whether or not the
   * address is a staff user anywhere, so neither the answer nor its time tells.
   */
  async queueReset(email: string): Promise<void> {
    await enqueue(this.db.manager, 'auth.password-reset', { email }, { maxAttempts: 5 });
  }

  /**
   * Emails a reset link to each enabled staff user of this address (the `auth.password-reset` job). The
   * same email may be staff at several orgs (as at sign-in): each account gets its own link, naming its
   * org, and a link resets that account only.
   */
  async requestReset(email: string): Promise<void> {
    const users = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .where('lower(u.email) = lower(:email) AND u.disabled_at IS NULL', { email: email.trim() })
      .getMany();
    await forEachStillEnabled(this.db, 'users', users, async (tx, user, org) => {
      const token = randomToken('pwr_');
      await tx.insert(PasswordReset, {
        orgId: user.orgId,
        userId: user.id,
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + PASSWORD_RESET_MINUTES * 60_000),
      });
      const url = `${this.publicUrl}/admin/reset-password?token=${encodeURIComponent(token)}`;
      await this.email.queue(tx, user.orgId, {
        kind: 'password_reset',
        to: user.email,
        relatedId: user.id,
        ...passwordResetEmail({ orgName: org.name, email: user.email, url, minutes: PASSWORD_RESET_MINUTES }),
      });
    });
  }

  /**
   * Sets the password of the link's user and signs them in. Every session of theirs ends first (whoever
   * was signed in may be who the reset shuts out) and every open reset link closes. A link unknown, used,
   * expired, or of a user disabled since is refused alike, writing nothing.
   */
  async reset(token: string, newPassword: string): Promise<{ token: string; user: User }> {
    checkNewStaffPassword('newPassword', newPassword);
    const passwordHash = await hashPassword(newPassword);
    const tokenHash = hashToken(token);
    return this.db.transaction(async (tx) => {
      // The person before their links, as disabling them takes them; then one statement spends this link.
      await tx.query(
        `SELECT u.id FROM users u JOIN password_resets r ON r.user_id = u.id WHERE r.token_hash = $1 FOR NO KEY UPDATE OF u`,
        [tokenHash],
      );
      const [used] = await returning<{ user_id: string }>(
        tx,
        `UPDATE password_resets r SET used_at = now()
          WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > now()
            AND EXISTS (SELECT 1 FROM users u WHERE u.id = r.user_id AND u.disabled_at IS NULL)
          RETURNING r.user_id`,
        [tokenHash],
      );
      if (!used) throw badInput('token', RESET_LINK_UNUSABLE);
      const user = await tx.findOneByOrFail(User, { id: used.user_id });
      await this.setPassword(tx, user.id, passwordHash, undefined);
      const self: Actor = { type: ActorType.USER, id: user.id, label: `${user.name} <${user.email}>`, source: 'admin' };
      await this.audit.record(tx, user.orgId, self, { type: 'User', id: user.id }, 'user.password-reset', null, {
        by: 'emailed link',
      });
      return { token: await this.openSession(user.orgId, { userId: user.id }, tx), user };
    });
  }

  /** The new hash, the user's sessions ended (but `keep`), their open reset links closed; how many sessions ended. */
  private async setPassword(tx: EntityManager, userId: string, passwordHash: string, keep: string | undefined) {
    await tx.update(User, { id: userId }, { passwordHash });
    await tx.query(`UPDATE password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [userId]);
    const ended = await tx
      .createQueryBuilder()
      .delete()
      .from(Session)
      .where('user_id = :userId', { userId })
      .andWhere(keep ? 'token_hash <> :keep' : 'true', { keep: keep ? hashToken(keep) : null })
      .execute();
    if (ended.affected) await this.events.emit(tx, 'auth.access-ended', { why: 'password-set' });
    return ended.affected ?? 0;
  }
}
