import { In, type DataSource, type EntityManager } from 'typeorm';
import { hashToken, randomToken } from '../../platform/crypto.js';
import { returning } from '../../platform/database/sql.js';
import { AppError, badInput, conflict, unauthenticated } from '../../platform/errors.js';
import { SYSTEM_ACTOR, type Actor } from '../../platform/actor.js';
import { MailingService, type MailingServiceDeps } from '../email/mailing-service.js';
import { magicLinkEmail } from '../email/email-templates.js';
import { Organization } from '../organizations/organization.entity.js';
import { Client } from '../clients/client.entity.js';
import { API_TOKEN_PREFIX, type ApiTokenService } from './api-token.service.js';
import type { PortalUserAdminService } from './portal-user-admin.service.js';
import { PortalUser } from './portal-user.entity.js';
import { MagicLink, Session } from './session.entity.js';
import { User, type Role } from './user.entity.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords.js';
import { PrincipalCache } from './principal-cache.js';
import { StaffPasswordService } from './staff-password.service.js';
import { forEachStillEnabled, signInLinkHolder } from './sign-in-link.js';
import { enqueue } from '../../platform/jobs/job-queue.js';
import './auth.jobs.js';
import type { Principal } from './principal.js';
import { scopeWithin, type TokenScope } from '../../graphql/access-policy.js';

const MAGIC_LINK_MINUTES = 15;
export const SESSION_PREFIX = 'sess_';

export class AuthService extends MailingService {
  constructor(
    deps: MailingServiceDeps,
    private readonly apiTokens: ApiTokenService,
    private readonly portalUsers: PortalUserAdminService,
    /** How long a sign-in lasts (SETTLE_SESSION_HOURS). */
    readonly sessionHours = 720,
  ) {
    super(deps);
    this.staffPasswords = new StaffPasswordService(deps, (orgId, who, tx) => this.openSession(orgId, who, tx));
    // This process's own revocations clear at once; other processes' arrive as notifications (see the cache).
    deps.events.afterCommit('auth.access-ended', () => this.principals.clear());
    // An archived client's portal users are signed out (the session lookup refuses them): their cached
    // callers and open websockets go now. Restoring the client lets their sessions work again.
    deps.events.on('client.updated', async ({ client, before }, tx) => {
      if (client.archivedAt && !before.archivedAt)
        await this.events.emit(tx, 'auth.access-ended', { why: 'client-archived' });
    });
  }

  /** Callers resolved recently (cleared on any change to access; see PrincipalCache). */
  readonly principals = new PrincipalCache();

  /** Staff users' own passwords: change, and reset by emailed link (signing in through `openSession`). */
  readonly staffPasswords: StaffPasswordService;

