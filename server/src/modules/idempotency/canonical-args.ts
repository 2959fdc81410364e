import { createHash } from 'node:crypto';

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

/** Argument names of secrets (createUser's first password): kept out of what a key remembers. */
const SECRET = /password$/i;

/** `value` with every field named as a secret left out, at any depth. */
function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (!value || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value).flatMap(([k, v]) => (SECRET.test(k) ? [] : [[k, withoutSecrets(v)]])),
  );
}

/**
 * sha256 (hex) of the canonical form of `args`: what a key remembers of the call that first used it. A
 * password is left out: a fast unsalted hash of it, beside the email and name it goes with, would let anyone
 * reading the table test guesses at millions a second (sign-in costs argon2 each). A retry is the same call
 * whatever password it carries.
 */
export function argsHash(args: unknown): string {
  return createHash('sha256')
    .update(canonicalJson(withoutSecrets(args)))
    .digest('hex');
}
