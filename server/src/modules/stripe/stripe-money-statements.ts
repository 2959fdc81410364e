import type { EntityManager } from 'typeorm';
import { isNewer } from './stripe-rules.js';
import type { EventScope } from './stripe-inbox.js';

/**
 * The statements of the Stripe money path that are not settlement's own: the version marks that keep an
 * older event from undoing a newer one, and the account each payment was taken in. Each is one round
 * trip, for one event or a whole batch.
 */

/** What a batch's recorded payment needs for its invoice's version mark. */
export interface PaidVersion {
  orgId: string;
  created: number;
  eventId: string;
  input: { invoiceId: string };
}

/**
 * Stores (created, event id) for an object when newer than what is stored, in one statement (the
 * upsert locks the row like SELECT … FOR UPDATE would); returns whether it was newer. The tie-break on
 * the event id compares bytes, as `isNewer` in stripe-rules.ts does. With `clearPaymentErrorOf`, the
 * invoice's last payment error is cleared in the same round trip.
 */
export async function bumpVersion(
  tx: EntityManager,
  orgId: string,
  objectId: string,
  created: number,
  eventId: string,
  state: string,
  clearPaymentErrorOf?: string,
): Promise<boolean> {
  const rows = (await tx.query(
    `WITH v AS (
       INSERT INTO stripe_object_versions AS cur (org_id, object_id, created, event_id, state) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (org_id, object_id) DO UPDATE SET created = EXCLUDED.created, event_id = EXCLUDED.event_id, state = EXCLUDED.state
        WHERE (cur.created, cur.event_id COLLATE "C") < (EXCLUDED.created, EXCLUDED.event_id COLLATE "C")
       RETURNING 1
     ), l AS (
       UPDATE stripe_invoice_links SET last_payment_error = NULL, last_payment_error_at = NULL, updated_at = now()
        WHERE $6::uuid IS NOT NULL AND org_id = $1 AND invoice_id = $6::uuid
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM v)::int AS newer`,
    [orgId, objectId, created, eventId, state, clearPaymentErrorOf ?? null],
  )) as Array<{ newer: number }>;
  return rows[0]!.newer > 0;
}

/**
 * Recorded payments move each invoice's `pay:` version mark to the newest of them (so an older failure
 * event cannot resurface) and clear its last payment error: one statement per batch. Two payments of
 * one invoice in a batch keep the newer mark (an upsert may touch a row only once per statement).
 */
export async function bumpPaidVersions(tx: EntityManager, records: PaidVersion[]): Promise<void> {
  if (!records.length) return;
  const newest = new Map<string, PaidVersion>();
  for (const r of records) {
    const key = `${r.orgId}:${r.input.invoiceId}`;
    const cur = newest.get(key);
    if (!cur || isNewer(r, cur)) newest.set(key, r);
  }
  const rows = [...newest.values()];
  await tx.query(
    `WITH u AS (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::text[]) AS u(org_id, invoice_id, created, event_id)),
     v AS (
       INSERT INTO stripe_object_versions AS cur (org_id, object_id, created, event_id, state)
       SELECT org_id, 'pay:' || invoice_id, created, event_id, 'paid' FROM u
       ON CONFLICT (org_id, object_id) DO UPDATE SET created = EXCLUDED.created, event_id = EXCLUDED.event_id, state = EXCLUDED.state
        WHERE (cur.created, cur.event_id COLLATE "C") < (EXCLUDED.created, EXCLUDED.event_id COLLATE "C")
     )
     UPDATE stripe_invoice_links AS l SET last_payment_error = NULL, last_payment_error_at = NULL, updated_at = now()
       FROM u WHERE l.org_id = u.org_id AND l.invoice_id = u.invoice_id AND l.last_payment_error IS NOT NULL`,
    [
      rows.map((r) => r.orgId),
      rows.map((r) => r.input.invoiceId),
      rows.map((r) => r.created),
      rows.map((r) => r.eventId),
    ],
  );
}

/**
 * Which Stripe account + mode each recorded payment (or refund) was taken in, so history stays readable
 * after the org connects another account: one statement per batch, a replay inserts nothing.
 */
export async function recordOrigins(
  tx: EntityManager,
  rows: Array<{ orgId: string; externalId: string; scope: EventScope }>,
): Promise<void> {
  if (!rows.length) return;
  await tx.query(
    `INSERT INTO stripe_payment_origins (org_id, external_id, account_id, livemode)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::boolean[]) ON CONFLICT DO NOTHING`,
    [
      rows.map((r) => r.orgId),
      rows.map((r) => r.externalId),
      rows.map((r) => r.scope.accountId),
      rows.map((r) => r.scope.livemode),
    ],
  );
}