  /**
   * Emails are unique per organization only: whether an address is a user in ANOTHER org never shows
   * here (that would let any admin probe other orgs' staff). A same-org duplicate is the admin's own data.
   */
  async createUser(
    orgId: string,
    input: { email: string; name: string; role: Role; password: string },
    actor: Actor = SYSTEM_ACTOR,
  ): Promise<User> {
    const exists = await this.db
      .getRepository(User)
      .createQueryBuilder('u')
      .where('u.org_id = :orgId AND lower(u.email) = lower(:e)', { orgId, e: input.email })
      .getCount();
    if (exists) throw conflict('A user with this email already exists in this organization', 'email');
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.db.transaction(async (tx) => {
        const user = await tx.save(User, {
          orgId,
          email: input.email,
          name: input.name,
          role: input.role,
          passwordHash,
        });
        // Who added whom, with which role (never the password or its hash).
        await this.audit.record(tx, orgId, actor, { type: 'User', id: user.id }, 'user.created', null, {
          email: user.email,
          name: user.name,
          role: user.role,
        });
        return user;
      });
    } catch (err) {
      if ((err as { code?: string }).code === '23505')
        throw conflict('A user with this email already exists in this organization', 'email');
      throw err;
    }
  }

  /** The same email may be staff at several orgs; the password picks the account, `orgSlug` when it is ambiguous. */
  async login(email: string, password: string, orgSlug?: string): Promise<{ token: string; user: User }> {
    const qb = this.db.getRepository(User).createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email });
    if (orgSlug) qb.innerJoin(Organization, 'o', 'o.id = u.org_id AND o.slug = :slug', { slug: orgSlug });
    const candidates = await qb.getMany();
    const matches: User[] = [];
    for (const u of candidates) if (await verifyPassword(u.passwordHash, password)) matches.push(u);
    if (!candidates.length) await verifyPassword(DUMMY_HASH, password);
    const usable = matches.filter((u) => !u.disabledAt);
    if (!usable.length) throw unauthenticated('Email or password is incorrect');
    if (usable.length > 1)
      throw badInput('organizationSlug', 'This email signs in to several organizations; choose the organization');
    const user = usable[0]!;
    return { token: await this.openSession(user.orgId, { userId: user.id }), user };
  }

  async portalLogin(
    email: string,
    password: string,
    orgSlug?: string,
  ): Promise<{ token: string; portalUser: PortalUser }> {
    // Only accounts that could sign in are checked, and an address with none checks the dummy hash: one
    // password check per attempt whether the address is unknown, invited, disabled or of an archived
    // client, so neither the answer nor its time tells them apart.
    const candidates = (await this.portalUsersByEmail(email, orgSlug)).filter((pu) => pu.passwordHash);
    const matches: PortalUser[] = [];
    for (const pu of candidates) if (await verifyPassword(pu.passwordHash!, password)) matches.push(pu);
    if (!candidates.length) await verifyPassword(DUMMY_HASH, password);
    const [match] = matches;
    if (!match) throw unauthenticated('Email or password is incorrect');
    // The same address and password at several businesses: the person chooses (it proved the password of
    // each one listed), rather than landing in whichever was read last.
    if (matches.length > 1) throw await this.organizationChoice(matches.map((m) => m.orgId));
    return { token: await this.openSession(match.orgId, { portalUserId: match.id }), portalUser: match };
  }

  /** The input error that asks which of these organizations to sign in to, naming them. */
  private async organizationChoice(orgIds: string[]): Promise<AppError> {
    const orgs = await this.db
      .getRepository(Organization)
      .find({ where: { id: In(orgIds) }, select: { slug: true, name: true }, order: { name: 'ASC' } });
    return new AppError(
      'BAD_USER_INPUT',
      'This email signs in to more than one business: choose which one.',
      'organizationSlug',
      { organizations: orgs.map((o) => ({ slug: o.slug, name: o.name })) },
    );
  }

  /**
   * Ends the session of this token, if there is one. Anything else (a made-up cookie, an API token)
   * changes nothing and tells nobody: a DELETE, even of no row, NOTIFYs every process to empty its
   * caller cache, and the event re-checks every open websocket, which anyone could otherwise ask for.
   */
  async logout(token: string): Promise<void> {
    const tokenHash = hashToken(token);
    if (!(await this.db.getRepository(Session).existsBy({ tokenHash }))) return;
    const ended = await this.db.getRepository(Session).delete({ tokenHash });
    if (ended.affected) await this.events.emit(this.db.manager, 'auth.access-ended', { why: 'signed-out' });
  }

  /** Ends every session of this person (all browsers and tools); their open websockets close too. */
  async logoutEverywhere(who: { userId: string } | { portalUserId: string }): Promise<number> {
    const r =
      'userId' in who
        ? await this.db.getRepository(Session).delete({ userId: who.userId })
        : await this.db.getRepository(Session).delete({ portalUserId: who.portalUserId });
    await this.events.emit(this.db.manager, 'auth.access-ended', { why: 'signed-out-everywhere' });
    return r.affected ?? 0;
  }

  /** Resolves a bearer token or session cookie value to the caller: from the cache, else in one query. */
  async resolve(token: string | undefined): Promise<Principal | null> {
    if (!token) return null;
    const h = hashToken(token);
    const cached = this.principals.get(h);
    if (cached) return cached;
    const generation = this.principals.generation;
    const found = await this.lookup(token, h);
    if (found) this.principals.set(h, Object.freeze(found.principal), generation, found.expiresAt);
    return found?.principal ?? null;
  }

  private async lookup(token: string, h: string): Promise<{ principal: Principal; expiresAt?: Date } | null> {
    if (token.startsWith(API_TOKEN_PREFIX)) {
      // A token acts for the person who made it: it works while they are an enabled user of its org,
      // and never beyond their role now (demoted, it is worth less; disabled or gone, nothing). Changes
      // to users clear every process's cache (the users trigger NOTIFYs settle_auth_changed).
      const rows: Array<{ id: string; org_id: string; name: string; scope: TokenScope; role: Role; stale: boolean }> =
        await this.db.query(
          `SELECT t.id, t.org_id, t.name, t.scope, u.role,
                  (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute') AS stale
             FROM api_tokens t
             JOIN users u ON u.id = t.created_by AND u.org_id = t.org_id AND u.disabled_at IS NULL
            WHERE t.token_hash = $1 AND t.revoked_at IS NULL`,
          [h],
        );
      const t = rows[0];
      const scope = t && scopeWithin(t.scope, t.role);
      if (!t || !scope) return null;
      // "Last used" to the minute is what people read; writing it on every request would tax every read.
      if (t.stale)
        void this.db.query(`UPDATE api_tokens SET last_used_at = now() WHERE id = $1`, [t.id]).catch(() => undefined);
      return { principal: { kind: 'token', orgId: t.org_id, tokenId: t.id, name: t.name, scope } };
    }
    const rows: Array<Record<string, string | null> & { expires_at: Date }> = await this.db.query(
      `SELECT s.org_id, s.expires_at, u.id AS user_id, u.role, u.name AS user_name, u.email AS user_email,
              p.id AS portal_user_id, p.client_id, p.name AS portal_name, p.email AS portal_email
         FROM sessions s
         LEFT JOIN users u ON u.id = s.user_id AND u.disabled_at IS NULL
         LEFT JOIN portal_users p ON p.id = s.portal_user_id AND p.disabled_at IS NULL
               AND EXISTS (SELECT 1 FROM clients c WHERE c.id = p.client_id AND c.archived_at IS NULL)
        WHERE s.token_hash = $1 AND s.expires_at > now()`,
      [h],
    );
    const r = rows[0];
    if (!r) return null;
    const expiresAt = r.expires_at;
    if (r.user_id)
      return {
        expiresAt,
        principal: {
          kind: 'user',
          orgId: r.org_id!,
          userId: r.user_id,
          role: r.role as Role,
          name: r.user_name!,
          email: r.user_email!,
        },
      };
    if (r.portal_user_id)
      return {
        expiresAt,
        principal: {
          kind: 'portal',
          orgId: r.org_id!,
          portalUserId: r.portal_user_id,
          clientId: r.client_id!,
          name: r.portal_name!,
          email: r.portal_email!,
        },
      };
    return null;
  }

  /** Many callers (tests, fixtures, the demo seed) make tokens through here; the work is ApiTokenService's. */
  createApiToken(orgId: string, actor: Actor, name: string, scope?: TokenScope) {
    return this.apiTokens.create(orgId, actor, name, scope);
  }

  /** Many callers (tests, fixtures, the demo seed) invite through here; the work is PortalUserAdminService's. */
  invitePortalUser(orgId: string, actor: Actor, input: { clientId: string; email: string; name: string }) {
    return this.portalUsers.invite(orgId, actor, input);
  }

  listUsers(orgId: string): Promise<User[]> {
    return this.db.getRepository(User).find({ where: { orgId }, order: { name: 'ASC' } });
  }

  async acceptInvite(token: string, password: string): Promise<{ token: string; portalUser: PortalUser }> {
    if (password.length < 8) throw badInput('password', 'Use at least 8 characters');
    const passwordHash = await hashPassword(password);
    // One statement takes the invitation and sets the password, so a link used twice at once works once.
    // One transaction: an invitation is never spent without the session it opens.
    return this.db.transaction(async (tx) => {
      const rows = await returning<{ id: string }>(
        tx,
        `UPDATE portal_users SET password_hash = $2, invite_token_hash = NULL, invite_expires_at = NULL, accepted_at = now()
          WHERE invite_token_hash = $1 AND invite_expires_at > now() AND disabled_at IS NULL
            AND EXISTS (SELECT 1 FROM clients c WHERE c.id = portal_users.client_id AND c.archived_at IS NULL)
          RETURNING id`,
        [hashToken(token), passwordHash],
      );
      if (!rows[0])
        throw badInput('token', 'This invitation link is invalid, expired or was already used; ask for a new one');
      // A new password (an invitation sent again is how staff reset one) signs out every browser that
      // signed in before it and closes the sign-in links mailed before it, as disabling does.
      const ended = await tx.delete(Session, { portalUserId: rows[0].id });
      await tx.query(`UPDATE magic_links SET used_at = now() WHERE portal_user_id = $1 AND used_at IS NULL`, [
        rows[0].id,
      ]);
      if (ended.affected) await this.events.emit(tx, 'auth.access-ended', { why: 'password-set' });
      const user = await tx.findOneByOrFail(PortalUser, { id: rows[0].id });
      return { token: await this.openSession(user.orgId, { portalUserId: user.id }, tx), portalUser: user };
    });
  }

  /**
   * Queues the sign-in links of this address (`auth.magic-link`): one statement, whether or not the
   * address has portal access, so neither the answer nor its time tells (the lookup and the emails took
   * twice as long for a known address as the refusal of an unknown one).
   */
  async queueMagicLink(email: string, orgSlug?: string): Promise<void> {
    await enqueue(this.db.manager, 'auth.magic-link', { email, orgSlug: orgSlug ?? null }, { maxAttempts: 5 });
  }

  /** Emails a sign-in link to each portal user of this address who may sign in (the `auth.magic-link` job). */
  async requestMagicLink(email: string, orgSlug?: string): Promise<void> {
    const users = await this.portalUsersByEmail(email, orgSlug);
    await forEachStillEnabled(this.db, 'portal_users', users, async (tx, user, org) => {
      const token = randomToken('ml_');
      await tx.save(MagicLink, {
        orgId: user.orgId,
        portalUserId: user.id,
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + MAGIC_LINK_MINUTES * 60_000),
      } as MagicLink);
      const url = `${this.publicUrl}/portal/magic?token=${encodeURIComponent(token)}`;
      await this.email.queue(tx, user.orgId, {
        kind: 'magic_link',
        to: user.email,
        relatedId: user.id,
        ...magicLinkEmail({ orgName: org.name, url }),
      });
    });
  }

  async consumeMagicLink(token: string): Promise<{ token: string; portalUser: PortalUser }> {
    // One transaction: a link is never spent without the session it opens. One statement takes this
    // link and closes every other open link of the same person (a link mailed earlier, still in an
    // inbox, must not sign in after this one did).
    return this.db.transaction(async (tx) => {
      // The person before their links, as disabling them takes them (links first, the two deadlocked).
      const person = `SELECT p.id FROM portal_users p JOIN magic_links m ON m.portal_user_id = p.id WHERE m.token_hash = $1`;
      await tx.query(`${person} FOR NO KEY UPDATE OF p`, [hashToken(token)]);
      const rows = await returning<{ portal_user_id: string }>(
        tx,
        `WITH used AS (
           UPDATE magic_links SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING portal_user_id
         ), others AS (
           UPDATE magic_links m SET used_at = now() FROM used
            WHERE m.portal_user_id = used.portal_user_id AND m.used_at IS NULL AND m.token_hash <> $1 RETURNING m.id
         )
         SELECT portal_user_id FROM used`,
        [hashToken(token)],
      );
      if (!rows[0]) throw badInput('token', 'This sign-in link is invalid, expired or already used');
      // Disabled, or of an archived client, since the link was sent: the same answer as a spent link.
      const [user] = await this.portalUsersWhoMaySignIn(tx)
        .andWhere('p.id = :id', { id: rows[0].portal_user_id })
        .getMany();
      if (!user) throw badInput('token', 'This sign-in link is invalid, expired or already used');
      if (!user.acceptedAt) await tx.update(PortalUser, { id: user.id }, { acceptedAt: new Date() });
      return { token: await this.openSession(user.orgId, { portalUserId: user.id }, tx), portalUser: user };
    });
  }

  /**
   * Whom a magic link (`ml_…`) or an invitation (`inv_…`) signs in, without using it: the account's email
   * and business, or the same refusal using it would give (spent, expired, disabled, archived, unknown).
   */
  signInLink(token: string): Promise<{ email: string; organizationName: string }> {
    return signInLinkHolder(this.db, token);
  }

  /** The portal users with this email who may sign in (see portalUsersWhoMaySignIn), of one org when named. */
  private async portalUsersByEmail(email: string, orgSlug?: string): Promise<PortalUser[]> {
    const qb = this.portalUsersWhoMaySignIn(this.db).andWhere('lower(p.email) = lower(:email)', { email });
    if (orgSlug) qb.innerJoin(Organization, 'o', 'o.id = p.org_id AND o.slug = :slug', { slug: orgSlug });
    return qb.getMany();
  }

  /**
   * Portal users who may sign in: not disabled, of a client that is not archived (the session lookup
   * applies the same rule to sessions already open). Everyone else is answered as an unknown address.
   */
  private portalUsersWhoMaySignIn(db: DataSource | EntityManager) {
    return db
      .getRepository(PortalUser)
      .createQueryBuilder('p')
      .innerJoin(Client, 'c', 'c.id = p.client_id AND c.org_id = p.org_id AND c.archived_at IS NULL')
      .where('p.disabled_at IS NULL');
  }

  private async openSession(
    orgId: string,
    who: { userId?: string; portalUserId?: string },
    db: DataSource | EntityManager = this.db,
  ): Promise<string> {
    const token = randomToken(SESSION_PREFIX);
    await db.getRepository(Session).insert({
      tokenHash: hashToken(token),
      orgId,
      userId: who.userId ?? null,
      portalUserId: who.portalUserId ?? null,
      expiresAt: new Date(Date.now() + this.sessionHours * 3_600_000),
    });
    return token;
  }
}
