import type { Repository } from 'typeorm';
import type { StripeApi } from './stripe-client.js';
import type { StripeCheckoutSession } from './stripe-links.entity.js';

/**
 * Expires one session at Stripe and records what Stripe says it is now: `complete` when the payer got
 * there first. Stripe is asked whatever our clock says: a session paid in its last minute whose webhook
 * is late is past its expiry here but complete there. Only sessions our rows still hold open reach this
 * (the caller holds the invoice row lock), so each costs one or two calls, once. Errors other than "no
 * longer open" propagate (the caller's job retries), so a session is never marked expired here while it
 * is still open or complete at Stripe.
 */
export async function closeSession(
  repo: Repository<StripeCheckoutSession>,
  provider: StripeApi | null,
  s: StripeCheckoutSession,
): Promise<'expired' | 'complete'> {
  let status: 'expired' | 'complete' = 'expired';
  if (provider) {
    const reread = () =>
      provider
        .retrieveCheckoutSession(s.id)
        .catch((e: { statusCode?: number }) => (e?.statusCode === 404 ? null : Promise.reject(e)));
    // Past its expiry here: one read says what it became (an expire call would only fail).
    const seen = s.expiresAt.getTime() <= Date.now() ? await reread() : undefined;
    if (seen?.status === 'complete') status = 'complete';
    else if (seen === undefined || seen?.status === 'open') {
      try {
        const r = await provider.expireCheckoutSession(s.id);
        if (r.status === 'complete') status = 'complete';
      } catch (err) {
        // Already complete or expired on Stripe's side: re-read to record the truth.
        const now = await reread().catch(() => Promise.reject(err));
        if (now?.status === 'open') throw err;
        if (now?.status === 'complete') status = 'complete';
      }
    }
  }
  await repo.update({ id: s.id }, { status });
  return status;
}
