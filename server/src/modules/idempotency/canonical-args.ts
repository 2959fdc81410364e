import { createHash, scryptSync } from 'node:crypto';

/**
 * The arguments of a call as one string that does not depend on how they were written: object keys
 * sorted at every depth, null and absent fields left out (a GraphQL client may send either for "not
 * given"), array order kept. Two calls mean the same when their canonical forms are equal.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => canonical(v ?? null));
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== null && v !== undefined) out[k] = canonical(v);
    }
    return out;
  }
  return value;
}

/** Argument names of secrets (createUser's first password): remembered only through a slow, salted hash. */
const SECRET = /password$/i;

/**
 * `value` with every field named as a secret replaced by its scrypt under `salt` (the key and its
 * caller): a retry with another password is still told apart (IDEMPOTENCY_KEY_REUSED, as Stripe answers
 * a key reused with other parameters), while a guesser holding the table pays scrypt for each guess of
 * each row, as sign-in makes them pay argon2, instead of testing millions a second against a sha256.
 */
function withSlowSecrets(value: unknown, salt: string): unknown {
  if (Array.isArray(value)) return value.map((v) => withSlowSecrets(v, salt));
  if (!value || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      SECRET.test(k) && typeof v === 'string'
        ? `scrypt:${scryptSync(v, salt, 32).toString('hex')}`
        : withSlowSecrets(v, salt),
    ]),
  );
}

/**
 * sha256 (hex) of the canonical form of `args`: what a key remembers of the call that first used it,
 * with any password in it through scrypt salted by `salt` (withSlowSecrets).
 */
export function argsHash(args: unknown, salt: string): string {
  return createHash('sha256')
    .update(canonicalJson(withSlowSecrets(args, salt)))
    .digest('hex');
}
