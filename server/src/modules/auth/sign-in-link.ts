import type { DataSource, EntityManager } from 'typeorm';
import { Organization } from '../organizations/organization.entity.js';
import { hashToken } from '../../platform/crypto.js';
import { badInput } from '../../platform/errors.js';

/**
 * Whom a magic link (`ml_…`) or an invitation (`inv_…`) signs in, without using it: the account's email
 * and business, or the same refusal using it would give (spent, expired, disabled, archived, unknown).
 */
export async function signInLinkHolder(
  db: Pick<DataSource, 'query'>,
  token: string,
): Promise<{ email: string; organizationName: string }> {
  const invitation = token.startsWith('inv_');
  const rows: Array<{ email: string; organization_name: string }> = await db.query(
    invitation
      ? `SELECT p.email, o.name AS organization_name
           FROM portal_users p
           JOIN organizations o ON o.id = p.org_id
           JOIN clients c ON c.id = p.client_id AND c.org_id = p.org_id AND c.archived_at IS NULL
          WHERE p.invite_token_hash = $1 AND p.invite_expires_at > now() AND p.disabled_at IS NULL`
      : `SELECT p.email, o.name AS organization_name
           FROM magic_links m
           JOIN portal_users p ON p.id = m.portal_user_id AND p.disabled_at IS NULL
           JOIN organizations o ON o.id = p.org_id
           JOIN clients c ON c.id = p.client_id AND c.org_id = p.org_id AND c.archived_at IS NULL
          WHERE m.token_hash = $1 AND m.used_at IS NULL AND m.expires_at > now()`,
    [hashToken(token)],
  );
  const r = rows[0];
  if (!r)
    throw invitation
      ? badInput('token', 'This invitation link is invalid, expired or was already used; ask for a new one')
      : badInput('token', 'This sign-in link is invalid, expired or already used');
  return { email: r.email, organizationName: r.organization_name };
}

/**
 * Runs `write` (a link written and mailed) for each person, each in its own transaction, with the
 * person's org (its name goes in the email). The person is read again first, under a share lock of the
 * row a disable locks to close their links: one disabled since is mailed nothing, and a disable under
 * way waits for this link and then closes it.
 */
export async function forEachStillEnabled<P extends { id: string; orgId: string }>(
  db: DataSource,
  table: 'users' | 'portal_users',
  people: P[],
  write: (tx: EntityManager, person: P, org: Organization) => Promise<void>,
): Promise<void> {
  for (const person of people) {
    await db.transaction(async (tx) => {
      const [still] = await tx.query<unknown[]>(
        `SELECT 1 FROM ${table} WHERE id = $1 AND disabled_at IS NULL FOR SHARE`,
        [person.id],
      );
      if (still) await write(tx, person, await tx.findOneByOrFail(Organization, { id: person.orgId }));
    });
  }
}
