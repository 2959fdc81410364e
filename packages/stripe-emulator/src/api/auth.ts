import type { IncomingHttpHeaders } from 'node:http';
import type { Store, AccountData } from '../core/store.js';
import { authError, StripeApiError } from '../core/errors.js';
import { stableHash, nowSeconds } from '../core/ids.js';

const KEY_RE = /^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/;

/** Live-mode keys (`sk_live_`, `rk_live_`): their account's objects and events say `livemode: true`. */
export const isLiveKey = (key: string) => /^(sk|rk|pk)_live_/.test(key);

/** Masks keys in messages the way Stripe does (`sk_test_****abcd`). */
const mask = (key: string) =>
  `${key.slice(0, key.indexOf('_', 3) + 1)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`;

/** Every request hashes its key: a bounded memo of the answers. */
const accountIds = new Map<string, string>();

/**
 * Each key suffix maps to one account, so `rk_test_X` shares `sk_test_X`'s account. Live keys get an
 * account of their own (the emulator keeps one data set per account; real Stripe keeps the same
 * account id with separate test and live data, which Settle handles alike by keying on account + mode).
 */
export function accountIdForKey(key: string): string {
  let id = accountIds.get(key);
  if (!id) {
    id = isLiveKey(key)
      ? `acct_1${stableHash(`live:${key.replace(/^(sk|rk|pk)_live_/, '')}`, 15)}`
      : `acct_1${stableHash(key.replace(/^(sk|rk|pk)_test_/, ''), 15)}`;
    if (accountIds.size >= 10_000) accountIds.clear();
    accountIds.set(key, id);
  }
  return id;
}

export function publishableKeyFor(secretKey: string): string {
  return secretKey.replace(/^(sk|rk)_(test|live)_/, 'pk_$2_');
}

export function extractKey(headers: IncomingHttpHeaders): string | undefined {
  const h = headers.authorization;
  if (!h) return undefined;
  if (h.startsWith('Bearer ')) return h.slice(7).trim();
  if (h.startsWith('Basic ')) return Buffer.from(h.slice(6), 'base64').toString('utf8').split(':')[0];
  return undefined;
}

/**
 * Resolves the account for a request: OAuth access tokens are bound to their connected account,
 * other test keys hash to their own account, and `Stripe-Account` switches to a connected one.
 */
export function authenticate(store: Store, headers: IncomingHttpHeaders): { acct: AccountData; key: string } {
  const key = extractKey(headers);
  if (!key) {
    throw authError(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    );
  }
  if (key.startsWith('pk_')) {
    throw authError(
      'This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.',
    );
  }
  if (!KEY_RE.test(key)) throw authError(`Invalid API Key provided: ${mask(key)}`);
  const bound = store.state.boundKeys[key];
  let acct: AccountData;
  if (bound?.startsWith('revoked:')) {
    throw authError(
      `The provided key '${mask(key)}' does not have access to account '${bound.slice(8)}' (or that account does not exist). Application access may have been revoked.`,
    );
  }
  if (bound) {
    const a = store.account(bound);
    if (!a) throw authError(`Invalid API Key provided: ${mask(key)}`);
    acct = a;
  } else {
    acct = store.ensureAccount(accountIdForKey(key), nowSeconds());
    if (isLiveKey(key) && !acct.livemode) {
      acct.livemode = true;
      store.changed();
    }
  }
  const target = headers['stripe-account'];
  if (typeof target === 'string' && target && target !== acct.id) {
    const connected = store.account(target);
    if (!connected || connected.platform !== acct.id) {
      throw new StripeApiError(403, {
        type: 'invalid_request_error',
        code: 'account_invalid',
        message: `The provided key '${mask(key)}' does not have access to account '${target}' (or that account does not exist). Application access may have been revoked.`,
      });
    }
    acct = connected;
  }
  return { acct, key };
}
