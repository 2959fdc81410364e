import type { Store } from '../core/store.js';
import { StripeApiError } from '../core/errors.js';

const TTL_MS = 24 * 3600 * 1000; // Stripe may prune keys once they are 24 h old.

export type IdempotencyCheck = { kind: 'replay'; status: number; body: string } | { kind: 'fresh' };

/**
 * Keys are scoped per account. A repeat with the same endpoint and params replays the stored
 * status and body byte for byte (the SDK retries POSTs with the same key); anything else errors.
 */
export class Idempotency {
  private inflight = new Set<string>();
  constructor(private readonly store: Store) {}

  private scoped(account: string, key: string) {
    return `${account}:${key}`;
  }

  check(account: string, key: string, method: string, path: string, params: string): IdempotencyCheck {
    const id = this.scoped(account, key);
    if (key.length > 255) {
      throw new StripeApiError(400, {
        type: 'invalid_request_error',
        message: 'Idempotency keys can be up to 255 characters long.',
      });
    }
    const entry = this.store.state.idempotency[id];
    if (entry && Date.now() - entry.createdAt > TTL_MS) delete this.store.state.idempotency[id];
    else if (entry) {
      if (entry.method !== method || entry.path !== path) {
        throw new StripeApiError(400, {
          type: 'idempotency_error',
          message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${entry.method} ${entry.path}' vs '${method} ${path}'). Try using a key other than '${key}' if you meant to execute a different request.`,
        });
      }
      if (entry.params !== params) {
        throw new StripeApiError(400, {
          type: 'idempotency_error',
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        });
      }
      return { kind: 'replay', status: entry.status, body: entry.body };
    }
    if (this.inflight.has(id)) {
      throw new StripeApiError(409, {
        type: 'idempotency_error',
        code: 'idempotency_key_in_use',
        message:
          'There is currently another in-progress request using this Stripe-Idempotency-Key. Please try again later.',
      });
    }
    this.inflight.add(id);
    return { kind: 'fresh' };
  }

  /**
   * Saves the response of a request whose endpoint began executing, errors included: a state error (a
   * 400 such as `charge_already_refunded`, a 402 decline, a 500) is answered again to a retry. Callers
   * `abandon` the key instead when the request failed validation (`isValidationFailure`), so a corrected
   * retry with the same key works.
   */
  finish(
    account: string,
    key: string,
    method: string,
    path: string,
    params: string,
    status: number,
    body: string,
  ): void {
    const id = this.scoped(account, key);
    this.inflight.delete(id);
    this.store.state.idempotency[id] = { method, path, params, status, body, createdAt: Date.now() };
    this.store.changed();
  }

  abandon(account: string, key: string): void {
    this.inflight.delete(this.scoped(account, key));
  }
}

/**
 * Stripe saves an idempotent result "only after the execution of an endpoint begins. If incoming parameters
 * fail validation, or the request conflicts with another that was executing concurrently", nothing is saved.
 * A 400 about the parameters themselves (missing, unknown, malformed, naming no object: the handler's first
 * checks, which carry no code, a `parameter_*` / `*_invalid` one or one of VALIDATION_CODES) is validation; a 400 about the
 * state of what they name (`charge_already_refunded`, `amount_too_large`, `invoice_unexpected_state`…) came
 * from the endpoint executing, and is saved.
 */
export function isValidationFailure(err: StripeApiError): boolean {
  if (err.status !== 400 || err.body.type !== 'invalid_request_error') return false;
  const code = err.body.code;
  return (
    !code ||
    code.startsWith('parameter_') ||
    code.startsWith('invalid_') ||
    code.endsWith('_invalid') ||
    VALIDATION_CODES.has(code)
  );
}

/** Codes about a parameter's value alone, whatever the state of the objects it names. */
const VALIDATION_CODES = new Set(['resource_missing', 'amount_too_small', 'incorrect_number']);
