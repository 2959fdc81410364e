import { hashToken, randomToken } from '../../platform/crypto.js';
import { badInput, conflict, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/actor.js';
import { MailingService } from '../email/mailing-service.js';
import { portalInviteEmail } from '../email/email-templates.js';
import { Organization } from '../organizations/organization.entity.js';
import { Client } from '../clients/client.entity.js';
import { PortalUser } from './portal-user.entity.js';
import { Session } from './session.entity.js';

const INVITE_DAYS = 7;

/**
 * Staff administration of a client's portal users: invite, list, disable, enable. Accepting an
 * invitation signs the person in, so it stays with the sign-ins (AuthService.acceptInvite).
 */
export class PortalUserAdminService extends MailingService {
  list(orgId: string, clientId?: string): Promise<PortalUser[]> {
    return this.db
      .getRepository(PortalUser)
      .find({ where: { orgId, ...(clientId ? { clientId } : {}) }, order: { invitedAt: 'DESC' } });
  }

  get(orgId: string, id: string): Promise<PortalUser | null> {
    return this.db.getRepository(PortalUser).findOneBy({ orgId, id });
  }

  /**
   * Cuts a portal user off at once: their sessions end (open websockets close), their sign-in links and
   * any pending invitation stop working, and sign-in refuses them as it refuses an unknown address.
   * Disabling someone already disabled changes nothing.
   */
  async disable(orgId: string, actor: Actor, id: string): Promise<PortalUser> {
    return this.db.transaction(async (tx) => {
      const user = await tx.findOne(PortalUser, { where: { orgId, id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('Portal user');
      if (user.disabledAt) return user;
      const before = { ...user };
      Object.assign(user, { disabledAt: new Date(), inviteTokenHash: null, inviteExpiresAt: null });
      await tx.save(user);
      const sessions = await tx.delete(Session, { portalUserId: id });
      await tx.query(`UPDATE magic_links SET used_at = now() WHERE portal_user_id = $1 AND used_at IS NULL`, [id]);
      await this.audit.record(
        tx,
        orgId,
        actor,
        { type: 'PortalUser', id },
        'portal_user.disabled',
        { email: before.email, clientId: before.clientId, disabledAt: null },
        {
          email: user.email,
          clientId: user.clientId,
          disabledAt: user.disabledAt,
          sessionsEnded: sessions.affected ?? 0,
        },
      );
      await this.events.emit(tx, 'auth.access-ended', { why: 'portal-user-disabled' });
      return user;
    });
  }

  /** Lets a disabled portal user sign in again (with their password, or a new link or invitation). */
  async enable(orgId: string, actor: Actor, id: string): Promise<PortalUser> {
    return this.db.transaction(async (tx) => {
      const user = await tx.findOne(PortalUser, { where: { orgId, id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('Portal user');
      if (!user.disabledAt) return user;
      const disabledAt = user.disabledAt;
      user.disabledAt = null;
      await tx.save(user);
      await this.audit.record(
        tx,
        orgId,
        actor,
        { type: 'PortalUser', id },
        'portal_user.enabled',
        { email: user.email, clientId: user.clientId, disabledAt },
        { email: user.email, clientId: user.clientId, disabledAt: null },
      );
      return user;
    });
  }

  /** Invites (or re-invites) a client's person: the email carries a one-time link to set a password. */
  async invite(
    orgId: string,
    actor: Actor,
    input: { clientId: string; email: string; name: string },
  ): Promise<PortalUser> {
    const token = randomToken('inv_');
    return this.db.transaction(async (tx) => {
      const client = await tx.findOneBy(Client, { orgId, id: input.clientId });
      if (!client) throw badInput('clientId', 'No such client in this organization');
      if (client.archivedAt) throw badInput('clientId', 'This client is archived; restore it to invite its people');
      const org = await tx.findOneByOrFail(Organization, { id: orgId });
      let user = await tx
        .getRepository(PortalUser)
        .createQueryBuilder('p')
        .where('p.org_id = :orgId AND lower(p.email) = lower(:email)', { orgId, email: input.email })
        .getOne();
      if (user && user.clientId !== input.clientId)
        throw conflict('This email already belongs to a portal user of another client', 'email');
      if (user?.disabledAt) throw conflict('This portal user is disabled; enable them to invite them again', 'email');
      user = await tx.save(PortalUser, {
        ...(user ?? {}),
        orgId,
        clientId: input.clientId,
        email: input.email,
        name: input.name,
        inviteTokenHash: hashToken(token),
        invitedAt: new Date(),
        inviteExpiresAt: new Date(Date.now() + INVITE_DAYS * 86_400_000),
      } as PortalUser);
      const url = `${this.publicUrl}/portal/accept-invite?token=${encodeURIComponent(token)}`;
      await this.email.queue(tx, orgId, {
        kind: 'portal_invite',
        to: input.email,
        relatedId: user.id,
        ...portalInviteEmail({ orgName: org.name, name: input.name, url }),
      });
      await this.audit.record(tx, orgId, actor, { type: 'PortalUser', id: user.id }, 'portal_user.invited', null, {
        email: input.email,
        clientId: input.clientId,
      });
      return user;
    });
  }
}
