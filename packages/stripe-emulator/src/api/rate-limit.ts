import { StripeApiError } from '../core/errors.js';

/**
 * Per-account fixed one-second window, like Stripe's test-mode limit (25 read+write req/s).
 * 429 with `code: rate_limit` is what makes the SDK raise StripeRateLimitError.
 */
export class RateLimiter {
  private windows = new Map<string, { second: number; count: number }>();
  constructor(private readonly perSecond: number) {}

  hit(account: string): void {
    if (this.perSecond <= 0) return;
    const second = Math.floor(Date.now() / 1000);
    const w = this.windows.get(account);
    if (!w || w.second !== second) {
      this.windows.set(account, { second, count: 1 });
      return;
    }
    w.count++;
    if (w.count > this.perSecond) {
      throw new StripeApiError(
        429,
        {
          type: 'invalid_request_error',
          code: 'rate_limit',
          message:
            'Request rate limit exceeded. You can learn more about rate limits here https://stripe.com/docs/rate-limits.',
          doc_url: 'https://stripe.com/docs/error-codes/rate-limit',
        },
        // Stripe asks clients to back off and retry rate-limited requests.
        { 'Stripe-Should-Retry': 'true' },
      );
    }
  }
}
