import type Stripe from 'stripe';
import type { EntityManager } from 'typeorm';
import type { Container } from '../../app/container.js';
import type { StripeConnectionService } from './stripe-connection.service.js';
import type { StripeReader } from './stripe-claim-reads.js';
import { formatMoney } from '../../platform/money.js';
import { noticeToAdmins } from './stripe-admin-notices.js';
import { confirmFailedPayout, confirmPaidPayout, readOrReject } from './stripe-confirmation.js';
import { StripePayout } from './stripe-payout.entity.js';
import type { PayoutLine } from './stripe.events.js';

const idOf = (v: string | { id: string } | null | undefined) => (v == null ? null : typeof v === 'string' ? v : v.id);

/** What a payout paid out, from its balance transactions (sources expanded), in the books' words. Pure. */
export function payoutLines(txns: Stripe.BalanceTransaction[]): PayoutLine[] {
  return txns
    .filter((t) => t.type !== 'payout')
    .map((t) => {
      const src = t.source && typeof t.source === 'object' ? (t.source as { payment_intent?: unknown }) : null;
      return {
        type: t.type,
        source: idOf(t.source as string | { id: string } | null)!,
        paymentIntent: idOf(src?.payment_intent as string | { id: string } | null | undefined),
        amount: t.amount,
        fee: t.fee,
      };
    });
}

/** Stripe's `arrival_date` (unix seconds) as the calendar date the bank shows (UTC, as Stripe's dashboard). */
export const arrivalDateOf = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

/**
 * payout.paid: the payout is read back with the org's own key (it must be paid, for what the payload
 * says), recorded once per org (unique on its Stripe id) and announced (`stripe.payout-paid`) in the
 * same transaction, so the books follow exactly once.
 */
export class StripePayoutEffects {
  constructor(
    private readonly c: Container,
    private readonly connections: StripeConnectionService,
  ) {}

  async paid(orgId: string, claimed: Stripe.Payout, stripe: StripeReader): Promise<string> {
    const fresh = await readPayout(claimed, stripe);
    confirmPaidPayout(claimed, fresh);
    const lines = payoutLines(await stripe.read(`payout-txns:${fresh.id}`, (p) => p.listPayoutTransactions(fresh.id)));
    const conn = await this.connections.find(orgId);
    return this.c.db.transaction(async (tx) => {
      const id = await insertPayout(tx, orgId, fresh, conn?.accountId ?? null, fresh.status);
      if (!id) return `already recorded payout ${fresh.id}`;
      await this.c.events.emit(tx, 'stripe.payout-paid', {
        orgId,
        payout: {
          id,
          stripePayoutId: fresh.id,
          amount: fresh.amount,
          currency: fresh.currency.toUpperCase(),
          arrivalDate: arrivalDateOf(fresh.arrival_date),
          lines,
        },
      });
      return `payout ${fresh.id} recorded`;
    });
  }
  /**
   * payout.failed: the bank returned the payout, before or after Stripe showed it paid; Stripe puts the
   * money back in the balance. Read back with the org's own key (it must be failed). Recorded once: a
   * payout Settle recorded paid becomes `failed` and `stripe.payout-failed` (wasPaid) takes its Deposit
   * out of the books; one it never recorded is recorded failed, so a late payout.paid (Stripe, asked,
   * says failed) books nothing. The org's admins are told once, on that change; a replay changes nothing.
   */
  async failed(orgId: string, claimed: Stripe.Payout, stripe: StripeReader): Promise<string> {
    const fresh = await readPayout(claimed, stripe);
    confirmFailedPayout(claimed, fresh);
    const conn = await this.connections.find(orgId);
    const currency = fresh.currency.toUpperCase();
    return this.c.db.transaction(async (tx) => {
      const [known] = (await tx.query(
        `SELECT id, status FROM stripe_payouts WHERE org_id = $1 AND stripe_payout_id = $2 FOR UPDATE`,
        [orgId, fresh.id],
      )) as Array<{ id: string; status: string }>;
      if (known?.status === 'failed') return `already recorded failed payout ${fresh.id}`;
      let id: string | undefined = known?.id;
      if (known) {
        await tx.update(StripePayout, { id: known.id }, { status: 'failed' });
      } else {
        id = await insertPayout(tx, orgId, fresh, conn?.accountId ?? null, 'failed');
        if (!id) return `already recorded payout ${fresh.id}`;
      }
      const wasPaid = known?.status === 'paid';
      await this.c.events.emit(tx, 'stripe.payout-failed', {
        orgId,
        payout: { id: id!, stripePayoutId: fresh.id, wasPaid },
      });
      const amount = formatMoney(fresh.amount, currency);
      const why = fresh.failure_message ?? fresh.failure_code ?? 'no reason given';
      await noticeToAdmins(
        tx,
        this.c.email,
        { orgId, id: id! },
        {
          kind: 'payout_failed',
          subject: `Stripe payout of ${amount} returned by the bank`,
          text:
            `Stripe reports the payout ${fresh.id} of ${amount} failed: ${why}. The money is back in your Stripe balance` +
            (wasPaid
              ? ', not in your bank: Settle takes its deposit out of QuickBooks.'
              : ' and never reached your bank.') +
            ' Check the bank account in Stripe (Settings → Payouts); Stripe pays it out again once it is fixed.',
        },
      );
      return `payout ${fresh.id} failed (${why})${wasPaid ? ': its deposit is taken out of the books' : ''}`;
    });
  }
}

/** The payout as Stripe has it, read with the org's own key (once per claim). */
const readPayout = (claimed: Stripe.Payout, stripe: StripeReader) =>
  stripe.read(`payout:${claimed.id}`, (p) => readOrReject(`payout ${claimed.id}`, () => p.retrievePayout(claimed.id)));

/** Records the payout with `status`; its row id, or undefined when it was recorded already. */
async function insertPayout(
  tx: EntityManager,
  orgId: string,
  fresh: Stripe.Payout,
  accountId: string | null,
  status: string,
): Promise<string | undefined> {
  const rows = (await tx
    .createQueryBuilder()
    .insert()
    .into(StripePayout)
    .values({
      orgId,
      stripePayoutId: fresh.id,
      accountId,
      amount: fresh.amount,
      currency: fresh.currency.toUpperCase(),
      arrivalDate: arrivalDateOf(fresh.arrival_date),
      status,
    })
    .orIgnore()
    .returning(['id'])
    .execute()) as { raw: Array<{ id: string }> };
  return rows.raw[0]?.id;
}
