import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectNoChange, failure, ok } from '../../../test/api.js';
import { twoBilledOrgs, type BillingFixture } from '../../../test/fixtures.js';
import type { TestSettle } from '../../../test/harness.js';

/** Test support (not a test file): the checks every idempotent mutation must pass, written once. */

/** An org as these tests use it: two callers (the owner's session and an API token) and billing data. */
export interface KeyOrg {
  orgId: string;
  token: string;
  apiToken: string;
  fx: BillingFixture;
}

/** Two orgs of `s` (named `names`) with billing data at 100.00 an hour, as these tests use them. */
export async function twoKeyOrgs(s: TestSettle, names: [string, string]): Promise<[KeyOrg, KeyOrg]> {
  const { a, b, fa, fb } = await twoBilledOrgs(s, names, { catalogPrice: 10000 });
  const keyOrg = (o: typeof a, fx: BillingFixture): KeyOrg => ({
    orgId: o.org.id,
    token: o.token,
    apiToken: o.apiToken,
    fx,
  });
  return [keyOrg(a, fa), keyOrg(b, fb)];
}

type Vars = Record<string, unknown>;

export interface IdempotentCase {
  /** The mutation's field name. */
  mutation: string;
  /** The operation, taking `$key: String` as its idempotencyKey besides its own variables. */
  document: string;
  /** Makes what one call needs in the org: its variables, and other variables for the same thing. */
  prepare(o: KeyOrg): Promise<{ vars: Vars; other: Vars }>;
  /** The rows a call creates in the org (payments, invoices, emails…). */
  count(o: KeyOrg): Promise<number>;
  /**
   * How a concurrent call with the key behaves: 'wait' (the mutation is one transaction, the second call
   * waits for the first and replays it) or 'refuse' (it may get IDEMPOTENCY_KEY_IN_USE instead).
   */
  concurrent: 'wait' | 'refuse';
}

export const newKey = () => `key-${randomUUID()}`;

/** Counts `table`'s rows of the org (and `where`, SQL over the table's columns). */
export const rowsOf = async (s: TestSettle, table: string, orgId: string, where = 'true'): Promise<number> =>
  (await s.container.db.query(`SELECT count(*)::int AS n FROM ${table} WHERE org_id = $1 AND ${where}`, [orgId]))[0].n;

/**
 * The tests of one idempotent mutation; `settle` and `orgs` give Settle and two of its orgs once the
 * file's fixtures are made.
 */
export function describeIdempotent(settle: () => TestSettle, orgs: () => [KeyOrg, KeyOrg], c: IdempotentCase): void {
  const call = (o: KeyOrg, vars: Vars, key: string, token = o.token) =>
    settle().gql(c.document, { ...vars, key }, token);

  describe(`${c.mutation} with an idempotency key`, () => {
    it('replayed with the same arguments returns the first result and does nothing again', async () => {
      const [a] = orgs();
      const { vars } = await c.prepare(a);
      const key = newKey();
      const before = await c.count(a);
      const first = ok(await call(a, vars, key))[c.mutation];
      expect(await c.count(a)).toBe(before + 1);
      const again = ok(await call(a, vars, key))[c.mutation];
      expect(again).toEqual(first);
      expect(await c.count(a)).toBe(before + 1);
    });

    it('the same key with other arguments is refused, naming the key, and writes nothing', async () => {
      const [a] = orgs();
      const { vars, other } = await c.prepare(a);
      const key = newKey();
      ok(await call(a, vars, key));
      const n = await c.count(a);
      const refused = failure(await expectNoChange(settle(), () => call(a, other, key)));
      expect(refused).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey' });
      expect(refused.message).toContain(key);
      expect(refused.message).toContain('different arguments');
      expect(await c.count(a)).toBe(n);
    });

    it('two concurrent calls with one key do it once', async () => {
      const [a] = orgs();
      const { vars } = await c.prepare(a);
      const key = newKey();
      const before = await c.count(a);
      const answers = await Promise.all([call(a, vars, key), call(a, vars, key)]);
      expect(await c.count(a)).toBe(before + 1);
      const done = answers.filter((r) => !r.errors).map((r) => r.data[c.mutation]);
      const refused = answers.filter((r) => r.errors).map((r) => failure(r).code);
      if (c.concurrent === 'wait') expect(refused).toEqual([]);
      expect(
        refused.every((code) => code === 'IDEMPOTENCY_KEY_IN_USE'),
        JSON.stringify(refused),
      ).toBe(true);
      expect(done.length).toBeGreaterThanOrEqual(1);
      for (const d of done) expect(d).toEqual(done[0]);
    });

    it("another caller's and another org's calls with the same key are their own", async () => {
      const [a, b] = orgs();
      const key = newKey();
      ok(await call(a, (await c.prepare(a)).vars, key));
      // With one key space, these would be refused as the same key with other arguments.
      const n = await c.count(a);
      ok(await call(a, (await c.prepare(a)).vars, key, a.apiToken));
      expect(await c.count(a)).toBe(n + 1);
      const nb = await c.count(b);
      ok(await call(b, (await c.prepare(b)).vars, key));
      expect(await c.count(b)).toBe(nb + 1);
    });
  });
}
