import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { billedOrgForFile, settleForFile } from '../../../test/for-file.js';
import { invitedPortalUser } from '../../../test/fixtures.js';
import { ok } from '../../../test/api.js';
import { authModule } from './auth.module.js';
import { sweepExpiredSignIns } from './expired-sign-in-sweep.js';

const s = settleForFile({ worker: false });
const org = billedOrgForFile(s, 'Expired sign-in sweep');

// Sessions, portal sign-in links and password reset links were never deleted: every sign-in and every
// link mailed stayed forever. The hourly sweep deletes those expired for more than 7 days, in batches.
describe('the sweep of expired sign-in rows', () => {
  it('deletes sessions and links expired for more than 7 days, used or not, and keeps the rest', async () => {
    const { a, f } = org;
    const db = s.container.db;
    const orgId = a.org.id;
    const [{ id: userId }] = await db.query(`SELECT id FROM users WHERE org_id = $1 LIMIT 1`, [orgId]);
    const portal = await invitedPortalUser(s, orgId, f.client.id, `sweep-${randomUUID()}@p.test`);
    const row = async (sql: string, params: unknown[]) =>
      ((await db.query(sql, params)) as Array<{ id: string }>)[0]!.id;
    const session = (expiry: string) =>
      row(
        `INSERT INTO sessions (token_hash, org_id, user_id, expires_at) VALUES ($1, $2, $3, now() + $4::interval) RETURNING id`,
        [randomUUID(), orgId, userId, expiry],
      );
    const link = (expiry: string, used: boolean) =>
      row(
        `INSERT INTO magic_links (token_hash, org_id, portal_user_id, expires_at, used_at)
         VALUES ($1, $2, $3, now() + $4::interval, CASE WHEN $5 THEN now() + $4::interval - interval '10 minutes' END) RETURNING id`,
        [randomUUID(), orgId, portal.id, expiry, used],
      );
    const reset = (expiry: string, used: boolean) =>
      row(
        `INSERT INTO password_resets (token_hash, org_id, user_id, expires_at, used_at)
         VALUES ($1, $2, $3, now() + $4::interval, CASE WHEN $5 THEN now() + $4::interval - interval '10 minutes' END) RETURNING id`,
        [randomUUID(), orgId, userId, expiry, used],
      );
    const gone = {
      sessions: [await session('-8 days'), await session('-30 days')],
      magic_links: [await link('-8 days', true), await link('-8 days', false)],
      password_resets: [await reset('-7 days -1 minute', true), await reset('-9 days', false)],
    };
    const kept = {
      sessions: [await session('-6 days'), await session('1 day')],
      magic_links: [await link('-1 day', true), await link('15 minutes', false)],
      password_resets: [await reset('-6 days -23 hours', false), await reset('30 minutes', false)],
    };

    // Batches of 1: every batch is bounded, and the sweep goes on until none is left.
    const deleted = await sweepExpiredSignIns(db, 1);
    for (const [table, ids] of Object.entries(gone)) {
      expect(deleted[table as keyof typeof deleted]).toBeGreaterThanOrEqual(ids.length);
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE id = ANY($1::uuid[])`, [ids]);
      expect(n, table).toBe(0);
    }
    for (const [table, ids] of Object.entries(kept)) {
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE id = ANY($1::uuid[])`, [ids]);
      expect(n, table).toBe(ids.length);
    }
    // The signed-in admin's session is untouched.
    expect(ok(await s.gql(`{ me { __typename } }`, {}, a.token)).me).toBeTruthy();
  });

  it('runs hourly, as the idempotency keys sweep does', async () => {
    const parts = await authModule.setup!(s.container);
    expect(parts.schedules).toContainEqual(
      expect.objectContaining({ task: 'auth.sweep-expired', match: '41 * * * *' }),
    );
    expect(parts.tasks?.['auth.sweep-expired']).toBeTypeOf('function');
  });
});
