import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { createOrgWithOwner } from '../../../test/harness.js';
import { billingFixture } from '../../../test/fixtures.js';
import { race } from '../../../test/lock-races.js';

/**
 * Time put back up for invoicing (a void that releases it, a draft edit removing the line that billed it)
 * while someone rejects that same time. Rejecting locks the entries in id order; the release used to
 * update them in the order its scan met them, and the two deadlocked: the void or the edit answered
 * "Something went wrong". Each test holds the entry the release meets first, so the two meet at a known point.
 */
const s = settleForFile({ worker: false });

/** A draft billing six approved entries (one line), the entries in the order a scan of the invoice meets them. */
async function draftWithTime() {
  const { org } = await createOrgWithOwner(s);
  const f = await billingFixture(s.container, org.id);
  for (let n = 0; n < 6; n++) await f.approvedEntry(30 + n, '2026-11-02');
  const draft = (
    await s.container.generation.generate(org.id, f.actor, {
      clientIds: [f.client.id],
      periodStart: '2026-11-01',
      periodEnd: '2026-11-30',
    })
  ).invoices[0]!;
  const scanned = async () =>
    (
      (await s.container.db.query(`SELECT id FROM time_entries WHERE org_id = $1 AND invoice_id = $2`, [
        org.id,
        draft.id,
      ])) as Array<{ id: string }>
    ).map((r) => r.id);
  // The race needs the entry met first not to be the lowest id (rejecting takes the lower ones first);
  // a later work date moves its row behind the others, in the table and in the index a scan may use.
  let ids = await scanned();
  for (let n = 1; n <= 10 && ids[0] === [...ids].sort()[0]; n++) {
    await s.container.db.query(`UPDATE time_entries SET work_date = work_date + $2::int WHERE id = $1`, [ids[0], n]);
    ids = await scanned();
  }
  expect(ids[0]).not.toBe([...ids].sort()[0]);
  return { org, f, draft, ids };
}

/** Runs `release` against a rejection of all the draft's entries; both must finish, the time rejected and off the invoice. */
async function raceWithReject(release: (w: Awaited<ReturnType<typeof draftWithTime>>) => Promise<unknown>) {
  const w = await draftWithTime();
  // The entry the release meets first is held: the release waits there, then the rejection behind it.
  const [released, rejected] = await race(
    s.container.db,
    { sql: `SELECT id FROM time_entries WHERE id = $1 FOR UPDATE`, params: [w.ids[0]!] },
    () => release(w),
    () => s.container.timeEntries.reject(w.org.id, w.f.actor, w.ids, 'Not this client'),
  );
  expect(released.error).toBeUndefined();
  expect(rejected.error).toBeUndefined();
  const rows = (await s.container.db.query(
    `SELECT status, invoice_id, invoice_line_id FROM time_entries WHERE id = ANY($1::uuid[])`,
    [w.ids],
  )) as Array<{ status: string; invoice_id: string | null; invoice_line_id: string | null }>;
  expect(rows).toEqual(w.ids.map(() => ({ status: 'REJECTED', invoice_id: null, invoice_line_id: null })));
}

describe('releasing time from an invoice while it is being rejected', () => {
  it('voiding with the time released: both finish', async () => {
    await raceWithReject(({ org, f, draft }) =>
      s.container.invoices.void(org.id, f.actor, draft.id, { releaseTimeEntries: true }),
    );
  });

  it('a draft edit removing the line that billed it: both finish', async () => {
    await raceWithReject(({ org, f, draft }) =>
      s.container.invoices.updateDraft(org.id, f.actor, draft.id, {
        lines: [
          {
            kind: 'MANUAL' as const,
            description: 'Flat fee instead',
            serviceId: null,
            quantity: '1',
            unitPrice: 5000,
            discount: 0,
            taxRateBps: 0,
          },
        ],
      }),
    );
  });
});
