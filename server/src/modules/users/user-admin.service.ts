import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/actor.js';
import type { DomainEventBus } from '../../platform/events/domain-events.js';
import type { AuditService } from '../audit/audit.service.js';
import { PasswordReset, Session } from '../auth/session.entity.js';
import { User, type Role } from '../auth/user.entity.js';
import { refusalOf, type Person, type UserChange } from './user-rules.js';

/** Who asks: the staff user (only people manage people; the access rows keep API tokens out). */
export interface Manager {
  actor: Actor;
  userId: string;
}

/**
 * Staff administration of the org's users: rename, change role, disable, enable (adding one is
 * AuthService.createUser). Every change runs under the locks of the people it reads (see `locked`),
 * is audited in its transaction, and tells every process to forget the callers it cached, so a
 * demotion or a disable takes effect on the user's next request and their open websockets close.
 */
export class UserAdminService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly events: DomainEventBus,
  ) {}

  /** Renames and/or changes the role; what is left out stays. No change: nothing written. */
  async update(
    orgId: string,
    by: Manager,
    id: string,
    input: { name?: string | null; role?: Role | null },
  ): Promise<User> {
    // Left out or null (the schema allows both): unchanged.
    const name = input.name?.trim() || undefined;
    const role = input.role ?? undefined;
    return this.db.transaction(async (tx) => {
      const user = await this.checked(tx, orgId, by, id, { kind: 'update', role });
      const before = { name: user.name, role: user.role };
      const after = { name: name ?? user.name, role: role ?? user.role };
      if (after.name === before.name && after.role === before.role) return user;
      Object.assign(user, after);
      await tx.update(User, { id: user.id }, after);
      await this.audit.record(tx, orgId, by.actor, { type: 'User', id }, 'user.updated', before, after);
      await this.events.emit(tx, 'auth.access-ended', { why: 'user-changed' });
      return user;
    });
  }

  /**
   * Cuts a staff user off at once: their sessions end (open websockets close), their emailed password
   * reset links are spent, and sign-in refuses them as it refuses a wrong password; API tokens they made stop working while they are disabled (the
   * token lookup joins enabled users). Already disabled: no change.
   */
  async disable(orgId: string, by: Manager, id: string): Promise<User> {
    return this.db.transaction(async (tx) => {
      const user = await this.checked(tx, orgId, by, id, { kind: 'disable' });
      if (user.disabledAt) return user;
      user.disabledAt = new Date();
      await tx.update(User, { id: user.id }, { disabledAt: user.disabledAt });
      const sessions = await tx.delete(Session, { userId: id });
      // A reset link mailed before must not open the account if it is enabled again within its 30 minutes.
      await tx.update(PasswordReset, { userId: id, usedAt: IsNull() }, { usedAt: user.disabledAt });
      await this.audit.record(tx, orgId, by.actor, { type: 'User', id }, 'user.disabled', audited(user, null), {
        ...audited(user, user.disabledAt),
        sessionsEnded: sessions.affected ?? 0,
      });
      await this.events.emit(tx, 'auth.access-ended', { why: 'user-disabled' });
      return user;
    });
  }

  /**
   * Lets a disabled user sign in again with their password; their tokens work again. Sessions they had
   * stay ended: any still stored (one a sign-in wrote while the disable committed) is deleted here.
   */
  async enable(orgId: string, by: Manager, id: string): Promise<User> {
    return this.db.transaction(async (tx) => {
      const user = await this.checked(tx, orgId, by, id, { kind: 'enable' });
      if (!user.disabledAt) return user;
      const disabledAt = user.disabledAt;
      user.disabledAt = null;
      await tx.update(User, { id: user.id }, { disabledAt: null });
      await tx.delete(Session, { userId: id });
      await this.audit.record(
        tx,
        orgId,
        by.actor,
        { type: 'User', id },
        'user.enabled',
        audited(user, disabledAt),
        audited(user, null),
      );
      return user;
    });
  }

  /** The target, once the rules allow `change` to it as the database has it under lock; else their refusal. */
  private async checked(tx: EntityManager, orgId: string, by: Manager, id: string, change: UserChange): Promise<User> {
    const { target, actor, enabledOwners } = await this.locked(tx, orgId, by.userId, id);
    if (!target) throw notFound('User');
    const refusal = refusalOf(actor && personOf(actor), personOf(target), change, enabledOwners);
    if (refusal) throw refusal;
    return target;
  }

  /**
   * Locks the actor, the target and every enabled owner of the org (one statement, in id order, so two
   * changes lock them in the same order), then reads them as committed now. Every change that could take
   * ownership away locks all enabled owners: two owners demoting each other run one after the other, and
   * the second sees the first's result (its actor no longer an owner, its target the last one).
   */
  private async locked(tx: EntityManager, orgId: string, actorId: string, id: string) {
    await tx.query(
      `SELECT id FROM users
        WHERE org_id = $1 AND (id = ANY($2::uuid[]) OR (role = 'OWNER' AND disabled_at IS NULL))
        ORDER BY id FOR NO KEY UPDATE`,
      [orgId, [actorId, id]],
    );
    const people = await tx.getRepository(User).find({
      where: [
        { orgId, id },
        { orgId, id: actorId },
      ],
    });
    const [{ n }] = (await tx.query(
      `SELECT count(*)::int AS n FROM users WHERE org_id = $1 AND role = 'OWNER' AND disabled_at IS NULL`,
      [orgId],
    )) as Array<{ n: number }>;
    return {
      target: people.find((u) => u.id === id) ?? null,
      actor: people.find((u) => u.id === actorId) ?? null,
      enabledOwners: n,
    };
  }
}

const personOf = (u: User): Person => ({ id: u.id, role: u.role, disabled: !!u.disabledAt });

/** What the activity log keeps of a user on each side of a disable or enable. */
const audited = (u: User, disabledAt: Date | null) => ({ email: u.email, name: u.name, role: u.role, disabledAt });
