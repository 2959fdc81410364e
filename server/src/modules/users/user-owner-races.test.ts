import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { createOrgWithOwner } from '../../../test/harness.js';
import { signedInUser } from '../../../test/fixtures.js';
import { race } from '../../../test/lock-races.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { usersOf } from './users.services.js';
import { LAST_OWNER } from './user-rules.js';

/**
 * Two owners demoting (or disabling) each other at the same moment. Each alone is allowed (the other
 * owner stays); both together would leave the org with no enabled owner and nobody able to make one.
 * Each change locks every enabled owner first, so the second waits for the first and then sees it: its
 * target is the last owner, and it is refused. The owners' rows are held so both sides meet there.
 */
const s = settleForFile({ worker: false });

async function twoOwners() {
  const o = await createOrgWithOwner(s);
  const email = `second-owner-${Date.now()}@${o.org.slug}.test`;
  await signedInUser(s, o.org.id, { email, name: 'Second Owner', role: 'OWNER' });
  const [{ id }] = (await s.container.db.query(`SELECT id FROM users WHERE email = $1`, [email])) as Array<{
    id: string;
  }>;
  const as = (userId: string) => ({ actor: { ...SYSTEM_ACTOR, id: userId }, userId });
  return { orgId: o.org.id, a: o.owner.id, b: id, as };
}

const enabledOwners = async (orgId: string) =>
  (
    (await s.container.db.query(
      `SELECT count(*)::int AS n FROM users WHERE org_id = $1 AND role = 'OWNER' AND disabled_at IS NULL`,
      [orgId],
    )) as Array<{ n: number }>
  )[0]!.n;

describe('two owners taking ownership from each other at once', () => {
  for (const how of ['demote', 'disable'] as const)
    it(`(${how}) one goes through, the other is refused, and one owner is left`, async () => {
      const { orgId, a, b, as } = await twoOwners();
      const users = usersOf(s.container);
      const change = (by: string, target: string) =>
        how === 'demote'
          ? users.update(orgId, as(by), target, { role: 'ADMIN' })
          : users.disable(orgId, as(by), target);
      const [first, second] = await race(
        s.container.db,
        { sql: `SELECT id FROM users WHERE id = ANY($1::uuid[]) FOR UPDATE`, params: [[a, b]] },
        () => change(a, b),
        () => change(b, a),
      );
      expect(first.error).toBeUndefined();
      expect(second.error).toBe(LAST_OWNER);
      expect(await enabledOwners(orgId)).toBe(1);
      const audited = (await s.container.db.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE org_id = $1 AND action IN ('user.updated', 'user.disabled')`,
        [orgId],
      )) as Array<{ n: number }>;
      expect(audited[0]!.n).toBe(1);
    });
});
